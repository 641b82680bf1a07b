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
# # 07 · Go deep: measure the signal layer by layer, then fix it with Xavier, He and orthogonal init
#
# One hidden layer forgave almost any scale (notebook 06). Ten layers do not: each layer multiplies
# the signal by roughly the same factor, so a factor of 0.22 or 22 becomes 0.22¹⁰ or 22¹⁰. This
# notebook reproduces the numbers of three famous demonstrations — CS231n's activation statistics,
# fast.ai's matrix-product chain, and He et al.'s deep ReLU net — and derives the fix.
#
# **What you'll do**
# - push 1,000 random examples through 10 layers of 500 units and measure every layer, forward and
#   backward, for five initialisations;
# - check the variance formula behind Xavier and He init on every layer of every run, then predict
#   and watch the signal and the gradient through 30 layers on a live dashboard;
# - multiply a vector by a 512 × 512 random matrix until float32 and float64 give up;
# - train a 30-layer ReLU network from He, Xavier and `0.01 * randn` starts.
#
# **What you'll learn**
# - `Var(z) = fan_in · Var(w) · E[x²]`: choose `Var(w) = 1/fan_in` (Xavier/LeCun) to keep the
#   signal's size, `2/fan_in` (He) for ReLU, which zeroes half of it;
# - orthogonal matrices keep a vector's length *exactly*;
# - the wrong scale does not just slow a deep net down — it can stop it learning at all.
#
# **What you'll need**: notebook 06. About 25 minutes.

# %%
import numpy as np

import symlab
from symlab.lab import chains, check, deep_relu, depth, depth_figures, depth_signal

# %% [markdown]
# ## 1. CS231n's demo: ten tanh layers
#
# Karpathy's CS231n lecture ("Training Neural Networks I", 2017 lecture 6) runs this experiment:
# `X` holds 1,000 examples of 500 features drawn from N(0, 1); ten fully connected layers of 500
# tanh units follow, no biases, each `W` drawn as `0.01 * np.random.randn(500, 500)`. symlab's
# `depth.deep_stack` does the same (with examples as columns, the course convention).
#
# **Predict first.** Each unit of layer 1 sums 500 inputs of size 1 times weights of size 0.01.
# How big is its pre-activation? And ten layers later?

# %%
ratios = depth.compare_cs231n()

# %% [markdown]
# The slide's numbers come from one random draw, ours from another; they agree within a few percent
# wherever the slide prints enough digits (its layers 9 and 10 are rounded to 0.000001 and 0.000000).
# The factor per layer is `0.01 · sqrt(500) ≈ 0.22`: after ten layers the signal is about 3 · 10⁻⁷.
#
# Now five initialisations side by side — the lecture's sequence: `0.01 * randn` (vanishes),
# `1.0 * randn` (saturates), Xavier on tanh, and on ReLU Xavier against He. For 500 → 500 layers
# `xavier_normal` has std sqrt(2 / (500 + 500)) = 1/sqrt(500), the lecture's `randn / sqrt(fan_in)`;
# `he_normal` has std sqrt(2 / 500), the lecture's `randn / sqrt(fan_in / 2)`.

# %%
stds = depth.print_layer_table(field="act_std")

# %%
saturated = depth.print_layer_table(depth.CS231N_SETTINGS[:3], field="saturated", digits=3)

# %%
depth_figures.plot_layer_stats()

# %% [markdown]
# - **`0.01 * randn`**: the std falls by ≈ 0.22 per layer, to about 3 · 10⁻⁷ at layer 10.
# - **`1.0 * randn`**: `Z` has std ≈ 22, so about **90% of the tanh units are saturated** (|a| > 0.99)
#   in every layer — the lecture's "almost all neurons completely saturated, either −1 or 1".
# - **Xavier on tanh**: no saturation, and the std shrinks only gently (tanh is slightly
#   contracting), from 0.63 at layer 1 to 0.23 at layer 10.
# - **ReLU**: with Xavier the std halves its *variance* at every layer (0.58 → 0.024); with He it
#   holds near 0.8 throughout.
#
# The histograms make the same point: look at how the distributions change along each row.

