#!/usr/bin/env bash
# Runs grad4j's benchmarks and the peer scripts in one go and prints one table with ratios.
#
#   bench/compare.sh [--quick]
#
# Peers (shared/peers beside this checkout, or PEERS=DIR): the seed notebook's NumPy conv with
# the python3 on PATH (NumPy with its bundled OpenBLAS, when installed); PyTorch's conv and the
# SmallCNN training epoch with Debian's /usr/bin/python3 when python3-torch is installed.
# Every line the programs print is kept in bench/results/compare-<time>.txt; the table is built
# from their `name value unit` lines. Ratios are grad4j's time divided by the peer's: below 1
# means grad4j is faster. Run it on an idle machine: the peers report foreign CPU load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peers="${PEERS:-$root/../shared/peers}"
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
shapes="S1,S2,S3,S4,S5"
runs=7
limit=6400
if $quick; then shapes="S1,S2"; runs=3; limit=1280; fi
mkdir -p "$root/bench/results"
out="$root/bench/results/compare-$(date +%Y%m%d-%H%M%S).txt"
: > "$out"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" | tee -a "$out"

run() { echo "# \$ $*" | tee -a "$out"; "$@" 2>&1 | tee -a "$out" | grep -v '^[a-z_0-9.]* [-0-9.e+]* [A-Za-z/%]*$' || true; }

for backend in ejml vector; do
  run env GRAD4J_MATMUL=$backend "$root/grad4j" bench conv --machine --shapes "$shapes" --runs $runs --threads 2
  run env GRAD4J_MATMUL=$backend "$root/grad4j" bench conv --machine --shapes S2 --runs $runs --threads 1
  run env GRAD4J_MATMUL=$backend "$root/grad4j" bench train --machine --threads 2
done
if python3 -c 'import numpy' 2>/dev/null; then
  run python3 "$peers/seed_numpy_conv.py" --shapes "$shapes" --runs $runs
fi
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  run /usr/bin/python3 "$peers/torch_conv.py" --shapes "$shapes" --threads 2 --dtypes float64,float32
  for dtype in float32 float64; do
    run /usr/bin/python3 "$peers/torch_fmnist.py" --epochs 1 --limit $limit --dtype $dtype
  done
fi

python3 - "$out" "$shapes" <<'PY'
import re, sys
values = {}
for line in open(sys.argv[1]):
    m = re.match(r"^([A-Za-z_0-9.]+) ([-0-9.e+]+) (\S+)$", line.strip())
    if m:
        values[m.group(1)] = float(m.group(2))
shapes = sys.argv[2].split(",")

def get(key):
    return values.get(key)

def ratio(a, b):
    return f"{a / b:6.2f}x" if a and b else "     -"

print()
print("conv2d forward+backward, float64, ms (2 threads); ratio = grad4j / peer")
print(f"{'shape':<6}{'ejml':>9}{'vector':>9}{'numpy':>9}{'torch64':>9}{'torch32':>9}"
      f"{'vec/numpy':>11}{'vec/torch64':>13}{'ejml/numpy':>12}{'ejml/torch64':>14}")
def total(prefix):
    f, b = get(prefix + ".fwd_ms"), get(prefix + ".bwd_ms")
    return f + b if f is not None and b is not None else None

for s in shapes:
    ejml, vec = total(f"grad4j.ejml.t2.{s}"), total(f"grad4j.vector.t2.{s}")
    numpy = total(f"seed_conv.{s}")
    t64, t32 = total(f"torch_conv.t2.float64.{s}"), total(f"torch_conv.t2.float32.{s}")
    cell = lambda v: f"{v:9.2f}" if v else f"{'-':>9}"
    print(f"{s:<6}{cell(ejml)}{cell(vec)}{cell(numpy)}{cell(t64)}{cell(t32)}"
          f"{ratio(vec, numpy):>11}{ratio(vec, t64):>13}{ratio(ejml, numpy):>12}"
          f"{ratio(ejml, t64):>14}")
print()
print("time split of conv2d forward+backward: matrix products / im2col+col2im / rest")
for backend in ("ejml", "vector"):
    cells = []
    for s in shapes:
        mm, cols = get(f"grad4j.{backend}.t2.{s}.matmul_share"), get(f"grad4j.{backend}.t2.{s}.im2col_share")
        cells.append(f"{s} {mm:.0%}/{cols:.0%}/{1 - mm - cols:.0%}" if mm is not None else f"{s} -")
    print(f"{backend:<8}" + "  ".join(cells))
print()
for backend in ("ejml", "vector"):
    one, two = total(f"grad4j.{backend}.t1.S2"), total(f"grad4j.{backend}.t2.S2")
    speedup = f"{one / two:.2f}x" if one and two else "-"
    alloc = get(f"grad4j.{backend}.t2.train.allocated_mb_per_step")
    print(f"{backend:<8}conv2d S2 1 -> 2 threads: {speedup}; SmallCNN step allocates "
          + (f"{alloc:.1f} MB" if alloc else "-") + " on the training thread")
print()
print("SmallCNN, seconds per 60,000-image epoch (grad4j: projected from timed steps; PyTorch:"
      " extrapolated from --limit)")
rows = [("grad4j float64, ejml", get("grad4j.ejml.t2.train.epoch_s_projected")),
        ("grad4j float64, vector", get("grad4j.vector.t2.train.epoch_s_projected")),
        ("PyTorch float64", get("fmnist.float64.epoch1.train_s_extrapolated_60k")),
        ("PyTorch float32", get("fmnist.float32.epoch1.train_s_extrapolated_60k"))]
vec = rows[1][1]
for name, v in rows:
    print(f"{name:<24}{(f'{v:8.1f}' if v else '       -')}   vector/this {ratio(vec, v)}")
print()
print(f"all output: {sys.argv[1]}")
PY
