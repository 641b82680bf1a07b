// symlab's dashboard renderer: the kernel computes a run once, this module draws it.
//
// The model (an anywidget model in a notebook, a stand-in with the same get/set/on/save_changes in a
// static page) holds three values:
//   spec  — JSON: the frames (recorded epochs), readouts, panels and their layers, colour maps, and an
//           index of the arrays in `data` (name -> {offset, shape, dtype});
//   data  — one binary buffer (DataView) with every array, little-endian float32, uint8 or uint16
//           (colour indices: uint8 0…255, uint16 0…65535 where a contour needs the finer steps);
//   frame — the index of the frame shown (the scrubber and ▶ play move it here, with no kernel).
// Panels are drawn on canvases sized to the width they get (crisp at any zoom: devicePixelRatio).
// What was drawn is written to each panel's data-drawn attribute (JSON: per layer, how many items and
// the sum of the values drawn), so tests compare it with what the package computed.

const FONT = 14;  // CSS px: every text on a panel, the tick labels included
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

function arrays(spec, view) {
  const out = {};
  for (const [name, a] of Object.entries(spec.arrays || {})) {
    const size = a.shape.reduce((p, q) => p * q, 1);
    const Type = {uint8: Uint8Array, uint16: Uint16Array}[a.dtype] || Float32Array;
    const data = new Type(view.buffer, view.byteOffset + a.offset, size);
    out[name] = {data, shape: a.shape, dtype: a.dtype};
  }
  return out;
}

// the slice of an array for frame f, if its first axis runs over frames
function atFrame(a, f, perFrame) {
  if (!perFrame) return {data: a.data, shape: a.shape};
  const inner = a.shape.slice(1), size = inner.reduce((p, q) => p * q, 1);
  return {data: a.data.subarray(f * size, (f + 1) * size), shape: inner};
}

function pick(value, f) { return Array.isArray(value) ? value[Math.min(f, value.length - 1)] : value; }

// ------------------------------------------------------------------ scales and ticks

function scale(axis, lo, hi) {
  const [a, b] = axis.range;
  if (axis.log) {
    const la = Math.log10(a), lb = Math.log10(b);
    return v => lo + (hi - lo) * (Math.log10(v) - la) / (lb - la);
  }
  return v => lo + (hi - lo) * (v - a) / (b - a);
}

function ticks(axis, count) {
  if (axis.ticks) return axis.ticks;
  const [a, b] = axis.range;
  if (axis.log) {
    const out = [], first = Math.ceil(Math.log10(a) - 1e-9), last = Math.floor(Math.log10(b) + 1e-9);
    const every = Math.max(1, Math.ceil((last - first + 1) / count));
    for (let k = first; k <= last; k += every) out.push([10 ** k, k === 0 ? "1" : `1e${k}`]);
    return out;
  }
  const raw = (b - a) / Math.max(1, count), power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * power).find(s => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(a / step - 1e-9) * step; v <= b + 1e-9 * step; v += step) {
    const r = Math.abs(v) < 1e-12 * step ? 0 : v;
    out.push([r, String(Number(r.toPrecision(6))).replace("-", "−")]);
  }
  return out;
}

// ------------------------------------------------------------------ colours

function lut(spec, name) { return spec.cmaps[name]; }  // flat [r, g, b, ...] with 256 entries

function normalise(layer) {
  const [lo, hi] = layer.range;
  if (layer.norm === "symlog") {
    const t = layer.linthresh, f = v => Math.sign(v) * Math.log10(1 + Math.abs(v) / t);
    const a = f(lo), b = f(hi);
    return v => (f(v) - a) / (b - a);
  }
  return v => (v - lo) / (hi - lo);
}

