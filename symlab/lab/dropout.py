"""Notebook 04: does dropout break the symmetry, and how well?

* :func:`dropout_run`, :func:`dropout_table`, :func:`dropout_verdict` — a constant start
  trained with dropout against He's random start;
* :func:`minibatch_spread` — shuffled mini-batches alone split nothing;
* :class:`DropoutFigure`, :func:`plot_dropout_spreads`, :func:`dropout_dashboard`.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..checks import check_choice, check_int, check_positive, check_probability
from ..data import make_dataset
from ..metrics import distinct_units, label_entropy, row_spread, unit_params
from ..mlp import MLP
from ..train import train
from .apps import Dashboard, float_slider, int_slider
from .figures import APP_SIZE, UnitCurves, chance_line, new_figure, panel_grid, suptitle, unit_ylim
from .runs import PROBE, Run, epochs_to
from .view import View, colour, frame_maps, loss_panel, tile_grid, unit_tiles


# ----------------------------------------------------------- experiments


@dataclass(frozen=True)
class DropoutRun:
    """A ``[2, H, 1]`` tanh net trained on circles with dropout (see :func:`dropout_run`).

    Attributes
    ----------
    run : symlab.lab.runs.Run
    epochs : ndarray (R,)
        The recorded epochs.
    spread : ndarray (R,)
        Row spread of ``W1`` at each recorded epoch (0 = every row identical).
    """

    run: Run
    epochs: np.ndarray
    spread: np.ndarray

    @property
    def history(self):
        return self.run.history


def dropout_run(p=0.2, init="constant", seed=0, hidden=8, epochs=1000, lr=1.0, record_every=10):
    """Train a ``[2, hidden, 1]`` tanh net on 200 circles points with inverted dropout ``p`` (cached).

    Parameters
    ----------
    p : float in [0, 1)
        Probability of dropping each hidden output, per example and step; 0 = no dropout.
    init : {"constant", "he_normal"}
        Constant 0.5 (symmetric) or He's random init.
    seed : int >= 0
        Seeds the He weights and the dropout masks (the data are always seed 0).
    epochs, lr : full-batch steps and learning rate (the loss is recorded without dropout).
    record_every : int
        Interval of the recorded row spread (epochs); epochs 0 and 1 are always recorded.

    Returns
    -------
    DropoutRun
    """
    return _dropout_run(check_probability("p", p), check_choice("init", init, ("constant", "he_normal")),
                        check_int("seed", seed, 0), check_int("hidden", hidden, 1, 256), check_int("epochs", epochs),
                        check_positive("lr", lr), check_int("record_every", record_every))


@lru_cache(maxsize=64)
def _dropout_run(p, init, seed, hidden, epochs, lr, record_every):
    X, Y = make_dataset("circles", 200, 0.1, 0)
    net = MLP([2, hidden, 1], "tanh", init, 0.5 if init == "constant" else 1.0, seed)
    record = sorted(set(range(0, epochs + 1, record_every)) | {1, epochs})
    history = train(net, X, Y, epochs=epochs, lr=lr, dropout=p, seed=seed + 1000, record=record, probe=PROBE)
    spread = np.array([row_spread(history.snapshots[e].params["W1"]) for e in record])
    settings = dict(p=p, init=init, seed=seed, hidden=hidden, epochs=epochs, lr=lr, record_every=record_every)
    return DropoutRun(Run(settings, net, history, X, Y, PROBE, label_entropy(Y)), np.array(record), spread)


SPLIT_LEVEL = 0.1  # row spread (weight units) taken as "the units have split"


def dropout_summary(d, at=200):
    """Numbers of one :class:`DropoutRun`: spreads, losses, accuracy, epochs to 95 %.

    ``spread_first`` is the row spread of ``W1`` after the first step (epoch 1),
    ``spread_at`` at epoch ``at`` (the latest recorded epoch at or before it),
    ``spread_end`` after training; ``loss_at`` is the training loss at epoch ``at``;
    ``split_at`` the first recorded epoch with a row spread >= :data:`SPLIT_LEVEL`
    (``None`` if never).
    """
    h = d.history
    index = np.searchsorted(d.epochs, at, side="right") - 1
    split = np.flatnonzero(d.spread >= SPLIT_LEVEL)
    return dict(p=d.run.settings["p"], init=d.run.settings["init"], seed=d.run.settings["seed"],
                spread_first=float(d.spread[1]), spread_at=float(d.spread[index]), spread_end=float(d.spread[-1]),
                loss_at=float(h.loss[min(at, len(h.loss) - 1)]), final_loss=h.final_loss,
                accuracy=h.final_accuracy, to95=epochs_to(h),
                distinct=distinct_units(unit_params(d.run.net.params)), hidden=d.run.settings["hidden"],
                split_at=int(d.epochs[split[0]]) if len(split) else None)


def dropout_table(cases=(("constant", 0.2), ("he_normal", 0.2), ("he_normal", 0.0)), seeds=range(5), at=200,
                  **settings):
    """Print, per ``(init, p)``, the mean over ``seeds`` of the numbers of :func:`dropout_summary`.

    Also prints the range (min–max over seeds) of the epochs to 95 % accuracy.
    Returns a dict ``(init, p) -> list of summaries`` (one per seed).
    """
    table = {}
    print(f"{'init':<10} {'dropout':>7}  {'row spread after step 1':>23}  {'loss at ' + str(at):>11}  "
          f"{'final loss':>10}  {'accuracy':>8}  {'epochs to 95%':>13}")
    for init, p in cases:
        rows = [dropout_summary(dropout_run(p, init, seed, **settings), at) for seed in seeds]
        table[(init, p)] = rows
        to95 = [r["to95"] for r in rows]
        span = "never" if None in to95 else f"{min(to95)}-{max(to95)}"
        print(f"{init:<10} {p:>7g}  {np.mean([r['spread_first'] for r in rows]):>23.1e}  "
              f"{np.mean([r['loss_at'] for r in rows]):>11.3f}  {np.mean([r['final_loss'] for r in rows]):>10.3f}  "
              f"{np.mean([r['accuracy'] for r in rows]):>8.1%}  {span:>13}")
    return table


def dropout_verdict(table):
    """Print the verdict of :func:`dropout_table` in words, every number computed from ``table``.

    ``table`` must hold ``("constant", p)``, ``("he_normal", p)`` (the same p > 0) and
    ``("he_normal", 0.0)``. Returns a dict: ``p``, ``all_distinct`` (every constant +
    dropout run ended with all units distinct), ``spread_ratio`` (He's row spread after
    one step over dropout's, mean over seeds), ``slowdown`` (min and max over seeds of
    the constant + dropout run's epochs to 95 % divided by He's without dropout, same
    seed; ``None`` if a run never got there).
    """
    p = next(p for init, p in table if init == "constant")
    constant, he = table[("constant", p)], table[("he_normal", 0.0)]
    split = [r["split_at"] for r in constant]
    distinct_runs = sum(r["distinct"] == r["hidden"] for r in constant)
    spread_ratio = float(np.mean([r["spread_first"] for r in he]) / np.mean([r["spread_first"] for r in constant]))
    ratios = [c["to95"] / h["to95"] for c, h in zip(constant, he) if c["to95"] and h["to95"]]
    slowdown = (min(ratios), max(ratios)) if len(ratios) == len(constant) else None
    print(f"With dropout p = {p:g}, the constant start ended with all units distinct in "
          f"{distinct_runs} of {len(constant)} seeds: dropout does break the symmetry.")
    print(f"But it starts {spread_ratio:.0f} times less different than He's random start (row spread after one step),")
    print(f"its row spread stays below {SPLIT_LEVEL:g} until epoch {min(split)} to {max(split)},")
    if slowdown is None:
        print("and some runs never reached 95% training accuracy.")
    else:
        print(f"and it needs {slowdown[0]:.1f} to {slowdown[1]:.1f} times as many epochs (seed by seed) "
              f"as He's start without dropout "
              "to reach 95% training accuracy.")
    return dict(p=p, all_distinct=distinct_runs == len(constant), spread_ratio=spread_ratio, slowdown=slowdown,
                split=(min(split), max(split)))


def epochs_to_learn(ps=(0.1, 0.2, 0.5), seeds=range(3), epochs=1500):
    """Print, per drop probability, the range over ``seeds`` of the epochs the constant start with dropout
    needs to reach 95 % training accuracy (:func:`dropout_run`, trained for ``epochs`` so that every run
    gets there); returns a dict p -> list of epochs (``None`` = not within ``epochs``)."""
    out = {}
    print(f"constant start + dropout, epochs to 95% training accuracy (seeds {min(seeds)}-{max(seeds)}, "
          f"at most {epochs}):")
    for p in ps:
        out[p] = [epochs_to(dropout_run(p, "constant", seed, epochs=epochs).history) for seed in seeds]
        span = "never" if None in out[p] else f"{min(out[p])}-{max(out[p])}"
        print(f"  p = {p:g}: {span}")
    return out


def minibatch_spread(batch_size=20, epochs=100, lr=0.5, seed=0):
    """Row spread of ``W1`` after mini-batch gradient descent from a constant start (no dropout).

    A ``[2, 8, 1]`` tanh net, constant 0.5, 200 circles points, shuffled
    mini-batches of ``batch_size``. Every batch still gives identical rows of
    ``dW1``, so the spread stays exactly 0: shuffling alone breaks nothing.
    """
    X, Y = make_dataset("circles", 200, 0.1, 0)
    net = MLP([2, 8, 1], "tanh", "constant", 0.5, 0)
    train(net, X, Y, epochs=epochs, lr=lr, batch_size=batch_size, seed=seed)
    return row_spread(net.params["W1"])


# ------------------------------------------------------- figures and app


SPREAD_RANGE = (1e-3, 30.0)


class DropoutFigure:
    """Dropout on a constant-init net: row spread of W1, hidden outputs at the end, loss.

    (1) row spread of ``W1`` against epoch (log scale; 0 cannot be drawn, the
    note says so), with a He-initialised net without dropout for reference;
    (2) hidden-unit outputs after training; (3) training loss (measured without
    dropout) against the reference and the chance level.

    Drawn on the still figure ``fig`` (the app, :func:`dropout_view`, is drawn in the browser).
    """

    def __init__(self, fig):
        self.ax_s, self.ax_h, self.ax_l = panel_grid(fig, 3, left=0.08, right=0.975, bottom=0.15, top=0.76,
                                                     wspace=0.4)
        self.title = suptitle(fig)
        note = min(8, self.ax_s.title.get_fontsize())
        ax = self.ax_s
        self.spread_ref, = ax.plot([], [], color="0.6", lw=1.5, label="He random, no dropout")
        self.spread, = ax.plot([], [], color="C4", lw=2, label="constant + dropout")
        self.zero_note = ax.text(0.5, 0.5, "row spread exactly 0\nat every epoch", transform=ax.transAxes,
                                 ha="center", va="center", fontsize=note + 1,
                                 bbox=dict(facecolor="white", alpha=0.9, edgecolor="0.5"))
        ax.set_yscale("log")
        ax.set_ylim(*SPREAD_RANGE)
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("row spread of W1 (weight units)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=note, loc="lower right")
        self.units = UnitCurves(self.ax_h, ylabel="A1[j] after training", title="hidden-unit outputs at the end")
        self.ax_h.set_ylim(*unit_ylim("tanh"))
        ax = self.ax_l
        self.loss_ref, = ax.plot([], [], color="0.6", lw=1.5, label="He random, no dropout")
        self.chance = ax.axhline(np.log(2), color="k", ls=":", lw=1.4, label="chance level")
        self.loss, = ax.plot([], [], color="C4", lw=2, label="constant + dropout", zorder=3)
        ax.set_ylim(0, 0.8)
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_ylabel("cross-entropy loss (nats, no dropout)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=note, loc="lower left")
        for axes in (self.ax_s, self.ax_l):
            axes.set_title(" ", fontsize=min(10, axes.title.get_fontsize()))

    def show(self, d, reference):
        """Draw :class:`~symlab.lab.dropout.DropoutRun` ``d`` against ``reference``; returns its summary."""
        s = dropout_summary(d)
        p = d.run.settings["p"]
        epochs = d.run.settings["epochs"]
        positive = d.spread > 0
        self.spread.set_data(d.epochs[positive], d.spread[positive])
        self.spread_ref.set_data(reference.epochs, reference.spread)
        self.zero_note.set_visible(not positive.any())
        self.ax_s.title.set_text(f"how different the units' weights are\n(constant + dropout p = {p:g})")
        snap = d.history.snapshot(epochs)
        self.units.show(d.run.probe[0], snap.hidden, s["distinct"], None)
        self.loss.set_data(np.arange(len(d.history.loss)), d.history.loss)
        self.loss_ref.set_data(np.arange(len(reference.history.loss)), reference.history.loss)
        self.chance.set_ydata([d.run.chance, d.run.chance])
        for ax in (self.ax_s, self.ax_l):
            if ax.get_xlim() != (0, epochs):
                ax.set_xlim(0, epochs)
        to95 = "not reached" if s["to95"] is None else f"epoch {s['to95']}"
        self.ax_l.title.set_text(f"loss; 95% accuracy: {to95}\n(chance level {d.run.chance:.3f} nats)")
        self.title.set_text(f"Constant init 0.5 + dropout p = {p:g} (seed {d.run.settings['seed']}), tanh, H = "
                            f"{d.run.settings['hidden']}, lr {d.run.settings['lr']:g}: {s['distinct']} distinct units")
        return s


def plot_dropout(p=0.2, seed=0):
    """Static picture of :func:`dropout_dashboard` for one drop probability. Returns a StaticFigure."""
    fig = new_figure(*APP_SIZE)
    DropoutFigure(fig).show(dropout_run(p, seed=seed), dropout_run(0.0, "he_normal", seed))
    return fig


def dropout_view(d, reference):
    """The :class:`~symlab.lab.view.View` of a :class:`DropoutRun` against ``reference`` (He, no dropout).

    Panels: the row spread of ``W1`` against epoch (log scale; 0 cannot be drawn, a note says so), each
    hidden unit's output over the input square at the epoch shown, and the loss (without dropout)
    against the reference and the chance level. The readout states the run's numbers and the epoch's.
    """
    s, ref = dropout_summary(d), dropout_summary(reference)
    settings, h = d.run.settings, d.history
    to95 = "never" if s["to95"] is None else str(s["to95"])
    snaps = [h.snapshots[e] for e in d.epochs]
    distinct = [distinct_units(unit_params(snap.params)) for snap in snaps]
    readouts = [f"<b>row spread of W1: {spread:.2g} at epoch {e}</b> ({s['spread_first']:.2g} after 1 step, "
                f"{s['spread_end']:.2g} at the end) · distinct units {k} of {settings['hidden']} · epochs to 95% "
                f"accuracy: {to95} (He: {ref['to95']})" for e, spread, k in zip(d.epochs, d.spread, distinct)]
    view = View(d.epochs, readouts, key=f"p = {settings['p']:g}, seed {settings['seed']}",
                last_epoch=settings["epochs"], aspect=0.3, height=[170, 290], play_ms=30)
    positive = np.where(d.spread > 0, d.spread, np.nan)
    layers = [dict(kind="lines", x=view.array("ref_spread_epochs", reference.epochs),
                   y=view.array("ref_spread", reference.spread[None]), colors=colour("0.55"), widths=2),
              dict(kind="lines", x=view.array("spread_epochs", d.epochs), y=view.array("spread", positive[None]),
                   colors=colour("C4"), widths=2.5),
              dict(kind="vline", at="epoch", color=colour("C0"), width=1.5, alpha=0.7)]
    view.panel(f"how far apart the units are:\nrow spread, dropout p = {settings['p']:g}", layers,
               x=dict(label="epoch", range=[0, settings["epochs"]]),
               y=dict(label="row spread of W1", range=list(SPREAD_RANGE), log=True),
               legend=[[colour("0.55"), "He, no dropout", False], [colour("C4"), "constant + dropout", False]],
               note="row spread exactly 0\nat every epoch" if not np.any(d.spread > 0) else "")
    tiles, _ = frame_maps(d.run.net, [snap.params for snap in snaps], tile_grid(settings["hidden"]))
    unit_tiles(view, tiles, "tanh", d.run.X, [f"hidden units A1[j]:\n{k} distinct of {settings['hidden']}"
                                              for k in distinct], weight=1.0)
    loss_panel(view, h.loss, f"loss, measured without dropout\n95% accurate: {'epoch ' + to95 if s['to95'] else 'never'}",
               chance=d.run.chance, reference=reference.history.loss, ylim=(0, 0.8), log=False,
               label="constant + dropout", colour_name="C4")
    return view


class DropoutDashboard(Dashboard):
    """Drop probability and seed of a constant-init net with dropout, against a He net without.

    The readout gives the row spread of ``W1`` at the epoch shown, after the first step and at
    the end, the distinct units and the epochs to 95 % training accuracy (the He reference's in
    brackets).
    """

    factory = "dropout.dropout_dashboard"

    def __init__(self, p=0.2, seed=0, epoch=None):
        controls = {
            "p": float_slider("dropout p", p, 0.0, 0.5, 0.05),
            "seed": int_slider("seed", seed, 0, 9),
        }
        super().__init__(controls, epoch)
        self.start()

    def settings(self, values):
        return dict(p=round(float(values["p"]), 4), seed=int(values["seed"]))

    def view(self, p, seed):
        """The dropout run and the He reference without dropout (cached), as a View."""
        return dropout_view(dropout_run(p, seed=seed), dropout_run(0.0, "he_normal", seed))


def dropout_dashboard(p=0.2, seed=0, epoch=None):
    """Build the notebook-04 dropout app, showing ``epoch`` (default: the end); display it as a cell's last
    expression."""
    return DropoutDashboard(p, seed, epoch)


def plot_dropout_spreads(ps=(0.1, 0.2, 0.5), seeds=range(3)):
    """Row spread of W1 and loss against epoch for several drop probabilities and seeds.

    One colour per ``p``, one line per seed; He without dropout in grey. Returns a StaticFigure.
    """
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.07, right=0.985, bottom=0.14, top=0.84, wspace=0.25)
    ax_s, ax_l = fig.subplots(1, 2)
    for seed in seeds:
        ref = dropout_run(0.0, "he_normal", seed)
        label = "He random, no dropout" if seed == seeds[0] else None
        ax_s.plot(ref.epochs, ref.spread, color="0.6", lw=1.3, label=label)
        ax_l.plot(ref.history.loss, color="0.6", lw=1.3, label=label)
        for i, p in enumerate(ps):
            d = dropout_run(p, seed=seed)
            label = f"constant + dropout p = {p:g}" if seed == seeds[0] else None
            positive = d.spread > 0
            ax_s.plot(d.epochs[positive], d.spread[positive], color=f"C{i + 4}", lw=1.4, label=label)
            ax_l.plot(d.history.loss, color=f"C{i + 4}", lw=1.4, label=label)
    chance_line(ax_l, dropout_run(ps[0], seed=seeds[0]).run.chance)
    ax_s.set_yscale("log")
    ax_s.set_ylim(*SPREAD_RANGE)
    ax_s.set_ylabel("row spread of W1 (weight units)")
    ax_s.set_title(f"how different the units are ({len(seeds)} seeds each); without dropout: exactly 0",
                   fontsize=10)
    ax_l.set_ylim(0, 0.8)
    ax_l.set_ylabel("cross-entropy loss (nats, no dropout)")
    ax_l.set_title("training loss", fontsize=10)
    for ax in (ax_s, ax_l):
        ax.set_xlabel("epoch (full-batch steps)")
        ax.set_xlim(0, dropout_run(ps[0]).run.settings["epochs"])
        ax.grid(alpha=0.3)
    ax_s.legend(fontsize=8, loc="lower right")
    ax_l.legend(fontsize=8, loc="upper right")
    fig.suptitle("Dropout splits a constant start, but from a tiny, noisy difference: it learns late", fontsize=11)
    return fig
