#!/usr/bin/python3
"""Writes PyTorch reference numbers for grad4j's tests, one text file per op family.

Run with Debian's PyTorch from the repository root (or anywhere):

    /usr/bin/python3 autograd/src/test/resources/reference/make_reference.py [family ...]

With no arguments every family is written; the files land beside this script
(``conv2d.txt`` ...) and are read by ``org.grad4j.autograd.ReferenceCases``.
Never edit them by hand: change this script and run it again.

File format (line based, ``#`` lines and blank lines are ignored)::

    case <name>
    param <key> <int or double>
    tensor <key> <dims separated by spaces, or - for a scalar>
    <all values on one line, row-major, separated by spaces>
    end

Values are written with ``repr(float)``, the shortest decimal that parses back
to the same double, so Java's ``Double.parseDouble`` recovers them exactly.

To add an op family, write a function that returns a list of ``Case`` and
decorate it with ``@family("<name>")``, here or in a sibling module named
``families_<topic>.py`` (imported automatically; it does
``from reference_cases import Case, family, seeded``: ``reference_cases.py`` holds what the
scripts share). Build each case's random tensors after
calling ``seeded(family, name)`` (the case helpers below do), so adding,
removing or reordering cases never changes the numbers of the others.
"""

import importlib
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ among the test resources

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from reference_cases import (  # noqa: E402
    FAMILIES,
    HERE,
    Case,
    family,
    make_input,
    pair,
    seeded,
    write_family,
)


# ---------------------------------------------------------------- conv2d


def conv2d_case(name, x, w, bias=True, stride=1, padding=0, dilation=1, gy=None):
    """x and w are tensors or shapes (random normal); bias is True (random), False or a tensor.

    Records x, w, b (if any), the geometry, y = conv2d(x, w, b), a random upstream
    gradient gy (unless given) and dx, dw, db from y.backward(gy).
    """
    seeded("conv2d", name)
    x = make_input(x)
    w = make_input(w)
    if bias is True:
        b = torch.randn(w.shape[0])
    elif bias is False:
        b = None
    else:
        b = bias
    (sh, sw), (ph, pw), (dh, dw) = pair(stride), pair(padding), pair(dilation)

    x = x.clone().requires_grad_(True)
    w = w.clone().requires_grad_(True)
    if b is not None:
        b = b.clone().requires_grad_(True)
    y = F.conv2d(x, w, b, stride=(sh, sw), padding=(ph, pw), dilation=(dh, dw))
    gy = torch.randn(y.shape) if gy is None else gy
    y.backward(gy)

    c = Case(name)
    kh, kw = w.shape[2], w.shape[3]
    for key, value in zip(
        ("bias", "kh", "kw", "sh", "sw", "ph", "pw", "dh", "dw"),
        (int(b is not None), kh, kw, sh, sw, ph, pw, dh, dw),
    ):
        c.param(key, value)
    c.tensor("x", x).tensor("w", w)
    if b is not None:
        c.tensor("b", b)
    c.tensor("y", y).tensor("gy", gy).tensor("dx", x.grad).tensor("dw", w.grad)
    if b is not None:
        c.tensor("db", b.grad)
    return c


@family("conv2d")
def conv2d_cases():
    seed_x = torch.arange(96.0).reshape(2, 3, 4, 4)
    seed_w = torch.arange(54.0).reshape(2, 3, 3, 3)
    return [
        # The seed notebook's own case with its upstream gradient of ones (see DESIGN.md).
        conv2d_case("seed_notebook", seed_x, seed_w, torch.zeros(2), gy=torch.ones(2, 2, 2, 2)),
        conv2d_case("seed_notebook_random_gy", seed_x, seed_w, torch.zeros(2)),
        conv2d_case("batch1", (1, 2, 5, 5), (3, 2, 3, 3)),
        conv2d_case("batch3_pad1", (3, 2, 4, 4), (2, 2, 3, 3), padding=1),
        conv2d_case("input_5x7", (2, 2, 5, 7), (3, 2, 3, 3)),
        conv2d_case("kernel_2x3", (2, 2, 5, 6), (2, 2, 2, 3)),
        conv2d_case("kernel_3x1_no_bias", (1, 3, 6, 5), (2, 3, 3, 1), bias=False),
        conv2d_case("kernel_equals_input_4x5", (2, 3, 4, 5), (2, 3, 4, 5)),
        conv2d_case("kernel_exceeds_input_padded", (2, 1, 3, 3), (2, 1, 5, 5), padding=1),
        # 8 = 3 + 2*2 + 1: the last column and row are never visited
        conv2d_case("stride2_leftover", (2, 2, 8, 8), (2, 2, 3, 3), stride=2),
        # rows 0..8 of 10 and columns 0..8 of 11 are visited
        conv2d_case("stride3_leftover_no_bias", (1, 2, 10, 11), (3, 2, 3, 3), stride=3, bias=False),
        conv2d_case("stride_1x2", (2, 2, 5, 6), (2, 2, 3, 2), stride=(1, 2)),
        conv2d_case("pad1", (2, 2, 5, 5), (3, 2, 3, 3), padding=1),
        conv2d_case("pad2_no_bias", (2, 2, 4, 4), (2, 2, 3, 3), padding=2, bias=False),
        conv2d_case("pad_2x1", (2, 2, 4, 6), (2, 2, 3, 3), padding=(2, 1)),
        conv2d_case("stride2_pad1", (2, 3, 6, 6), (2, 3, 3, 3), stride=2, padding=1),
        conv2d_case("dilation2", (2, 2, 7, 7), (2, 2, 3, 3), dilation=2),
        conv2d_case(
            "dilation_2x1_stride2_pad_1x2",
            (2, 2, 7, 6),
            (3, 2, 3, 2),
            stride=2,
            padding=(1, 2),
            dilation=(2, 1),
        ),
        conv2d_case("kernel_1x1", (2, 3, 4, 5), (4, 3, 1, 1)),
        conv2d_case("kernel_1x1_stride2_no_bias", (2, 3, 5, 5), (2, 3, 1, 1), stride=2, bias=False),
        conv2d_case("channels_4_to_5", (2, 4, 5, 5), (5, 4, 3, 3), padding=1),
    ]


def load_family_modules():
    """Imports every sibling ``families_*.py``; each registers its families with ``@family``."""
    for entry in sorted(os.listdir(HERE)):
        if entry.startswith("families_") and entry.endswith(".py"):
            importlib.import_module(entry[:-3])


def main(argv):
    load_family_modules()
    names = argv or sorted(FAMILIES)
    unknown = [n for n in names if n not in FAMILIES]
    if unknown:
        sys.exit(f"unknown families {unknown}; known: {sorted(FAMILIES)}")
    for name in names:
        write_family(name, FAMILIES[name](), script=__file__)


if __name__ == "__main__":
    main(sys.argv[1:])
