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
# # 04 · Measure what splits a symmetric start: dropout, and tiny differences
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
# - compare it with He's random start, with and without dropout;
# - move the constant start by a deliberate, tiny amount ε (from 0.1 down to 1e-15) and time how
#   long the units take to split and the net to learn.
#
# **What you'll learn**
# - plain and mini-batch gradient descent never split identical units; dropout's masks do;
# - but they split them from a tiny, noisy difference, so the net learns late: dropout is no
#   substitute for a random init;
# - the symmetric state is *unstable*: any difference between units grows, and the time it takes
#   grows like log(1/ε) — so breaking the symmetry is necessary, and *how far apart* the units
#   start sets how fast the net learns.
#
# **What you'll need**: notebooks 02 and 03; what dropout does. About 20 minutes.

# %%
import numpy as np

import symlab
from symlab.lab import check, dropout, instability

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
print("row spread of W1 after mini-batch gradient descent, no dropout:", dropout.minibatch_spread())

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
dropout.plot_dropout_spreads()

# %% [markdown]
# The dropout runs start far less different than He's start, crawl for many epochs while
# the masks push the units around at random, and only then grow apart (once the units differ a
# little, the gradient pulls them further apart — section 3 measures this). Until then the loss
# stays near the chance level. Larger p gives a larger first difference, but also
# noisier gradients. **Predict**: which p reaches 95% training accuracy first? The same runs,
# trained on to 1500 epochs so that every one of them gets there:

# %%
learn_epochs = dropout.epochs_to_learn()

# %% [markdown]
# p = 0.5 learns slowest of the three, by far: its fastest seed needs more epochs than the slowest
# seed of p = 0.1 or 0.2 — within the 1000 epochs of the figure, not every p = 0.5 run gets there.
#
# Averages over five seeds, with He's start both with and without dropout (dropout slows
# training down by itself, so "He + dropout" is the fair comparison for the init alone):

# %%
table = dropout.dropout_table()

# %%
verdict = dropout.dropout_verdict(table)

# %% [markdown]
# **The verdict, measured**: dropout does break the exact symmetry of a constant start — each of
# the 5 seeds ends with all 8 units distinct, at 98.6% training accuracy on average. But at epoch 200, when
# He's start (without dropout) is at a loss of 0.152, the constant start with dropout is
# still at 0.637, close to the chance level 0.693. In these 5 seeds it needs 457–495 epochs to
# reach 95% accuracy, against 48–100 for He's start, and 4.9 to 10.1 times as many epochs seed by
# seed — ranges over 5 seeds, which other mask seeds can fall outside. **Dropout is no substitute for a random init**: it
# only adds noise, and noise is a slow way to create differences a random init gives for free.
#
# ## 3. A tiny difference grows: the symmetric state is unstable
#
# Without dropout, gradient descent keeps identical units identical for ever — in exact
# arithmetic, and in symlab's, which computes every matrix product so that identical rows stay
# identical to the last bit (notebook 02). But is "identical" a stable state, or a knife's edge?
# Move the constant start by a deliberate, seeded amount: every entry of `W1` gets `ε · N(0, 1)`
# added, for ε from 0.1 down to 1e-15 (about ten times the spacing of floating-point numbers near
# 0.5). No dropout, full-batch gradient descent at learning rate 1 (notebook 00 used 1.5, with
# larger steps, so its epoch counts are smaller), three seeds per ε; He's random start for
# comparison, and the exact constant start (ε = 0).
#
# **Predict**: does a difference of 1e-15 ever matter? If it does, after how long — and does the
# time depend on ε?

# %%
split = instability.print_split_times()

# %%
instability.plot_split_times(split)

# %% [markdown]
# Every ε splits the units, and every one learns the circle in the end: the symmetric state is an
# **unstable equilibrium**. On the log scale the spread of `W1` rises along nearly straight,
# parallel lines: the difference between units grows by a roughly constant factor per epoch, so
# each factor of 10 in ε costs about the same number of epochs — about 90 here, from ε = 1e-2 to
# 1e-10 — a time that grows like log(1/ε). (Near 1e-15 it grows faster: the gradient has meanwhile
# settled the symmetric net into a flatter place.) Only ε = 0 stays symmetric, and never learns.
#
# This table answers two questions from the thread learners arrive with:
#
# - **Symmetry or just correlation?** Units that are merely *similar* (ε > 0) do split — slowly.
#   Units that are *identical* (ε = 0) never do: symmetry is exact sameness, and it is a trap
#   only gradient descent's exact arithmetic keeps shut.
# - **Does breaking the symmetry make learning faster, or is it necessary?** Necessary: at ε = 0
#   the net never learns. And *how different* the units start sets the speed: He's start reaches
#   95% in 92–100 epochs in the 3 seeds of this table (48–100 in the 5 seeds of the dropout
#   table above); ε = 1e-15, a rounding-sized difference, in about 4000. (That row is
#   rounded: units only a few rounding errors apart are nudged by the rounding itself, which differs
#   from one computer to the next, so its timing moves by dozens of epochs between machines.)
#
# It also explains why other frameworks sometimes seem to break the symmetry "by themselves":
# their arithmetic may round identical units differently in the last bit, and that difference,
# like ε = 1e-15 here, splits the units thousands of epochs later. A difference you can rely on
# comes from the initialisation.
#
# ## 4. Try it yourself
#
# Move the drop probability and the seed. Each setting trains for 1000 epochs (about half a
# second; settings you have seen before come back at once).
#
# **Predict before you move the slider**: what will the row spread panel show at p = 0? And
# will p = 0.05 be faster or slower than p = 0.2?
#
# The still picture first, p = 0.2, seed 0:

# %%
dropout.plot_dropout(0.2, seed=0)

# %%
dropout.dropout_dashboard()

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
# - The symmetric state is unstable: a deliberate difference ε between units grows until they
#   split, after a time that grows like log(1/ε) — about 90 epochs per factor of 10. ε = 1e-15
#   learns after thousands of epochs, ε = 0 never. Breaking the symmetry is necessary, and how
#   different the units start decides how fast the net learns.
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
check("04.1", answer)

# %% [markdown]
# **Exercise 2.** With dropout p = 0.1 (seed 0), after how many epochs does the constant start
# first reach 95% training accuracy? `dropout.dropout_run(0.1)` returns the run; its
# `history.accuracy[e]` is the training accuracy at the start of epoch e.

# %% tags=["exercise"]
accuracy = dropout.dropout_run(0.1).history.accuracy
answer = int(np.argmax(accuracy >= 0.95))

# %%
check("04.2", answer)

# %% [markdown]
# ## Further reading
# - Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
#   JMLR 2014.
# - d2l.ai, section 5.4.2: "minibatch stochastic gradient descent would not break this symmetry,
#   but dropout regularization would!"
