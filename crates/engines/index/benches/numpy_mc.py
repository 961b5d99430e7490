"""The benchmark's Monte Carlo in numpy, vectorised over runs: the same inputs (data/bench.*), the
same uncertain inputs and conventions as the engine (weights ± 25 % renormalised among siblings;
imputation mean/median, normalisation minmax/rank, aggregation arithmetic/geometric drawn
uniformly; min-max 1–100 under geometric; competition ranks; type-7 quantiles). Prints the best
wall and CPU times of 5 repetitions in seconds and the rank medians as JSON."""

import json
import os
import sys
import time
import tomllib

import numpy as np
from scipy import stats

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 and __name__ == "__main__" else 10_000

cfg = tomllib.load(open(os.path.join(here, "bench.toml"), "rb"))
lines = open(os.path.join(here, "bench.csv")).read().split("\n")
header = lines[0].split(",")[1:]
rows = [ln.split(",") for ln in lines[1:] if ln]
raw = np.array([[float(c) if c else np.nan for c in r[1:]] for r in rows])
ind = {i["code"]: i for i in cfg["indicator"]}
raw = raw[:, [header.index(i["code"]) for i in cfg["indicator"]]]
direction = np.array([i["direction"] for i in cfg["indicator"]], float)

# Slots: indicators, then nodes children-before-parents (sub-pillars, pillars, index).
nodes = cfg["node"]
depth = {}
for nd in nodes:
    d, p = 0, nd.get("parent")
    while p:
        d += 1
        p = next(x for x in nodes if x["code"] == p).get("parent")
    depth[nd["code"]] = d
order = sorted(nodes, key=lambda nd: -depth[nd["code"]])
codes = [i["code"] for i in cfg["indicator"]] + [nd["code"] for nd in order]
slot = {c: k for k, c in enumerate(codes)}
m, S = len(cfg["indicator"]), len(codes)
parent = np.full(S, -1)
base = np.ones(S)
for i in cfg["indicator"]:
    parent[slot[i["code"]]] = slot[i["parent"]]
    base[slot[i["code"]]] = i["weight"]
for nd in nodes:
    if nd.get("parent"):
        parent[slot[nd["code"]]] = slot[nd["parent"]]
        base[slot[nd["code"]]] = nd.get("weight", 1.0)
children = {k: np.flatnonzero(parent == k) for k in range(m, S)}
for k, ch in children.items():
    base[ch] /= base[ch].sum()


def normalised(imp, norm, positive):
    x = raw.copy()
    for j in range(m):
        miss = np.isnan(x[:, j])
        obs = x[~miss, j]
        x[miss, j] = obs.mean() if imp == "mean" else np.median(obs)
    y = x * direction
    if norm == "minmax":
        v = (y - y.min(0)) / (y.max(0) - y.min(0))
        return 1 + 99 * v if positive else 100 * v
    return stats.rankdata(y, method="average", axis=0)


def monte_carlo(runs, seed):
    mats = {(i, n, a): normalised(i, n, a == 1) for i in ("mean", "median") for n in ("minmax", "rank") for a in (0, 1)}
    rng = np.random.default_rng(seed)
    u = rng.random((runs, S - 1 + 3))
    w = base[None, :].repeat(runs, 0)
    w[:, : S - 1] *= 1 + 0.25 * (2 * u[:, : S - 1] - 1)
    choice = (u[:, S - 1 :] * 2).astype(int)
    ranks = np.empty((runs, raw.shape[0]))
    for ci in range(2):
        for cn in range(2):
            for ca in range(2):
                sel = np.flatnonzero((choice[:, 0] == ci) & (choice[:, 1] == cn) & (choice[:, 2] == ca))
                if not len(sel):
                    continue
                x = mats[(("mean", "median")[ci], ("minmax", "rank")[cn], ca)]
                ws = w[sel]
                vals = {}
                for k in range(m, S):
                    ch = children[k]
                    wk = ws[:, ch] / ws[:, ch].sum(1, keepdims=True)
                    if ch[0] < m:
                        xs = np.log(x[:, ch]) if ca else x[:, ch]
                        agg = wk @ xs.T
                    else:
                        xs = np.stack([np.log(vals[c]) if ca else vals[c] for c in ch], 1)
                        agg = np.einsum("rc,rcn->rn", wk, xs)
                    vals[k] = np.exp(agg) if ca else agg
                ranks[sel] = stats.rankdata(-vals[S - 1], method="min", axis=1)
    return np.quantile(ranks, [0.05, 0.5, 0.95], axis=0)


if __name__ == "__main__":
    wall, cpu = float("inf"), float("inf")
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        quantiles = monte_carlo(RUNS, 1)
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "median": quantiles[1].tolist()}))
