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
# # 08 · Restart and count: random starts, local minima and success rates
#
# Is the point of a random start to "land near the optimum"? Gradient descent is greedy: it walks
# downhill from wherever it starts and stops in the first minimum it meets. So different starts can
# end in different places, and "restart several times, keep the best" is a real strategy. This
# notebook measures how often a start succeeds, how much restarts help — and when they do not
# matter at all.
#
# **What you'll do**
# - run gradient descent from 200 random starts on a 1-D loss with five minima;
# - train 200 XOR networks per hidden width, from seeds 0 … 199, and count the successes;
# - measure "best of k restarts" against the formula 1 − (1 − p)ᵏ;
# - compare restarts with what symmetry and scale do to the same networks.
#
# **What you'll learn**
# - where gradient descent ends depends on where it starts: each minimum has a *basin*;
# - a narrow net fails from a sizeable fraction of random starts, and restarts fix that at a price;
# - a slightly wider net rarely fails (0 of 200 seeds at H = 4 here), while a constant or tiny
#   start fails from all 200 seeds — restarts cannot rescue symmetry or a bad scale.
#
# **What you'll need**: notebooks 00 and 06. About 20 minutes.

# %%
import numpy as np

import symlab
from symlab.lab import check, restarts, restarts_figures

# %% [markdown]
# ## 1. One weight, five minima
#
# The loss `L(w) = 0.1 w² + sin 2w` has several valleys. Draw 200 starting points uniformly in
# [−6, 6] (`np.random.default_rng(0)`), take 300 gradient-descent steps `w ← w − 0.05 · L′(w)` from
# each, and record where every run ends.
#
# **Predict first**: what fraction of the runs will end in the lowest valley?

# %%
bumpy = restarts.bumpy_restarts(n=200, seed=0, lr=0.05, steps=300)
restarts.print_bumpy(bumpy)

# %%
restarts_figures.plot_bumpy_descent(bumpy.starts, bumpy.path, bumpy.minima)

# %% [markdown]
# Every run ends in the minimum of the valley it started in — its *basin*. About a quarter of the
# starts lie in the global minimum's basin, so about a quarter of the runs find it. Nothing about
# gradient descent is "attracted" to the best minimum; it only knows the local slope.
#
# A restart strategy: run k starts, keep the one with the lowest final loss. If one start succeeds
# with probability p, k independent starts all fail with probability (1 − p)ᵏ. Measured on the
# 200 runs, split into disjoint groups of k:

# %%
for k in (1, 2, 4, 8):
    measured, predicted = restarts.best_of_k(restarts.bumpy_loss(bumpy.path[-1]),
                                             bumpy.ends_at == bumpy.global_index, k)
    print(f"best of {k}: {measured:.2f} of the groups find the global minimum (1 − (1 − p)^k = {predicted:.2f})")

# %% [markdown]
# ## 2. A real network: XOR with H hidden units
#
# The four XOR points (inputs ±1, label 1 where the signs differ) need a hidden layer. Take a
# 2-H-1 network with tanh hidden units and a sigmoid output, start it from `xavier_normal` with seed
# s = 0, 1, …, 199, and train each by full-batch gradient descent (2,000 steps, learning rate 0.5).
# A run *succeeds* if it classifies all four points correctly. The 200 nets of one width train in
# lockstep (`symlab.train_many`: the same arithmetic as `symlab.train`, stacked), so the whole
# sweep takes seconds.
#
# **Predict**: with H = 1, can any seed succeed? With H = 2, what fraction? With H = 16?

# %%
widths = (1, 2, 3, 4, 8, 16)
xor = {h: restarts.xor_restarts(hidden=h, extra_epochs=8000 if h == 2 else 0) for h in widths}
restarts.print_xor_table(list(xor.values()))

# %%
restarts_figures.plot_xor_success(widths, list(xor.values()), xor[2])

