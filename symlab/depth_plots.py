"""Figures and the widget app of the scale and depth chapter (notebooks 06-09).

Every ``plot_*`` function returns a pyplot-free :class:`symlab.plots.StaticFigure`
(shown as a PNG in any notebook, text repr ``<StaticFigure size …>``).
:class:`ScaleFigure` draws notebook 06's three panels and updates them in place;
:class:`ScaleDashboard` (built by :func:`scale_dashboard`) drives it with a log
scale slider and the activation.
"""

import math

import numpy as np

from . import capstone, depth, restarts, scale as scale_mod
from .dashboard import Dashboard, dropdown, log_slider
from .plots import draw_decision_boundary, new_figure, nice_ceiling

#: |z| beyond which a unit is saturated: tanh(2.647) = 0.99, sigmoid(4.595) = 0.99.
SATURATION_Z = {"tanh": math.atanh(depth.SATURATION), "sigmoid": math.log(depth.SATURATION / (1 - depth.SATURATION))}
#: Largest slope g'(z) of each activation (for the slope histogram's axis).
MAX_SLOPE = {"tanh": 1.0, "sigmoid": 0.25, "relu": 1.0}
SCHEME_COLORS = {"zeros": "0.5", "constant": "C7", "tied_normal": "C8", "normal": "C3", "lecun_normal": "C4",
                 "xavier_normal": "C1", "he_normal": "C0", "orthogonal": "C2", "xavier_uniform": "C5",
                 "he_uniform": "C9", "uniform": "C6"}


def scheme_name(init, scale):
    """Short label of an (init, scale) pair: ``he_normal``, ``normal × 0.01``, ``zeros``."""
    if init == "zeros":
        return "zeros"
    return depth.stack_label("", init, scale)[2:]


