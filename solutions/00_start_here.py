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
# # 00 · Start here: why must the weights start random?
#
# Everyone says a neural network's weights must start random. Wouldn't zeros be simpler,
# and let every weight find its own sign? In this notebook you train the **same small
# network three times**, changing only how its weights start, and look at what it learned.
#
# **What you'll do**
# - train a network with one hidden layer of 8 units on a 2-D "circles" data set, starting
#   from all zeros, from one constant, and from He's random initialisation;
# - look at what each of the 8 hidden units computes, the decision boundary, and the loss;
# - then read short answers to the four questions most learners arrive with.
#
# **What you'll learn**
# - that zero or constant weights give you *one* hidden unit copied 8 times (or nothing at all);
# - that a random start gives 8 *different* units, and only then does the net draw the circle.
#
# **What you'll need**: Python and numpy basics; what a hidden layer, a loss and gradient
# descent are. About 10 minutes. Every number below is computed when you run the notebook, and
# every other word is explained where it first appears (and in the glossary at the end).

# %% [markdown]
# ## How to use these notebooks
#
# - **Run everything**: *Run → Run All Cells* (or *Kernel → Restart Kernel and Run All Cells*).
#   Every notebook runs top to bottom in under half a minute (the capstone, 09, in about a
#   minute), and gives the same numbers every time: every random draw is seeded.
# - **Dashboards**: notebooks 01–07 have them. The controls above the panels retrain the
#   network when you *release* them; the **epoch** slider and its **▶ play** button under the
#   readout move through the recorded training at once (your browser draws it; nothing is
#   recomputed). Without Python at all, `pages/` holds each dashboard as a web page.
# - **Locally**: the README's first command installs everything and opens JupyterLab here.
#   **On Binder** (the badge in the README) nothing needs installing; the first launch takes a
#   few minutes.
# - The code lives in the small package `symlab` next to these notebooks: `symlab/mlp.py` is
#   the network, forward and backward, one equation per line. Open it any time.
#
# ## Words used in every notebook
#
# - **Hidden unit j** of a layer: one neuron. Its **incoming weights** are row j of the weight
#   matrix `W1` (shape: hidden units × inputs), its **bias** is `b1[j]`, its **outgoing weights**
#   are column j of `W2`. Its output on the m examples is `A1[j]`, row j of `A1 = g(W1 X + b1)`
#   (`X` holds one example per column; `g` is the activation function, here tanh).
# - **Activations**: `tanh(z)` (from −1 to 1) in the hidden units here; `relu(z) = max(0, z)` in
#   other nets; the **sigmoid** `σ(z) = 1 / (1 + e^(−z))` (from 0 to 1) at the output, read as a
#   probability.
# - **fan_in** and **fan_out** of a weight matrix: how many inputs feed its layer, and how many units
#   the layer has. For `W1` here, fan_in = 2 (the two coordinates) and fan_out = 8; for `W2`, 8 and 1.
#   Scaled random starts draw the weights with a variance that depends on them.
# - **`dW1 | db1`**: the gradient of the loss with respect to `W1` and `b1`, side by side. Row j
#   is the step unit j's incoming weights and bias will take.
#
# ## The experiment
#
# The data: 200 points in two rings, labels 1 (inner ring) and 0 (outer ring). The network:
# 2 inputs → 8 tanh hidden units → 1 sigmoid output, whose value is the predicted probability
# of label 1. Training is **full-batch** gradient descent: every step uses all 200 points, so an
# **epoch** (one pass over the training points) is one step here, and the **learning rate**, 1.5,
# is the step size — each step changes every weight by −1.5 × the gradient of the loss. 200 epochs.
# The only thing that changes between the three runs is the starting weights (the biases start at 0
# in all three):
#
# | run | every weight starts as |
# |---|---|
# | `zeros` | 0 |
# | `constant` | 0.5 |
# | `he_normal` | a random draw from N(0, 2 / fan_in) |
#
# **N(0, s²)** is the normal (Gaussian) distribution with mean 0 and variance s² (standard
# deviation s). **He** initialisation (He et al., 2015) draws every weight from N(0, 2 / fan_in):
# for `W1` here fan_in = 2, so the standard deviation is 1 (for `W2`, 0.5). He designed it for ReLU
# units; on this small tanh net it also works (notebook 07 compares the schemes). Each draw is
# **seeded** — a seed is the number that fixes a random draw — so it is the same on every run.
#
# **Predict first.** Before you run the next cell, write down: which runs will learn the
# circle? Will the zero-initialised net learn *anything*?

# %%
import numpy as np

import symlab
from symlab.lab import check, dashboard, start
from symlab.lab.runs import compare, symmetry_run

rows = compare([("zeros", 0.0), ("constant", 0.5), ("he_normal", 1.0)])

