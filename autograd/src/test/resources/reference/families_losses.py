"""Reference families for the losses: cross_entropy, nll_loss, mse_loss and
binary_cross_entropy_with_logits.

Every case has an int param ``reduction``: the index of PyTorch's reduction in REDUCTIONS, which
is also the order of grad4j's ``Reduction`` enum. A reduced (scalar) loss is differentiated with
``backward()``; an unreduced one with a random upstream gradient, stored as ``gy``.
"""

from reference_cases import Case, family, make_input, seeded

import torch
import torch.nn.functional as F

REDUCTIONS = ["mean", "sum", "none"]


def backward(c, y):
    """Records y and runs its backward pass (with a stored random gy when y is not a scalar)."""
    c.tensor("y", y)
    if y.dim() == 0:
        y.backward()
    else:
        gy = torch.randn(y.shape)
        c.tensor("gy", gy)
        y.backward(gy)


def labels_case(family_name, name, op, x, classes, reduction, **kwargs):
    """x: the (N, C) scores; labels drawn uniformly from [0, C); op(x, labels, reduction=...)."""
    seeded(family_name, name)
    x = make_input(x).clone().requires_grad_(True)
    labels = torch.randint(0, classes, (x.shape[0],))
    c = Case(name).param("reduction", REDUCTIONS.index(reduction))
    for key, value in kwargs.items():
        c.param(key, value)
    c.tensor("x", x).tensor("labels", labels.to(torch.float64))
    backward(c, op(x, labels, reduction=reduction, **kwargs))
    return c.tensor("dx", x.grad)


@family("cross_entropy")
def cross_entropy_cases():
    def case(name, x, reduction, label_smoothing=0.0):
        classes = x[1] if isinstance(x, tuple) else 4
        return labels_case(
            "cross_entropy",
            name,
            F.cross_entropy,
            x,
            classes,
            reduction,
            label_smoothing=label_smoothing,
        )

    def large():  # logits near 1000: exp would overflow without the max shift
        return torch.randn(5, 4) * 10.0 + 1000.0

    def spread():  # logits thousands apart: some probabilities underflow to 0
        return torch.randn(3, 4) * 1000.0

    return [
        case("mean_4x3", (4, 3), "mean"),
        case("sum_5x7", (5, 7), "sum"),
        case("none_6x4", (6, 4), "none"),
        case("smoothing_0.1_mean", (5, 6), "mean", 0.1),
        case("smoothing_0.1_sum", (3, 5), "sum", 0.1),
        case("smoothing_0.1_none", (4, 3), "none", 0.1),
        case("smoothing_1_mean", (3, 4), "mean", 1.0),
        case("batch1_mean", (1, 5), "mean"),
        case("batch1_none", (1, 3), "none"),
        case("one_class", (3, 1), "mean"),
        case("large_logits_1000_mean", large, "mean"),
        case("large_logits_1000_none", large, "none"),
        case("large_spread_1000_sum", spread, "sum"),
        case("large_spread_1000_smoothing_0.1_none", spread, "none", 0.1),
    ]


@family("nll_loss")
def nll_loss_cases():
    def case(name, x, reduction):
        classes = x[1] if isinstance(x, tuple) else 4
        return labels_case("nll_loss", name, F.nll_loss, x, classes, reduction)

    def log_probs():
        return torch.log_softmax(torch.randn(5, 4), dim=1)

    return [
        case("mean_4x3", (4, 3), "mean"),
        case("sum_5x6", (5, 6), "sum"),
        case("none_6x4", (6, 4), "none"),
        case("log_probs_mean", log_probs, "mean"),
        case("log_probs_none", log_probs, "none"),
        case("batch1_mean", (1, 5), "mean"),
        case("batch1_none", (1, 3), "none"),
    ]


def pair_case(family_name, name, op, x, t, reduction):
    """Two same-shaped inputs x and t, both requiring grad; records dx and dt."""
    seeded(family_name, name)
    x = make_input(x).clone().requires_grad_(True)
    t = make_input(t).clone().requires_grad_(True)
    c = Case(name).param("reduction", REDUCTIONS.index(reduction))
    c.tensor("x", x).tensor("t", t)
    backward(c, op(x, t, reduction=reduction))
    return c.tensor("dx", x.grad).tensor("dt", t.grad)


@family("mse_loss")
def mse_loss_cases():
    def case(name, shape, reduction):
        return pair_case("mse_loss", name, F.mse_loss, shape, shape, reduction)

    return [
        case("mean_3x4", (3, 4), "mean"),
        case("sum_3x4", (3, 4), "sum"),
        case("none_3x4", (3, 4), "none"),
        case("mean_rank4", (2, 3, 2, 2), "mean"),
        case("none_vector_5", (5,), "none"),
        case("mean_batch1", (1, 1), "mean"),
    ]


@family("binary_cross_entropy_with_logits")
def bce_with_logits_cases():
    def case(name, x, reduction, targets=None):
        """x: logits (a shape or a maker); targets: uniform on [0, 1) unless given."""
        shape = x if isinstance(x, tuple) else (2, 6)
        return pair_case(
            "binary_cross_entropy_with_logits",
            name,
            F.binary_cross_entropy_with_logits,
            x,
            targets or (lambda: torch.rand(*shape)),
            reduction,
        )

    def edges():  # 0 (the kink of max(x, 0) and |x|) and |x| up to 1000
        return torch.tensor(
            [[0.0, 1e-8, -1e-8, 0.5, -0.5, 3.0], [-3.0, 30.0, -30.0, 50.0, -50.0, 1000.0]]
        )

    def large_negative():
        return torch.randn(2, 6) * 10.0 - 1000.0

    def hard_targets():
        return torch.randint(0, 2, (2, 6)).to(torch.float64)

    return [
        case("mean_3x4", (3, 4), "mean"),
        case("sum_3x4", (3, 4), "sum"),
        case("none_3x4", (3, 4), "none"),
        case("mean_rank4", (2, 3, 2, 2), "mean"),
        case("edges_to_1000_none", edges, "none"),
        case("edges_to_1000_mean", edges, "mean"),
        case("large_negative_sum", large_negative, "sum"),
        case("hard_targets_none", (2, 6), "none", hard_targets),
    ]