# %%
failed = xor[2].final_loss[~xor[2].solved]
on_plateau = np.abs(failed - np.log(2) / 2) < 0.01
print(f"H = 2: {failed.size} failed runs; {on_plateau.sum()} end within 0.01 of (ln 2)/2 = {np.log(2) / 2:.3f}, "
      f"the others at {np.round(failed[~on_plateau], 3)}")

# %% [markdown]
# - **H = 1** never succeeds: one tanh unit draws one line, and XOR needs two.
# - **H = 2** — the classic 2-2-1 XOR net — succeeds from about 70% of the seeds. The failures are
#   not slow learners: all but one sit at a loss of (ln 2)/2 ≈ 0.347 (right panel), fitting two of
#   the four points and leaving the other two at 50/50; the last one never left ln 2. Given 8,000
#   *more* steps, only one of the failed runs gets out (last column of the table).
# - **H = 3** fails from 2 seeds in 200; **H ≥ 4** fails from 0 of these 200 seeds. That is a rate,
#   not a guarantee: rarer failures need more seeds to show up.
#
# Are the failures local minima, saddles, or plateaus? Measure it: follow every failed H = 2 run for
# 10,000 steps and, at five moments, compute its loss, the size of its weights `|θ|`, the size of
# its gradient, and the smallest eigenvalue of the loss's Hessian (`symlab.hessian`: the curvature
# in the flattest direction; negative means the loss curves down in some direction). A *saddle* is a
# point where the gradient is 0 **and** some eigenvalue is negative; a negative eigenvalue where the
# gradient is not 0 is only a bend in the slope.
#
# **Predict**: at the start, is a negative eigenvalue a sign that a run will fail? Compare the
# starts of all 200 seeds, the ones that solved XOR and the ones that failed:

# %%
start_curvature = restarts.print_start_curvature()

# %% [markdown]
# Every start has a negative eigenvalue — the solved ones as much as the failed ones — so at the
# start it predicts nothing. Nor are the starts saddles, which need a gradient of 0: the median
# gradient norm at the start is the same in both groups, and far from 0 (last column). Now follow the
# failed runs:

# %%
anatomy = restarts.print_failure_anatomy()

# %% [markdown]
# What the failed runs do, measured:
#
# - They start where every run starts: on a slope (gradient far from 0), with some direction of
#   negative curvature, like the runs that succeed.
# - By step 500 the negative directions are gone in all but one run (the last column) — so they are not near a saddle — yet not at a minimum at finite weights either: the
#   loss keeps falling towards (ln 2)/2, ever more slowly, while the weights keep growing and both
#   the gradient and the curvature shrink towards 0.
# - That is a valley whose floor lies at *infinite* weights: each failed net saturates its units
#   to fit two of the four points ever more confidently, and never turns back. Hamey (1998) proved
#   that the 2-2-1 XOR loss has no strict local minimum at finite weights; these runs show what
#   failure looks like instead. For gradient descent with a step budget it is as final as a
#   local minimum.

# %% [markdown]
# ## 3. Best of k restarts, measured
#
# For H = 2, group the 200 seeds into disjoint groups of k, keep the lowest final loss in each
# group, and count the groups whose pick solved XOR:

# %%
ks = (1, 2, 3, 5, 10, 20)
measured, predicted = restarts.print_best_of_k(xor[2], ks)

# %%
restarts_figures.plot_best_of_k(ks, measured, predicted, xor[2].success_rate)

# %% [markdown]
# The measured rates follow 1 − (1 − p)ᵏ within the noise of a few dozen groups: the seeds behave
# like independent tries, and with three restarts more than 97% of the groups succeed. But restarts
# cost: three 2-2-1 runs are three trainings, while *one* 2-4-1 run failed from 0 of the 200 seeds above.

