"""Writes the benchmark inputs (data/bench.csv, data/bench.toml): 31 units × 60 indicators in 4
levels (index ← 4 pillars ← 12 sub-pillars ← 60 indicators), 3 % missing values, and an
[uncertainty] table: weights ± 25 %, imputation mean/median, normalisation minmax/rank,
aggregation arithmetic/geometric. Deterministic (seed 5)."""

import os

import numpy as np

rng = np.random.default_rng(5)
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
n, pillars, subs, per_sub = 31, 4, 3, 5
m = pillars * subs * per_sub
x = np.round(rng.lognormal(2.0, 0.5, size=(n, m)), 3)
missing = rng.random(x.shape) < 0.03
toml = [
    'normalisation = "minmax"',
    'aggregation = "arithmetic"',
    'imputation = "mean"',
    "[uncertainty]",
    "weight_noise = 0.25",
    'imputations = ["mean", "median"]',
    'normalisations = ["minmax", "rank"]',
    'aggregations = ["arithmetic", "geometric"]',
    '[[node]]\ncode = "Index"',
]
for p in range(pillars):
    toml.append(f'[[node]]\ncode = "P{p}"\nparent = "Index"\nweight = {rng.uniform(0.5, 2):.3f}')
    for s in range(subs):
        toml.append(f'[[node]]\ncode = "P{p}S{s}"\nparent = "P{p}"\nweight = {rng.uniform(0.5, 2):.3f}')
codes = []
for j in range(m):
    p, s = divmod(j // per_sub, subs)
    code = f"x{j:02d}"
    codes.append(code)
    direction = -1 if j % 7 == 3 else 1
    toml.append(f'[[indicator]]\ncode = "{code}"\nparent = "P{p}S{s}"\ndirection = {direction}\nweight = {rng.uniform(0.5, 2):.3f}')
with open(os.path.join(here, "bench.toml"), "w") as f:
    f.write("\n".join(toml) + "\n")
with open(os.path.join(here, "bench.csv"), "w") as f:
    f.write("unit," + ",".join(codes) + "\n")
    for u in range(n):
        cells = ["" if missing[u, j] else f"{x[u, j]:.3f}" for j in range(m)]
        f.write(f"U{u:02d}," + ",".join(cells) + "\n")
