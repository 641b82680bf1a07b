"""A network written the way a course assignment writes it, as a speed reference.

Per-layer Python dicts of parameters and caches, one helper function per step
(linear forward, activation forward, their backwards, the cost, the update), as
in deeplearning.ai's "Building your Deep Neural Network: Step by Step". It does
what ``symlab.train`` does each epoch — forward, cost, backward, update — with
the textbook sigmoid and cross-entropy formulas. Used only by the benchmarks.
"""

import numpy as np


def initialize_parameters(layer_dims, rng):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2.0 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return Z, (A, W, b)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def tanh(Z):
    return np.tanh(Z), Z


ACTIVATIONS = {"sigmoid": sigmoid, "relu": relu, "tanh": tanh}


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = ACTIVATIONS[activation](Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters, hidden_activation):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden_activation)
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -1 / m * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return np.squeeze(cost)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def activation_backward(dA, Z, activation):
    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
        return dZ
    if activation == "tanh":
        return dA * (1 - np.tanh(Z) ** 2)
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def L_model_backward(AL, Y, caches, hidden_activation):
    grads = {}
    L = len(caches)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    linear_cache, Z = caches[L - 1]
    dZ = activation_backward(dAL, Z, "sigmoid")
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_backward(dZ, linear_cache)
    for l in reversed(range(L - 1)):
        linear_cache, Z = caches[l]
        dZ = activation_backward(grads["dA" + str(l + 1)], Z, hidden_activation)
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = linear_backward(dZ, linear_cache)
    return grads


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


def L_layer_model(X, Y, layer_dims, hidden_activation, learning_rate, num_iterations, seed=0):
    parameters = initialize_parameters(layer_dims, np.random.default_rng(seed))
    costs = []
    for _ in range(num_iterations):
        AL, caches = L_model_forward(X, parameters, hidden_activation)
        costs.append(compute_cost(AL, Y))
        grads = L_model_backward(AL, Y, caches, hidden_activation)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs
