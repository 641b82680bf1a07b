# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · Turn the scale knob: saturation, vanishing steps and overflow
#
# Random weights break the symmetry. But random *how big*? Here you start the same one-hidden-layer
# network from `N(0, scale²)` weights with the scale anywhere from 0.001 to 100, and measure what
# happens inside it before and during training.
#
# **What you'll do**
# - look at the hidden pre-activations `Z1` and the slopes `g′(Z1)` of 32 hidden units at three scales;
# - drive a dashboard with a log-scale slider (10⁻³ … 10²) and the activation (tanh, sigmoid, ReLU);
# - sweep the scale and time how long the network takes to learn;
# - make the textbook cross-entropy print `inf`, and see why symlab's loss does not.
#
# **What you'll learn**
# - too small: every unit is linear, the gradient `dW1` is tiny, and the loss sits on a "cold start" plateau;
# - too large: tanh and sigmoid units *saturate* (`g′ ≈ 0`), steps barely change the weights, and the
#   outputs round to exactly 0 or 1 so a naive loss overflows;
# - ReLU does not saturate, but still has a cold start when the weights are tiny.
#
# **What you'll need**: notebooks 00–01 (a net, its loss, `dW1`). About 20 minutes.

# %%
import symlab
from symlab.lab import check, scale, scale_figures

# %% [markdown]
# ## 1. The experiment
#
# The data are the circles of notebooks 00–01 (200 points, two balanced classes, so chance level is
# ln 2 ≈ 0.693 nats). The network is 2 inputs → 32 hidden units → 1 sigmoid output. **Every weight
# starts as `scale · randn`** (`init="normal"`), every bias at 0; then 500 full-batch gradient-descent
# steps at learning rate 1.
#
# Two definitions (CS231n's):
# - a tanh unit is **saturated** when |tanh(z)| > 0.99, i.e. |z| > 2.65: there tanh′(z) = 1 − a² < 0.02;
# - a sigmoid unit is saturated when σ(z) is within 0.01 of 0 or 1, i.e. |z| > 4.60: there σ′ < 0.01.
#
# A saturated unit passes almost no gradient back: `dZ1 = W2ᵀ dZ2 * g′(Z1)` is nearly 0 in its row.
#
# **Predict first.** At scale 0.01, where will the histogram of `Z1` sit, and what will every slope
# `g′(Z1)` be? At scale 31.6?

# %%
scale_figures.plot_scale(scales=(0.01, 1.0, 31.62), activation="tanh")

# %% [markdown]
# Each row is one scale. Left: `Z1` at the start, with the saturated range shaded red. Middle: the
# slopes `g′(Z1)`. Right: the training loss, with chance (ln 2) dotted. The numbers behind the picture:

# %%
three = scale.print_sweep("tanh", scales=(0.01, 1.0, 31.62))

# %% [markdown]
# - **scale 0.01**: `Z1` is a few hundredths wide, so every unit works in tanh's linear middle: no
#   unit is saturated and the mean slope is 1.000. Yet the first gradient `|dW1|` is about 10⁻⁴ and
#   the loss stays at ln 2 for all 500 steps (`> 500` in the last column): a **cold start**.
# - **scale 1**: slopes spread between 0 and 1 and the net reaches 90% training accuracy within
#   a few dozen epochs.
# - **scale 31.62**: about 90% of the entries of `Z1` are saturated and the mean slope is near 0.04.
#   This start learns, but several times slower than at scale 1, and its loss at step 0 is
#   60 nats — far above chance. The naive formula (right-hand title, and the column `naive@0`) says `inf`:
#   section 5 explains.
#
# The last column is coarse on purpose ("≤ 20" means within 20 epochs, "≤ 200" between 101 and 200):
# a saturated net's path is so sensitive that the exact epoch at scale 31.62 differs from one
# computer to the next by several epochs, while the range holds on all of them. And it is one
# start's (weight seed 0): another seed at scale 31.62 may need twice as long, or never get there.
# Section 3 counts 20 seeds per scale.
#
# The column `|dW1|/|W1|` is the size of one step (at learning rate 1) relative to the weights.
# One seed's ratio between two scales could be luck, so compare the median over 20 seeds:

# %%
step_ratio = scale.print_step_ratio("tanh", good=1.0, large=31.62)

# %% [markdown]
# At scale 31.62 the typical step is about ten times smaller than at scale 1 (the ratio of the
# medians is printed above); single seeds range from a few times to more than ten times smaller.
# Each step barely changes the units.

# %% [markdown]
# ## 2. The dashboard
#
# Drag the **init scale** slider (log scale, 0.001 … 100) and switch the **activation**. The readout
# above the figure gives the saturated fraction, the mean slope, `|dW1|`, the loss at step 0 by both
# formulas, and how many epochs the net needs to reach 90% training accuracy.
#
# **Predict before you move each control:**
# 1. tanh, scale from 1 up to 100: which way do the saturated fraction and the mean slope go? Does
#    `|dW1|` shrink as much as the mean slope?
# 2. Switch to **sigmoid** at scale 1: sigmoid's slope is at most 0.25. Faster or slower than tanh?
# 3. Switch to **relu** and go to scale 100. Will any unit saturate? Will the net learn?
# 4. Go down to scale 0.001 with each activation. Which one escapes the plateau within 500 steps?

# %%
app = scale_figures.scale_dashboard()
app

# %% [markdown]
# ## 3. The whole range at once
#
# The same measurements for eleven scales from 0.001 to 100, for all three activations:

# %%
scale_figures.plot_scale_sweep()

# %%
sweeps = {activation: scale.print_sweep(activation) for activation in ("tanh", "sigmoid", "relu")}

# %% [markdown]
# Read the right-hand panel as a U: **time to learn is long at both ends.** The figure and the
# tables are one start each (weight seed 0), and at the large scales the time to learn depends on
# the start: the sigmoid table prints `> 500` at scale 31.62, yet most other seeds learn there.
# So count: **predict** how many of 20 seeds reach 90% at scale 31.62, for tanh and for sigmoid.

# %%
by_seed = {activation: scale.print_seed_sweep(activation) for activation in ("tanh", "sigmoid")}

# %% [markdown]
# - **tanh and sigmoid** learn within 500 steps from every one of the 20 seeds only in a window
#   (tanh from 0.3162 to 10, sigmoid from 1 to 10: the last line of each table). At both ends many
#   starts need more than 500 steps: for tanh, 5 of 20 at scale 0.1 and 5 of 20 at 31.62, and all
#   20 at 100; for sigmoid, 16 of 20 at 0.3162 and 13 of 20 at 100. Sigmoid at 31.62 is not one of
#   them: 18 of 20 seeds get there, half within 100 epochs — seed 0's `> 500` is that seed's.
# - At scale 1 every tanh seed is at 90% within 50 epochs; at 31.62 none is within 100 (the `≤ 200`
#   of seed 0 is on the quick side). Above the window, the saturated fraction (left panel) climbs
#   towards 1 and the relative step `|dW1|/|W1|` (middle, dashed; last column) falls.
# - Notice that `|dW1|` itself does *not* collapse at large scales here: the slopes are tiny, but
#   `W2` is just as large as `W1`, and `dZ1 = W2ᵀ dZ2 * g′(Z1)` multiplies the two. What collapses
#   is the step *relative to the weights*. In a deep stack, where many small slopes multiply, the
#   gradient itself vanishes — notebook 07.
# - **ReLU** never saturates (its slope is 1 for every positive input, 0 for every negative one, so
#   the mean slope is about 0.5 at every scale), and it learns at every scale in this sweep — but
#   the smaller the scale, the longer its plateau.

# %% [markdown]
# ## 4. Too small: the cold start
#
# With tiny weights a **tanh** unit is nearly linear (tanh(z) ≈ z), so the whole network is nearly
# a *linear* classifier — and no straight line separates two rings. The best a linear model can do
# is predict 50% everywhere: the loss sits at ln 2. To escape, the units must grow until their
# non-linearity matters, and with `|dW1|` proportional to the scale that takes longer the smaller
# the start. A **ReLU** unit is not linear at any scale (it is off for half its inputs), but its
# gradient also shrinks with the scale, so it too starts on a plateau, a shorter one. The epochs to
# 90% accuracy, read off the tables above:

