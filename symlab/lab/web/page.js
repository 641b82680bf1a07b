// A static page's driver (appended to panels.js inside the page): controls over the precomputed grid,
// and a stand-in for the widget model (get, set, on, off, save_changes) that feeds the renderer.
const DATA = JSON.parse(document.getElementById("symlab-data").textContent);

class PageModel {
  constructor() { this.state = {spec: null, data: null, frame: 0}; this.handlers = {}; }
  get(key) { return this.state[key]; }
  set(key, value) {
    const changed = this.state[key] !== value;
    this.state[key] = value;
    if (changed) for (const h of this.handlers[`change:${key}`] || []) h();
  }
  on(event, handler) { (this.handlers[event] = this.handlers[event] || []).push(handler); }
  off() {}
  save_changes() {}
}

async function unpack(run) {  // base64 → gzip → bytes (the browser's own DecompressionStream)
  const packed = Uint8Array.from(atob(run.data), c => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new DataView(await new Response(stream).arrayBuffer());
}

const model = new PageModel(), chosen = {...DATA.first}, box = document.querySelector(".page-controls");
const fixed = Object.entries(DATA.fixed).map(([k, v]) => `${k} ${v}`).join(", ");
document.querySelector(".page-note").textContent =
  `Precomputed by symlab (no Python running): the controls move among ${Object.keys(DATA.runs).length} settings` +
  (fixed ? `; fixed: ${fixed}.` : ".") + " Drag the epoch slider or press ▶ play.";
for (const c of DATA.controls.filter(c => c.tooltip).reverse()) {  // a control's tooltip, in view too
  document.querySelector(".page-note").after(Object.assign(document.createElement("p"),
                                                           {className: "page-note", textContent: c.tooltip}));
}
let shown = 0;

async function showRun() {
  const ticket = ++shown, key = DATA.controls.map(c => chosen[c.name]).join(",");
  const run = DATA.views[DATA.runs[key]], data = await unpack(run);
  if (ticket !== shown) return;
  const epoch = model.get("spec") ? model.get("spec").frames[model.get("frame")] : null;
  const frames = run.spec.frames;
  let frame = frames.length - 1;
  if (epoch !== null) { frame = 0; frames.forEach((e, i) => { if (e <= epoch) frame = i; }); }
  model.state.frame = frame;  // set quietly: the spec's change event draws once with everything in place
  model.state.data = data;
  model.set("spec", run.spec);
  document.body.dataset.run = key;
}

for (const c of DATA.controls) {
  const label = document.createElement("label");
  label.textContent = c.label;
  if (c.tooltip) label.title = c.tooltip;
  const index = chosen[c.name];
  if (c.kind === "select") {
    const select = document.createElement("select");
    select.name = c.name;
    c.choices.forEach(([text, value], i) => select.add(new Option(text, String(i), false, i === index)));
    select.addEventListener("change", () => { chosen[c.name] = select.selectedIndex; showRun(); });
    label.appendChild(select);
  } else {
    const input = Object.assign(document.createElement("input"),
                                {type: "range", min: 0, max: c.choices.length - 1, step: 1, value: index, name: c.name});
    const out = document.createElement("output");
    out.textContent = c.choices[index][0];
    input.addEventListener("input", () => {
      chosen[c.name] = Number(input.value); out.textContent = c.choices[chosen[c.name]][0]; showRun();
    });
    label.append(input, out);
  }
  box.appendChild(label);
}
mount(model, document.querySelector(".page-panels"));
showRun();
