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
# # 02 · Follow the algebra: why equal units stay equal
#
# Notebooks 00 and 01 showed *that* a constant start gives one hidden unit copied H times.
# Here you follow the equations of one forward pass and one backward pass, with the numbers
# on screen, and see *why* — and what it costs.
#
# **What you'll do**
# - run a 2-4-1 network (2 inputs, 4 tanh hidden units, 1 sigmoid output) forward and backward
#   by hand from a constant start, and print `Z1`, `A1`, `dZ1` and `dW1`;
# - step through 200 epochs of training with a slider and watch the four rows of `W1` move;
# - compare the decision boundaries of constant-start nets with 2, 8 and 32 hidden units.
#
# **What you'll learn**
# - equal incoming weights ⇒ equal `Z1` rows ⇒ equal `A1` rows, for *every* input;
# - equal units ⇒ equal rows of `dW1` ⇒ after the step, still equal rows of `W1` — for ever;
# - so a constant-start net of any width, with one hidden layer and **one sigmoid output**, can
#   only draw what one hidden unit can: a straight line (with a K-class softmax output: up to
#   K − 1 lines, all parallel).
#
# **What you'll need**: notebooks 00 and 01; matrix products and the chain rule. About 20 minutes.

# %%
import numpy as np

import symlab
from symlab.lab import check, forward_backward
from symlab.lab.runs import symmetry_run

# %% [markdown]
# ## 1. Forward: equal incoming weights, equal units
#
# The course notation: `X` has shape (2, m), one example per column; `W1` has shape (4, 2),
# and **row j of `W1` holds hidden unit j's incoming weights**. The forward pass is
#
# `Z1 = W1 X + b1`,  `A1 = tanh(Z1)`,  `Z2 = W2 A1 + b2`,  `A2 = σ(Z2)`.
#
# Start every weight at 0.5 and every bias at 0. Row j of `Z1` is `W1[j] · x + b1[j]`, so if
# all rows of `W1` are equal, all rows of `Z1` are equal — whatever the input.
#
# **Predict first**: how many different numbers will each column of `Z1` below contain?

# %%
X, Y = symlab.make_dataset("circles", m=200, noise=0.1, seed=0)
net = symlab.MLP([2, 4, 1], activation="tanh", init="constant", scale=0.5, seed=0)
AL, cache = net.forward(X)
print("W1 =\n", net.params["W1"])
print("Z1, first 5 examples (one row per hidden unit):\n", np.round(cache["Z1"][:, :5], 4))
print("largest difference between two rows of Z1 (all 200 examples):", symlab.row_spread(cache["Z1"]))
print("largest difference between two rows of A1 (all 200 examples):", symlab.row_spread(cache["A1"]))

# %% [markdown]
# Every column has one number, four times: the four units compute the same `Z1`, hence the
# same `A1`, on all 200 examples (the row spread is exactly 0). The picture below shows it for
# *every* input along the line x₂ = 0. Each unit is drawn in its own colour, the first one
# widest: identical curves show as one curve made of nested coloured stripes.
#
# **Predict**: on the right the same net starts from He's random weights. How many curves?

# %%
forward_backward.plot_forward_symmetry()

# %% [markdown]
# ## 2. Backward: equal units, equal gradients
#
# Backpropagation with the cross-entropy loss (course notation, `*` is element-wise):
#
# `dZ2 = A2 − Y`,  `dZ1 = W2ᵀ dZ2 * g′(Z1)`,  `dW1 = (1/m) dZ1 Xᵀ`,  with tanh′(z) = 1 − A1².
#
# `W2ᵀ dZ2` gives unit j the factor `W2[0, j]` — the same 0.5 for every unit — and `g′(Z1)`
# has equal rows because `Z1` has. So every row of `dZ1` is the same, and so is every row of
# `dW1 = (1/m) dZ1 Xᵀ`. Here are the four lines, by hand, with numpy's `@`:

