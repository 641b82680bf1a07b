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
# # 10 · Put the thread on trial: every claim, one experiment each
#
# Most learners arrive with one question-and-answer thread in their heads: *"Why should weights
# of Neural Networks be initialized to random numbers?"* (Stack Overflow, closed as off-topic;
# its answers are under CC BY-SA 3.0 — they are paraphrased here, never quoted). It holds four
# questions and some thirty claims. Some are right, some hold only under a condition, some are
# wrong, and they read alike. This notebook tests them one by one, in the thread's order.
#
# **What you'll do**
# - for each claim: read it, **predict** — true, false, or "it depends"? — then run the shortest
#   experiment that settles it;
# - read the verdict, computed from the experiment's own numbers: under the evidence, every
#   **rule** the verdict is decided by — a measured statistic, the threshold it is compared with,
#   and the **margin** between them (how far the statistic would have to move to flip the verdict);
# - finish with the verdict table for the whole thread.
#
# **How to read a verdict.** One rule for every claim:
# - **true** — the claim holds as stated, in its own setting;
# - **true if …** — it holds only under a condition the claim does not state (the verdict names
#   it, and the experiment measures both sides of it);
# - **partly** — the claim says several things; some hold and some do not;
# - **false** — it fails in its own setting;
# - **answered** — a question, and what the experiments answer.
#
# A claim about random starts is judged on several seeds, never on one run (200 XOR nets; 3 to 20
# seeds elsewhere, the count printed with each): one chaotic run can end elsewhere on another
# computer, a rate with a margin cannot. The test suite re-runs every experiment as other CPUs would and checks
# that no statistic moves by as much as its margin.
#
# **What you'll learn**
# - which popular explanations of random initialisation hold, which hold only under a
#   condition (an activation, a width, a convex loss), and which are wrong;
# - that "breaking the symmetry" is about *units*, not about where the optimiser lands.
#
# **What you'll need**: notebooks 00–08 (each verdict names the notebook with the full
# experiment). About 30 minutes; in a classroom, see the teacher's guide's "thread on trial".

# %%
import symlab
from symlab.lab import check, thread

verdicts = []

# %% [markdown]
# ## The questions

# %% [markdown]
# **Q1** · Why start from random weights at all?
#
# **What do the experiments answer?** Think first, then run the cell.

# %%
verdicts.append(thread.settle("Q1"))

# %% [markdown]
# **Q2** · Randomness breaks the symmetry, and that makes learning faster.
#
# The question takes "faster" for granted. Notebook 04's ε table is the experiment: units started ε apart, for ε from 0.1 down to 0 exactly.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("Q2"))

# %% [markdown]
# **Q3** · Starting every weight at 0 would be better: each weight could move to its value sooner.
#
# Measure the first gradient of `W1` at several scales, and at 0 (weights drawn from N(0, s²):
# a normal distribution with mean 0 and standard deviation s).
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("Q3"))

# %% [markdown]
# **Q4** · Is there any idea behind random starts beyond hoping to land near the optimum?
#
# **What do the experiments answer?** Think first, then run the cell.

# %%
verdicts.append(thread.settle("Q4"))

# %% [markdown]
# ## Answer 1 (the accepted one) and its comments

# %% [markdown]
# **A1.1** · If a layer's weights all start equal, every hidden unit gets the same input; all zeros give 0 whatever the input.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A1.1"))

# %% [markdown]
# **A1.2** · That is the whole problem, for any fully connected net: breaking the symmetry is essential, not a speed-up.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A1.2"))

# %% [markdown]
# **A1.3** · 'Symmetry', not 'correlation': symmetric units get exactly the same signal, and training them is pointless.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A1.3"))

# %% [markdown]
# **A1.4** · Dropout randomises too, so it should break the symmetry — slowly; use a random init anyway.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A1.4"))

# %% [markdown]
# **A1.5** · That explains the forward pass; what about backpropagation?
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A1.5"))

# %% [markdown]
# ## Answer 2: an analogy