function imageData(ctx, z, rows, cols, layer, colours, alpha) {
  const img = ctx.createImageData(cols, rows), px = img.data, norm = normalise(layer);
  const uint8 = z instanceof Uint8Array, uint16 = z instanceof Uint16Array;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = z[r * cols + c];
      // image rows run from the bottom of the plot (origin "lower"), canvas rows from the top
      const o = 4 * ((layer.origin === "upper" ? r : rows - 1 - r) * cols + c);
      if (!uint8 && !uint16 && !Number.isFinite(v)) { px[o + 3] = 0; continue; }
      const k = uint8 ? v : uint16 ? v >> 8 : Math.max(0, Math.min(255, Math.round(255 * norm(v))));
      px[o] = colours[3 * k]; px[o + 1] = colours[3 * k + 1]; px[o + 2] = colours[3 * k + 2];
      px[o + 3] = Math.round(255 * alpha);
    }
  }
  return img;
}

// marching squares: the segments where the grid z (rows x cols over extent) crosses `level`
function contour(z, rows, cols, extent, level) {
  const [x0, x1, y0, y1] = extent, dx = (x1 - x0) / (cols - 1), dy = (y1 - y0) / (rows - 1), segs = [];
  const at = (r, c) => z[r * cols + c] - level;
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < cols - 1; c++) {
      const v = [at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c)];
      const p = [[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1]], cross = [];
      for (let e = 0; e < 4; e++) {
        const a = v[e], b = v[(e + 1) % 4];
        if ((a < 0) !== (b < 0)) {
          const t = a / (a - b), [ca, ra] = p[e], [cb, rb] = p[(e + 1) % 4];
          cross.push([x0 + dx * (ca + t * (cb - ca)), y0 + dy * (ra + t * (rb - ra))]);
        }
      }
      if (cross.length >= 2) segs.push([cross[0], cross[1]]);
      if (cross.length === 4) segs.push([cross[2], cross[3]]);
    }
  }
  return segs;
}

// ------------------------------------------------------------------ drawing one plot panel

function text(ctx, s, x, y, align = "center", base = "middle", colour = "#222", weight = "") {
  ctx.font = `${weight} ${FONT}px ${FONT_FAMILY}`;
  ctx.fillStyle = colour; ctx.textAlign = align; ctx.textBaseline = base;
  ctx.fillText(s, x, y);
}

function drawAxes(ctx, panel, box) {
  const {x, y} = panel, X = scale(x, box.left, box.right), Y = scale(y, box.bottom, box.top);
  ctx.strokeStyle = "#ddd"; ctx.lineWidth = 1;
  const xt = ticks(x, Math.max(2, Math.floor((box.right - box.left) / 60)));
  const yt = ticks(y, Math.max(2, Math.floor((box.bottom - box.top) / 40)));
  ctx.beginPath();
  if (!x.hide_ticks) for (const [v] of xt) { const p = Math.round(X(v)) + 0.5; ctx.moveTo(p, box.top); ctx.lineTo(p, box.bottom); }
  if (!y.hide_ticks) for (const [v] of yt) { const p = Math.round(Y(v)) + 0.5; ctx.moveTo(box.left, p); ctx.lineTo(box.right, p); }
  if (panel.grid !== false) ctx.stroke();
  ctx.strokeStyle = "#555"; ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.right - box.left, box.bottom - box.top);
  if (!x.hide_ticks) for (const [v, label] of xt) text(ctx, label, X(v), box.bottom + 4, "center", "top");
  if (!y.hide_ticks) for (const [v, label] of yt) text(ctx, label, box.left - 4, Y(v), "right", "middle");
  if (x.label) text(ctx, x.label, (box.left + box.right) / 2, box.bottom + (x.hide_ticks ? 4 : FONT + 8), "center", "top");
  if (y.label) {
    ctx.save(); ctx.translate(box.left - (y.hide_ticks ? 6 : box.yTickWidth + 10), (box.top + box.bottom) / 2);
    ctx.rotate(-Math.PI / 2); text(ctx, y.label, 0, 0, "center", "bottom"); ctx.restore();
  }
  return {X, Y};
}

function tickWidth(ctx, axis) {
  if (axis.hide_ticks) return 0;
  ctx.font = `${FONT}px ${FONT_FAMILY}`;
  return Math.max(0, ...ticks(axis, 6).map(([, s]) => ctx.measureText(s).width));
}

