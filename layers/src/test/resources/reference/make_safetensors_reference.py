#!/usr/bin/python3
"""Safetensors files that travel between PyTorch and grad4j, for grad4j's interop tests.

Two models make the trip: a small seeded convolutional ``nn.Sequential`` (``conv``) and the
project's SmallCNN (``small_cnn``: ``small_cnn()`` of ``shared/peers/torch_fmnist.py``, 421,642
parameters), seeded and untrained.

The ``safetensors`` Python package is not needed: files are written and read
with ``struct`` and ``json`` exactly as the format's specification says
(https://github.com/huggingface/safetensors): an 8-byte little-endian header
length N, N bytes of UTF-8 JSON padded with spaces, then the raw little-endian
data, with ``data_offsets`` relative to the start of the data section.

PyTorch -> grad4j. Run with Debian's PyTorch, from anywhere::

    /usr/bin/python3 layers/src/test/resources/reference/make_safetensors_reference.py

writes, beside this script, for each model its ``state_dict`` as
``torch_<model>_f64.safetensors`` (the conv model's also cast to float32, as
``torch_conv_f32.safetensors``) and an input ``x`` with the model's float64
output ``y`` as ``torch_<model>_io.safetensors``. The header keys are sorted by
name while the data follows ``state_dict`` order, so a reader must rely on the
offsets rather than on the key order. ``PyTorchInteropTest`` reads them.

grad4j -> PyTorch. ``PyTorchInteropTest`` loads each ``torch_<model>_f64``
file into the same architecture in grad4j and saves it with ``Module.save`` as
``grad4j_<model>.safetensors`` under ``layers/target/safetensors-interop/``,
with grad4j's own output on the model's ``x`` as ``grad4j_<model>_io.safetensors``
(tensor ``y``). Each such file was checked here, for instance with::

    /usr/bin/python3 layers/src/test/resources/reference/make_safetensors_reference.py \\
        --check layers/target/safetensors-interop/grad4j_small_cnn.safetensors

which parses it strictly, compares every tensor bit for bit with the PyTorch
model's ``state_dict``, loads it with ``load_state_dict(strict=True)`` into a
differently initialised model and compares its output on ``x`` with ``y``
(exactly) and with grad4j's output from the ``_io`` file beside it (at rtol
1e-9, atol 1e-10). On success it writes the report
``grad4j_<model>_check.txt`` beside this script, ending with the SHA-256 of
the checked file (and exits non-zero otherwise). ``PyTorchInteropTest`` guards
that grad4j still writes the checked bytes by comparing its file's SHA-256 with
the report's; the grad4j files are not committed (the SmallCNN one would repeat
the 3.4 MB of ``torch_small_cnn_f64``). If grad4j's writer changes, that test
fails: run the check on the new file and commit the new report.
"""

import hashlib
import json
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261127

# safetensors dtype name -> (torch dtype, struct format character, item size in bytes)
DTYPES = {
    "F64": (torch.float64, "d", 8),
    "F32": (torch.float32, "f", 4),
}


def conv_model(seed):
    """A small convolutional model, initialised from ``seed``."""
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Conv2d(2, 3, 3, padding=1),
        torch.nn.Conv2d(3, 2, (2, 3), stride=(1, 2), bias=False),
    ).double()


def conv_input():
    torch.manual_seed(SEED + 1)
    return torch.randn(2, 2, 5, 7, dtype=torch.float64)


def small_cnn(seed):
    """``small_cnn()`` of ``shared/peers/torch_fmnist.py``, initialised from ``seed`` as that script
    does: in float32, then converted to float64."""
    nn = torch.nn
    torch.manual_seed(seed)
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(3136, 128), nn.ReLU(),
        nn.Linear(128, 10),
    ).to(torch.float64)


def small_cnn_input():
    """Four 28x28 grey-scale images, pixels uniform in [0, 1)."""
    torch.manual_seed(SEED + 3)
    return torch.rand(4, 1, 28, 28, dtype=torch.float64)


# model name -> (the architecture PyTorchInteropTest rebuilds in grad4j, from a seed; its input)
MODELS = {"conv": (conv_model, conv_input), "small_cnn": (small_cnn, small_cnn_input)}


def write_safetensors(path, tensors, metadata):
    """Writes ``tensors`` (name -> float64 or float32 tensor) in dict order, keys sorted."""
    header = {"__metadata__": metadata}
    chunks = []
    offset = 0
    for name, tensor in tensors.items():
        dtype = next(k for k, v in DTYPES.items() if v[0] == tensor.dtype)
        values = tensor.detach().contiguous().flatten().tolist()
        chunk = struct.pack("<%d%s" % (len(values), DTYPES[dtype][1]), *values)
        header[name] = {
            "dtype": dtype,
            "shape": list(tensor.shape),
            "data_offsets": [offset, offset + len(chunk)],
        }
        chunks.append(chunk)
        offset += len(chunk)
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(b"".join(chunks))


