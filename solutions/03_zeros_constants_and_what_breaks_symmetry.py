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
# # 03 · Test the half-truths: zeros, constants, and what breaks the symmetry
#
# "Zero weights never update." "Randomness helps." Both are half true. In this notebook you
# take the all-zero start apart per activation, zero out one layer at a time, copy one random
# row into every unit, and give equal units different biases — and measure what each does.
#
# **What you'll do**
# - train all-zero nets with sigmoid, tanh and ReLU units on balanced and unbalanced labels,
#   and fill in a table of what moves;
# - start from a random `W1` with `W2 = 0`, from random-but-identical rows, and from constant
#   weights with random biases, and compare each with He's random start.
#
# **What you'll learn**
# - with all-zero weights the activation decides the outcome: tanh and ReLU nets only move
#   the output bias and predict the class prior; sigmoid nets move `W2`, then `W1` — with
#   identical rows — unless the labels are exactly balanced;
# - zeros in one layer are not the problem; identical units are; two zero layers in a row stop
#   a tanh or ReLU net for good, but not a sigmoid net on unbalanced labels;
# - randomness is not the point, difference is: a bias is a weight too, and distinct biases
#   alone break the symmetry.
#
# **What you'll need**: notebook 02 (the backward pass `dZ1 = W2ᵀ dZ2 * g′(Z1)`). About 25 minutes.

# %%
import numpy as np

import symlab
from symlab.lab import check, zeros, zeros_figures

# %% [markdown]
# ## The chance level: what a net that ignores its input can do
#
# A net whose output does not depend on the input can at best predict the same probability
# for every example — ideally the fraction p of label 1 in the data. Its cross-entropy is then
# the **label entropy** −p ln p − (1 − p) ln(1 − p): ln 2 ≈ 0.693 nats for balanced labels
# (a coin flip), less for unbalanced ones (for K balanced classes it is ln K). This is the
# **chance level**, the dotted line on every loss plot in this notebook: a loss on that line
# means the net has learned nothing about the input.
#
# Three label sets: the 200 circles points of notebooks 00–02 (100 of each label); an
# *unbalanced* version that keeps only 40 of the inner-circle points; and an XOR set.

# %%
for name in zeros.LABEL_SETS:
    X, Y = zeros.label_set(name)
    print(f"{name:<10}: {Y.shape[1]} points, {Y.mean():.1%} label 1, "
          f"chance level = label entropy = {symlab.label_entropy(Y):.3f} nats")
print(f"ln 2 = {symlab.chance_loss(2):.3f} nats")

# %% [markdown]
# ## 1. All weights zero: the activation decides
#
# Start a 2-4-1 net with every weight and bias at 0. On the first step:
#
# - `dZ1 = W2ᵀ dZ2 * g′(Z1)` is **0**, because `W2 = 0`. So `dW1 = 0` and `db1 = 0`.
# - `dW2 = (1/m) dZ2 A1ᵀ` with `A1 = g(0)` for every unit and every input. For tanh and ReLU,
#   g(0) = 0, so `dW2 = 0` too — and it stays 0 at every later step, because nothing in the
#   hidden layer ever changes. Only `b2` moves, towards the log-odds of the label frequency.
# - For sigmoid, g(0) = 0.5, so `dW2 = 0.5 · mean(A2 − Y)`: not zero — unless the labels are
#   exactly balanced, where the all-zero net already outputs 0.5 = the best constant, and
#   `mean(A2 − Y)` is exactly 0.
#
# **Predict before you run**: for each activation (rows) and label set, which parameters
# will have moved after 3000 steps? At which step does `W1` first get a non-zero gradient?

# %%
outcomes = zeros.zero_init_table()

