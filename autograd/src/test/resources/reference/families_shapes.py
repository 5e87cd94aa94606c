"""Reference families for shape ops, reductions and linear algebra.

Every case records its inputs, the output ``y``, a random upstream gradient ``gy`` and the input
gradients ``d<input>`` from ``y.backward(gy)``. Integer arguments are params; axis lists and
indices are stored as tensors of integral values.
"""

import torch
import torch.nn.functional as F

from reference_cases import Case, family, make_input, seeded


def grad_case(fam, name, fn, inputs, params=None, data=None):
    """inputs maps a key to a shape (standard normal values) or to a function making the tensor.

    fn is called with the input tensors (requiring grad) as keyword arguments; params (ints) and
    data (tensors needing no gradient, passed to fn as keywords too) are recorded as they are.
    """
    seeded(fam, name)
    params = params or {}
    data = data or {}
    xs = {}
    for key, spec in inputs.items():
        x = make_input(spec)
        xs[key] = x.detach().clone().requires_grad_(True)
    y = fn(**xs, **data)
    gy = torch.randn(y.shape)
    y.backward(gy)

    c = Case(name)
    for key, value in params.items():
        c.param(key, value)
    for key, t in data.items():
        c.tensor(key, t.to(torch.float64))
    for key, x in xs.items():
        c.tensor(key, x)
    c.tensor("y", y).tensor("gy", gy)
    for key, x in xs.items():
        c.tensor("d" + key, x.grad)
    return c


# ---------------------------------------------------------------- shapes


@family("flatten")
def flatten_cases():
    def case(name, shape, start, end):
        return grad_case(
            "flatten",
            name,
            lambda x: torch.flatten(x, start, end),
            {"x": shape},
            {"start": start, "end": end},
        )

    return [
        case("nn_flatten_2x3x4x5", (2, 3, 4, 5), 1, -1),
        case("nn_flatten_batch1", (1, 3, 2, 2), 1, -1),
        case("all_axes", (2, 3, 4), 0, -1),
        case("middle_axes", (2, 3, 4, 5), 1, 2),
        case("last_two_negative", (2, 3, 4, 5), -2, -1),
        case("single_axis_no_change", (3, 4), 1, 1),
    ]


@family("transpose")
def transpose_cases():
    def case(name, shape, a0, a1):
        return grad_case(
            "transpose",
            name,
            lambda x: torch.transpose(x, a0, a1),
            {"x": shape},
            {"axis0": a0, "axis1": a1},
        )

    return [
        case("matrix_3x5", (3, 5), 0, 1),
        case("last_two_of_rank3", (2, 3, 4), 1, 2),
        case("outer_of_rank4", (2, 3, 4, 5), 0, 3),
        case("negative_axes", (2, 3, 4, 5), -1, -3),
        case("same_axis", (2, 3), 1, 1),
    ]


@family("squeeze")
def squeeze_cases():
    def case(name, shape, axis):
        return grad_case(
            "squeeze", name, lambda x: torch.squeeze(x, axis), {"x": shape}, {"axis": axis}
        )

    return [
        case("leading", (1, 3, 4), 0),
        case("middle", (2, 1, 4), 1),
        case("trailing_negative", (2, 3, 1), -1),
        case("only_one_of_two_unit_axes", (1, 3, 1), 2),
    ]


@family("unsqueeze")
def unsqueeze_cases():
    def case(name, shape, axis):
        return grad_case(
            "unsqueeze", name, lambda x: torch.unsqueeze(x, axis), {"x": shape}, {"axis": axis}
        )

    return [
        case("front", (3, 4), 0),
        case("middle", (3, 4), 1),
        case("end", (3, 4), 2),
        case("end_negative", (3, 4), -1),
        case("front_negative", (2, 3, 4), -4),
        case("vector", (5,), 1),
    ]


def joined_case(fam, op, name, shapes, axis):
    inputs = {f"x{i}": s for i, s in enumerate(shapes)}
    return grad_case(
        fam,
        name,
        lambda **xs: op([xs[f"x{i}"] for i in range(len(shapes))], axis),
        inputs,
        {"n": len(shapes), "axis": axis},
    )


@family("concat")
def concat_cases():
    def case(name, shapes, axis):
        return joined_case("concat", torch.cat, name, shapes, axis)

    return [
        case("rows", [(2, 3), (4, 3)], 0),
        case("columns_three", [(2, 1), (2, 3), (2, 2)], 1),
        case("middle_of_rank4", [(2, 1, 3, 2), (2, 4, 3, 2)], 1),
        case("last_negative", [(2, 3, 1), (2, 3, 2)], -1),
        case("single_tensor", [(2, 3)], 1),
        case("batch1_vectors", [(1,), (3,)], 0),
    ]


@family("stack")
def stack_cases():
    def case(name, shapes, axis):
        return joined_case("stack", torch.stack, name, shapes, axis)

    return [
        case("front", [(2, 3), (2, 3)], 0),
        case("middle_three", [(2, 3), (2, 3), (2, 3)], 1),
        case("end", [(2, 3), (2, 3)], 2),
        case("end_negative", [(4,), (4,), (4,)], -1),
        case("single_tensor", [(3, 2)], 0),
    ]