# %%
depth_figures.plot_layer_histograms()

# %% [markdown]
# ## 2. The backward pass
#
# Training needs gradients, and they travel the other way: `dZ[l] = dA[l] * g′(Z[l])`,
# `dA[l−1] = W[l]ᵀ dZ[l]`, `dW[l] = (1/m) dZ[l] A[l−1]ᵀ`. Feed the top layer a random gradient
# `dA[10]` ~ N(0, 1) and measure what reaches each layer.
#
# **Predict**: with `0.01 * randn`, which layer gets the smallest gradient — the first or the last?

# %%
grads = depth.print_layer_table(field="grad_std", digits=4)

# %%
weight_grads = depth.print_layer_table(field="dW_std", digits=4)

# %% [markdown]
# - **`0.01 * randn`**: going down, `dZ` shrinks by the same 0.22 per layer (`Wᵀ` is as small as `W`):
#   layer 1 receives about a millionth of what layer 10 receives. `dW[l] = dZ[l] A[l−1]ᵀ` is tiny
#   in *every* layer (about 4 · 10⁻⁸): small gradients below, small activations above.
# - **`1.0 * randn`**: the std of `dZ` *grows* going down. It is not healthy: it comes from the
#   10% of units that are not saturated, whose gradients are multiplied by weights of size 1. The
#   typical entry is essentially zero — here is the median |dZ| of the tanh runs:

# %%
medians = depth.print_layer_table(depth.CS231N_SETTINGS[:3], field="grad_median", digits=4)

# %% [markdown]
#   With `1.0 * randn` the median gradient is below 10⁻⁸ in every layer: a few huge entries, the
#   rest zero. That is the lecture's "gradients will be all zero", made precise.
# - **Xavier on tanh** and **He on ReLU** keep the gradient's size within a small factor from
#   layer 10 down to layer 1; **Xavier on ReLU** loses a factor of about 20 on the way down.

# %% [markdown]
# ## 3. The variance argument, checked on every layer
#
# Take one unit: `z = Σᵢ wᵢ xᵢ` over `fan_in` inputs. If the weights are independent of each
# other and of the inputs, with mean 0 and variance `Var(w)`, then each term has mean 0 and
# variance `Var(w) · E[x²]`, and the variances of independent terms add:
#
# **`Var(z) = fan_in · Var(w) · E[x²]`**
#
# - tanh near 0 is close to the identity, so `E[x²] ≈ Var(z)` of the layer below: the layer
#   multiplies the variance by `fan_in · Var(w)`. Keep it at 1: **`Var(w) = 1/fan_in`**
#   (LeCun 1998; Glorot & Bengio 2010 average fan-in and fan-out: `2 / (fan_in + fan_out)`).
# - ReLU zeroes the negative half of a symmetric `z`, so `E[relu(z)²] = Var(z) / 2`: the layer
#   multiplies by `fan_in · Var(w) / 2`. Keep it at 1: **`Var(w) = 2/fan_in`** — He et al. 2015's
#   factor 2.
#
# Check the formula on all 50 layers above: predict each layer's std of `Z` from the *measured*
# `E[A²]` of the layer below and the scheme's `Var(w)`, and compare.

# %%
variance_ratios = depth.print_variance_check()

# %%
depth_figures.plot_variance_check()

# %% [markdown]
# Every point sits on the diagonal, over eight orders of magnitude: the formula holds within 3.5%
# everywhere. Now the factor 2: the measured `E[A²] / Var(Z)` of the ReLU layers, and the factor
# by which the std shrinks per layer under Xavier.