# %% [markdown]
# Read it row by row:
#
# - **tanh and ReLU, unbalanced labels**: only `b2` moved. The output is the class prior for
#   every input (largest deviation below 1e-11: rounding error) and the loss is the label
#   entropy, 0.598 nats.
# - **sigmoid, unbalanced labels**: `W2` moves on step 0, `W1` from step 1 — but still one
#   distinct unit (last column). It does learn a little: its loss, 0.557, is below the chance
#   level 0.598.
# - **balanced and XOR labels**: nothing moves at all, whatever the activation; the loss
#   stays at ln 2 = 0.693.
#
# So "zero init never learns" is true for tanh and ReLU, and "zero init learns identical
# units" is true for sigmoid on unbalanced labels. These are two different mechanisms:
#
# - **tanh and ReLU: a dead gradient.** `W2 = 0` blocks the gradient to `W1`, and `g(0) = 0`
#   makes `A1 = 0`, which blocks the gradient to `W2`. That has nothing to do with symmetry: a net
#   with a *single* hidden unit has no twin units at all, and it is stuck in exactly the same way.
# - **sigmoid: symmetry.** `g(0) = 0.5`, so the gradient does flow, and the units learn — but
#   they start identical, so they stay identical.
#
# **Predict**: what moves in an all-zero net with **one** hidden unit, for tanh and ReLU, on the
# unbalanced labels?

# %%
for activation in ("tanh", "relu"):
    one_unit = zeros.zero_init_outcome(activation, "unbalanced", hidden=1)
    print(f"{activation}, 1 hidden unit: moved {', '.join(one_unit.moved)}; loss {one_unit.final_loss:.3f} "
          f"= chance {one_unit.entropy:.3f}")

# %% [markdown]
# Only `b2`, exactly as with four units: the all-zero tanh or ReLU net is stuck because no
# gradient reaches the hidden layer, not because its units are copies. Here are the losses of
# the table, with the chance levels:

# %%
zeros_figures.plot_zero_init_losses()

# %% [markdown]
# ## 2. One zero layer slows a net down; two in a row can stop it
#
# Now give `W1` He's random weights, but set `W2` to 0 — and the other way round, `W1 = 0` with a
# random `W2`. From here on the net is the 2-8-1 tanh net of notebook 00 (circles, learning rate
# 1.5), trained for 3000 steps.
#
# **Predict**: is `dW1` zero on the first step of each? Will they learn the circle, and how fast?

# %%
zero_layer = zeros.compare_starts([("zeros", 0.0), ("zero_W2", 0.0), ("zero_W1", 0.0), ("he_normal", 0.0)],
                                  epochs=3000, show_accuracy=False)

# %% [markdown]
# - **`W2 = 0`**: on step 0, `dW1` is exactly 0 (the second column), for the same reason as in the
#   all-zero net: `W2 = 0` blocks the gradient. But the hidden units are already *different*
#   (their rows of `W1` differ), so `dW2 = (1/m) dZ2 A1ᵀ` gives each unit a different outgoing
#   weight. From step 1 on, `dW1` is no longer 0 (third column), and the net learns: all 8 units
#   distinct, 95% accuracy after about a hundred epochs, not much later than He's start.
# - **`W1 = 0`**: every hidden unit outputs `tanh(0) = 0` for every input, so `dW2 = 0`; `dW1` is
#   not 0, but every unit's row of it is the *same* vector, scaled by that unit's outgoing weight
#   — and on the balanced circles that vector nearly cancels. The units start apart only in size,
#   not in direction. It learns in the end, but it needs over twenty times as many epochs as He's
#   start to reach 95%.
#
# So one zero layer slows a net but does not stop it, as long as the *other* layer makes the
# units different. Two zero layers in a row are a different matter. A 2-8-8-1 tanh net with
# He-random weights, some layers set to 0, 3000 steps:

# %%
zero_stacks = zeros.zero_layers_table()