# ======================================================== notebook 06: scale
class ScaleFigure:
    """Notebook 06's panels for one :class:`symlab.scale.ScaleRun`, updated in place.

    (1) Histogram of the hidden pre-activations ``Z1`` at the start, with the
    saturated range shaded (tanh: |z| > 2.65; sigmoid: |z| > 4.60; ReLU: z < 0,
    where the slope is 0). (2) Histogram of the slopes ``g'(Z1)``. (3) The
    training loss (nats, log scale) with the chance level and the epoch at which
    training accuracy first reaches 90%.

    ``axes`` are three matplotlib Axes; :meth:`show` draws a run into them.
    """

    def __init__(self, axes, compact=False):
        self.ax_z, self.ax_g, self.ax_loss = axes
        self.compact = compact
        edges = np.linspace(-1, 1, 41)
        self.z_hist = self.ax_z.stairs(np.zeros(40), edges, fill=True, color="C0", alpha=0.75)
        self.shade = [self.ax_z.axvspan(-1, -1, color="C3", alpha=0.18, lw=0, label="saturated (g′ ≈ 0)"),
                      self.ax_z.axvspan(1, 1, color="C3", alpha=0.18, lw=0)]
        self.z_note = self.ax_z.text(0.03, 0.95, "", transform=self.ax_z.transAxes, va="top", fontsize=9,
                                     bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
        self.ax_z.set_xlabel("hidden pre-activation Z1 at the start")
        self.ax_z.set_ylabel("fraction of entries")
        self.ax_z.legend(loc="upper right", fontsize=8)

        self.g_hist = self.ax_g.stairs(np.zeros(30), np.linspace(0, 1, 31), fill=True, color="C2", alpha=0.75)
        self.g_note = self.ax_g.text(0.5, 0.95, "", transform=self.ax_g.transAxes, va="top", ha="center",
                                     fontsize=9, bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
        self.ax_g.set_xlabel("slope g′(Z1) at the start")
        self.ax_g.set_ylabel("fraction of entries")

        self.loss_line, = self.ax_loss.plot([], [], color="C3", lw=2, label="training loss")
        self.chance_line = self.ax_loss.axhline(math.log(2), color="k", ls=":", lw=1.2, label="chance (ln 2)")
        self.learned_line = self.ax_loss.axvline(0, color="C0", lw=1.2, ls="--", label="90% accuracy reached")
        self.loss_note = self.ax_loss.text(0.97, 0.95, "", transform=self.ax_loss.transAxes, ha="right",
                                           va="top", fontsize=9,
                                           bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_xlabel("epoch (full-batch steps)")
        self.ax_loss.set_ylabel("cross-entropy loss (nats)")
        self.ax_loss.grid(alpha=0.3)
        self.ax_loss.legend(loc="lower left", fontsize=8)
        for ax in axes:
            ax.title.set_fontsize(10)

    def show(self, run):
        """Draw ``run`` (a :class:`symlab.scale.ScaleRun`)."""
        activation = run.settings["activation"]
        z = run.Z1.ravel()
        lim = max(1.05 * float(np.max(np.abs(z))), 1e-12)
        counts, edges = np.histogram(z, bins=np.linspace(-lim, lim, 41))
        self.z_hist.set_data(counts / z.size, edges)
        self.ax_z.set_xlim(-lim, lim)
        self.ax_z.set_ylim(0, 1.3 * counts.max() / z.size)
        if activation in SATURATION_Z:
            t = SATURATION_Z[activation]
            self.shade[0].set_x(-lim), self.shade[0].set_width(max(0.0, lim - t))
            self.shade[1].set_x(min(t, lim)), self.shade[1].set_width(max(0.0, lim - t))
            self.shade[0].set_label(f"saturated: |z| > {t:.2f}")
        else:  # ReLU: slope 0 for z < 0
            self.shade[0].set_x(-lim), self.shade[0].set_width(lim)
            self.shade[1].set_width(0.0)
            self.shade[0].set_label("inactive: z < 0, slope 0")
        self.ax_z.legend(loc="upper right", fontsize=8)
        self.z_note.set_text(f"std {z.std():.3g}\nsaturated {run.saturated:.1%}")
        self.ax_z.set_title(f"Z1 = W1 X at scale {run.settings['scale']:g}")

        top = MAX_SLOPE[activation]
        slopes = run.slopes.ravel()
        counts, edges = np.histogram(slopes, bins=np.linspace(0, top, 31))
        self.g_hist.set_data(counts / slopes.size, edges)
        self.ax_g.set_xlim(0, top)
        self.ax_g.set_ylim(0, min(1.0, 1.3 * counts.max() / slopes.size) if counts.max() < slopes.size else 1.05)
        self.g_note.set_text(f"mean g′ = {slopes.mean():.3f}\n|dW1| = {run.dW1_norm:.2e}")
        self.ax_g.set_title(f"slopes of the {activation} units")

        history = run.history
        epochs = run.settings["epochs"]
        self.loss_line.set_data(np.arange(len(history.loss)), history.loss)
        self.chance_line.set_ydata([run.chance, run.chance])
        self.ax_loss.set_xlim(0, epochs)
        peak = float(np.nanmax(history.loss))
        self.ax_loss.set_ylim(1e-2, max(2.0, nice_ceiling(1.5 * peak)))
        reached = run.epochs_to_learn
        self.learned_line.set_visible(reached is not None)
        if reached is not None:
            self.learned_line.set_xdata([reached, reached])
        shown = [line for line in (self.loss_line, self.chance_line, self.learned_line) if line.get_visible()]
        self.ax_loss.legend(handles=shown, loc="lower left", fontsize=8)
        self.loss_note.set_text(f"90% accurate\nafter {reached} epochs" if reached is not None
                                else f"not 90% accurate\nwithin {epochs} epochs")
        naive = "inf" if math.isinf(run.naive_loss0) else f"{run.naive_loss0:.3g}"
        self.ax_loss.set_title(f"loss at step 0: {run.loss0:.3g}\n(naive formula: {naive})")


def plot_scale(scales=(0.01, 1.0, 31.62), activation="tanh", **settings):
    """Notebook 06's panels for several scales, one row each (static preview of the dashboard)."""
    height = 3.0 * len(scales) + 0.5
    fig = new_figure(11, height)
    fig.subplots_adjust(left=0.07, right=0.98, top=1 - 0.75 / height, bottom=0.5 / height, hspace=0.62, wspace=0.3)
    axes = fig.subplots(len(scales), 3, squeeze=False)
    for row, s in zip(axes, scales):
        ScaleFigure(row).show(scale_mod.scale_run(s, activation, **settings))
    fig.suptitle(f"One hidden layer of 32 {activation} units, weights N(0, scale²), circles data", fontsize=11)
    return fig


def plot_scale_sweep(activations=("tanh", "sigmoid", "relu"), **settings):
    """Saturation, gradient size and time to learn against the init scale (log axis), per activation."""
    fig = new_figure(11, 3.6)
    fig.subplots_adjust(left=0.065, right=0.985, top=0.78, bottom=0.16, wspace=0.32)
    ax_sat, ax_grad, ax_time = fig.subplots(1, 3)
    epochs = None
    for i, activation in enumerate(activations):
        sweep = scale_mod.scale_sweep(activation, **settings)
        epochs = scale_mod.scale_run(sweep["scale"][0], activation, **settings).settings["epochs"]
        color = f"C{i}"
        ax_sat.plot(sweep["scale"], sweep["saturated"], "o-", color=color, label=activation)
        ax_sat.plot(sweep["scale"], sweep["mean_slope"] / MAX_SLOPE[activation], "s--", color=color, alpha=0.6, ms=4)
        ax_grad.plot(sweep["scale"], sweep["dW1_norm"], "o-", color=color, label=activation)
        ax_grad.plot(sweep["scale"], sweep["relative_step"], "s--", color=color, alpha=0.6, ms=4)
        reach = np.where(np.isnan(sweep["epochs_to_learn"]), 1.15 * epochs, sweep["epochs_to_learn"])
        ax_time.plot(sweep["scale"], reach, "o-", color=color, label=activation)
    ax_time.axhline(1.15 * epochs, color="k", lw=0.8, ls=":")
    ax_time.text(1.1e-3, 1.17 * epochs, f"not within {epochs} epochs", fontsize=8, va="bottom")
    for ax in (ax_sat, ax_grad, ax_time):
        ax.set_xscale("log")
        ax.set_xlabel("init scale (std of every weight)")
        ax.grid(alpha=0.3)
    ax_sat.set_ylabel("fraction")
    ax_sat.set_ylim(-0.03, 1.03)
    ax_sat.set_title("Saturated units (solid)\nmean slope g′ / its maximum (dashed)", fontsize=10)
    ax_sat.legend(fontsize=8, loc="center left")
    ax_grad.set_yscale("log")
    ax_grad.set_ylabel("Frobenius norm (log scale)")
    ax_grad.set_title("First gradient: |dW1| (solid)\nrelative to the weights, |dW1| / |W1| (dashed)", fontsize=10)
    ax_grad.legend(fontsize=8, loc="upper left")
    ax_time.set_ylim(0, 1.3 * epochs)
    ax_time.set_ylabel("epochs until 90% training accuracy")
    ax_time.set_title("Time to learn: a U-shape", fontsize=10)
    ax_time.legend(fontsize=8, loc="center left")
    fig.suptitle("Too small, too large: one hidden layer (32 units) on circles, lr 1", fontsize=11)
    return fig


class ScaleDashboard(Dashboard):
    """Notebook 06's app: a log scale slider (10^-3 … 10^2) and the activation.

    Attributes
    ----------
    controls : dict
        ``scale`` (the std of every weight) and ``activation``.
    readout : ipywidgets.HTML
        Saturated fraction, mean slope, |dW1|, loss at step 0 (both formulas)
        and epochs to 90% accuracy of the run shown.
    run : symlab.scale.ScaleRun
        What is shown now.
    """

    def __init__(self, scale=1.0, activation="tanh", use_ipympl=None):
        controls = {
            "scale": log_slider("init scale", scale, -3, 2, step=0.1),
            "activation": dropdown("activation", ("tanh", "sigmoid", "relu"), activation),
        }
        super().__init__(controls, [["scale", "activation"]], figsize=(9.6, 3.4), use_ipympl=use_ipympl)
        self.fig.subplots_adjust(left=0.075, right=0.985, top=0.86, bottom=0.16, wspace=0.36)
        self.panels = ScaleFigure(self.fig.subplots(1, 3))
        self.start()

    def settings(self):
        """The current controls as arguments of :func:`symlab.scale.scale_run` (scale rounded to 4 digits)."""
        return dict(scale=float(f"{self.controls['scale'].value:.4g}"), activation=self.controls["activation"].value)

    def update(self, changed):
        self.run = scale_mod.scale_run(**self.settings())
        self.panels.show(self.run)
        run = self.run
        naive = "<b style='color:#c00'>inf</b>" if math.isinf(run.naive_loss0) else f"{run.naive_loss0:.3g}"
        reached = (f"{run.epochs_to_learn} epochs" if run.epochs_to_learn is not None
                   else f"not within {run.settings['epochs']} epochs")
        self.readout.value = (
            f"<b>scale {run.settings['scale']:g}, {run.settings['activation']}</b> &nbsp;·&nbsp; "
            f"saturated units {run.saturated:.1%} &nbsp;·&nbsp; mean g′(Z1) {run.slopes.mean():.3f} "
            f"&nbsp;·&nbsp; |dW1| {run.dW1_norm:.2e} (|dW1|/|W1| {run.relative_step:.1e}) &nbsp;·&nbsp; "
            f"loss at step 0: {run.loss0:.3g} nats, naive formula {naive} &nbsp;·&nbsp; "
            f"90% accuracy after: {reached}")


def scale_dashboard(scale=1.0, activation="tanh"):
    """Build notebook 06's dashboard; display it by making it a cell's last expression."""
    return ScaleDashboard(scale, activation)


# ======================================================== notebook 07: depth
STACK_COLORS = {("tanh", "normal", 0.01): "C0", ("tanh", "normal", 1.0): "C3", ("tanh", "xavier_normal", 1.0): "C2",
                ("relu", "xavier_normal", 1.0): "C1", ("relu", "he_normal", 1.0): "C4"}


def _stack_label(key):
    return depth.stack_label(*key)


def plot_layer_stats(settings=depth.CS231N_SETTINGS):
    """Per-layer std of the activations, saturated fraction, and back-propagated gradient std.

    One line per ``(activation, init, scale)`` of ``settings`` through
    :func:`symlab.depth.deep_stack` (10 layers × 500 units, 1,000 N(0, 1) examples).
    """
    fig = new_figure(11, 3.8)
    fig.subplots_adjust(left=0.065, right=0.985, top=0.86, bottom=0.3, wspace=0.3)
    ax_std, ax_sat, ax_grad = fig.subplots(1, 3)
    for key in settings:
        stats = depth.deep_stack(*key)
        layers = np.arange(1, stats.settings["depth"] + 1)
        kw = dict(color=STACK_COLORS.get(key), marker="o", ms=4, label=_stack_label(key))
        ax_std.plot(layers, stats.act_std, **kw)
        if key[0] == "tanh":  # saturation is a tanh notion; ReLU has no saturated side
            ax_sat.plot(layers, stats.saturated, **kw)
        ax_grad.plot(layers, stats.grad_std, **kw)
    ax_std.set_yscale("log")
    ax_std.set_ylabel("std of activations A[l]")
    ax_std.set_title("Forward: activation std per layer", fontsize=10)
    ax_sat.set_ylabel("fraction of tanh units with |a| > 0.99")
    ax_sat.set_ylim(-0.03, 1.03)
    ax_sat.set_title("Saturated tanh units per layer", fontsize=10)
    ax_grad.set_yscale("log")
    ax_grad.set_ylabel("std of dZ[l]")
    ax_grad.set_title("Backward: gradient std per layer\n(top layer gets dA ~ N(0, 1))", fontsize=10)
    for ax in (ax_std, ax_sat, ax_grad):
        ax.set_xlabel("layer l")
        ax.set_xticks(layers)
        ax.grid(alpha=0.3)
    handles, labels = ax_std.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(settings), fontsize=9, frameon=False)
    fig.suptitle("10 layers × 500 units, 1,000 N(0, 1) inputs (the CS231n demo)", fontsize=11)
    return fig


def plot_layer_histograms(settings=depth.CS231N_SETTINGS, layers=(1, 2, 4, 7, 10)):
    """Histograms of the activations of selected layers (columns), one row per setting.

    tanh rows: values in [−1, 1]. ReLU rows: the positive values only (clipped at
    2.5), with the fraction that is exactly 0 written in the panel. Each row shares
    its vertical scale, so the panels of one row compare directly.
    """
    height = 1.75 * len(settings) + 0.8
    fig = new_figure(11, height)
    fig.subplots_adjust(left=0.16, right=0.985, top=1 - 0.6 / height, bottom=0.45 / height, hspace=0.6, wspace=0.25)
    axes = fig.subplots(len(settings), len(layers), squeeze=False)
    for row, key in zip(axes, settings):
        stats = depth.deep_stack(*key)
        relu = key[0] == "relu"
        edges = np.linspace(0, 2.5, 31) if relu else np.linspace(-1, 1, 31)
        tallest = 0.0
        for ax, layer in zip(row, layers):
            values = stats.samples[layer - 1]
            shown = values[values > 0] if relu else values
            counts, _ = np.histogram(np.clip(shown, edges[0], edges[-1]), bins=edges)
            fractions = counts / values.size
            tallest = max(tallest, float(fractions.max()))
            ax.stairs(fractions, edges, fill=True, color=STACK_COLORS.get(key, "C0"), alpha=0.8)
            ax.tick_params(labelsize=8)
            ax.set_title(f"layer {layer}: std {stats.act_std[layer - 1]:.2g}", fontsize=9)
            if relu:
                ax.text(0.97, 0.9, f"{np.mean(values == 0):.0%} exactly 0", transform=ax.transAxes, ha="right",
                        va="top", fontsize=8)
        for ax in row:
            ax.set_ylim(0, 1.15 * tallest)
            if ax is not row[0]:
                ax.set_yticklabels([])
        row[0].set_ylabel(_stack_label(key).replace(", ", ",\n"), fontsize=9, rotation=0, ha="right", va="center")
    for ax in axes[-1]:
        ax.set_xlabel("activation value", fontsize=9)
    fig.text(0.005, 0.5, "fraction of activations per bin", rotation=90, va="center", fontsize=9)
    fig.suptitle("Where the activations sit, layer by layer (ReLU rows: positive values; above 2.5 in the last bin)",
                 fontsize=11)
    return fig


def plot_variance_check(settings=depth.CS231N_SETTINGS):
    """Predicted std of Z[l], sqrt(fan_in · Var(w) · E[A[l-1]²]), against the measured one (log-log)."""
    fig = new_figure(5.6, 4.6)
    fig.subplots_adjust(left=0.15, right=0.97, top=0.88, bottom=0.13)
    ax = fig.add_subplot()
    for key in settings:
        stats = depth.deep_stack(*key)
        ax.plot(stats.predicted_z_std, stats.z_std, "o", color=STACK_COLORS.get(key), ms=5, label=_stack_label(key))
    ax.plot([1e-8, 1e3], [1e-8, 1e3], "k--", lw=1, label="measured = predicted")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1e-8, 1e3)
    ax.set_ylim(1e-8, 1e3)
    ax.set_xlabel("predicted std of Z[l] = sqrt(fan_in · Var(w) · E[A[l-1]²])")
    ax.set_ylabel("measured std of Z[l]")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title("Var(z) = fan_in · Var(w) · E[x²], every layer of every run", fontsize=10)
    return fig


def plot_matrix_chains(chains, title="fast.ai's chain: x ← W x with one 512 × 512 matrix W"):
    """log10 RMS of x against the number of products, for several :class:`symlab.depth.Chain`.

    Dotted lines: the largest float32 and float64 numbers. Overflow (inf/NaN) and
    underflow (exactly 0) are marked with a cross at the product where they happen.
    """
    fig = new_figure(11, 4.2)
    fig.subplots_adjust(left=0.07, right=0.72, top=0.9, bottom=0.13)
    ax = fig.add_subplot()
    for i, chain in enumerate(chains):
        s = chain.settings
        label = f"{scheme_name(s['init'], s['scale'])}, {s['dtype']}"
        color = f"C{i}"
        y = np.where(np.isfinite(chain.log10_rms), chain.log10_rms, np.nan)
        ax.plot(np.arange(len(y)), y, color=color, lw=2, label=label)
        if chain.first_nonfinite:
            ax.plot(chain.first_nonfinite, y[chain.first_nonfinite - 1], "x", color=color, ms=11, mew=2.5)
            ax.annotate(f"inf/NaN at {chain.first_nonfinite}", (chain.first_nonfinite, y[chain.first_nonfinite - 1]),
                        textcoords="offset points", xytext=(6, -14), fontsize=9, color=color)
        if chain.first_zero:
            ax.plot(chain.first_zero - 1, y[chain.first_zero - 1], "x", color=color, ms=11, mew=2.5)
            ax.annotate(f"exactly 0 at {chain.first_zero}", (chain.first_zero - 1, y[chain.first_zero - 1]),
                        textcoords="offset points", xytext=(6, 4), fontsize=9, color=color)
    for dtype, ls in (("float32", ":"), ("float64", "--")):
        top = depth.float_max_log10(dtype)
        ax.axhline(top, color="k", ls=ls, lw=1)
        ax.text(1.01, top, f"largest {dtype}\n(1e{top:.1f})", transform=ax.get_yaxis_transform(), fontsize=8,
                va="center")
    ax.set_xlabel("number of matrix products (layers)")
    ax.set_ylabel("log10 of the RMS of x")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.13, 1.0))
    ax.set_title(title, fontsize=10)
    return fig