# %%
relu = depth.print_layer_table(depth.CS231N_SETTINGS[3:], field="relu_ratio", digits=3)
xavier_relu = depth.deep_stack("relu", "xavier_normal", 1.0).act_std
print(f"mean E[A²]/Var(Z) over the ReLU layers: {relu.mean():.3f} (theory 1/2)")
print(f"Xavier on ReLU: std shrinks by {(xavier_relu[-1] / xavier_relu[0]) ** (1 / 9):.3f} per layer "
      f"(theory 1/sqrt(2) = {1 / np.sqrt(2):.3f})")

# %% [markdown]
# ## 3½. Live: the depth dashboard
#
# The same measurements, drawn as you move the controls: on the left each layer's activations
# `A[l]` as a column of colours (darker where more entries have that size, on a log scale of |value|:
# CS231n's histograms side by side), in the middle the same for the gradients `dW[l]` (Glorot &
# Bengio's picture), on the right the std of `A[l]`, of the gradient `dA[l]` reaching each layer
# and of `dW[l]`, with the dashed lines the variance argument predicts. The readout says in words
# what happened. (32 examples of `width` N(0, 1) inputs; 30 layers of 512 is the slowest setting.)
#
# **Predict first**, then set the controls and look — 30 layers, width 256:
# 1. tanh with `xavier_normal`: where does the signal go after 30 layers?
# 2. ReLU with the same `xavier_normal`?
# 3. ReLU with `he_normal`?
# 4. tanh with `normal`, scale 1 (weights N(0, 1)): the activations, and the gradient?

# %%
depth_figures.depth_dashboard(depth=30)

# %% [markdown]
# The answers, measured over 5 seeds (the smallest and largest ratio):

# %%
cases = depth_signal.print_depth_cases()

# %% [markdown]
# 1. **tanh + Xavier**: both the signal and the gradient shrink, slowly — to about a fifth of
#    their size over 30 layers. Xavier keeps the variance of units in their linear range; tanh squashes a little
#    at every layer.
# 2. **ReLU + Xavier**: each layer halves the variance, so the signal and the gradient both
#    **vanish**: 30 layers leave about 1e-5 to 1e-4 of them.
# 3. **ReLU + He**: the factor 2 puts back what ReLU takes: at this width the signal ends within a
#    factor of about 2.5 of where it started (either way, depending on the seed), and the gradient
#    within ×2. A narrower stack spreads more from seed to seed; a wider one less.
# 4. **tanh + N(0, 1)**: the units saturate, so the activations stay at size 1 — but the gradient
#    **explodes** on its way down, by more than 10¹² at this width: the few units still in their
#    linear range pass it on, multiplied by weights of size 1 from 256 inputs (the wider the
#    layer, the larger the factor).

# %% [markdown]
# ## 4. Orthogonal init: length kept exactly
#
# A variance formula keeps the signal's size *on average*; each random layer still stretches or
# shrinks a particular vector a little, and over many layers those errors compound like a random
# walk. An orthogonal matrix `Q` (`QᵀQ = I`) keeps every vector's length exactly: `|Qx| = |x|`.
# Saxe et al. (2013) used this for deep linear networks. Below, a deep *linear* network: 100
# layers of width 64, a new matrix each layer, no activation.
#
# **Predict**: after 100 layers, what is `|x_end| / |x_0|` for `lecun_normal` (std 1/sqrt(fan_in))?
# For `orthogonal`?

# %%
linear_chains = [chains.matrix_chain(init, scale, width=64, depth=100, dtype="float64", same_matrix=False)
                 for init, scale in [("orthogonal", 1.0), ("lecun_normal", 1.0), ("he_normal", 1.0),
                                     ("normal", 0.01)]]
chains.print_chains(linear_chains)