# %% [markdown]
# One zero layer anywhere: the net learns. `W1` and `W2` both 0: the first hidden layer outputs
# 0 whatever the input, so nothing above it can depend on the input, and neither weight matrix
# ever gets a gradient — only biases move, and the loss stays at ln 2. `W2` and `W3` both 0:
# nothing moves at all.
#
# That argument used tanh(0) = 0. A sigmoid layer with zero weights outputs σ(0) = 1/2, not 0:
# a constant, but not nothing. **Predict**: with `W2 = W3 = 0`, does a sigmoid net stay stuck?
# Does the label balance matter? The same two pairs of zero layers, for each hidden activation,
# on the balanced and the unbalanced circles (3000 steps; "stuck at chance" = final loss within
# 0.01 nats of the label entropy):

# %%
zero_stack_conditions = zeros.zero_layers_conditions()

# %% [markdown]
# Eleven of the twelve nets stay at chance. The exception: **sigmoid units, `W2 = W3 = 0`,
# unbalanced labels** — it learns the circle (95% accuracy after the number of epochs in the
# table). The second hidden layer outputs 1/2 for every input; on unbalanced labels the output
# error does not average to 0, so `dW3 = (1/m) dZ3 A2ᵀ` is not 0; once `W3` is not 0, `W2` gets a
# gradient through the *random* first layer, and the net learns. On balanced labels the error
# averages to 0 at the start — exactly in exact arithmetic, to within rounding in floats — so at
# this learning rate nothing measurable moves in 3000 steps; that balance is an unstable
# equilibrium (like the symmetric units of notebook 04), which a larger learning rate lets
# rounding tip. With tanh or ReLU the zero layer outputs exactly 0 and nothing ever moves. (With
# `W1 = W2 = 0` the sigmoid nets move every weight matrix and still stay at chance within the
# 3000 steps.) So **two zero layers in a row stop a tanh or ReLU net for good; a sigmoid net with
# `W2 = W3 = 0` learns on unbalanced labels, and on balanced ones stays at chance here.**
# Zeros in one layer are not the problem; identical units, and zero layers back to back, are.
#
# ## 3. Random is not enough: random but identical rows
#
# `tied_normal` draws *one* random row and copies it into every row of `W1`, and gives every
# unit the same random outgoing weight. It is as random as He's start — and as symmetric as a
# constant.
#
# **Predict**: how many distinct units will it end with?

# %%
random_but_tied = zeros.compare_starts([("constant", 0.0), ("tied_normal", 0.0), ("he_normal", 0.0)])

# %% [markdown]
# One distinct unit out of 8, at chance-level loss, exactly like the constant start.
# **Randomness is not the point; difference is.**
#
# ## 4. Distinct biases alone break the symmetry
#
# A bias is a weight on an input that is always 1. So if two units have equal weights but
# different biases, they are *different units*: they compute different functions, get
# different gradients, and move apart. Keep every weight at the constant 0.5, and draw only
# the biases (hidden and output) from N(0, s²).
#
# **Predict**: how close does "constant weights + random biases" get to He's fully random
# start? Does a larger bias scale s help?

# %%
biases = zeros.compare_starts([("constant", 0.0), ("constant", 0.1), ("constant", 0.5), ("constant", 1.0),
                             ("he_normal", 0.0)])

# %% [markdown]
# Distinct biases recover nearly everything: with s = 0.5 the constant-weight net ends with
# all 8 units distinct and 98.0% training accuracy, against 100.0% for He's start. It is
# slower, though: it reaches 95% accuracy after 138 epochs, He's start after 62. The units
# start only slightly different, and they need time to grow apart.
#
# ## 5. Try it yourself
#
# The app trains the 2-8-1 net from the start you pick. Left: the hidden-unit outputs after
# training; middle: the decision boundary; right: the loss, with a He-initialised run for
# reference and the chance level. The readout gives the numbers.
#
# **Predict before you move a control**: what will `he_normal, W2 = 0` do with *sigmoid* units
# on the *unbalanced* labels? And the all-zero start with a bias scale of 0.5?
#
# The still picture first — constant weights with biases N(0, 0.5²):

# %%
zeros_figures.plot_start("constant", bias_scale=0.5)

# %%
zeros_figures.starts_dashboard()

