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
# # 05 · Find where the start does not matter: models without a hidden layer
#
# Everything so far says "never start from zeros". Yet logistic regression is routinely
# started from zeros, and it works. In this notebook you find out why — and why the same
# argument fails as soon as a hidden layer appears.
#
# **What you'll do**
# - train logistic regression from zeros and from random starts and watch them meet at the
#   minimum that Newton's method finds independently;
# - train a 2-class softmax regression from zeros and look at its two weight vectors;
# - run the perceptron from zero and from random starts;
# - walk along a straight line between two equally good hidden-layer nets.
#
# **What you'll learn**
# - with no hidden layer there are no units that could be copies of each other, and the loss
#   of logistic regression is convex: one minimum, reached from any start — zeros included;
# - a softmax model started at zero learns mirror-image class weights, and that is correct;
# - a hidden layer's loss is not convex: the start decides which units exist, and where
#   training ends.
#
# **What you'll need**: notebooks 02 and 03; what "convex" means (a bowl: the straight line
# between two points of the graph never goes below it). About 20 minutes.

# %%
import numpy as np

import symlab
from symlab.lab import check, convex, convex_figures

# %% [markdown]
# ## 1. Logistic regression: every start, one answer
#
# Logistic regression is a net with no hidden layer: `p = σ(w · x + b)`. It has one "unit",
# so there is nothing for it to be symmetric with, and its loss is convex in `(w, b)`. It is
# *strictly* convex, with exactly one minimum, under two conditions: no straight line separates
# the two classes (otherwise the loss keeps falling as the weights grow, and there is no finite
# minimum at all), and the inputs are not all on one line — the m × 3 matrix of rows
# `(x₁, x₂, 1)` has full rank 3 (otherwise some direction of `(w, b)` changes nothing, and the
# minima form a valley). The data: 200 "moons" points with noise 0.2, which no line separates.
#
# We find the minimum twice, by two different methods: by Newton's method (which jumps to the
# bottom of the bowl in a few steps), and by gradient descent from zeros and from five random
# starts with weights N(0, 3²), 3000 steps at learning rate 1.
#
# **Predict**: will the random starts end at the same weights as the zero start? How close?

# %%
X_moons, Y_moons = convex.convex_data()
print("rank of the rows (x1, x2, 1):", np.linalg.matrix_rank(np.vstack([X_moons, np.ones(X_moons.shape[1])])))

# %%
starts = convex.convex_starts()

# %% [markdown]
# These five starts, up to 7.67 apart, all end less than 1e-11 apart after 3000 steps — the same
# weights to eleven decimals — and at Newton's minimum. The loss is 0.299357 nats from every start. For this
# model, zeros are as good a start as any.
#
# The picture: left, the paths of gradient descent over the contours of the loss (a bowl),
# all running into the same point; right, the distance from the minimum on a log scale: a
# straight line, so it shrinks by about the same factor every step, whatever the start.

# %%
convex_figures.plot_convex_starts()

# %% [markdown]
# **Predict before you move a slider**: can you find a random start — a larger scale, another
# seed — that ends somewhere else?

# %%
convex_figures.convex_dashboard()

# %% [markdown]
# Now count it, 20 seeds at each of three scales, and give the far starts more time too:
#
# **Predict**: does a start from N(0, 30²) end at the same weights after 3000 steps?

# %%
far = convex.far_starts()

# %% [markdown]
# Not always within 3000 steps: from N(0, 10²) 18 of 20 starts are within 1e-9 of Newton's minimum,
# from N(0, 30²) only 11 of 20, and the farthest is still about 16 away. A far start puts most
# outputs σ(w · x + b) at almost exactly 0 or 1, where the loss is nearly flat, so the first steps
# are tiny. Given 10000 steps, every one of the 60 starts is within 1e-9 of the minimum. The
# minimum does not depend on the start; the number of steps to reach it does.

# %% [markdown]
# ## 2. Softmax regression from zeros: mirror images, and that is right
#
# A 2-class softmax regression has one weight row per class, `W` of shape (2, 2), and predicts
# `softmax(W x + b)`. Started at zero, both rows start equal. Is that the symmetry trap again?
#
# `dW = (1/m) (P − Y) Xᵀ`, and each column of `P − Y` sums to 0 (both P and Y sum to 1 over
# the classes). So the two rows of `dW` are always **negatives** of each other — not copies:
# the two classes have different targets, so they get different gradients from the first step.
#
# **Predict**: what will `W[0] + W[1]` be after training from zeros?

# %%
mirror = convex.softmax_mirror()

# %% [markdown]
# From zeros, `W[0] = −W[1]` at every step: mirror images. That is the right answer, not a
# failure. The predictions depend only on the difference `W[1] − W[0]`, and that difference
# follows logistic regression exactly — softmax regression here runs at learning rate 0.5, and its
# difference moves like logistic regression at learning rate 1, twice that. The 2-class softmax
# *is* logistic regression, written with two rows.
#
# From a random start, `W[0] + W[1]` never changes (the gradient has no component along it):
# the loss is convex but not *strictly* convex — it has a valley of equally good minima, and
# the start picks a point in the valley. The predictions are the same to rounding level.

# %%
convex_figures.plot_softmax_mirror(mirror)

