"""Bad input gets a ValueError that names the parameter, the bad value and what is valid."""

import math

import numpy as np
import pytest

import symlab
from symlab.lab import dashboard
from symlab.lab import check
from symlab.lab.runs import symmetry_run
X = np.zeros((2, 5))
Y = np.zeros((1, 5))


def raises(fn, *fragments):
    with pytest.raises(ValueError) as info:
        fn()
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def test_unknown_scheme_lists_the_schemes():
    raises(lambda: symlab.initialize("he", (3, 2)), "scheme='he'", "he_normal", "xavier_uniform", "orthogonal")
    raises(lambda: symlab.MLP([2, 3, 1], init="glorot"), "init='glorot'", "xavier_normal")


@pytest.mark.parametrize("scale", [-1.0, math.nan, math.inf, -math.inf])
def test_bad_scales(scale):
    raises(lambda: symlab.initialize("normal", (3, 2), scale=scale), "scale=", str(scale), ">= 0")
    raises(lambda: symlab.MLP([2, 3, 1], init="normal", scale=scale), "scale=", ">= 0")


def test_non_numeric_scale():
    raises(lambda: symlab.initialize("normal", (3, 2), scale="big"), "scale='big'", "real number")


def test_unknown_activation_and_output():
    raises(lambda: symlab.MLP([2, 3, 1], activation="gelu"), "activation='gelu'", "sigmoid", "tanh", "relu")
    raises(lambda: symlab.MLP([2, 3, 1], output="identity"), "output='identity'", "softmax")


@pytest.mark.parametrize("sizes,fragment", [
    ([2, 0, 1], "layer_sizes[1]=0"),
    ([2, -3, 1], "layer_sizes[1]=-3"),
    ([2, 2.5, 1], "layer_sizes[1]=2.5"),
    ([2], "layer_sizes=[2]"),
    ("2,3,1", "layer_sizes='2,3,1'"),
])
def test_bad_layer_sizes(sizes, fragment):
    raises(lambda: symlab.MLP(sizes), fragment)


def test_softmax_needs_two_outputs():
    raises(lambda: symlab.MLP([2, 3, 1], output="softmax"), "layer_sizes[-1]=1", ">= 2")


@pytest.mark.parametrize("shape,fragment", [((3,), "shape=(3,)"), ((0, 2), "fan_out"), ((3, -1), "fan_in")])
def test_bad_shapes(shape, fragment):
    raises(lambda: symlab.initialize("normal", shape), fragment)


def test_bad_rng():
    raises(lambda: symlab.initialize("normal", (2, 2), rng=None), "rng=None", "seed", "Generator")
    raises(lambda: symlab.MLP([2, 2, 1], seed=-4), "seed=-4")


def test_shape_mismatches_name_the_array_and_the_expected_shape():
    net = symlab.MLP([2, 3, 1])
    raises(lambda: net.forward(np.zeros((3, 5))), "X has shape (3, 5)", "(2, 'any')")
    raises(lambda: net.forward(np.zeros(5)), "X must be a 2-D array", "(5,)")
    raises(lambda: symlab.train(net, X, np.zeros((1, 4))), "Y has shape (1, 4)", "(1, 5)")
    raises(lambda: symlab.train(net, X, np.zeros((2, 5))), "Y has shape (2, 5)")
    _, cache = net.forward(X)
    raises(lambda: net.backward(cache, np.zeros((1, 6))), "Y has shape (1, 6)", "(1, 5)")


def test_empty_and_non_finite_data():
    net = symlab.MLP([2, 3, 1])
    raises(lambda: net.forward(np.zeros((2, 0))), "X is empty", "(2, 0)")
    bad = X.copy()
    bad[0, 1] = np.nan
    raises(lambda: symlab.train(net, bad, Y), "X contains NaN")


@pytest.mark.parametrize("kwargs,fragment", [
    (dict(epochs=0), "epochs=0"),
    (dict(lr=0.0), "lr=0.0"),
    (dict(lr=-0.1), "lr=-0.1"),
    (dict(lr=math.nan), "lr=nan"),
    (dict(dropout=1.0), "dropout=1.0"),
    (dict(dropout=-0.2), "dropout=-0.2"),
    (dict(batch_size=0), "batch_size=0"),
    (dict(batch_size=6), "batch_size=6"),
    (dict(seed=None), "seed=None"),
])
def test_bad_training_settings(kwargs, fragment):
    raises(lambda: symlab.train(symlab.MLP([2, 3, 1]), X, Y, **kwargs), fragment)


def test_dropout_without_generator():
    raises(lambda: symlab.MLP([2, 3, 1]).forward(X, dropout=0.5), "rng=None", "dropout=0.5")