# %% [markdown]
# Things to try:
# 1. **start → zeros**, then **activation → sigmoid**, then **labels → unbalanced**:
#    the table of section 1, one cell at a time.
# 2. **start → tied_normal**, with each activation: always one distinct unit.
# 3. **start → constant × 0.5**, then raise the **bias scale** from 0 to 0.05, 0.1, 0.5.
# 4. **start → zeros** with a **bias scale** above 0: the units now differ — yet within
#    300 steps the net hardly learns (the readout gives its accuracy). Why? (Hint: with
#    `W1 = 0`, what does each hidden unit output, for any input? And what does `W2 = 0` do to
#    `dW1` on the first step? The readout shows it.)
#
# Every start side by side, after 300 steps:

# %%
zeros_figures.plot_starts_boundaries([("zeros", 0.0), ("constant", 0.0), ("tied_normal", 0.0),
                               ("zero_W2", 0.0), ("constant", 0.5), ("he_normal", 0.0)])

# %% [markdown]
# ## Summary
#
# - The **chance level** is the label entropy (ln 2 for balanced labels, ln K for K balanced
#   classes): the loss of a net that ignores its input.
# - **All zeros**: tanh and ReLU nets only move `b2` and predict the class prior (loss = label
#   entropy); sigmoid nets move `W2` on step 0 and `W1` from step 1, with identical rows —
#   unless the labels are exactly balanced, when nothing moves.
# - **The all-zero tanh/ReLU net is stuck because no gradient reaches its hidden layer** — a
#   one-unit net is stuck the same way; the all-zero sigmoid net is stuck in symmetry.
# - **`W2 = 0` with a random `W1`**: `dW1` is exactly 0 on the first step, and the net still
#   learns. `W1 = 0` with a random `W2` learns too, twenty times more slowly. Two zero layers in a
#   row stop a tanh or ReLU net for good (g(0) = 0); a sigmoid net with `W2 = W3 = 0` still learns
#   on unbalanced labels (σ(0) = 1/2), and on balanced ones stays at chance in 3000 steps at
#   learning rate 1.5 (held only by an exact balance that rounding can tip). One zero layer is not the
#   problem; identical units are.
# - **`tied_normal`**: random but identical rows are exactly as stuck as a constant.
# - **Distinct biases** alone break the symmetry and recover most of a random start, more
#   slowly.
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** What is the chance level (in nats) of the unbalanced label set? Get the
# labels with `X, Y = zeros.label_set("unbalanced")` and use `symlab.label_entropy`,
# or compute −p ln p − (1 − p) ln(1 − p) yourself.

# %% tags=["exercise"]
X, Y = zeros.label_set("unbalanced")
p = Y.mean()
answer = -p * np.log(p) - (1 - p) * np.log(1 - p)

# %%
check("03.1", answer)

# %% [markdown]
# **Exercise 2.** An all-zero 2-4-1 net with **sigmoid** units is trained on the unbalanced
# labels. At which step (0 = the first update) does `W1` first receive a non-zero gradient?
# Find it by training it yourself: `X, Y = zeros.label_set("unbalanced")`,
# `net = symlab.MLP([2, 4, 1], activation="sigmoid", init="zeros")`,
# `hist = symlab.train(net, X, Y, epochs=5, lr=1.0, record=range(5))`, and look at
# `hist.snapshot(e).grads["dW1"]` for e = 0, 1, 2, …

# %% tags=["exercise"]
X, Y = zeros.label_set("unbalanced")
net = symlab.MLP([2, 4, 1], activation="sigmoid", init="zeros")
hist = symlab.train(net, X, Y, epochs=5, lr=1.0, record=range(5))
answer = next(e for e in range(5) if np.any(hist.snapshot(e).grads["dW1"]))

# %%
check("03.2", answer)

# %% [markdown]
# ## Further reading
# - d2l.ai, section 5.4.2 "Breaking the Symmetry": why a hidden layer with identical units acts as one unit.
# - Goodfellow, Bengio & Courville, *Deep Learning* (2016), section 8.4: "the initial parameters
#   need to break symmetry between different units".
