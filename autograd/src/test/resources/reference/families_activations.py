"""Reference families for the activations: relu, leaky_relu, sigmoid, tanh, softmax, log_softmax.

Each case records the input x (and a parameter where the op has one), y = op(x), a random
upstream gradient gy and dx from y.backward(gy).
"""

from reference_cases import Case, family, make_input, seeded

import torch
import torch.nn.functional as F


def unary_case(family_name, name, fn, x, **params):
    """x is a shape (random normal), a function making x after seeding, or a tensor."""
    seeded(family_name, name)
    x = make_input(x).clone().requires_grad_(True)
    y = fn(x)
    gy = torch.randn(y.shape)
    y.backward(gy)
    c = Case(name)
    for key, value in params.items():
        c.param(key, value)
    return c.tensor("x", x).tensor("y", y).tensor("gy", gy).tensor("dx", x.grad)


# Elementwise edge values: zeros (the kink of relu), and |x| from tiny to 1000.
EDGES = torch.tensor(
    [[0.0, -0.0, 1e-12, -1e-12, 0.5, -0.5], [30.0, -30.0, 50.0, -50.0, 1000.0, -1000.0]]
)


@family("relu")
def relu_cases():
    return [
        unary_case("relu", "matrix_3x4", F.relu, (3, 4)),
        unary_case("relu", "edges_with_zeros", F.relu, EDGES),
        unary_case("relu", "rank4_2x3x4x5", F.relu, (2, 3, 4, 5)),
        unary_case("relu", "vector_7", F.relu, (7,)),
    ]


@family("leaky_relu")
def leaky_relu_cases():
    def leaky(slope):
        return lambda x: F.leaky_relu(x, slope)

    return [
        unary_case("leaky_relu", "slope_0.01", leaky(0.01), (3, 4), slope=0.01),
        unary_case("leaky_relu", "slope_0.2_edges", leaky(0.2), EDGES, slope=0.2),
        unary_case("leaky_relu", "slope_0", leaky(0.0), (2, 5), slope=0.0),
        unary_case("leaky_relu", "slope_1.5_rank4", leaky(1.5), (2, 2, 3, 3), slope=1.5),
        unary_case("leaky_relu", "slope_negative", leaky(-0.3), (4, 3), slope=-0.3),
    ]


@family("sigmoid")
def sigmoid_cases():
    return [
        unary_case("sigmoid", "matrix_3x4", torch.sigmoid, (3, 4)),
        unary_case("sigmoid", "edges_to_1000", torch.sigmoid, EDGES),
        unary_case("sigmoid", "wide_range", torch.sigmoid, torch.linspace(-60.0, 60.0, 25)),
        unary_case("sigmoid", "rank4_2x3x2x2", torch.sigmoid, (2, 3, 2, 2)),
    ]


@family("tanh")
def tanh_cases():
    return [
        unary_case("tanh", "matrix_3x4", torch.tanh, (3, 4)),
        unary_case("tanh", "edges_to_1000", torch.tanh, EDGES),
        unary_case("tanh", "wide_range", torch.tanh, torch.linspace(-25.0, 25.0, 21)),
        unary_case("tanh", "rank4_2x3x2x2", torch.tanh, (2, 3, 2, 2)),
    ]


def softmax_family(family_name, op):
    def case(name, x, axis):
        return unary_case(family_name, name, lambda t: op(t, dim=axis), x, axis=axis)

    large = torch.tensor([[1000.0, 1001.0, 999.5, 1000.2], [-1000.0, 0.0, 1000.0, 999.0]])
    return [
        case("rank2_axis1", (3, 5), 1),
        case("rank2_axis_minus1", (4, 3), -1),
        case("rank2_axis0", (3, 5), 0),
        case("batch1", (1, 6), 1),
        case("large_logits_axis1", large, 1),
        case("large_logits_axis_minus1", large * 1.5, -1),
        case("large_logits_axis0", large, 0),
        case("rank4_axis1", (2, 3, 4, 5), 1),
        case("rank4_axis_minus1", (2, 3, 2, 4), -1),
        case("rank4_axis1_large", lambda: torch.randn(2, 4, 3, 2) * 500.0, 1),
    ]


@family("softmax")
def softmax_cases():
    return softmax_family("softmax", F.softmax)


@family("log_softmax")
def log_softmax_cases():
    return softmax_family("log_softmax", F.log_softmax)
