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
# # 01 · The symmetry dashboard: move the init, watch the units
#
# One dashboard, four live panels: what every hidden unit computes, what the net outputs, the
# gradient each unit receives, and the loss. You drive the **init scheme** and the **init scale**, and watch
# symmetry appear and disappear.
#
# **What you'll do**
# - switch a small network between constant, tied-random and random initialisations and scrub
#   through its training, epoch by epoch;
# - push the init scale from 0.001 to 100 and watch units saturate or the run blow up.
#
# **What you'll learn**
# - with equal starting weights every row of `dW1` is the same, so the rows of `W1` stay equal:
#   the hidden units move together forever;
# - random-but-identical weights are just as stuck: what matters is that units *differ*;
# - the size of the random start matters too: too large saturates tanh and sigmoid units.
#
# **What you'll need**: notebook 00. About 15 minutes.

# %%
import numpy as np

import symlab
from symlab.lab import check, dashboard
from symlab.lab.runs import compare, symmetry_run

# %% [markdown]
# ## What the four panels show
#
# The network is 2 inputs → H hidden units → 1 sigmoid output, trained on 200 points by
# full-batch gradient descent for 200 epochs (learning rate 1.5), exactly as in notebook 00.
# `W1` has shape (H, 2): **row j is hidden unit j's incoming weights**.
#
# 1. **A map per hidden unit**: unit j's output `A1[j]` at every point of the input square,
#    as colour (purple −1, orange +1 for tanh), the data faint on top. Identical units give
#    identical maps. (The menu *show* switches to one curve per unit along the line x₂ = 0.)
# 2. **The output** P(label 1) over the same square, the black line where it is ½: the
#    decision boundary.
# 3. **Rows of dW1 | db1**: the gradient of the loss with respect to each unit's incoming
#    weights and bias, as colours — one row per unit. Identical rows have identical colours.
# 4. **Training loss** (log scale) of this run, a faint He-initialised run with the same
#    settings for reference, and the chance level (the loss of predicting the label
#    frequencies, here ln 2).
#
# Here is the starting setting as a still picture — constant init 0.5, tanh, 8 units, halfway
# through training:

# %%
dashboard.plot_symmetry(scheme="constant", scale=0.5, epoch=100)

# %% [markdown]
# **Predict before you touch anything.** The picture shows eight identical maps and one colour
# per column. What will you see when you drag the **epoch** slider back to 0? And when you
# switch the scheme to `he_normal`: how many different maps, and how many different rows?
#
# The dashboard's **epoch** slider and **▶ play** move through the recorded training in your
# browser, so they follow your hand at once; the other controls retrain the network (a
# fraction of a second) when you release them.
#
# ## The dashboard

# %% [markdown] tags=["app"]
# In the **init scheme** menu, the numbers after each scheme are the notebooks that explain it:
# `constant (00, 02)` in notebooks 00 and 02.

# %%
app = dashboard.symmetry_dashboard()
app

# %% [markdown]
# ## Things to try (predict first, then move the control)
#
# 1. **Scrub the epochs** (or press ▶ play) with the constant init. The one map changes, most
#    of all in the first ten epochs — the weights *do* move — but all eight stay the same:
#    *1 of 8*.
# 2. **scheme → `he_normal`**. Eight different maps, eight different rows of `dW1`, and the loss
#    falls along the He reference. (Changing the scheme sets the scale to that scheme's usual
#    value: 1 — the textbook formula — for He, Xavier, LeCun, orthogonal and the normal
#    schemes, 0.5 for the constant. Then move the scale.)
# 3. **scheme → `tied_normal`**. Every unit gets the same *random* incoming weights, and the
#    same outgoing weight. Random, yet still 1 distinct unit: randomness is not the point,
#    difference is.
# 4. **scheme → `zeros`**, with tanh, then with sigmoid. The gradient panel says *all exactly
#    0* and the loss sits on the chance line: nothing moves at all. (With sigmoid that is a
#    coincidence of these balanced labels — notebook 03 shows the case where zeros *do* move.)
# 5. **scheme → `normal`, scale → 10, tanh**. Each map turns into a purple half and an orange half
#    with a sharp edge between them: most units are
#    *saturated* (exercise 2 below counts them), and where tanh′ ≈ 0 almost no gradient flows
#    back. Notebook 06 measures how much that slows learning.
# 6. **activation → linear, scale → 10, learning rate → 100**. The run *diverges*: the weights
#    overflow to infinity, and the dashboard says at which epoch, instead of plotting garbage.
#
# The numbers behind items 1–6, computed with the same code the dashboard uses:

# %%
runs = compare([("constant", 0.5), ("he_normal", 1.0), ("tied_normal", 1.0),
                                   ("zeros", 0.0), ("normal", 10.0)])

# %% [markdown]
# Items 4 and 6 change more than the scheme: the zero net with sigmoid units, and the linear
# net with a huge learning rate.

# %%
zeros_sigmoid = compare([("zeros", 0.0)], activation="sigmoid")
linear_blowup = compare([("normal", 10.0)], activation="linear", lr=100.0)

# %% [markdown]
# And the gradient of the very first step: the largest difference between two rows of `dW1`
# (0 means every row is the same) and the largest entry (0 means no gradient reaches the
# hidden layer at all).

# %%
for scheme, scale in [("constant", 0.5), ("zeros", 0.0), ("he_normal", 1.0)]:
    dW1 = symmetry_run(scheme=scheme, scale=scale).history.snapshot(0).grads["dW1"]
    print(f"{scheme:>9}: row spread of dW1 = {symlab.row_spread(dW1):.1e}, largest |entry| = {abs(dW1).max():.1e}")

# %% [markdown]
# ## Summary
#
# - Equal incoming and outgoing weights ⇒ equal hidden outputs ⇒ equal rows of `dW1` ⇒ equal
#   rows of `W1` after the step. The loop closes: the units stay copies for ever.
# - Random-but-identical (`tied_normal`) is exactly as stuck. Different starting weights are
#   what breaks the symmetry.
# - Scale matters too: a random start with weights of size 10 saturates tanh units.
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** A ReLU network with 16 hidden units starts from `tied_normal` with scale 1.
# After training, how many distinct hidden units does it have? Compute it with
# `symmetry_run(...)` (arguments `scheme`, `scale`, `activation`,
# `hidden`), `symlab.unit_params` and `symlab.distinct_units`.

# %% tags=["exercise"]
r = symmetry_run(scheme="tied_normal", scale=1.0, activation="relu", hidden=16)
answer = symlab.distinct_units(symlab.unit_params(r.net.params))

# %%
check("01.1", answer)

# %% [markdown]
# **Exercise 2.** Start tanh units from `normal` with scale 10 (the default 8 units):
# `run = symmetry_run(scheme="normal", scale=10.0)`. What fraction of the
# recorded hidden outputs at epoch 0 are saturated, |A1| > 0.99? Those outputs are
# `run.history.snapshot(0).hidden`, an array of shape (H, 121). (Hint: `np.mean` of a boolean
# array is the fraction of `True`s.)

# %% tags=["exercise"]
run = symmetry_run(scheme="normal", scale=10.0)
answer = np.mean(np.abs(run.history.snapshot(0).hidden) > 0.99)

# %%
check("01.2", answer)