# %%
for activation in ("tanh", "relu"):
    sweep = sweeps[activation]
    cells = [f"{s:g}: {'> 500' if e != e else int(e)}" for s, e in zip(sweep["scale"], sweep["epochs_to_learn"])]
    print(f"{activation:>5}  " + "  ".join(cells[:7]))

# %% [markdown]
# Each tenfold smaller start costs tanh far more than ReLU: below scale 0.1 tanh does not leave the
# plateau within 500 steps at all, while ReLU pays a roughly constant number of extra epochs per
# factor of 10.

# %% [markdown]
# ## 5. Too large: an output that rounds to exactly 1, and a loss of `inf`
#
# In float64, σ(z) = 1 / (1 + e⁻ᶻ) is *exactly* 1.0 once z exceeds about 36.7. The textbook loss
# `−y log a − (1 − y) log(1 − a)` then computes `log(0) = −inf` for every such output whose label is
# 0. The true loss of that example is finite (about z nats); only the formula fails.
#
# **Predict**: at scale 31.62, how many of the 200 outputs will round to exactly 0 or 1?

# %%
report = scale.overflow_report(31.62, "tanh")

# %% [markdown]
# symlab never computes `log(a)`: its `cross_entropy` works from the logits `z`, as
# `max(z, 0) − z·y + log(1 + e^(−|z|))` — the same number, finite for any finite z (see
# `symlab/mlp.py`). The deeplearning.ai assignment of notebook 09 prints `Cost after iteration 0: inf`
# for exactly this reason.
#
# The smallest scale on the slider at which the naive loss already overflows:

# %%
for activation in ("tanh", "sigmoid", "relu"):
    print(f"{activation:>7}: naive loss at step 0 is inf from scale {scale.first_naive_overflow(activation)} up")

# %% [markdown]
# ## Summary
#
# - The init scale sets where the units start on their activation curve. Too small: linear units,
#   tiny gradients and a long plateau at the chance loss. Too large: saturated tanh/sigmoid units,
#   slopes near 0, steps that barely change the weights — and outputs that round to exactly 0 or 1.
# - The time to learn is U-shaped in the scale for tanh and sigmoid. ReLU does not saturate, but
#   still starts cold from tiny weights.
# - A loss computed from the logits stays finite where the textbook formula prints `inf`.
# - One hidden layer is forgiving: 32 tanh units reach 90% accuracy within 500 steps from every one
#   of 20 random starts at every scale from 0.3162 to 10, and from most (15 of 20) at 0.1 and at
#   31.62 — a window of two decades where every start works. Notebook 07 stacks ten and more layers,
#   where each layer multiplies the error in the scale, and the window shrinks to the values Xavier
#   and He compute.
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** Start **sigmoid** units at scale 5.012 (a slider position between the table's
# rows 3.162 and 10). What fraction of the hidden outputs are saturated at the start? Predict it
# from the table first, then compute it: `scale.scale_run(scale, activation)` returns a run
# whose `.saturated` is that fraction.

# %% tags=["exercise"]
answer = scale.scale_run(5.012, "sigmoid").saturated

# %%
check("06.1", answer)

# %% [markdown]
# **Exercise 2.** Section 4 printed the exact epochs for tanh: 447 at scale 0.1, 81 at 0.3162.
# How many epochs does a **tanh** net started at scale 0.1778 — between the two — need to reach 90%
# training accuracy?
# (A run's `.epochs_to_learn` is that number, or `None` if it never gets there.)

# %% tags=["exercise"]
answer = scale.scale_run(0.1778, "tanh").epochs_to_learn

# %%
check("06.2", answer)

# %% [markdown]
# ## Further reading
# - Y. LeCun, L. Bottou, G. Orr, K.-R. Müller, "Efficient BackProp" (1998), section 4.6 on
#   initialising weights so that sigmoid units start in their linear range.
# - CS231n, lecture 6 "Training Neural Networks I" (2017): activation statistics and saturation.
# - deeplearning.ai, *Improving Deep Neural Networks*, week 1, "Initialization": the `randn * 10`
#   run whose cost prints `inf` (notebook 09 reproduces it).
