#!/usr/bin/python3
"""Writes PyTorch reference numbers for grad4j's optimizers, LR schedules, gradient clipping and
training steps of a tiny CNN.

Run with Debian's PyTorch from the repository root (or anywhere):

    /usr/bin/python3 layers/src/test/resources/reference/make_optim_reference.py [family ...]

With no arguments every family is written: ``optim.txt``, ``lr_schedule.txt``, ``grad_clip.txt``
and ``training.txt`` land beside this script and are read by the tests of
``org.grad4j.layers.optim``. The file format is autograd's ``make_reference.py``'s; ``Case``,
``seeded`` and ``write_family`` come from ``reference_cases.py`` beside it. Never edit the files
by hand: change this script and run it again.

Optimizer and training cases are named ``<optimizer>_<options>``; the Java tests pick the
optimizer from the prefix and its options from the params. Optimizer case keys: ``p<i>`` is
parameter i's start value, ``g<i>_<t>`` its gradient at step t (absent: no gradient at that step),
``p<i>_<t>`` its value after step t. Training case keys: see ``training_case``.
"""

import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
AUTOGRAD_REFERENCE = os.path.join(HERE, "../../../../../autograd/src/test/resources/reference")
sys.path.insert(0, os.path.normpath(AUTOGRAD_REFERENCE))
sys.dont_write_bytecode = True  # no __pycache__ among autograd's test resources

import torch  # noqa: E402
from reference_cases import Case, seeded, write_family  # noqa: E402

# ---------------------------------------------------------------- optimizers

SHAPES = [(3, 4), (5,)]
STEPS = 4


def optimizer_options(c, options):
    """Records the optimizer's options as params of case ``c``; returns ``c``."""
    for key, value in options.items():
        if key == "betas":
            c.param("beta1", value[0]).param("beta2", value[1])
        else:
            c.param(key, int(value) if isinstance(value, bool) else value)
    return c


def optim_case(name, make, options, skip=()):
    """Runs ``make(params, **options)`` for STEPS steps on two parameters of different shapes.

    ``skip`` holds (step, index) pairs at which parameter ``index`` has no gradient.
    """
    seeded("optim", name)
    start = [torch.randn(*s) for s in SHAPES]
    grads = [[torch.randn(*s) for s in SHAPES] for _ in range(STEPS)]
    params = [p.clone().requires_grad_(True) for p in start]
    optimizer = make(params, foreach=False, **options)

    c = optimizer_options(Case(name), options)
    for i, p in enumerate(start):
        c.tensor(f"p{i}", p)
    for t in range(1, STEPS + 1):
        for i, p in enumerate(params):
            if (t, i) in skip:
                p.grad = None
            else:
                p.grad = grads[t - 1][i].clone()
                c.tensor(f"g{i}_{t}", grads[t - 1][i])
        optimizer.step()
        for i, p in enumerate(params):
            c.tensor(f"p{i}_{t}", p)
    return c


def optim_cases():
    o = torch.optim
    sgd, adam, adamw, rmsprop = o.SGD, o.Adam, o.AdamW, o.RMSprop
    return [
        optim_case("sgd_plain", sgd, dict(lr=0.1)),
        optim_case("sgd_weight_decay", sgd, dict(lr=0.1, weight_decay=0.05)),
        optim_case("sgd_momentum", sgd, dict(lr=0.1, momentum=0.9)),
        optim_case("sgd_momentum_dampening", sgd, dict(lr=0.1, momentum=0.9, dampening=0.3)),
        optim_case("sgd_nesterov", sgd, dict(lr=0.1, momentum=0.9, nesterov=True)),
        optim_case(
            "sgd_nesterov_weight_decay",
            sgd,
            dict(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01),
        ),
        # parameter 1 gets its first gradient (and momentum buffer) at step 2
        optim_case(
            "sgd_momentum_dampening_weight_decay_skip",
            sgd,
            dict(lr=0.1, momentum=0.5, dampening=0.5, weight_decay=0.1),
            skip={(1, 1), (3, 0)},
        ),
        optim_case("adam_defaults", adam, dict(lr=0.05)),
        # eps of 0.1 tells sqrt(v_hat) + eps from sqrt(v_hat + eps) and from sqrt(v) + eps
        optim_case("adam_betas_eps", adam, dict(lr=0.05, betas=(0.8, 0.95), eps=0.1)),
        optim_case("adam_weight_decay", adam, dict(lr=0.05, weight_decay=0.1)),
        optim_case("adam_amsgrad", adam, dict(lr=0.05, betas=(0.5, 0.6), amsgrad=True)),
        optim_case(
            "adam_amsgrad_weight_decay_skip",
            adam,
            dict(lr=0.05, betas=(0.7, 0.8), weight_decay=0.2, amsgrad=True, eps=1e-3),
            skip={(1, 0), (3, 1)},
        ),
        optim_case("adamw_defaults", adamw, dict(lr=0.05)),
        optim_case(
            "adamw_weight_decay_amsgrad",
            adamw,
            dict(lr=0.05, betas=(0.5, 0.6), weight_decay=0.3, amsgrad=True, eps=0.01),
        ),
        optim_case("adamw_skip", adamw, dict(lr=0.02, weight_decay=0.5), skip={(2, 0)}),
        optim_case("rmsprop_defaults", rmsprop, dict(lr=0.01)),
        optim_case("rmsprop_alpha_eps", rmsprop, dict(lr=0.01, alpha=0.7, eps=0.1)),
        optim_case("rmsprop_weight_decay", rmsprop, dict(lr=0.01, weight_decay=0.1)),
        optim_case("rmsprop_momentum", rmsprop, dict(lr=0.01, momentum=0.9)),
        optim_case("rmsprop_centered", rmsprop, dict(lr=0.01, alpha=0.9, centered=True)),
        optim_case(
            "rmsprop_centered_momentum_weight_decay_skip",
            rmsprop,
            dict(lr=0.01, alpha=0.8, momentum=0.5, weight_decay=0.05, centered=True),
            skip={(2, 1)},
        ),
    ]