def read_safetensors(path):
    """Parses ``path`` strictly; returns (name -> tensor in header order, metadata, header keys)."""
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    if n > len(blob) - 8:
        raise ValueError(f"{path}: header length {n} exceeds the file")
    header = json.loads(blob[8 : 8 + n].decode("utf-8"))
    data = blob[8 + n :]
    metadata = header.pop("__metadata__", {})
    spans = sorted((info["data_offsets"], name) for name, info in header.items())
    end = 0
    for (begin, stop), name in spans:
        if begin != end:
            raise ValueError(f"{path}: tensor {name} starts at {begin}, expected {end}")
        end = stop
    if end != len(data):
        raise ValueError(f"{path}: tensors cover {end} of {len(data)} data bytes")
    tensors = {}
    for name, info in header.items():
        if set(info) != {"dtype", "shape", "data_offsets"}:
            raise ValueError(f"{path}: tensor {name} has fields {sorted(info)}")
        torch_dtype, code, size = DTYPES[info["dtype"]]
        begin, stop = info["data_offsets"]
        count = 1
        for d in info["shape"]:
            count *= d
        if stop - begin != count * size:
            raise ValueError(f"{path}: tensor {name} spans {stop - begin} bytes, needs {count * size}")
        values = struct.unpack("<%d%s" % (count, code), data[begin:stop])
        tensors[name] = torch.tensor(values, dtype=torch_dtype).reshape(info["shape"])
    return tensors, metadata, list(header)


def write_references():
    metadata = {"format": "pt", "source": "make_safetensors_reference.py"}
    for name, (make, make_input) in MODELS.items():
        model = make(SEED)
        state = model.state_dict()
        write_safetensors(os.path.join(HERE, f"torch_{name}_f64.safetensors"), state, metadata)
        x = make_input()
        with torch.no_grad():
            y = model(x)
        io_path = os.path.join(HERE, f"torch_{name}_io.safetensors")
        write_safetensors(io_path, {"x": x, "y": y}, metadata)
    write_safetensors(
        os.path.join(HERE, "torch_conv_f32.safetensors"),
        {name: t.float() for name, t in conv_model(SEED).state_dict().items()},
        metadata,
    )


def check(path):
    base = os.path.basename(path)
    name = base[len("grad4j_") : -len(".safetensors")]
    if f"grad4j_{name}.safetensors" != base or name not in MODELS:
        sys.exit(f"{path}: expected grad4j_<model>.safetensors with <model> in {sorted(MODELS)}")
    make, _ = MODELS[name]
    tensors, metadata, keys = read_safetensors(path)
    expected = make(SEED).state_dict()
    lines = [f"file: {base}", f"header keys in order: {keys}", f"metadata: {metadata}"]
    if set(tensors) != set(expected):
        raise ValueError(f"keys {sorted(tensors)} differ from state_dict keys {sorted(expected)}")
    for key, t in expected.items():
        got = tensors[key]
        if got.dtype != torch.float64 or got.shape != t.shape or not torch.equal(got, t):
            raise ValueError(f"tensor {key} differs: {got.dtype} {tuple(got.shape)}")
        lines.append(f"{key}: F64 shape {tuple(t.shape)} bit-identical to PyTorch's state_dict")
    model = make(SEED + 2)
    model.load_state_dict(tensors, strict=True)
    reference, _, _ = read_safetensors(os.path.join(HERE, f"torch_{name}_io.safetensors"))
    with torch.no_grad():
        y = model(reference["x"])
    if not torch.equal(y, reference["y"]):
        raise ValueError(f"output differs by {(y - reference['y']).abs().max().item()}")
    lines.append("load_state_dict(strict=True) into a fresh model: ok")
    lines.append(f"output on x {tuple(y.shape)} equals the reference y exactly")
    grad4j_path = os.path.join(os.path.dirname(path), f"grad4j_{name}_io.safetensors")
    grad4j_y = read_safetensors(grad4j_path)[0]["y"]
    if grad4j_y.shape != y.shape or not torch.allclose(grad4j_y, y, rtol=1e-9, atol=1e-10):
        raise ValueError(f"{grad4j_path}: grad4j's output y differs from PyTorch's")
    lines.append(
        f"output on x is close to grad4j's output y (rtol 1e-9, atol 1e-10;"
        f" largest difference {(grad4j_y - y).abs().max().item():.3g})"
    )
    lines.append(f"torch {torch.__version__}")
    with open(path, "rb") as f:
        lines.append(f"sha256 of the checked file: {hashlib.sha256(f.read()).hexdigest()}")
    report = "\n".join(lines) + "\n"
    with open(os.path.join(HERE, f"grad4j_{name}_check.txt"), "w") as f:
        f.write(report)
    sys.stdout.write(report)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    elif len(sys.argv) == 1:
        write_references()
    else:
        sys.exit(__doc__)
