#!/usr/bin/python3
"""Writes the Fashion-MNIST subset embedded in the grad4j examples jar.

A fixed, class-balanced sample of the real data: the first 500 training images of
each class (5,000 in all) and the first 100 test images of each class (1,000),
kept in file order, written as gzipped IDX files beside this script. Source:
Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist).

    /usr/bin/python3 examples/src/main/resources/org/grad4j/examples/data/make_fashion_subset.py
"""
import gzip
import os
import struct
import sys

import numpy as np

SOURCE = "/usr/share/datasets/fashion-mnist"
HERE = os.path.dirname(os.path.abspath(__file__))
PER_CLASS = {"train": 500, "t10k": 100}


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, path
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def write_idx(path, array):
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(">" + "I" * array.ndim, *array.shape)
    tmp = path + ".tmp"
    # mtime=0 keeps the gzip bytes identical from run to run.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(header + array.astype(np.uint8).tobytes())
    os.replace(tmp, path)


def main():
    for split, per_class in PER_CLASS.items():
        images = read_idx(os.path.join(SOURCE, f"{split}-images-idx3-ubyte.gz"))
        labels = read_idx(os.path.join(SOURCE, f"{split}-labels-idx1-ubyte.gz"))
        keep = np.sort(np.concatenate([np.flatnonzero(labels == c)[:per_class] for c in range(10)]))
        write_idx(os.path.join(HERE, f"{split}-images-idx3-ubyte.gz"), images[keep])
        write_idx(os.path.join(HERE, f"{split}-labels-idx1-ubyte.gz"), labels[keep])
        counts = np.bincount(labels[keep], minlength=10).tolist()
        print(f"{split}: {len(keep)} images, per class {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