# ---------------------------------------------------------------- LR schedules

SCHEDULE_STEPS = 30


def schedule_case(name, make, options, initial_lr=0.1):
    """The learning rate after construction and after each of SCHEDULE_STEPS steps, as ``lr``.

    Torch's ``step()`` uses its recursive (chainable) formulas; grad4j's closed forms must agree.
    """
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=initial_lr)
    scheduler = make(optimizer, **options)
    lrs = [optimizer.param_groups[0]["lr"]]
    for _ in range(SCHEDULE_STEPS):
        optimizer.step()
        scheduler.step()
        lrs.append(optimizer.param_groups[0]["lr"])

    c = Case(name).param("initial_lr", initial_lr)
    for key, value in options.items():
        if key == "milestones":
            c.tensor(key, torch.tensor(value, dtype=torch.float64))
        elif key == "anneal_strategy":
            c.param("anneal_linear", int(value == "linear"))
        elif key == "cycle_momentum":
            continue
        else:
            c.param(key, int(value) if isinstance(value, bool) else value)
    return c.tensor("lr", torch.tensor(lrs))


def lr_schedule_cases():
    s = torch.optim.lr_scheduler
    # one step more than recorded: after its last step, torch extrapolates past the final rate
    # (below zero with linear annealing) where grad4j holds it, and no optimizer step uses that rate
    one_cycle = dict(total_steps=SCHEDULE_STEPS + 1, cycle_momentum=False)
    return [
        schedule_case("step_lr", s.StepLR, dict(step_size=3, gamma=0.5)),
        schedule_case("step_lr_default_gamma", s.StepLR, dict(step_size=7), initial_lr=0.3),
        # unsorted, with a repeated milestone (the rate falls by gamma^2 at 12)
        schedule_case("multistep_lr", s.MultiStepLR, dict(milestones=[20, 5, 12, 12], gamma=0.3)),
        schedule_case("exponential_lr", s.ExponentialLR, dict(gamma=0.9)),
        # past T_max the cosine rises again
        schedule_case("cosine_annealing_lr", s.CosineAnnealingLR, dict(T_max=10, eta_min=0.001)),
        schedule_case(
            "cosine_annealing_lr_to_zero", s.CosineAnnealingLR, dict(T_max=30), initial_lr=0.05
        ),
        schedule_case("linear_lr_defaults", s.LinearLR, dict()),
        schedule_case(
            "linear_lr_warmup", s.LinearLR, dict(start_factor=0.1, end_factor=1.0, total_iters=8)
        ),
        schedule_case(
            "linear_lr_decay", s.LinearLR, dict(start_factor=1.0, end_factor=0.2, total_iters=12)
        ),
        schedule_case("onecycle_lr_defaults", s.OneCycleLR, dict(max_lr=0.1, **one_cycle)),
        schedule_case(
            "onecycle_lr_linear_three_phase",
            s.OneCycleLR,
            dict(
                max_lr=0.5,
                pct_start=0.25,
                anneal_strategy="linear",
                div_factor=10.0,
                final_div_factor=100.0,
                three_phase=True,
                **one_cycle,
            ),
        ),
        schedule_case(
            "onecycle_lr_cos_three_phase",
            s.OneCycleLR,
            dict(max_lr=0.2, pct_start=0.4, div_factor=5.0, three_phase=True, **one_cycle),
        ),
        schedule_case(
            "onecycle_lr_linear",
            s.OneCycleLR,
            dict(max_lr=1.0, pct_start=0.5, anneal_strategy="linear", **one_cycle),
        ),
    ]


