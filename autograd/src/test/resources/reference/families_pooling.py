"""Reference families for pooling and batch normalisation: max_pool2d, avg_pool2d,
adaptive_avg_pool2d (output size 1) and batch_norm (training and evaluation)."""

from reference_cases import Case, family, make_input, pair, seeded

import torch
import torch.nn.functional as F


def pool_case(fam, name, x, kernel, stride, padding, pool, **params):
    """x is a shape (random normal) or a function of one making the input from torch.randn.

    Records the geometry (kh, kw, sh, sw, ph, pw), extra int params, x, y = pool(x),
    a random upstream gradient gy and dx from y.backward(gy).
    """
    seeded(fam, name)
    x = make_input(x)
    (kh, kw), (sh, sw), (ph, pw) = pair(kernel), pair(stride), pair(padding)
    x = x.clone().requires_grad_(True)
    y = pool(x, (kh, kw), (sh, sw), (ph, pw))
    gy = torch.randn(y.shape)
    y.backward(gy)
    c = Case(name)
    for key, value in zip(("kh", "kw", "sh", "sw", "ph", "pw"), (kh, kw, sh, sw, ph, pw)):
        c.param(key, value)
    for key, value in params.items():
        c.param(key, value)
    return c.tensor("x", x).tensor("y", y).tensor("gy", gy).tensor("dx", x.grad)


def max_case(name, x, kernel, stride=None, padding=0):
    stride = kernel if stride is None else stride
    return pool_case("max_pool2d", name, x, kernel, stride, padding, F.max_pool2d)


@family("max_pool2d")
def max_pool2d_cases():
    # Random normal inputs: no two elements of a window tie.
    return [
        max_case("k2_s2", (2, 3, 4, 4), 2),
        max_case("k2_s2_odd_input_5x7", (2, 2, 5, 7), 2),
        # rows and columns 0..6 of 8 are visited, row and column 7 are left over
        max_case("k3_s2_leftover", (2, 2, 8, 8), 3, 2),
        max_case("k3_s1_overlapping", (1, 2, 5, 6), 3, 1),
        max_case("k3_s1_pad1", (2, 2, 5, 5), 3, 1, 1),
        max_case("k2_s2_pad1", (1, 3, 5, 4), 2, 2, 1),
        # all inputs below -1: a zero-valued padding would win, -infinity padding never does
        max_case("pad1_negative_input", lambda: -1 - torch.rand(2, 2, 4, 5), 3, 2, 1),
        max_case("kernel_2x3_stride_1x2", (2, 2, 5, 7), (2, 3), (1, 2)),
        max_case("kernel_3x2_stride_2x1_pad_1x0", (2, 1, 6, 5), (3, 2), (2, 1), (1, 0)),
        max_case("kernel_equals_input_4x5", (2, 3, 4, 5), (4, 5)),
        max_case("batch1", (1, 4, 6, 6), 2),
        max_case("kernel1_stride2", (2, 2, 5, 5), 1, 2),
    ]


def avg_case(name, x, kernel, stride=None, padding=0, count_include_pad=True):
    stride = kernel if stride is None else stride

    def pool(x, k, s, p):
        return F.avg_pool2d(x, k, s, p, ceil_mode=False, count_include_pad=count_include_pad)

    return pool_case(
        "avg_pool2d", name, x, kernel, stride, padding, pool, cip=int(count_include_pad)
    )