# %% [markdown]
# The *scale* column is each start's number: the constant's value 0.5, and for He a factor on its
# formula (1: the formula as it is). "Distinct units" counts hidden units that differ in anything at all — incoming weights, bias
# or outgoing weight. Two units that agree in all three compute the same function and get
# the same gradient. The **loss** is the cross-entropy, −ln(the probability the net gave the
# right label), averaged over the points; its unit is the **nat** (a loss measured with the
# natural logarithm). A net that ignores its input and says 50% for every point scores
# ln 2 ≈ 0.693 nats: that is **chance level**, a coin flip, the best a net can do without using
# its input when the two labels are equally frequent (with unequal labels it is lower: notebook 03).
#
# The zero and constant runs end with **one** distinct unit out of 8, at chance-level loss. The
# He run keeps all 8 distinct and classifies all 200 training points correctly (in this run; other
# seeds get nearly all).
#
# Why does the constant run *start* above chance (0.920)? Its 8 equal units all output
# `tanh(0.5 x₁ + 0.5 x₂)`, and their 8 equal outgoing weights of 0.5 add up: the output is
# `σ(4 · tanh(0.5 x₁ + 0.5 x₂))`: a guess that has nothing to do with the label. Such a guess costs
# more than the coin flip's ln 2 on average, and the more confident the guess, the higher that cost; training brings the
# loss back to chance within about ten epochs, and there it stays for the 200 epochs shown.
#
# Now look at it. Left: what each hidden unit computes, one small map per unit over the
# input square — colour is the unit's output `A1[j]` at that point (purple −1, orange +1), the
# data faint on top. Identical units give identical maps. Middle: the **decision boundary**, the
# curve where the net's output crosses 50% (points on one side are predicted 1, on the other 0; the
# **training accuracy** is the share of training points on their label's side). Zeros draw no
# boundary: their output is 50% everywhere.
# Right: the loss, epoch by epoch.

# %%
dashboard.plot_init_comparison([("zeros", 0.0), ("constant", 0.5), ("he_normal", 1.0)])

# %% [markdown]
# - **zeros**: every hidden unit outputs tanh(0) = 0 for every input, and the gradient reaching
#   the hidden layer is 0, so the hidden layer never changes. Only the output bias could move, and
#   with the two labels equally frequent its gradient is 0 too: the net predicts 50% everywhere.
# - **constant**: the 8 units start equal, so they compute the same thing, receive the same
#   gradient, take the same step — and are still equal after every step. Eight copies of one
#   unit can only draw a straight line through the plane: the decision boundary is a line.
# - **he_normal**: 8 different units, 8 different maps, and together they bend the boundary
#   into a ring.
#
# So the reason is not "hoping a random start lands near the answer". The reason is
# **symmetry**: units that start the same stay the same.

# %% [markdown]
# ## The four questions, answered
#
# You have seen the effect; now the questions learners bring, in the four parts most threads
# ask them (notebook 10 takes one such question-and-answer thread — "the thread" — claim by
# claim). The short answers, each backed by a number the next cell computes; the notebooks named
# after each answer prove it in full.

# %%
gradients, epochs = start.print_answer_numbers()
growth, one_start = start.print_growth_and_width()

# %% [markdown]
# **1. Why start from random weights at all?** So that the hidden units *differ*. Units that
# start with the same weights compute the same function, receive the same gradient and take the
# same step, so they stay identical for ever: a layer of 8 copies is a layer of 1. In the
# experiment above, the constant start ended with 1 distinct unit of 8, the random one with 8.
# (Proof: notebooks 01 and 02.)
#
# **2. How does breaking the symmetry make learning faster?** It does not make it faster — it
# makes it *possible*: the exact constant start never reaches 95% accuracy (the *epochs to 95%* lines). What sets the speed is *how different* the units start. Move every weight of `W1` in the
# constant start by a tiny random amount, ε · N(0, 1) with **ε** (epsilon) = 1e-6: the units now
# differ by about a millionth. At the experiment's learning rate of 1.5, one He random start
# (seed 0) needs 62 epochs to reach 95%, the nudged constant start 554 — single runs; notebook 04
# gives the range over seeds (at learning rate 1, so its counts are larger). Not because the
# difference between the units grows slowly: after a first 100 epochs in which it stays about the
# same size, it grows geometrically — by a factor between 30 and 44 every 100 epochs in this run
# (the *largest difference* and *growth* lines; over 40 draws of the nudge, between ×14 and ×64). It takes long
# because it starts so small: from 1e-6 it needs several such factors to become a real
# difference, so the delay grows with log(1/ε), the number of decades it has to climb. (Proof:
# notebook 04's table of ε from 0.1 down to 1e-15.)
#
# **3. Wouldn't zeros be better, letting each weight move to its value sooner?** No — zero is the
# *slowest* start. Near 0 each weight's gradient is proportional to the weights of the
# neighbouring layer, so the first gradient shrinks with the scale s of the start — in proportion
# to s once s is small: 2e-5 at s = 0.01, 2e-7 at s = 0.0001, and exactly 0 at 0, against about
# 1e-1 at s = 1 (the *largest |dW1|* lines).
# (Proof: notebooks 03 and 06.)
#
# **4. Is there an idea beyond landing near the optimum?** Yes: difference between units, and a
# scale that keeps signals and gradients alive through the layers — **He**'s variance
# `2 / fan_in` (made for ReLU) or **Xavier**'s (also called Glorot's) `2 / (fan_in + fan_out)`
# (Glorot & Bengio, 2010, made for tanh). Where the single random start lands matters for
# **narrow** nets (few hidden units) and hardly for wider ones: on XOR — the four points (±1, ±1),
# label 1 where the two signs differ, which no straight line separates — one Xavier start of a tanh net (learning rate 0.5, 2000 epochs) succeeds
# from 70.5% of 200 seeds with 2 hidden units and from all of them with 8 (the *XOR* lines). Notebook 08 measures this in full, and notebook 10
# puts every claim of the thread to the test.
#
# The rest of this course takes these answers apart, one notebook per idea.