def test_bad_data_requests():
    raises(lambda: symlab.make_dataset("spirals"), "name='spirals'", "circles", "moons", "xor")
    raises(lambda: symlab.make_dataset("moons", m=1), "m=1")
    raises(lambda: symlab.make_dataset("moons", noise=-0.1), "noise=-0.1")
    raises(lambda: symlab.one_hot(np.array([0, 3]), 3), "[0, 2]")


@pytest.mark.parametrize("kwargs,fragment", [
    (dict(scheme="random"), "scheme='random'"),
    (dict(scale=math.nan), "scale=nan"),
    (dict(activation="softplus"), "activation='softplus'"),
    (dict(hidden=0), "hidden=0"),
    (dict(dataset="iris"), "dataset='iris'"),
    (dict(lr=-1.0), "lr=-1.0"),
])
def test_bad_dashboard_settings(kwargs, fragment):
    raises(lambda: symmetry_run(**kwargs), fragment)


def test_metric_inputs():
    raises(lambda: symlab.distinct_units(np.zeros(3)), "M must be a 2-D array")
    raises(lambda: symlab.distinct_units(np.zeros((2, 2)), atol=-1), "atol=-1")
    raises(lambda: symlab.unit_params(symlab.MLP([2, 3, 1]).params, layer=2), "layer=2", "hidden layers: [1]")


@pytest.mark.parametrize("kwargs,fragment", [
    (dict(scheme="xavier"), "scheme='xavier'"),
    (dict(scale=math.nan), "scale (slider range)=nan"),
    (dict(scale=-1.0), "scale (slider range)=-1.0"),
    (dict(scale=1e3), "between 0.001 and 100"),
    (dict(activation="swish"), "activation='swish'"),
    (dict(hidden=0), "hidden=0"),
    (dict(hidden=65), "between 1 and 64"),
    (dict(dataset="spiral"), "dataset='spiral'"),
    (dict(seed=-1), "seed=-1"),
    (dict(lr=0.0), "between 0.01 and 100"),
    (dict(epochs=0), "epochs=0"),
])
def test_dashboard_start_values_are_checked_before_any_widget_clips_them(kwargs, fragment):
    from symlab.lab.dashboard import SymmetryDashboard
    raises(lambda: SymmetryDashboard(**kwargs), fragment)


def test_exercise_ids_are_checked():
    raises(lambda: check("99.9", 1), "exercise_id='99.9'", "00.1")


def test_labels_outside_zero_one_are_refused_not_trained_on():
    X, Y = symlab.make_dataset("circles", 20, 0.1, seed=0)
    net = symlab.MLP([2, 3, 1])
    raises(lambda: symlab.train(net, X, 2 * Y - 1), "Y has values from -1 to 1", "[0, 1]", "(Y + 1) / 2")
    raises(lambda: symlab.train(net, X, 2 * Y), "Y has values from 0 to 2")
    raises(lambda: net.loss(X, 2 * Y - 1), "[0, 1]")
    raises(lambda: symlab.label_entropy(2 * Y - 1), "[0, 1]")
    soft = symlab.MLP([2, 3, 3], output="softmax")
    raises(lambda: symlab.train(soft, X, np.ones((3, 20))), "columns sum to 3", "one_hot")


@pytest.mark.parametrize("factory,kwargs,fragment", [
    ("symlab.lab.scale_figures:ScaleDashboard", dict(activation="linear"), "activation='linear' is not valid; choose one of: tanh"),
    ("symlab.lab.scale_figures:ScaleDashboard", dict(scale=0.0), "init scale=0.0 must be between 0.001 and 100"),
    ("symlab.lab.scale_figures:ScaleDashboard", dict(scale=1e6), "init scale=1000000.0 must be between"),
    ("symlab.lab.forward_backward:RowsDashboard", dict(scheme="zeros"), "init scheme='zeros' is not valid"),
    ("symlab.lab.forward_backward:RowsDashboard", dict(epoch=500), "epoch=500 must be an integer between 0 and 200"),
    ("symlab.lab.zeros_figures:StartsDashboard", dict(bias_scale=2.0), "bias scale=2.0 must be between 0 and 1"),
    ("symlab.lab.zeros_figures:StartsDashboard", dict(labels="iris"), "labels='iris' is not valid"),
    ("symlab.lab.dropout:DropoutDashboard", dict(p=0.9), "dropout p=0.9 must be between 0 and 0.5"),
    ("symlab.lab.dropout:DropoutDashboard", dict(seed=-1), "seed=-1"),
    ("symlab.lab.convex_figures:ConvexDashboard", dict(scale=100.0), "start scale=100.0 must be between 0.1 and 10"),
])
def test_every_dashboard_checks_its_start_values(factory, kwargs, fragment):
    import importlib
    module, name = factory.split(":")
    cls = getattr(importlib.import_module(module), name)
    raises(lambda: cls(**kwargs), fragment)


def test_static_preview_refuses_an_epoch_it_did_not_train():
    raises(lambda: dashboard.plot_symmetry(epoch=500), "epoch=500 must be an integer between 0 and 200")