function polyline(ctx, xs, ys, X, Y, n, from = 0) {
  let pen = false, count = 0;
  ctx.beginPath();
  for (let i = from; i < n; i++) {
    const px = X(xs(i)), py = Y(ys(i));
    if (!Number.isFinite(px) || !Number.isFinite(py)) { pen = false; continue; }
    if (pen) ctx.lineTo(px, py); else ctx.moveTo(px, py);
    pen = true; count++;
  }
  ctx.stroke();
  return count;
}

function drawLayer(ctx, spec, A, layer, f, epoch, T, box) {
  const {X, Y} = T;
  const kind = layer.kind, digest = {kind, n: 0, sum: 0};
  const add = v => { if (Number.isFinite(v)) { digest.n++; digest.sum += v; } };
  ctx.save();
  ctx.beginPath(); ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top); ctx.clip();
  ctx.setLineDash(layer.dash || []); ctx.lineJoin = "round"; ctx.lineCap = "round";
  ctx.globalAlpha = layer.alpha ?? 1;
  if (kind === "lines") {  // y: (k, n) or (F, k, n) curves over x: (n); or x with the same shape as y
    const y = atFrame(A[layer.y], f, layer.per_frame), [k, n] = y.shape.length === 1 ? [1, y.shape[0]] : y.shape;
    const x = A[layer.x], xPer = x.shape.length > 1;
    const xv = xPer ? atFrame(x, f, layer.per_frame).data : x.data;
    const upto = layer.upto ? Math.min(n, f + 1) : n;  // a trail: the values up to this frame
    for (let j = 0; j < k; j++) {
      ctx.strokeStyle = pick(layer.colors, j); ctx.lineWidth = pick(layer.widths, j);
      polyline(ctx, i => xv[xPer ? j * n + i : i], i => y.data[j * n + i], X, Y, upto);
      for (let i = 0; i < upto; i++) add(y.data[j * n + i]);
    }
  } else if (kind === "points") {  // x, y: (n) or (F, n); c: (n) values through a colour map, or one colour
    const x = atFrame(A[layer.x], f, layer.per_frame).data, y = atFrame(A[layer.y], f, layer.per_frame).data;
    const c = layer.c ? A[layer.c].data : null, colours = layer.cmap ? lut(spec, layer.cmap) : null;
    for (let i = 0; i < x.length; i++) {
      const px = X(x[i]), py = Y(y[i]);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      if (c) { const k = Math.max(0, Math.min(255, Math.round(255 * c[i]))); ctx.fillStyle = `rgb(${colours[3 * k]},${colours[3 * k + 1]},${colours[3 * k + 2]})`; }
      else ctx.fillStyle = pick(layer.colors, i);
      ctx.beginPath(); ctx.arc(px, py, pick(layer.sizes, i), 0, 2 * Math.PI); ctx.fill();
      if (layer.stroke) { ctx.strokeStyle = layer.stroke; ctx.lineWidth = 0.6; ctx.stroke(); }
      add(x[i]); add(y[i]);
    }
  } else if (kind === "image") {  // z: (rows, cols) or (F, rows, cols) over extent [x0, x1, y0, y1]
    const z = atFrame(A[layer.z], f, layer.per_frame), [rows, cols] = z.shape;
    const img = imageData(ctx, z.data, rows, cols, layer, lut(spec, layer.cmap), 1);
    const off = document.createElement("canvas"); off.width = cols; off.height = rows;
    off.getContext("2d").putImageData(img, 0, 0);
    const [x0, x1, y0, y1] = layer.extent;
    ctx.imageSmoothingEnabled = !!layer.smooth;
    const left = X(x0), right = X(x1), top = Y(y1), bottom = Y(y0);
    ctx.drawImage(off, left, top, right - left, bottom - top);
    for (const v of z.data) add(v);
    if (layer.levels && pick(layer.contour ?? true, f)) {  // contour lines of z at these values (P = ½)
      ctx.globalAlpha = 1; ctx.strokeStyle = layer.line_color || "#000"; ctx.lineWidth = layer.line_width || 2;
      digest.segments = 0;
      for (const level of layer.levels) {
        const segs = contour(z.data, rows, cols, layer.extent, level);
        ctx.beginPath();
        for (const [[ax, ay], [bx, by]] of segs) { ctx.moveTo(X(ax), Y(ay)); ctx.lineTo(X(bx), Y(by)); }
        ctx.stroke();
        digest.segments += segs.length;
      }
    }
  } else if (kind === "bars") {  // a histogram: edges (n + 1), heights (n) or (F, n)
    const e = A[layer.edges].data, h = atFrame(A[layer.heights], f, layer.per_frame).data;
    ctx.fillStyle = layer.color;
    for (let i = 0; i < h.length; i++) {
      const l = X(e[i]), r = X(e[i + 1]), t = Y(h[i]), b = Y(0);
      ctx.fillRect(l, Math.min(t, b), Math.max(1, r - l - 1), Math.abs(b - t));
      add(h[i]);
    }
  } else if (kind === "vline" || kind === "hline") {  // at: a number, a per-frame list, or "epoch"
    const v = layer.at === "epoch" ? epoch : pick(layer.at, f);
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      ctx.strokeStyle = layer.color; ctx.lineWidth = layer.width || 1.5; ctx.beginPath();
      if (kind === "vline") { ctx.moveTo(X(v), box.top); ctx.lineTo(X(v), box.bottom); }
      else { ctx.moveTo(box.left, Y(v)); ctx.lineTo(box.right, Y(v)); }
      ctx.stroke(); add(v);
    }
  } else if (kind === "span") {  // shaded x ranges: [[x0, x1], ...] or one list per frame
    ctx.fillStyle = layer.color;
    for (const [a, b] of (layer.per_frame ? pick(layer.spans, f) : layer.spans)) {
      ctx.fillRect(X(a), box.top, X(b) - X(a), box.bottom - box.top); add(a); add(b);
    }
  }
  ctx.restore();
  return digest;
}