# %% [markdown]
# **A2.1** · Dropped at random spots on a foggy mountain you more likely reach the lowest point; that is what breaking symmetry means.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A2.1"))

# %% [markdown]
# **A2.2** · Random starts add 'entropy', more information for finding lower minima.
#
# "Entropy" here can only mean the spread of the starting distribution, which we can compute (½ ln(2πeσ²) nats per weight for N(0, σ²)). It does not mean thermodynamic entropy, and a random start holds no information about where the minima are. The experiment asks whether a higher-entropy start learns better, at three spreads and 10 seeds each.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A2.2"))

# %% [markdown]
# **A2.3** · But deep learning draws the random start only once.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A2.3"))

# %% [markdown]
# **A2.4** · Nets are almost never convex, so randomness is ideal; with a convex loss the start does not matter.
#
# Logistic regression's loss is *strictly* convex (one minimum, one set of weights) when no line
# separates the data; two-class softmax regression's is convex but not strictly: many weights give
# the same predictions.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A2.4"))

# %% [markdown]
# **A2.5** · Friends (the units) dropped at one spot all follow the same path; dropped apart they descend faster.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A2.5"))

# %% [markdown]
# ## Answer 3

# %% [markdown]
# **A3.1** · Training is greedy and finds the nearest solution; random, repeated starts make a bad one less likely.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A3.1"))

# %% [markdown]
# **A3.2** · The same holds for k-means and EM, but not for a globally optimised SVM.
#
# k-means and EM are outside a neural-network course, but the claim is cheap to test with scikit-learn.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A3.2"))

# %% [markdown]
# **A3.3** · Random starts guarantee nothing, but several runs get closer to the global optimum.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A3.3"))

# %% [markdown]
# **A3.4** · That is not why people use random init: most never restart, and still reach a good optimum.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A3.4"))

# %% [markdown]
# ## Answer 4

# %% [markdown]
# **A4.1** · With all weights 0 every hidden unit computes the same thing, and identical starts can never give different units.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A4.1"))

# %% [markdown]
# ## Answer 5

# %% [markdown]
# **A5.1** · With zero weights a deep net is as complex as one neuron and predicts no better than chance.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A5.1"))

# %% [markdown]
# **A5.2** · Units side by side on the same inputs need different weights to be updated differently.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A5.2"))

# %% [markdown]
# **A5.3** · Non-zero weights close to 0, such as 0.1, break the symmetry and let the net learn.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A5.3"))

# %% [markdown]
# **A5.4** · A poor start converges prematurely; several random starts give the best chance of the global optimum.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A5.4"))

# %% [markdown]
# **A5.5** · Since 2015 He's init, randn · sqrt(2 / n_prev), replaced random init; it is still random, scaled by the previous layer's size.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A5.5"))

# %% [markdown]
# **A5.6** · Random non-zero weights (1) escape local optima, (2) break the symmetry, (3) reach the global optimum.
#
# Three claims in one. (3) reads literally "in more iterations": we train the stuck runs five
# times longer.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A5.6"))

# %% [markdown]
# ## Answer 6

# %% [markdown]
# **A6.1** · Random weights must not be large: tanh and sigmoid saturate, their slopes vanish, learning starts cold.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A6.1"))

# %% [markdown]
# **A6.2** · So multiply the random weights by something like 0.01 or 0.001.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A6.2"))

# %% [markdown]
# ## Answer 7

# %% [markdown]
# **A7.1** · Some algorithms converge even from zero, like the perceptron.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A7.1"))

# %% [markdown]
# **A7.2** · Backprop finds a local optimum; random weights let the net explore directions instead of being confined to one.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A7.2"))

# %% [markdown]
# **A7.3** · The simplest update adds the loss gradient to the old weight; equal old weights can give equal new ones.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A7.3"))

# %% [markdown]
# **A7.4** · Different weights are updated by different amounts, so a small error in the start gets corrected.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A7.4"))

# %% [markdown]
# ## Answer 8