def plot_deep_relu(result=None):
    """The deep ReLU experiment: activation std per layer at the start, and the loss curves."""
    result = result or depth.deep_relu_training()
    s = result.settings
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.07, right=0.985, top=0.85, bottom=0.15, wspace=0.25)
    ax_std, ax_loss = fig.subplots(1, 2)
    for key, std in result.act_std.items():
        color = SCHEME_COLORS.get(key[0])
        ax_std.plot(np.arange(1, s["depth"] + 1), np.where(std > 0, std, np.nan), "o-", ms=3, color=color,
                    label=scheme_name(*key))
        for i, curve in enumerate(result.loss[key]):
            ax_loss.plot(curve, color=color, lw=1.8, alpha=0.85, label=scheme_name(*key) if i == 0 else None)
    ax_std.set_yscale("log")
    ax_std.set_xlabel("hidden layer l")
    ax_std.set_ylabel("std of A[l] at the start (log scale)")
    ax_std.set_title("Signal at the start (seed 0)", fontsize=10)
    ax_std.grid(alpha=0.3)
    ax_std.legend(fontsize=9)
    ax_loss.axhline(result.chance, color="k", ls=":", lw=1.2, label="chance (ln 2)")
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(1e-4, 30)
    ax_loss.set_xlabel("epoch (full-batch steps, lr %g)" % s["lr"])
    ax_loss.set_ylabel("training loss (nats)")
    ax_loss.set_title(f"Training, {s['seeds']} seeds per scheme", fontsize=10)
    ax_loss.grid(alpha=0.3)
    ax_loss.legend(fontsize=9, loc="lower left")
    flat = [scheme_name(*key) for key in result.loss if np.all(np.abs(result.final_loss[key] - result.chance) < 1e-3)]
    if flat:
        ax_loss.text(0.98, 0.97, f"{' and '.join(flat)}:\nevery seed ends within 0.001 of ln 2", fontsize=8,
                     transform=ax_loss.transAxes, ha="right", va="top",
                     bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
    fig.suptitle(f"{s['depth']} hidden ReLU layers × {s['width']} units on circles ({s['m']} points)", fontsize=11)
    return fig


# ===================================================== notebook 08: restarts
def plot_bumpy_descent(starts, path, minima):
    """The 1-D loss with each run's start and end, and how many runs end in each minimum."""
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.07, right=0.985, top=0.87, bottom=0.15, wspace=0.28)
    ax_curve, ax_bar = fig.subplots(1, 2, gridspec_kw=dict(width_ratios=[1.6, 1]))
    w = np.linspace(min(-6.0, float(minima.min()) - 0.4), 6, 600)
    ax_curve.plot(w, restarts.bumpy_loss(w), color="k", lw=2, label="L(w) = 0.1 w² + sin 2w")
    ax_curve.axvspan(-6, 6, color="0.95", zorder=0, lw=0, label="where starts are drawn")
    ends = path[-1]
    which = restarts.nearest_minimum(ends, minima)
    rug = float(np.min(restarts.bumpy_loss(w))) - 0.45
    for j, w_min in enumerate(minima):
        mine = which == j
        ax_curve.plot(starts[mine], np.full(mine.sum(), rug), "|", color=f"C{j}", ms=14, mew=1.2,
                      label="starts, coloured by where they end" if j == 0 else None)
        ax_curve.plot(w_min, restarts.bumpy_loss(w_min), "o", color=f"C{j}", ms=11, mec="k",
                      label="minima (where runs end)" if j == 0 else None)
    ax_curve.set_xlabel("weight w")
    ax_curve.set_ylabel("loss L(w)")
    ax_curve.set_title(f"{len(starts)} random starts, then gradient descent", fontsize=10)
    ax_curve.grid(alpha=0.3)
    ax_curve.legend(fontsize=8, loc="upper center")
    counts = np.bincount(which, minlength=len(minima))
    bars = ax_bar.bar(range(len(minima)), counts / len(starts), color=[f"C{j}" for j in range(len(minima))])
    for bar, w_min in zip(bars, minima):
        ax_bar.annotate(f"{bar.get_height():.1%}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=9)
    ax_bar.set_xticks(range(len(minima)),
                      [f"w = {w_min:.2f}\nL = {restarts.bumpy_loss(w_min):.2f}" for w_min in minima], fontsize=8)
    ax_bar.set_ylabel("fraction of starts")
    ax_bar.set_ylim(0, 1.1 * max(counts) / len(starts) + 0.05)
    ax_bar.set_title("Where the runs end (best = lowest L)", fontsize=10)
    return fig


def plot_xor_success(widths, results, detail):
    """Success rate against hidden width, and the loss curves of one width split by outcome.

    ``results`` are :class:`symlab.restarts.RestartResult` for ``widths``; ``detail``
    is the one whose curves are drawn (solved in blue, failed in red).
    """
    fig = new_figure(11, 3.9)
    fig.subplots_adjust(left=0.07, right=0.985, top=0.86, bottom=0.15, wspace=0.25)
    ax_rate, ax_loss = fig.subplots(1, 2)
    rates = [r.success_rate for r in results]
    bars = ax_rate.bar([str(w) for w in widths], rates, color="C0")
    for bar, r in zip(bars, results):
        ax_rate.annotate(f"{int(r.solved.sum())}/{len(r.solved)}",
                         (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom", fontsize=9)
    ax_rate.set_ylim(0, 1.12)
    ax_rate.set_xlabel("hidden units H")
    ax_rate.set_ylabel("fraction of seeds that solve XOR")
    s = results[0].settings
    ax_rate.set_title(f"2-H-1 {s['activation']} nets, {s['init']}, {s['epochs']} steps, lr {s['lr']:g}", fontsize=10)
    ax_rate.grid(alpha=0.3, axis="y")
    for solved, color, label in ((True, "C0", "solved"), (False, "C3", "not solved")):
        curves = detail.loss[detail.solved == solved]
        for i, curve in enumerate(curves[:60]):
            ax_loss.plot(curve, color=color, lw=0.7, alpha=0.4,
                         label=f"{label} ({len(curves)} runs)" if i == 0 else None)
    ax_loss.axhline(math.log(2), color="k", ls=":", lw=1.2, label="chance (ln 2)")
    ax_loss.axhline(math.log(2) / 2, color="0.4", ls="--", lw=1, label="ln 2 / 2: two points left at 50%")
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(1e-3, 2)
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("training loss (nats)")
    ax_loss.set_title(f"H = {detail.settings['hidden']}: loss curves (up to 60 of each)", fontsize=10)
    ax_loss.grid(alpha=0.3)
    ax_loss.legend(fontsize=8, loc="lower left")
    return fig


def plot_best_of_k(ks, measured, predicted, p):
    """Measured success of best-of-k restarts against 1 − (1 − p)^k."""
    fig = new_figure(5.6, 3.9)
    fig.subplots_adjust(left=0.15, right=0.97, top=0.87, bottom=0.15)
    ax = fig.add_subplot()
    ax.plot(ks, predicted, "k--", lw=1.2, label=f"1 − (1 − p)^k, p = {p:.3f}")
    ax.plot(ks, measured, "o-", color="C0", ms=6, label="measured (disjoint groups of seeds)")
    ax.set_xscale("log")
    ax.set_xticks(ks, [str(k) for k in ks])
    ax.set_ylim(min(0.5, p - 0.05), 1.02)
    ax.set_xlabel("restarts k (keep the lowest final loss)")
    ax.set_ylabel("fraction that solve XOR")
    ax.set_title("Best of k restarts", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    return fig


# ===================================================== notebook 09: capstone
def plot_dlai_boundaries(runs):
    """Decision boundaries of the assignment's net after training, one panel per run (2 rows)."""
    cols = math.ceil(len(runs) / 2)
    fig = new_figure(2.75 * cols, 6.2)
    fig.subplots_adjust(left=0.05, right=0.99, top=0.9, bottom=0.07, hspace=0.4, wspace=0.3)
    axes = fig.subplots(2, cols, squeeze=False).ravel()
    X, Y, _, _ = capstone.dlai_data()
    for ax, run in zip(axes, runs):
        name = "randn × 10" if (run.init, run.scale) == ("normal", 10.0) else scheme_name(run.init, run.scale)
        draw_decision_boundary(ax, run.net, X, Y, resolution=120)
        ax.set_title(f"{name}\ntrain {run.train_accuracy:.1%}, test {run.test_accuracy:.0%}", fontsize=9)
        ax.tick_params(labelsize=7)
        ax.xaxis.label.set_fontsize(8)
        ax.yaxis.label.set_fontsize(8)
    for ax in axes[len(runs):]:
        ax.set_visible(False)
    fig.suptitle("The assignment's [2, 10, 5, 1] ReLU net after 15,000 steps (training points shown)", fontsize=11)
    return fig


def plot_dlai_losses(runs):
    """Loss curves (nats, log scale) of the assignment's net for every run."""
    fig = new_figure(9, 3.9)
    fig.subplots_adjust(left=0.08, right=0.7, top=0.9, bottom=0.14)
    ax = fig.add_subplot()
    for run in runs:
        name = "randn × 10" if (run.init, run.scale) == ("normal", 10.0) else scheme_name(run.init, run.scale)
        ax.plot(run.history.loss, color=SCHEME_COLORS.get(run.init), lw=1.8,
                ls="--" if run.init in ("constant", "tied_normal") else "-", label=name)
    ax.axhline(math.log(2), color="k", ls=":", lw=1.2, label="chance (ln 2)")
    ax.set_yscale("log")
    ax.set_ylim(3e-2, 3e3)
    ax.set_xlabel("iteration (full-batch steps, lr 0.01)")
    ax.set_ylabel("training loss (nats)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title("Loss curves, the assignment's seeding (np.random.seed(3))", fontsize=10)
    return fig


def plot_digit_samples(n=10):
    """The first ``n`` test images of the digits set, with their labels."""
    _, _, _, Yt, images = capstone.digits_data()
    fig = new_figure(1.05 * n, 1.45)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.8, bottom=0.02, wspace=0.15)
    for i, ax in enumerate(fig.subplots(1, n)):
        ax.imshow(images[i], cmap="gray_r", vmin=0, vmax=16)
        ax.set_title(f"label {int(np.argmax(Yt[:, i]))}", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    return fig


def plot_digits(result):
    """Digits comparison: loss curves (mean over seeds, min-max band) and test accuracy per scheme."""
    fig = new_figure(11, 4.0)
    fig.subplots_adjust(left=0.065, right=0.985, top=0.87, bottom=0.22, wspace=0.25)
    ax_loss, ax_acc = fig.subplots(1, 2, gridspec_kw=dict(width_ratios=[1.3, 1]))
    names = []
    for i, (key, loss) in enumerate(result.loss.items()):
        color = SCHEME_COLORS.get(key[0]) if key != ("normal", 1.0) else "C6"
        epochs = np.arange(loss.shape[1])
        ax_loss.fill_between(epochs, np.nanmin(loss, axis=0), np.nanmax(loss, axis=0), color=color, alpha=0.2, lw=0)
        ax_loss.plot(epochs, np.nanmean(loss, axis=0), color=color, lw=1.8, label=scheme_name(*key))
        acc = result.test_accuracy[key]
        ax_acc.bar(i, acc.mean(), yerr=acc.std(), color=color, capsize=3)
        ax_acc.plot(np.full(acc.size, i), acc, "k.", ms=4)
        names.append(scheme_name(*key))
    ax_loss.axhline(math.log(10), color="k", ls=":", lw=1.2, label="chance (ln 10)")
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(1e-2, 3e2)
    ax_loss.set_xlabel(f"epoch (full-batch steps, lr {result.settings['lr']:g})")
    ax_loss.set_ylabel("training loss (nats)")
    ax_loss.set_title(f"Loss: mean over {result.settings['seeds']} seeds, band = min…max", fontsize=10)
    ax_loss.grid(alpha=0.3)
    ax_loss.legend(fontsize=8, loc="upper right", ncol=2)
    ax_acc.axhline(0.1, color="k", ls=":", lw=1.2)
    ax_acc.set_xticks(range(len(names)), names, rotation=35, ha="right", fontsize=8)
    ax_acc.set_ylim(0, 1.05)
    ax_acc.set_ylabel("test accuracy (450 images)")
    ax_acc.set_title("Test accuracy: mean ± std, dots = seeds", fontsize=10)
    ax_acc.grid(alpha=0.3, axis="y")
    layers = ", ".join(str(n) for n in result.settings["layers"])
    fig.suptitle(f"Digits: [{layers}] {result.settings['activation']} net, softmax output", fontsize=11)
    return fig