@family("avg_pool2d")
def avg_pool2d_cases():
    return [
        avg_case("k2_s2", (2, 3, 4, 4), 2),
        avg_case("k3_s2_pad1_include_pad", (2, 2, 5, 5), 3, 2, 1, True),
        avg_case("k3_s2_pad1_exclude_pad", (2, 2, 5, 5), 3, 2, 1, False),
        avg_case("k2_s1_pad1_include_pad", (1, 2, 3, 4), 2, 1, 1, True),
        avg_case("k2_s1_pad1_exclude_pad", (1, 2, 3, 4), 2, 1, 1, False),
        # rows and columns 0..6 of 8 are visited
        avg_case("k3_s2_leftover", (2, 2, 8, 8), 3, 2),
        avg_case("k3_s1_overlapping", (1, 2, 5, 6), 3, 1),
        avg_case("kernel_2x3_stride_2x1_pad_1x1_include", (2, 2, 5, 6), (2, 3), (2, 1), 1, True),
        avg_case("kernel_2x3_stride_2x1_pad_1x1_exclude", (2, 2, 5, 6), (2, 3), (2, 1), 1, False),
        avg_case("kernel_equals_input_batch1", (1, 3, 4, 5), (4, 5)),
    ]


@family("adaptive_avg_pool2d")
def adaptive_avg_pool2d_cases():
    cases = []
    shapes = {"x_2x3x4x5": (2, 3, 4, 5), "batch1_1x1": (1, 2, 1, 1), "x_3x1x7x3": (3, 1, 7, 3)}
    for name, shape in shapes.items():
        seeded("adaptive_avg_pool2d", name)
        x = torch.randn(*shape).requires_grad_(True)
        y = F.adaptive_avg_pool2d(x, 1)
        gy = torch.randn(y.shape)
        y.backward(gy)
        cases.append(Case(name).tensor("x", x).tensor("y", y).tensor("gy", gy).tensor("dx", x.grad))
    return cases


def batch_norm_case(
    name, shape, training, affine=True, momentum=0.1, eps=1e-5, offset=0.0, scale=1.0
):
    """x = offset + scale * randn(shape); random gamma, beta (if affine) and running statistics.

    Records the inputs and running statistics before the call, y, a random gy and dx (dgamma,
    dbeta), and the running statistics after the call (updated in place in training).
    """
    seeded("batch_norm", name)
    channels = shape[1]
    x = (offset + scale * torch.randn(*shape)).requires_grad_(True)
    gamma = torch.randn(channels).requires_grad_(True) if affine else None
    beta = torch.randn(channels).requires_grad_(True) if affine else None
    running_mean = torch.randn(channels)
    running_var = 0.5 + torch.rand(channels)
    c = Case(name).param("training", int(training)).param("affine", int(affine))
    c.param("momentum", momentum).param("eps", eps)
    c.tensor("x", x)
    if affine:
        c.tensor("gamma", gamma).tensor("beta", beta)
    # clones: Case.tensor keeps a view, and batch_norm updates the buffers in place
    c.tensor("running_mean", running_mean.clone()).tensor("running_var", running_var.clone())
    y = F.batch_norm(x, running_mean, running_var, gamma, beta, training, momentum, eps)
    gy = torch.randn(y.shape)
    y.backward(gy)
    c.tensor("y", y).tensor("gy", gy).tensor("dx", x.grad)
    if affine:
        c.tensor("dgamma", gamma.grad).tensor("dbeta", beta.grad)
    c.tensor("running_mean_after", running_mean).tensor("running_var_after", running_var)
    return c


@family("batch_norm")
def batch_norm_cases():
    return [
        batch_norm_case("train_affine", (4, 3, 3, 3), True),
        batch_norm_case("train_no_affine", (2, 2, 4, 5), True, affine=False),
        batch_norm_case("train_batch1", (1, 3, 4, 4), True),
        batch_norm_case("train_spatial_1x1", (5, 2, 1, 1), True),
        batch_norm_case("train_momentum_0.3_eps_1e-3", (3, 2, 2, 3), True, momentum=0.3, eps=1e-3),
        # mean 1000, std 0.01: E[x^2] - E[x]^2 would lose about 6 digits of the variance
        batch_norm_case("train_large_offset", (4, 2, 3, 3), True, offset=1000.0, scale=0.01),
        batch_norm_case("eval_affine", (2, 3, 4, 4), False),
        batch_norm_case("eval_no_affine_batch1", (1, 2, 3, 5), False, affine=False),
    ]