@family("slice")
def slice_cases():
    def case(name, shape, axis, start, end):
        return grad_case(
            "slice",
            name,
            lambda x: torch.narrow(x, axis, start, end - start),
            {"x": shape},
            {"axis": axis, "start": start, "end": end},
        )

    return [
        case("rows_of_matrix", (5, 3), 0, 1, 4),
        case("columns_of_matrix", (3, 6), 1, 2, 5),
        case("middle_of_rank4", (2, 5, 3, 2), 1, 0, 2),
        case("last_axis_negative", (2, 3, 6), -1, 3, 6),
        case("whole_axis", (2, 4), 1, 0, 4),
        case("one_element", (4, 3), 0, 3, 4),
        case("empty", (2, 3), 1, 2, 2),
    ]


@family("gather")
def gather_cases():
    def case(name, shape, index):
        return grad_case(
            "gather",
            name,
            lambda x, index: x.gather(1, index.long()[:, None])[:, 0],
            {"x": shape},
            data={"index": torch.tensor(index, dtype=torch.float64)},
        )

    return [
        case("four_rows_five_classes", (4, 5), [2, 0, 4, 2]),
        case("batch1", (1, 3), [1]),
        case("repeated_class", (3, 2), [1, 1, 1]),
        case("one_class", (3, 1), [0, 0, 0]),
    ]


# ---------------------------------------------------------------- reductions


def extremum_cases(fam, op):
    def case(name, shape, axes, keepdim, scale=1.0):
        return grad_case(
            fam,
            name,
            lambda x, axes: op(x, dim=[int(a) for a in axes], keepdim=keepdim),
            {"x": lambda: torch.randn(*shape) * scale},
            {"keepdim": int(keepdim)},
            {"axes": torch.tensor(axes, dtype=torch.float64)},
        )

    return [
        case("all_axes", (3, 4), [], False),
        case("all_axes_keepdim", (2, 3, 2), [], True),
        case("rows", (4, 5), [1], False),
        case("columns_keepdim", (4, 5), [0], True),
        case("two_axes_of_rank4", (2, 3, 4, 2), [2, 3], False),
        case("two_axes_keepdim_negative", (2, 3, 4, 2), [-1, 1], True),
        case("batch1", (1, 6), [1], False),
        case("large_values", (3, 4), [0], False, scale=1000.0),
    ]


@family("amax")
def amax_cases():
    return extremum_cases("amax", torch.amax)


@family("amin")
def amin_cases():
    return extremum_cases("amin", torch.amin)


@family("logsumexp")
def logsumexp_cases():
    def case(name, make, axis, keepdim):
        return grad_case(
            "logsumexp",
            name,
            lambda x: torch.logsumexp(x, axis, keepdim),
            {"x": make},
            {"axis": axis, "keepdim": int(keepdim)},
        )

    return [
        case("rows", lambda: torch.randn(4, 5), 1, False),
        case("columns_keepdim", lambda: torch.randn(4, 5), 0, True),
        case("rank3_middle", lambda: torch.randn(2, 3, 4), 1, False),
        case("negative_axis_keepdim", lambda: torch.randn(2, 3, 4), -1, True),
        case("batch1", lambda: torch.randn(1, 10), 1, False),
        case("large_logits_1000", lambda: torch.randn(3, 4) + 1000.0, 1, False),
        case("logits_plus_minus_1000", lambda: torch.randn(3, 4) * 1000.0, 1, True),
        case("very_negative_logits", lambda: torch.randn(2, 5) - 1000.0, -1, False),
        case("single_element_axis", lambda: torch.randn(3, 1), 1, False),
    ]


# ---------------------------------------------------------------- linear algebra


@family("matmul")
def matmul_cases():
    def case(name, a, b):
        return grad_case("matmul", name, lambda a, b: torch.matmul(a, b), {"a": a, "b": b})

    return [
        case("matrix_2x3_3x4", (2, 3), (3, 4)),
        case("matrix_square", (4, 4), (4, 4)),
        case("row_times_column", (1, 5), (5, 1)),
        case("column_times_row", (5, 1), (1, 3)),
        case("batched_same_batch", (3, 2, 4), (3, 4, 5)),
        case("batched_broadcast_2x1_with_5", (2, 1, 3, 4), (5, 4, 6)),
        case("matrix_at_batch", (3, 4), (2, 4, 5)),
        case("batch_at_matrix", (2, 3, 4), (4, 2)),
        case("batch1", (1, 3, 4), (1, 4, 2)),
        case("batch1_broadcast", (1, 2, 3), (4, 3, 2)),
        case("rank4_both_broadcast", (2, 1, 2, 3), (1, 3, 3, 2)),
    ]


@family("linear")
def linear_cases():
    def case(name, x, out, bias=True):
        inputs = {"x": x, "w": (out, x[-1])}
        if bias:
            inputs["b"] = (out,)
        return grad_case(
            "linear", name, lambda x, w, b=None: F.linear(x, w, b), inputs, {"bias": int(bias)}
        )

    return [
        case("batch8_5_to_3", (8, 5), 3),
        case("no_bias", (4, 5), 2, bias=False),
        case("batch1", (1, 4), 6),
        case("rank3_input", (2, 3, 4), 5),
        case("rank3_input_no_bias", (2, 3, 4), 2, bias=False),
        case("rank4_input", (2, 1, 3, 4), 3),
        case("vector_input", (4,), 3),
        case("one_output", (5, 3), 1),
    ]