# ---------------------------------------------------------------- gradient clipping

CLIP_SHAPES = [(2, 3), (4,), (2, 2, 2), (3,)]


def clip_case(name, clip, **options):
    """Four parameters, the last without a gradient: ``g<i>`` before clipping, ``c<i>`` after."""
    seeded("grad_clip", name)
    params = [torch.zeros(*s, requires_grad=True) for s in CLIP_SHAPES]
    c = Case(name)
    for key, value in options.items():
        c.param(key, value)
    for i, p in enumerate(params[:-1]):
        p.grad = torch.randn(*CLIP_SHAPES[i])
        c.tensor(f"g{i}", p.grad.clone())
    result = clip(params, **options)
    if result is not None:
        c.tensor("total_norm", result)
    for i, p in enumerate(params[:-1]):
        c.tensor(f"c{i}", p.grad)
    return c


def grad_clip_cases():
    norm, value = torch.nn.utils.clip_grad_norm_, torch.nn.utils.clip_grad_value_
    return [
        clip_case("norm_scaled", norm, max_norm=1.0),
        clip_case("norm_unchanged", norm, max_norm=100.0),
        clip_case("norm_zero", norm, max_norm=0.0),
        clip_case("value_clamped", value, clip_value=0.5),
        clip_case("value_unchanged", value, clip_value=10.0),
    ]


# ---------------------------------------------------------------- training a tiny CNN

TRAINING_STEPS = 3


def training_case(name, make, options):
    """TRAINING_STEPS full-batch steps of ``make(model.parameters(), **options)`` on a fresh tiny
    CNN in float64, conv(1->2, 3x3, pad 1) -> ReLU -> maxpool 2 -> flatten -> linear(18->3) with
    PyTorch's default initialisation, on four 6x6 images with labels in [0, 3).

    Keys: ``x``, ``labels``, each parameter's start value under its ``state_dict`` name; for each
    step t, ``loss_<t>`` (cross-entropy, mean over the batch) and ``<name>.grad_<t>`` before the
    update, and ``<name>_<t>`` after it.
    """
    seeded("training", name)
    nn = torch.nn
    model = nn.Sequential(
        nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(18, 3)
    )
    x = torch.randn(4, 1, 6, 6)
    labels = torch.randint(0, 3, (4,))
    optimizer = make(model.parameters(), foreach=False, **options)

    c = optimizer_options(Case(name), options)
    c.tensor("x", x).tensor("labels", labels)
    for key, p in model.named_parameters():
        c.tensor(key, p)
    for t in range(1, TRAINING_STEPS + 1):
        optimizer.zero_grad(set_to_none=True)
        loss = nn.functional.cross_entropy(model(x), labels)
        loss.backward()
        c.tensor(f"loss_{t}", loss)
        for key, p in model.named_parameters():
            c.tensor(f"{key}.grad_{t}", p.grad)
        optimizer.step()
        for key, p in model.named_parameters():
            c.tensor(f"{key}_{t}", p)
    return c


def training_cases():
    o = torch.optim
    return [
        training_case(
            "sgd_momentum_weight_decay", o.SGD, dict(lr=0.1, momentum=0.9, weight_decay=0.01)
        ),
        training_case("adam_weight_decay", o.Adam, dict(lr=0.01, weight_decay=0.01)),
    ]


FAMILIES = {
    "optim": optim_cases,
    "lr_schedule": lr_schedule_cases,
    "grad_clip": grad_clip_cases,
    "training": training_cases,
}


def main(argv):
    names = argv or sorted(FAMILIES)
    unknown = [n for n in names if n not in FAMILIES]
    if unknown:
        sys.exit(f"unknown families {unknown}; known: {sorted(FAMILIES)}")
    warnings.simplefilter("error")
    for name in names:
        write_family(name, FAMILIES[name](), script=__file__)


if __name__ == "__main__":
    main(sys.argv[1:])