# %% [markdown]
# Orthogonal: exactly 1 to the 12 decimals printed (only float rounding, about 10⁻¹⁵, is left).
# The growth column is the average factor per product over the first 20 products. LeCun's
# `1/fan_in` keeps the factor per layer near 1 *on average*, but this particular vector ends at
# less than half its starting length after 100 layers. He's `2/fan_in` is right for ReLU and wrong
# for a linear layer: the norm grows by about sqrt(2) per layer, to 10¹⁴. And `0.01 * randn` loses
# more than 100 orders of magnitude.
#
# Is "less than half" bad luck of this one seed? Run 200 chains, each with its own seed:

# %%
ratios = chains.print_chain_ratios()

# %% [markdown]
# Halving is the *typical* outcome, not bad luck: the median chain ends near 0.45 of its start,
# most end below one half, and only a few percent double. "Variance kept on average" is not "length
# kept": each product multiplies `|x|²` by a random factor with mean 1, and the logarithm of a
# product of such factors drifts *down* (by about `1/(2 · fan_in)` per layer). Orthogonal matrices
# have no such drift and no spread: every one of the 200 chains ends at exactly 1.

# %% [markdown]
# ## 5. fast.ai's chain: 512 × 512, until the numbers run out
#
# fast.ai's course (2019, part 2, lesson 8; S. Gugger, "How to initialize your neural net")
# starts from `x = torch.randn(512)` and `a = torch.randn(512, 512)`, then repeats `x = a @ x`
# a hundred times: `x` becomes NaN, and the loop breaks at `i = 28` (counting from 0). With
# `a * 0.01` instead, `x` ends as exactly 0. `chains.matrix_chain` does the same in numpy, with the
# same matrix at every step, in float32 as the course ran it, and in float64.
#
# **Predict**: each product multiplies the length of `x` by about sqrt(512) ≈ 22.6, i.e. adds
# log10(22.6) ≈ 1.35 to its log10. float32 stops at about 3.4 · 10³⁸. After how many products?

# %%
fastai_chains = [chains.matrix_chain(dtype="float32"), chains.matrix_chain(dtype="float64", depth=250),
                 chains.matrix_chain(scale=0.01, dtype="float32"), chains.matrix_chain(scale=0.01, dtype="float64"),
                 chains.matrix_chain("lecun_normal", dtype="float32")]
chains.print_chains(fastai_chains)
for dtype in chains.DTYPES:
    print(f"{dtype}: largest number 1e{chains.float_max_log10(dtype):.2f}, so about "
          f"{chains.float_max_log10(dtype) / np.log10(np.sqrt(512)):.1f} products of growth sqrt(512)")

# %%
chains.plot_matrix_chains(fastai_chains[:3] + fastai_chains[4:])

# %% [markdown]
# - **Growth**: 22.54 per product, against sqrt(512) = 22.63.
# - **float32**: `x` first holds inf/NaN after 29 products — fast.ai's `i = 28`, counted from 0.
# - **float64** lasts much longer, but not for ever: inf/NaN after 226 products, close to the
#   estimate 308.25 / 1.354 ≈ 228.
# - **`0.01 * randn`** shrinks by 0.225 per product; in float32 `x` is exactly 0 after 70 products
#   (below the smallest float32, 1.4 · 10⁻⁴⁵). In float64 it is still 3.7 · 10⁻⁶⁵ of its
#   starting length after 100.
# - **`/ sqrt(512)`** (`lecun_normal`) survives: after 100 products `|x|` is 1.3 times where it started.
#   Not exactly 1: the *same* matrix repeated 100 times amplifies its largest eigenvalue's direction.

# %% [markdown]
# ## 6. Training a deep ReLU net: He learns, Xavier stalls
#
# He et al. (2015, figure 3) trained a 30-layer ReLU network: with their initialisation it
# converged; with Xavier's it did not learn at all. A laptop-sized version: 30 hidden layers of 16
# ReLU units on the circles (64 points), 200 full-batch steps at learning rate 0.02, ten seeds per
# scheme (`deep_relu.deep_relu_training`).
#
# **Predict**: Xavier only loses a factor sqrt(2) per layer. After 30 layers, how much signal is
# left? Will it learn anyway?