# %%
m = X.shape[1]
dZ2 = AL - Y                                                  # (1, m)
dZ1 = net.params["W2"].T @ dZ2 * (1 - cache["A1"] ** 2)       # (4, m)
dW1 = dZ1 @ X.T / m                                           # (4, 2): row j = unit j's gradient
grads = net.backward(cache, Y)
print("dW1 =\n", np.round(dW1, 6))
print("rows of dW1 by hand equal to 15 decimals:", symlab.row_spread(dW1) < 1e-15)
print("by hand = net.backward to 15 decimals:", np.abs(dW1 - grads["dW1"]).max() < 1e-15)
print("rows of net.backward's dW1 exactly equal:", symlab.row_spread(grads["dW1"]) == 0.0)

# %% [markdown]
# Four equal rows, and `net.backward` (in `symlab/mlp.py`) computes the same numbers.
#
# Why "to 15 decimals" for the hand computation, and "exactly" for `net.backward`? numpy's `@`
# hands the product to a BLAS library, which cuts the matrices into tiles and may round a row at
# a tile's edge differently, in the last bit, from a row inside — on some computers, not on
# others. symlab computes its products with `symlab.mlp.matmul`, where every entry is summed the
# same way wherever it sits, so identical units stay identical to the last bit on every machine.
# (Notebook 04 shows what a last-bit difference would do: the symmetric state is unstable, and
# such a difference grows until the units split — thousands of epochs later.)
#
# Now take the step `W1 ← W1 − lr · dW1`: equal rows minus equal rows.
#
# **Predict**: after the step, are the rows of `W1` still equal? Are they still 0.5?

# %%
net.update(net.backward(cache, Y), lr=1.5)
print("W1 after one step =\n", np.round(net.params["W1"], 6))
print("row spread of W1:", symlab.row_spread(net.params["W1"]))

# %% [markdown]
# The weights moved (they are no longer 0.5), but together. The same argument applies at the
# next step, and the next: the rows are equal before each step, so they are equal after it.
# This is an induction, and it does not depend on the activation (or on the width: the tests
# check every width from 1 to 64). Here it is measured after 3000 steps for sigmoid, tanh and
# ReLU (a 2-4-1 net on the same data, learning rate 1):

# %%
constant_rows = forward_backward.constant_rows_table()

# %% [markdown]
# In every case the weights moved by a good fraction of their size (the second column), and
# the row spread of `W1` is still **exactly 0**: not small, zero, to the last bit — in symlab's
# arithmetic, on every computer. The four units are one unit.
#
# ## 3. Step through training
#
# The app below trains the 2-4-1 net for 200 epochs (learning rate 1.5) and lets you scrub
# through every epoch (the slider or ▶ play under the readout). Left: each row of `W1` as a dot
# in the plane of its two weights, with the path it took. Middle: a map per hidden unit, its
# output over the input square. Right: the net's output and decision boundary.
#
# **Predict before you move the slider**: with the constant start, how many dots will you
# see at epoch 100? With `he_normal`? And with `tied_normal` (one *random* row, copied into
# every unit)?
#
# The still picture first, for readers without a running kernel — constant start, epoch 100:

# %%
forward_backward.plot_rows("constant", epoch=100)

# %%
forward_backward.rows_dashboard()

# %% [markdown]
# Things to try:
# 1. **Drag the epoch slider** with the constant start: the dot moves (the weights learn),
#    but it stays *one* dot — the four nested rings never separate.
# 2. **init scheme → `he_normal`**: four dots, four paths, four different maps, and the
#    boundary bends around the inner circle.
# 3. **init scheme → `tied_normal`**: the start is random, yet again one dot.
# 4. **activation → sigmoid or relu**: the same story.
#
# The numbers behind the app, computed from the same runs:

# %%
rows = forward_backward.rows_table()