function drawNote(ctx, note, box) {
  if (!note) return;
  const lines = String(note).split("\n");
  ctx.font = `bold ${FONT}px ${FONT_FAMILY}`;
  const w = Math.max(...lines.map(s => ctx.measureText(s).width)) + 14, h = lines.length * (FONT + 4) + 10;
  const cx = (box.left + box.right) / 2, cy = (box.top + box.bottom) / 2;
  ctx.fillStyle = "rgba(255,255,255,0.92)"; ctx.strokeStyle = "#b00"; ctx.lineWidth = 1.5;
  ctx.fillRect(cx - w / 2, cy - h / 2, w, h); ctx.strokeRect(cx - w / 2, cy - h / 2, w, h);
  lines.forEach((s, i) => text(ctx, s, cx, cy - h / 2 + 5 + (i + 0.5) * (FONT + 4), "center", "middle", "#b00", "bold"));
}

function drawColorbar(ctx, spec, bar, box) {
  const colours = lut(spec, bar.cmap), w = 12, left = box.right + 10;
  for (let i = 0; i < 256; i++) {
    const t = box.bottom - (box.bottom - box.top) * (i + 1) / 256;
    ctx.fillStyle = `rgb(${colours[3 * i]},${colours[3 * i + 1]},${colours[3 * i + 2]})`;
    ctx.fillRect(left, t, w, (box.bottom - box.top) / 256 + 1);
  }
  ctx.strokeStyle = "#555"; ctx.strokeRect(left + 0.5, box.top + 0.5, w, box.bottom - box.top);
  for (const [pos, label] of bar.ticks) {  // pos: 0 (bottom) … 1 (top)
    text(ctx, label, left + w + 4, box.bottom - pos * (box.bottom - box.top), "left", "middle");
  }
}

