#!/usr/bin/python3
"""Safetensors files that travel between PyTorch and grad4j, for grad4j's interop tests.

The ``safetensors`` Python package is not needed: files are written and read
with ``struct`` and ``json`` exactly as the format's specification says
(https://github.com/huggingface/safetensors): an 8-byte little-endian header
length N, N bytes of UTF-8 JSON padded with spaces, then the raw little-endian
data, with ``data_offsets`` relative to the start of the data section.

PyTorch -> grad4j. Run with Debian's PyTorch, from anywhere::

    /usr/bin/python3 layers/src/test/resources/reference/make_safetensors_reference.py

writes, beside this script, the ``state_dict`` of a small seeded convolutional
``nn.Sequential`` as ``torch_conv_f64.safetensors`` and (cast to float32)
``torch_conv_f32.safetensors``, and an input ``x`` with the model's float64
output ``y`` as ``torch_conv_io.safetensors``. The header keys are sorted by
name while the data follows ``state_dict`` order, so a reader must rely on the
offsets rather than on the key order. ``PyTorchInteropTest`` reads them.

grad4j -> PyTorch. ``PyTorchInteropTest`` loads ``torch_conv_f64`` into the
same architecture in grad4j, saves it with ``Module.save`` and checks that the
bytes equal the committed ``grad4j_conv.safetensors``. That committed file was
checked here with::

    /usr/bin/python3 layers/src/test/resources/reference/make_safetensors_reference.py \\
        --check layers/src/test/resources/reference/grad4j_conv.safetensors

which parses it strictly, compares every tensor bit for bit with the PyTorch
model's ``state_dict``, loads it with ``load_state_dict(strict=True)`` into a
differently initialised model and compares its output on ``x`` with ``y``.
On success it writes the report ``grad4j_conv_check.txt`` beside this script
(and exits non-zero otherwise). If grad4j's writer changes, the Java test
fails, writes its new file under ``layers/target/safetensors-interop/``; copy
it over the committed one and run the check again.
"""

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
    """The architecture PyTorchInteropTest rebuilds in grad4j, initialised from ``seed``."""
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Conv2d(2, 3, 3, padding=1),
        torch.nn.Conv2d(3, 2, (2, 3), stride=(1, 2), bias=False),
    ).double()


def model_input():
    torch.manual_seed(SEED + 1)
    return torch.randn(2, 2, 5, 7, dtype=torch.float64)


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
    model = conv_model(SEED)
    state = model.state_dict()
    metadata = {"format": "pt", "source": "make_safetensors_reference.py"}
    write_safetensors(os.path.join(HERE, "torch_conv_f64.safetensors"), state, metadata)
    write_safetensors(
        os.path.join(HERE, "torch_conv_f32.safetensors"),
        {name: t.float() for name, t in state.items()},
        metadata,
    )
    x = model_input()
    with torch.no_grad():
        y = model(x)
    write_safetensors(os.path.join(HERE, "torch_conv_io.safetensors"), {"x": x, "y": y}, metadata)


def check(path):
    tensors, metadata, keys = read_safetensors(path)
    expected = conv_model(SEED).state_dict()
    lines = [f"file: {os.path.basename(path)}", f"header keys in order: {keys}", f"metadata: {metadata}"]
    if set(tensors) != set(expected):
        raise ValueError(f"keys {sorted(tensors)} differ from state_dict keys {sorted(expected)}")
    for name, t in expected.items():
        got = tensors[name]
        if got.dtype != torch.float64 or got.shape != t.shape or not torch.equal(got, t):
            raise ValueError(f"tensor {name} differs: {got.dtype} {tuple(got.shape)}")
        lines.append(f"{name}: F64 shape {tuple(t.shape)} bit-identical to PyTorch's state_dict")
    model = conv_model(SEED + 2)
    model.load_state_dict(tensors, strict=True)
    reference, _, _ = read_safetensors(os.path.join(HERE, "torch_conv_io.safetensors"))
    with torch.no_grad():
        y = model(reference["x"])
    if not torch.equal(y, reference["y"]):
        raise ValueError(f"output differs by {(y - reference['y']).abs().max().item()}")
    lines.append("load_state_dict(strict=True) into a fresh model: ok")
    lines.append(f"output on x {tuple(y.shape)} equals the reference y exactly")
    lines.append(f"torch {torch.__version__}")
    report = "\n".join(lines) + "\n"
    with open(os.path.join(HERE, "grad4j_conv_check.txt"), "w") as f:
        f.write(report)
    sys.stdout.write(report)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    elif len(sys.argv) == 1:
        write_references()
    else:
        sys.exit(__doc__)