# %% [markdown]
# ## 4. The honest verdict: restarts versus symmetry and scale
#
# Take the wide net (H = 16) that succeeded from all 200 seeds, and change only how it starts.
#
# **Predict**: with a constant start, how many of 200 restarts succeed? With `0.01 * randn`?

# %%
verdict = [restarts.xor_restarts(hidden=16, init=init, scale=scale)
           for init, scale in [("xavier_normal", 1.0), ("he_normal", 1.0), ("normal", 10.0), ("normal", 0.01),
                               ("normal", 0.001), ("constant", 0.5)]]
restarts.print_xor_table(verdict)

# %% [markdown]
# - Every *random* start of a reasonable scale succeeds, in all 200 seeds: for a wide net, the
#   random start is hardly a lottery ticket, and restarts buy nothing here.
# - A **constant** start fails from all 200 seeds: the 16 units are copies of one unit (notebooks
#   00–02), and a copy of one unit is H = 1, which never solves XOR. Restarting re-draws nothing,
#   because there is nothing random to re-draw.
# - **Too small** a start (`0.01` or `0.001 · randn`) fails from all 200 seeds within 2,000 steps:
#   every run sits on the same plateau near w = 0 (loss ≈ ln 2, notebook 06's cold start).
#   Restarting from another tiny start lands on the same plateau.
# - Even `10 · randn` succeeds here: XOR has four points, and a wide net has room to spare.
#   (Notebooks 06 and 07 showed where large scales do hurt.)
#
# So: a random start is needed to break the symmetry, and its *scale* decides whether learning can
# start. Among good random starts, the luck of the draw matters for small, tight networks (H = 2
# here) and hardly at all for wide ones.

# %% [markdown]
# ## Summary
#
# - Gradient descent ends in the minimum of the basin it starts in; on the 1-D loss, a quarter of
#   the random starts found the global minimum.
# - A 2-2-1 XOR net succeeds from about 70% of random starts, a 2-3-1 from 99%, wider nets from all
#   200 seeds. A negative Hessian eigenvalue at the start marks nothing: every start has one,
#   solved or failed, and the starts are not saddles (median gradient norm 0.17, not 0). The failed runs slide
#   down a valley towards a loss of (ln 2)/2 at infinite weights, with gradient and curvature
#   shrinking; 8,000 more steps barely help.
# - Best of k restarts follows 1 − (1 − p)ᵏ. For a narrow net three restarts are enough; a slightly
#   wider net needed none in these 200 seeds (0 of 200 failed at H = 4).
# - Restarts cannot fix symmetry (a constant start failed from all 200 seeds) or a too-small scale
#   (every one of the 200 starts landed on the same plateau).
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** What fraction of the 200 seeds solve XOR with **H = 3** hidden units?
# Use `restarts.xor_restarts(hidden=...)` and its `.success_rate`.

# %% tags=["exercise"]
answer = restarts.xor_restarts(hidden=3).success_rate

# %%
check("08.1", answer)

# %% [markdown]
# **Exercise 2.** Does the step size decide which valley a run ends in? Repeat section 1 with a
# five times smaller step, `lr=0.01`, and five times more steps (1,500), and compute the fraction
# of the 200 starts that end in the global minimum: `restarts.bumpy_restarts(lr=..., steps=...)`
# and its `.global_fraction`.

# %% tags=["exercise"]
answer = restarts.bumpy_restarts(lr=0.01, steps=1500).global_fraction

# %%
check("08.2", answer)

# %% [markdown]
# ## Further reading
# - I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning* (2016), section 8.2.2 "Local Minima"
#   and 8.2.3 "Plateaus, Saddle Points and Other Flat Regions".
# - L. Hamey, "XOR has no local minima: A case study in neural network error surface analysis",
#   Neural Networks 11(4), 1998.
# - Y. Dauphin et al., "Identifying and attacking the saddle point problem in high-dimensional
#   non-convex optimization", NeurIPS 2014: in large networks, saddles, not bad local minima,
#   are the obstacle.
