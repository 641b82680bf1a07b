"""The lab: what the notebooks call, built on the numpy core (:mod:`symlab`).

Each notebook imports from one topic module, which holds its experiments, then its
figures, then its widget app:

==========================================  ====================================================
notebook                                    modules
==========================================  ====================================================
before class: install check                 :mod:`~symlab.lab.install_check`
00 Start here, 01 The symmetry dashboard    :mod:`~symlab.lab.dashboard`
02 Forward and backward symmetry            :mod:`~symlab.lab.forward_backward`
03 Zeros, constants, what breaks symmetry   :mod:`~symlab.lab.zeros`, ``zeros_figures``
04 Dropout and tiny differences             :mod:`~symlab.lab.dropout`, :mod:`~symlab.lab.instability`
05 When init does not matter                :mod:`~symlab.lab.convex`, ``convex_figures``
06 Scale: saturation, vanishing, overflow   :mod:`~symlab.lab.scale`, ``scale_figures``
07 Depth: Xavier, He, orthogonal            :mod:`~symlab.lab.depth`, ``depth_signal``, ``depth_figures`` (sections 1–3½),
                                            :mod:`~symlab.lab.chains` (4–5), :mod:`~symlab.lab.deep_relu` (6)
08 Random restarts and local minima         :mod:`~symlab.lab.restarts`, ``restarts_figures``
09 Capstone: circles and digits             :mod:`~symlab.lab.capstone`, ``capstone_chaos``, ``capstone_figures``,
                                            :mod:`~symlab.lab.digits`
10 The thread on trial                      :mod:`~symlab.lab.thread`, ``thread_rules``, ``thread_claims``,
                                            ``thread_claims_5_9``
==========================================  ====================================================

Shared by all of them: :mod:`~symlab.lab.runs` (cached training runs), :mod:`~symlab.lab.figures`
(figure pieces and panels), :mod:`~symlab.lab.apps` (the ``Dashboard`` base class and its
controls), :mod:`~symlab.lab.view` (what a dashboard sends the browser, which ``web/panels.js``
draws), :mod:`~symlab.lab.pages` (the dashboards as static web pages), :mod:`~symlab.lab.progress`
and :mod:`~symlab.lab.exercises` (``check``).

Layers: core ← lab experiments ← figures and views ← apps. An experiment function returns
numbers (and prints the notebook's table); a ``plot_*`` function draws them; a dashboard
computes a view when a control moves, and the browser draws it. Importing a topic module loads matplotlib and ipywidgets;
``import symlab`` alone does not.
"""

from .exercises import check

__all__ = ["check"]