function plotBox(ctx, panel, width, height) {
  const yTick = tickWidth(ctx, panel.y);
  const left = 6 + (panel.y.label ? FONT + 6 : 0) + (panel.y.hide_ticks ? 0 : yTick + 8);
  ctx.font = `${FONT}px ${FONT_FAMILY}`;
  const xt = panel.x.hide_ticks ? [] : ticks(panel.x, 6), lastTick = xt.length ? xt[xt.length - 1][1] : "";
  const right = width - Math.max(6, ctx.measureText(lastTick).width / 2 + 3) - (panel.colorbar ? 18 + panel.colorbar.width : 0);
  const bottom = height - 6 - (panel.x.label ? FONT + 6 : 0) - (panel.x.hide_ticks ? 0 : FONT + 6);
  let box = {left, right, top: 8, bottom, yTickWidth: yTick};
  if (panel.square) {  // equal units on both axes, centred
    const side = Math.min(box.right - box.left, box.bottom - box.top), cx = (box.left + box.right) / 2;
    box = {...box, left: cx - side / 2, right: cx + side / 2, bottom: box.top + side};
  }
  return box;
}

function drawPlot(ctx, spec, A, panel, f, epoch, width, height) {
  const box = plotBox(ctx, panel, width, height);
  const T = {X: scale(panel.x, box.left, box.right), Y: scale(panel.y, box.bottom, box.top)};
  const digests = [];
  // grid and frame under the data, tick labels from drawAxes
  for (const layer of panel.layers.filter(l => l.under)) digests.push(drawLayer(ctx, spec, A, layer, f, epoch, T, box));
  drawAxes(ctx, panel, box);
  for (const layer of panel.layers.filter(l => !l.under)) digests.push(drawLayer(ctx, spec, A, layer, f, epoch, T, box));
  if (panel.colorbar) drawColorbar(ctx, spec, panel.colorbar, box);
  drawNote(ctx, pick(panel.note, f), box);
  return digests;
}

// one small map per hidden unit on one colour scale, the data faint on top
function drawTiles(ctx, spec, A, panel, f, width, height) {
  const z = atFrame(A[panel.z], f, true), [H, rows, cols] = z.shape;
  const barW = panel.colorbar ? 30 + panel.colorbar.width : 0, gap = 4;
  const avail = {w: width - barW - 4, h: height - 4};
  let best = {side: 0, columns: 1};
  for (let c = 1; c <= H; c++) {
    const r = Math.ceil(H / c), side = Math.min((avail.w - gap * (c - 1)) / c, (avail.h - gap * (r - 1)) / r);
    if (side > best.side) best = {side, columns: c};
  }
  const {side, columns} = best, colours = lut(spec, panel.cmap), size = rows * cols;
  const points = panel.points ? {x: A[panel.points.x].data, y: A[panel.points.y].data} : null;
  const [x0, x1, y0, y1] = panel.extent;
  const digest = {kind: "tiles", n: 0, sum: 0, tiles: H};
  for (let j = 0; j < H; j++) {
    const left = 2 + (j % columns) * (side + gap), top = 2 + Math.floor(j / columns) * (side + gap);
    const tile = z.data.subarray(j * size, (j + 1) * size);
    const img = imageData(ctx, tile, rows, cols, {range: [0, 255], origin: "lower"}, colours, 1);
    const off = document.createElement("canvas"); off.width = cols; off.height = rows;
    off.getContext("2d").putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, left, top, side, side);
    for (const v of tile) { digest.n++; digest.sum += v; }
    if (points && side >= 24) {
      ctx.fillStyle = "rgba(0,0,0,0.22)";
      for (let i = 0; i < points.x.length; i += panel.points.every || 1) {
        const px = left + side * (points.x[i] - x0) / (x1 - x0), py = top + side * (1 - (points.y[i] - y0) / (y1 - y0));
        ctx.fillRect(px - 0.6, py - 0.6, 1.2, 1.2);
      }
    }
    ctx.strokeStyle = "#777"; ctx.lineWidth = 1; ctx.strokeRect(left + 0.5, top + 0.5, side - 1, side - 1);
    if (side >= 30) text(ctx, String(j + 1), left + 3, top + 2, "left", "top", "#000");
  }
  if (panel.colorbar) {
    const rowsUsed = Math.ceil(H / columns), tilesH = rowsUsed * side + (rowsUsed - 1) * gap;
    const right = 2 + columns * (side + gap) - gap;
    drawColorbar(ctx, spec, panel.colorbar, {right: right + 2, top: 2 + 8, bottom: 2 + Math.max(60, tilesH) - 8});
  }
  return [digest];
}

