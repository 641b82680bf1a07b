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
# # 04 · Measure whether dropout makes random init unnecessary
#
# Dropout switches off random hidden units on every step. Its masks are random, and they are
# different for every unit — so shouldn't dropout break the symmetry of a constant start on
# its own, and make a random init unnecessary? The d2l book says it does break it. Here you
# measure *how well*.
#
# **What you'll do**
# - compute one gradient of a constant-start net with and without dropout;
# - train the constant-start net with dropout p = 0.1 … 0.5 and watch the difference between
#   its hidden units (the row spread of `W1`) grow, epoch by epoch, over several seeds;
# - compare it with He's random start, with and without dropout.
#
# **What you'll learn**
# - plain and mini-batch gradient descent never split identical units; dropout's masks do;
# - but they split them from a tiny, noisy difference, so the net learns late: dropout is no
#   substitute for a random init.
#
# **What you'll need**: notebooks 02 and 03; what dropout does. About 15 minutes.

# %%
# %matplotlib widget
import numpy as np

import symlab
from symlab import symmetry as sym
from symlab import symmetry_plots as splots

# %% [markdown]
# ## 1. One step: where the difference comes from
#
# With (inverted) dropout, each hidden output is multiplied by a random 0/1 mask `D1` (kept
# with probability 1 − p) and divided by 1 − p. Backward, the gradient reaches unit j only
# through the examples where unit j was kept: `dA1 = W2ᵀ dZ2 * D1 / (1 − p)`. Each unit has
# its own mask, so each row of `dW1` averages over a different subset of the examples.
#
# **Predict**: for the 2-8-1 constant-start tanh net of notebook 00, how large will the row
# spread of `dW1` be with dropout p = 0.2, compared with the size of its entries?

# %%
X, Y = symlab.make_dataset("circles", m=200, noise=0.1, seed=0)
net = symlab.MLP([2, 8, 1], activation="tanh", init="constant", scale=0.5, seed=0)
for p in (0.0, 0.2):
    _, cache = net.forward(X, dropout=p, rng=np.random.default_rng(0))
    dW1 = net.backward(cache, Y)["dW1"]
    print(f"dropout p = {p}: row spread of dW1 = {symlab.row_spread(dW1):.2e}, "
          f"largest |entry| = {np.abs(dW1).max():.2e}")

# %% [markdown]
# Without dropout the rows are identical (spread 0). With dropout they differ — by an amount
# comparable to the gradient itself, but the gradient is small, and the next step draws new
# masks that push the units in other random directions.
#
# Shuffled mini-batches, by contrast, change *which examples* every unit sees — but every unit
# sees the *same* ones, so the rows stay identical. After 100 epochs of mini-batches of 20:

# %%
print("row spread of W1 after mini-batch gradient descent, no dropout:", sym.minibatch_spread())

# %% [markdown]
# ## 2. Many steps: does the split grow, and how fast?
#
# Now train the constant-start net for 1000 epochs (full batch, learning rate 1) with dropout
# p = 0.1, 0.2 and 0.5, three seeds each (the seed draws the masks). Left: the row spread of
# `W1` — how different the units' incoming weights are — on a log scale. Right: the training
# loss, measured without dropout. In grey, He's random start without dropout.
#
# **Predict**: He's random start begins with a row spread of about 4. Where will the dropout
# runs begin, and when will their loss leave the chance level?

# %%
splots.plot_dropout_spreads()

# %% [markdown]
# The dropout runs start far less different than He's start, crawl for many epochs while
# the masks push the units around at random, and only then grow apart (the symmetric state is
# unstable: once the units differ a little, the gradient pulls them further apart). Until then
# the loss stays near the chance level. Larger p gives a larger first difference, but also
# noisier gradients: p = 0.5 learns slowest of the three.
#
# Averages over five seeds, with He's start both with and without dropout (dropout slows
# training down by itself, so "He + dropout" is the fair comparison for the init alone):

# %%
table = sym.dropout_table()

# %%
verdict = sym.dropout_verdict(table)

# %% [markdown]
# **The verdict, measured**: dropout does break the exact symmetry of a constant start — every
# seed ends with all 8 units distinct, at 98.6% training accuracy on average. But at epoch 200, when
# He's start (without dropout) is at a loss of 0.152, the constant start with dropout is
# still at 0.637, close to the chance level 0.693; it needs 457–495 epochs to reach 95%
# accuracy, against 48–100 for He's start. **Dropout is no substitute for a random init**: it
# only adds noise, and noise is a slow way to create differences a random init gives for free.
#
# ## 3. Try it yourself
#
# Move the drop probability and the seed. Each setting trains for 1000 epochs (about half a
# second; settings you have seen before come back at once).
#
# **Predict before you move the slider**: what will the row spread panel show at p = 0? And
# will p = 0.05 be faster or slower than p = 0.2?
#
# The still picture first, p = 0.2, seed 0:

# %%
splots.plot_dropout(0.2, seed=0)

# %%
splots.dropout_dashboard()

# %% [markdown]
# Things to try:
# 1. **p → 0**: the row spread is exactly 0 at every epoch, and one distinct unit remains.
# 2. **p → 0.05, 0.2, 0.5**: how the first difference, the waiting time and the final loss
#    change.
# 3. **seed**: the same p with other masks — the waiting time changes from seed to seed.
#
# ## Summary
#
# - Gradient descent, full-batch or mini-batch, gives identical units identical gradients:
#   their row spread stays exactly 0.
# - Dropout gives each unit its own random mask, so it does split a constant start.
# - The split starts tiny and noisy, and the constant start with dropout learns several times
#   later than He's random start. Dropout is a regulariser, not a way to initialise.
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** Take one step of training from the constant start with dropout p = 0.5, on
# the circles data `X, Y = symlab.make_dataset("circles", m=200, noise=0.1, seed=0)`:
# `net = symlab.MLP([2, 8, 1], activation="tanh", init="constant", scale=0.5)`, then
# `symlab.train(net, X, Y, epochs=1, lr=1.0, dropout=0.5, seed=1000)` (the seed of the masks).
# What is the row spread of `W1` afterwards?

# %% tags=["exercise"]
X, Y = symlab.make_dataset("circles", m=200, noise=0.1, seed=0)
net = symlab.MLP([2, 8, 1], activation="tanh", init="constant", scale=0.5)
symlab.train(net, X, Y, epochs=1, lr=1.0, dropout=0.5, seed=1000)
answer = symlab.row_spread(net.params["W1"])

# %%
symlab.check("04.1", answer)

# %% [markdown]
# **Exercise 2.** With dropout p = 0.1 (seed 0), after how many epochs does the constant start
# first reach 95% training accuracy? `symlab.symmetry.dropout_run(0.1)` returns the run; its
# `history.accuracy[e]` is the training accuracy at the start of epoch e.

# %% tags=["exercise"]
accuracy = symlab.symmetry.dropout_run(0.1).history.accuracy
answer = int(np.argmax(accuracy >= 0.95))

# %%
symlab.check("04.2", answer)

# %% [markdown]
# ## Further reading
# - Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
#   JMLR 2014.
# - d2l.ai, section 5.4.2: "minibatch stochastic gradient descent would not break this symmetry,
#   but dropout regularization would!"