# %% [markdown] tags=["contents"]
# ## Contents
# (generated by tools/build_notebooks.py)

# %% [markdown]
# ## Summary
#
# - The same 8-unit network learned nothing from zeros, a straight line from a constant, and
#   the circle from a random start.
# - With zero or constant weights every hidden unit is a copy of the others, and gradient
#   descent keeps them copies: a net of width 8 acts like a net of width 1.
# - A random start makes the units different; that difference, not luck, is what lets them
#   learn different features (different functions of the input).
#
# ## Exercises (they check themselves)
#
# Replace `...` with one line of code that computes the answer, run the cell, then run the
# check below it.
#
# **Exercise 1.** Widen the constant-initialised network to 32 hidden units. How many
# distinct units does it end with? Use
# `symmetry_run(scheme="constant", scale=0.5, hidden=32)`, which returns a
# trained run `r`, and count with `symlab.distinct_units(symlab.unit_params(r.net.params))`.

# %% tags=["exercise"]
r = symmetry_run(scheme="constant", scale=0.5, hidden=32)
answer = symlab.distinct_units(symlab.unit_params(r.net.params))

# %%
check("00.1", answer)

# %% [markdown]
# **Exercise 2.** What training accuracy (a fraction between 0 and 1) does the **zero**-initialised
# network reach with **ReLU** hidden units instead of tanh? A run's final training accuracy is
# `r.history.final_accuracy`; the activation is the `activation=` argument.

# %% tags=["exercise"]
answer = symmetry_run(scheme="zeros", scale=0.0, activation="relu").history.final_accuracy

# %%
check("00.2", answer)

# %% [markdown]
# ## Glossary
#
# | word | meaning | first used |
# |---|---|---|
# | hidden unit | one neuron of a hidden layer; unit j has row j of `W1`, `b1[j]` and column j of `W2` | 00 |
# | distinct units | how many hidden units differ in anything (incoming weights, bias, outgoing weight) | 00 |
# | tanh, ReLU, sigmoid σ | activations: tanh(z) in (−1, 1); max(0, z); 1 / (1 + e^(−z)) in (0, 1) | 00 |
# | fan_in, fan_out | of a weight matrix: the number of inputs to its layer, and of units in it | 00 |
# | epoch | one pass over the training points; in full-batch gradient descent, one step | 00 |
# | full-batch | every step of gradient descent uses all training points | 00 |
# | learning rate | the step size: each step changes a weight by −(learning rate) × its gradient | 00 |
# | N(0, s²) | the normal distribution with mean 0 and standard deviation s | 00 |
# | scale (init scale) | the s of a start: the std of a normal start, the value of a constant one, or a factor on a scheme's formula (1 = the formula) | 00, 01 |
# | He init | weights from N(0, 2 / fan_in) (He et al., 2015), made for ReLU | 00, 07 |
# | Xavier (Glorot) init | weights with variance 2 / (fan_in + fan_out) (Glorot & Bengio, 2010), made for tanh | 00, 07 |
# | loss, cross-entropy | −ln(probability given to the right label), averaged over the points | 00 |
# | nat | the unit of a loss computed with the natural logarithm | 00 |
# | chance level | the lowest loss without using the input (predict the label frequency): ln 2 ≈ 0.693 nats for equal labels | 00, 03 |
# | decision boundary | the curve where the predicted probability crosses 50% | 00 |
# | training accuracy | the share of training points the net puts on their label's side of the boundary | 00 |
# | seed | the number that fixes a random draw, so that every run draws the same | 00 |
# | ε (epsilon) | a tiny amount added on purpose, e.g. 1e-6 | 00, 04 |
# | narrow net | a net with few hidden units (here 2) | 00, 08 |
# | symmetry | hidden units that are exact copies of each other, and stay so under gradient descent | 00, 02 |
# | the thread | a popular question-and-answer thread on why weights start random, whose claims notebook 10 tests | 00, 10 |

# %% [markdown]
# ## Further reading
# - deeplearning.ai, *Improving Deep Neural Networks*, week 1, "Initialization" — the assignment
#   whose numbers notebook 09 reproduces.
# - d2l.ai, section 5.4 "Numerical Stability and Initialization", on breaking the symmetry.