# %% [markdown]
# ## 4. The consequence: a wider constant net draws the same straight line
#
# Take the net of this notebook: one hidden layer, one sigmoid output. With all H units equal, unit j outputs `tanh(u)` with the same `u = w · x + b` for every j,
# and the output is `σ(H · W2[0, 0] · tanh(u) + b2)`: a monotone function of **one number**
# `u`. The prediction is "inner circle" on one side of a value of `u` and "outer circle" on the
# other, and `u = const` is a straight line in the plane. Adding units adds copies of the
# same term: no bend, no ring.
#
# You can check this without drawing. Sort 40 000 points of a grid by `u` and count how often
# the predicted label changes along that order: at most once if the boundary is one straight
# line, many times if it is not.
#
# **Predict**: which training accuracy will the 32-unit constant net reach, compared with
# the 2-unit one?

# %%
widths = forward_backward.width_table()

# %%
forward_backward.plot_width_comparison()

# %% [markdown]
# All three constant nets end with **one** distinct unit and a label that switches exactly
# once along `u`: a straight line, at 58.5%, 51.0% and 51.0% training accuracy (the 2-unit
# net's line happens to cut off a few more outer points). The He-initialised net with
# 8 units is 100% right. Width bought the constant net nothing: the bottom row shows why —
# the 32-unit net's 32 maps are one map, 32 times; the He net's 8 maps all differ.
#
# ### With more than two classes: parallel lines
#
# "One straight line" is the case of one sigmoid output. With a softmax over K classes, each
# class's logit is its own affine function `a_c · tanh(u) + b_c` of the same single number `u`,
# and the predicted class — the largest of K such functions — can change up to K − 1 times along
# `u`. So a constant start can draw up to K − 1 lines, but they are all parallel (`u = const`):
# still no bend. Three blobs, three classes:
#
# **Predict**: how many label switches along `u` for the constant net, and can it separate the
# three corners of a triangle?

# %%
lines = forward_backward.softmax_lines()

# %%
forward_backward.plot_softmax_lines(lines)

# %% [markdown]
# The constant net keeps one distinct unit and draws two parallel lines (two switches along `u`):
# it cannot cut the triangle's corners apart and stops at 85.3%. He's start bends the boundaries
# and gets every point right.
#
# ## Summary
#
# - Forward: equal incoming weights and biases give equal rows of `Z1` and `A1` for every input.
# - Backward: equal units get equal rows of `dZ1 = W2ᵀ dZ2 * g′(Z1)` and `dW1 = (1/m) dZ1 Xᵀ`,
#   so after every step the rows of `W1` are still equal — exactly, for sigmoid, tanh and ReLU.
# - Consequence: a constant-start net of width H is a net of width 1. On the circles it draws
#   a single straight line whether H is 2, 8 or 32; with a K-class softmax output, at most K − 1
#   parallel lines. A random start draws the circle.
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** Go back to a fresh constant net: build
# `symlab.MLP([2, 4, 1], activation="tanh", init="constant", scale=0.5, seed=0)`, run it forward
# on the circles data (`symlab.make_dataset("circles", m=200, noise=0.1, seed=0)`), and compute
# `dW1` **by hand** with the three formulas of section 2 (not with `net.backward`). What is its
# largest entry in absolute value?

# %% tags=["exercise"]
X, Y = symlab.make_dataset("circles", m=200, noise=0.1, seed=0)
fresh = symlab.MLP([2, 4, 1], activation="tanh", init="constant", scale=0.5, seed=0)
A2, c = fresh.forward(X)
dZ1_hand = fresh.params["W2"].T @ (A2 - Y) * (1 - c["A1"] ** 2)
answer = np.abs(dZ1_hand @ X.T / X.shape[1]).max()

# %%
check("02.1", answer)

# %% [markdown]
# **Exercise 2.** Widen the constant net to 64 hidden units. What training accuracy (a fraction
# between 0 and 1) does it reach? Use
# `symmetry_run(scheme="constant", scale=0.5, hidden=64)` and the run's
# `history.final_accuracy`.

# %% tags=["exercise"]
answer = symmetry_run(scheme="constant", scale=0.5, hidden=64).history.final_accuracy

# %%
check("02.2", answer)

# %% [markdown]
# ## Further reading
# - d2l.ai, section 5.4.2 "Breaking the Symmetry".
# - deeplearning.ai, *Neural Networks and Deep Learning*, week 3, "Random Initialization".