# %%
deep = deep_relu.print_deep_relu()

# %%
deep_relu.plot_deep_relu(deep)

# %% [markdown]
# - **He**: 7 of the 10 nets have left the chance level after 200 steps (loss below 0.6), most of
#   them well on the way to fitting the training set. The other three are still above 0.6 at step
#   200; whether they would leave ln 2 with more steps, this table does not say — it measures 200
#   steps only. The path is bumpy — plain gradient descent on a 30-layer net.
# - **Xavier** and **`0.01 * randn`**: all 10 seeds are still within 0.001 of ln 2, the loss of a
#   coin flip. The last column and the left panel say why: at the start the signal reaching layer
#   30 has a std of about 10⁻⁶ with Xavier and 10⁻⁴⁹ with `0.01 * randn`, against about 0.05 with
#   He. The gradients reaching the first layers are as small.
#
# Where each net *ends* depends on the computer: the path of a deep net under gradient descent is
# chaotic, so the loss and accuracy of each seed differ in later digits from one machine to the
# next, and a net that is half-way at step 200 may be a little further on yours. The counts above
# have wide margins and hold everywhere. This computer's numbers, seed by seed (not compared by
# the notebook's tests):

# %% tags=["nbval-ignore-output"]
deep = deep_relu.print_deep_relu_seeds(deep)

# %% [markdown]
# ## Summary
#
# - In a deep stack the init scale acts once per layer: `0.01 * randn` divides the signal by ≈ 4.5
#   per layer (500 units), `1.0 * randn` saturates 90% of tanh units, and gradients vanish or
#   concentrate in a few units.
# - `Var(z) = fan_in · Var(w) · E[x²]` holds on every layer. Keeping the variance
#   gives Xavier/LeCun for tanh (`1/fan_in`) and He for ReLU (`2/fan_in`: ReLU zeroes half);
#   the formula held within 3.5% on all 50 layers measured.
# - Orthogonal matrices keep lengths exactly; random Gaussian ones only on average.
# - fast.ai's numbers reproduce: 29 products to overflow float32, 226 for float64; `0.01` reaches
#   exactly 0 in float32 after 70.
# - Variance kept on average is not length kept: a deep LeCun chain typically halves a vector;
#   orthogonal matrices keep it exactly.
# - A 30-layer ReLU net starts learning from He's init (7 of 10 seeds leave ln 2 within 200 steps)
#   and does not move from Xavier's or `0.01 * randn` (all 10 within 0.001 of ln 2).
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** In the CS231n demo with ReLU and He init, what is the std of the activations of
# layer 10? Use `depth.deep_stack(activation, init, scale)` and its `.act_std` (layer 10 is index 9).

# %% tags=["exercise"]
answer = depth.deep_stack("relu", "he_normal", 1.0).act_std[9]

# %%
check("07.1", answer)

# %% [markdown]
# **Exercise 2.** First predict with the formula above: with a **256 × 256** `randn` matrix, after
# how many products does float32 overflow? Then measure it: `chains.matrix_chain(width=256)` and its
# `.first_nonfinite`.

# %% tags=["exercise"]
answer = chains.matrix_chain(width=256).first_nonfinite

# %%
check("07.2", answer)

# %% [markdown]
# ## Further reading
# - X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward neural
#   networks", AISTATS 2010.
# - K. He, X. Zhang, S. Ren, J. Sun, "Delving Deep into Rectifiers", ICCV 2015 (section 2.2, figure 3).
# - A. Saxe, J. McClelland, S. Ganguli, "Exact solutions to the nonlinear dynamics of learning in
#   deep linear neural networks", 2013.
# - D. Mishkin, J. Matas, "All you need is a good init" (LSUV), 2015: set each layer's scale by
#   measuring it, as section 3 measured.
# - CS231n lecture 6 (2017), "Training Neural Networks I"; fast.ai course v3 part 2, lesson 8.