// ------------------------------------------------------------------ the widget

const PLAY = "▶ play", PAUSE = "❚❚ pause";

export function mount(model, el, options = {}) {
  const root = document.createElement("div");
  root.className = "symlab-panels";
  root.dataset.font = String(FONT);  // the CSS px of every text drawn on the canvases
  root.innerHTML = `
    <div class="symlab-readout" aria-live="polite"></div>
    <div class="symlab-scrub">
      <button type="button" class="symlab-play" title="play the recorded training">${PLAY}</button>
      <label class="symlab-scrub-label"><span class="symlab-frame-name">epoch</span>
        <input type="range" class="symlab-scrubber" min="0" max="0" step="1" value="0"></label>
      <output class="symlab-epoch"></output>
    </div>
    <div class="symlab-row"></div>
    <div class="symlab-call" title="click to select, then copy: it rebuilds this view">this view in one line:
      <code class="symlab-code"></code></div>`;
  el.appendChild(root);
  const readout = root.querySelector(".symlab-readout"), row = root.querySelector(".symlab-row");
  const scrubber = root.querySelector(".symlab-scrubber"), play = root.querySelector(".symlab-play");
  const epochOut = root.querySelector(".symlab-epoch"), scrubRow = root.querySelector(".symlab-scrub");
  const callOut = root.querySelector(".symlab-code");
  // `current` is the frame shown: the browser's own (scrubber, play); the model follows it, and a value
  // coming back from the kernel (an echo of an earlier save, or a new run) is taken only when not playing
  let spec = null, A = null, cells = [], timer = null, saved = null, lastWidth = 0, current = 0;

  function build() {
    spec = model.get("spec");
    const data = model.get("data");
    if (!spec || !spec.panels || !data) return false;
    const view = data instanceof DataView ? data : new DataView(data.buffer || data);
    A = arrays(spec, view);
    if (cells.length !== spec.panels.length || cells.some((c, i) => c.kind !== spec.panels[i].kind)) {
      row.innerHTML = ""; cells = [];
      for (const panel of spec.panels) {
        const cell = document.createElement("figure");
        cell.className = "symlab-panel";
        cell.innerHTML = `<figcaption class="symlab-title"></figcaption><canvas></canvas><div class="symlab-legend"></div>`;
        row.appendChild(cell);
        cells.push({kind: panel.kind, el: cell, canvas: cell.querySelector("canvas"),
                    title: cell.querySelector(".symlab-title"), legend: cell.querySelector(".symlab-legend")});
      }
    }
    spec.panels.forEach((panel, i) => {
      const c = cells[i];
      c.el.style.flex = `${panel.weight || 1} 1 0`;
      c.legend.innerHTML = (panel.legend || []).map(([colour, label, dash]) =>
        `<span class="symlab-key"><i style="border-top:3px ${dash ? "dashed" : "solid"} ${colour}"></i>${label}</span>`).join("");
    });
    const frames = spec.frames.length;
    scrubber.max = String(frames - 1);
    root.querySelector(".symlab-frame-name").textContent = spec.frame_name || "epoch";
    scrubRow.style.display = frames > 1 ? "" : "none";
    return true;
  }

  function frameIndex() {
    return Math.max(0, Math.min(spec.frames.length - 1, current | 0));
  }

  function draw() {
    if (!spec) return;
    const f = frameIndex(), epoch = spec.frames[f];
    scrubber.value = String(f);
    epochOut.textContent = pick(spec.frame_labels, f) ?? `${epoch} of ${spec.last_epoch ?? spec.frames[spec.frames.length - 1]}`;
    readout.innerHTML = pick(spec.readout, f);
    callOut.textContent = (spec.call || "").replace("{epoch}", String(epoch));
    root.querySelector(".symlab-call").style.display = spec.call ? "" : "none";
    const height = panelHeight();
    const drawn = [];
    spec.panels.forEach((panel, i) => {
      const c = cells[i], width = Math.max(60, Math.floor(c.canvas.parentElement.clientWidth));
      const ratio = window.devicePixelRatio || 1;
      if (c.canvas.width !== Math.round(width * ratio) || c.canvas.height !== Math.round(height * ratio)) {
        c.canvas.width = Math.round(width * ratio); c.canvas.height = Math.round(height * ratio);
        c.canvas.style.width = `${width}px`; c.canvas.style.height = `${height}px`;
      }
      const ctx = c.canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      c.title.textContent = pick(panel.title, f);
      const digests = panel.kind === "tiles" ? drawTiles(ctx, spec, A, panel, f, width, height)
                                             : drawPlot(ctx, spec, A, panel, f, epoch, width, height);
      c.canvas.dataset.drawn = JSON.stringify({frame: f, epoch, layers: digests});
      drawn.push(digests);
    });
    root.dataset.frame = String(f);
    root.dataset.epoch = String(epoch);
    root.dataset.run = spec.key || "";
    root.dataset.drawnAt = String(performance.now());
  }

  // panels are as tall as a fraction of their row's width, within what a 768-px screen leaves
  function panelHeight() {
    const width = row.clientWidth || 600;
    const [lo, hi] = spec.height || [170, 300];
    return Math.round(Math.max(lo, Math.min(hi, width * (spec.aspect || 0.3))));
  }

  function save() {  // tell the kernel the frame shown (for the one-line call and tests), 150 ms after the last move
    clearTimeout(saved);
    saved = setTimeout(() => model.save_changes(), 150);
  }

  function show(f) {
    current = f;
    draw();
    model.set("frame", f);
    if (!timer) save();
  }

  function stop() {
    if (!timer) return;
    cancelAnimationFrame(timer); timer = null; play.textContent = PLAY;
    save();
  }
  // ▶ play: one recorded epoch per display frame at most, and at least play_ms apart; each step is drawn
  // in an animation frame of its own, so the screen shows every one (a busy machine plays slower, skips none)
  play.addEventListener("click", () => {
    if (timer) return stop();
    clearTimeout(saved);
    const last = spec.frames.length - 1;
    if (frameIndex() >= last) show(0);
    play.textContent = PAUSE;
    const ms = spec.play_ms || 40;
    let previous = performance.now();
    const step = now => {
      if (now - previous >= ms - 2) {
        previous = now;
        const f = frameIndex();
        if (f >= last) { stop(); return; }  // timer holds this frame's id: cancelling it does nothing
        show(f + 1);
      }
      timer = requestAnimationFrame(step);
    };
    timer = requestAnimationFrame(step);
  });
  scrubber.addEventListener("input", () => { stop(); show(Number(scrubber.value)); });
  // arrow keys, Home and End move the scrubber, not JupyterLab's cell selection
  scrubber.addEventListener("keydown", event => event.stopPropagation());

  const observer = new ResizeObserver(() => {
    const w = row.clientWidth;
    if (spec && Math.abs(w - lastWidth) > 0.5) { lastWidth = w; draw(); }
  });
  observer.observe(row);

  // a new run sets spec, data and frame in one message: their change events fire one after another in the
  // same task, so they are gathered and the run is built and drawn once, after the last
  let pending = false;
  const onData = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; stop(); current = model.get("frame") | 0; if (build()) draw(); });
  };
  model.on("change:spec", onData);
  model.on("change:data", onData);
  model.on("change:frame", () => {
    const f = model.get("frame") | 0;
    if (spec && !pending && !timer && f !== current) { current = f; draw(); }
  });
  current = model.get("frame") | 0;
  if (build()) draw();
  return () => { stop(); observer.disconnect(); model.off && model.off("change:spec", onData); };
}

export default { render({ model, el }) { return mount(model, el); } };