# %% [markdown]
# ## 3. The perceptron converges from zero
#
# The perceptron updates `w ← w + lr · y · x` (y = ±1) on each misclassified point. On data
# that a line separates, it stops after finitely many mistakes from any start (Novikoff,
# 1962). From zero, every point lies on the line at first (100 mistakes), and the step size
# only rescales `w` and `b`, so it changes no prediction at all.
#
# **Predict**: from zero, how many passes over these 100 separable points until a pass
# without a mistake?

# %%
perceptron_runs = convex.perceptron_starts()

# %%
convex_figures.plot_perceptron(perceptron_runs)

# %% [markdown]
# Zero is a fine start for the perceptron, too. Its answer is not unique — any separating line
# has zero mistakes — so different starts end at slightly different lines (up to a few degrees
# here), all of them correct.
#
# ## 4. Add a hidden layer, and the start decides
#
# Train the 2-8-1 tanh net on the same moons data (2000 steps at learning rate 1), from zeros
# and from five He-random starts.
#
# **Predict**: will the five random starts end at the same loss, as logistic regression did?

# %%
hidden = convex.hidden_layer_starts()

# %% [markdown]
# From zeros nothing moves at all — these 200 labels are exactly balanced, so even the output bias
# stays at 0 (notebook 03): one distinct unit, at the chance level ln 2. The five random starts each build 8 different units and end at five
# different losses.
#
# Why can there not be one minimum? Take a trained net and **swap two of its hidden units**
# (their rows of `W1`, biases, and columns of `W2`). It computes exactly the same function: the
# same loss, at a different point. If the loss were convex, every point on the straight line
# between these two minima would be at least as good. In the middle of that line, the two
# units are *identical* — and the loss is worse:

# %%
convex_figures.plot_segments()

# %% [markdown]
# Averaging over all 8 cyclic shifts of the units makes *every* unit identical — a
# constant-start net in disguise:

# %%
trained, _ = convex.moons_net()
averaged, averaged_loss = convex.symmetric_average(trained)
print(f"trained net: loss {trained.loss(*convex.convex_data()):.3f} nats, "
      f"{symlab.distinct_units(symlab.unit_params(trained.params))} distinct units")
print(f"average over all cyclic shifts: loss {averaged_loss:.3f} nats, "
      f"{symlab.distinct_units(symlab.unit_params(averaged.params))} distinct unit")

# %% [markdown]
# Every point of symmetry is a point where units are copies of each other — exactly where a
# constant start puts the net, and where gradient descent never leaves in exact arithmetic (and in
# symlab's, which keeps identical units identical; a rounding-sized difference would let it leave,
# thousands of epochs later — notebook 04, section 3). A hidden layer's
# loss surface is built out of many equally good minima that differ by a relabelling of the
# units, with the symmetric points in between. The start must pick one side: it decides which
# units exist at all.
#
# ## Summary
#
# - Logistic regression has one unit and a convex loss — strictly convex when no line separates
#   the classes and the inputs have full rank: from zeros or any random start it converges to the
#   same weights, the minimum Newton's method finds. From zeros and five N(0, 3²) starts, 3000 steps
#   end less than 1e-11 apart; starts from N(0, 30²) can need more than 3000 steps (all 20 within
#   1e-9 after 10000).
# - A 2-class softmax regression from zeros learns mirror-image class weights, `W[0] = −W[1]`:
#   correct, and the same predictions as from any other start.
# - The perceptron converges from zero on separable data, to one of many equally correct lines.
# - With a hidden layer, swapping units gives equally good minima with worse, symmetric points
#   between them: the loss is not convex, and a symmetric start is stuck on a symmetric point.
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** Start logistic regression far away, at `w0 = np.array([[5.0, -5.0]])` and
# `b0 = 2.0`, and train it with `symlab.logistic_regression(X, Y, w0, b0, lr=1.0, epochs=3000)`
# on the moons data (`X, Y = convex.convex_data()`). What is its final loss
# (`fit.loss[-1]`)?

# %% tags=["exercise"]
X, Y = convex.convex_data()
fit = symlab.logistic_regression(X, Y, np.array([[5.0, -5.0]]), 2.0, lr=1.0, epochs=3000)
answer = fit.loss[-1]

# %%
check("05.1", answer)

# %% [markdown]
# **Exercise 2.** Run the perceptron from zero with a tiny step, `lr=0.001`, on the separable
# data: `Xs, Ys = symlab.linear.make_separable()` and
# `fit, passes = symlab.perceptron(Xs, Ys, lr=0.001, seed=0)`. After how many passes does it
# stop?

# %% tags=["exercise"]
Xs, Ys = symlab.linear.make_separable()
fit, passes = symlab.perceptron(Xs, Ys, lr=0.001, seed=0)
answer = passes

# %%
check("05.2", answer)

# %% [markdown]
# ## Further reading
# - Bishop, *Pattern Recognition and Machine Learning* (2006), §4.3.2–4.3.3 (logistic regression,
#   Newton's method / IRLS) and §4.1.7 (the perceptron).
# - Goodfellow, Bengio & Courville, *Deep Learning* (2016), §8.2.2: weight-space symmetry
#   ("model identifiability") and why neural-net losses have many equivalent minima.