# %% [markdown]
# **A8.1** · With dW2 = (1/m) dZ2 A2ᵀ and dZ1 = W2ᵀ dZ2 * g′(Z1), W2 = 0 makes dW1 = 0 and the net learns nothing.
#
# Two checks: the formula as written, against finite differences; and what `W2 = 0` does after the first step.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A8.1"))

# %% [markdown]
# ## Answer 9

# %% [markdown]
# **A9.1** · With zero weights every layer acts like one unit: the net is no more powerful than logistic regression.
#
# **Predict first**: true, false, or it depends?

# %%
verdicts.append(thread.settle("A9.1"))

# %% [markdown]
# ## The verdict table
#
# Every row below was computed in this notebook, from the rules printed above it:

# %%
thread.verdict_table(verdicts)

# %% [markdown]
# ## Summary
#
# - **The symmetry claims hold** (A1.2, A1.3, A2.5, A4.1): identical units stay identical under
#   gradient descent, so a layer of H copies is a layer of one unit. Breaking the symmetry is
#   *necessary*, not a speed-up (Q2) — and how different the units start sets how fast the net
#   learns. Only dropout's random masks split identical units (A1.4, A4.1).
# - **Zero is the slowest start, not the fastest** (Q3): near 0 every gradient is proportional to
#   the neighbouring layer's weights.
# - **"Random" is not the point, "different" is** (A5.2, A5.3, A2.1): distinct biases alone break
#   the symmetry; a constant 0.1 does not; one random row copied into every unit does not either.
# - **Restart claims hold for narrow nets** (A3.1, A3.3, A5.4): with 2 hidden units one XOR start
#   in three fails and a few restarts fix it; wide nets succeed from one start (A2.3, A3.4), and the
#   foggy-mountain analogy describes restarts, not symmetry (A2.1).
# - **A convex loss makes the start irrelevant** (A2.4): the same predictions from every start —
#   the same weights too when it is strictly convex.
# - **Scale claims need the right scale** (A6.1, A6.2, A5.5): large weights saturate tanh and
#   sigmoid, but ×0.01 is as harmful; He and Xavier scale by the fan-in. Learning speed is not
#   monotone in the start's spread (A2.2).
# - **Some claims are wrong as written** (A7.3's update adds the gradient; A8.1's formula uses
#   `A2ᵀ`), and some hold only under a condition: A5.1 for tanh/ReLU units, A7.1 on separable data.
# - **A constant-start net is a linear classifier** (A9.1): one line with one sigmoid output, at
#   most K − 1 parallel lines with a K-class softmax — never more than logistic regression.
#
# ## Exercises (they check themselves)
#
# **Exercise 1.** How many of the thread's answers (the A-claims; questions excluded) are judged
# plainly "true", with no condition? `thread.CLAIMS` maps each claim to `(paraphrase, experiment)`;
# `experiment()` returns `(kind, reason, rules, evidence, numbers)` without printing; the kind is
# one of `thread.KINDS`: "true", "true if …", "partly", "false" or "answered".

# %% tags=["exercise"]
answer = sum(1 for claim, (paraphrase, experiment) in thread.CLAIMS.items()
             if claim.startswith("A") and experiment()[0] == "true")

# %%
check("10.1", answer)

# %% [markdown]
# **Exercise 2.** A5.3's experiment trains a constant-0.1 start. How many distinct hidden units
# does it end with? `thread.settle("A5.3").numbers` holds every number it measured, by name.

# %% tags=["exercise"]
answer = thread.settle("A5.3").numbers["constant_distinct"]

# %%
check("10.2", answer)

# %% [markdown]
# ## Further reading
# - The thread: "Why should weights of Neural Networks be initialized to random numbers?", Stack
#   Overflow (closed as off-topic); answers under CC BY-SA 3.0.
# - Each verdict names the notebook with the full experiment: 00–02 (symmetry), 03 (zeros and
#   constants), 04 (dropout, ε), 05 (convex models), 06–07 (scale and depth), 08 (restarts).
