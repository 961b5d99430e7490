"""Independent reference for the index engine: nominal runs on generated data for every
normalisation × aggregation that fits, data-driven weights (entropy, PCA), AHP against Saaty's
published examples, outlier treatment against scipy's skewness/kurtosis, and error exits."""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy import stats

LONGZHI = os.environ["LONGZHI"]
TOL = 1e-9
failures = []
compared = {"runs": 0, "values": 0}


def fail(msg):
    failures.append(msg)
    print("MISMATCH:", msg)


def close(a, b, tol=TOL):
    return abs(a - b) <= tol * max(1.0, abs(b))


# ---------------------------------------------------------------- framework and data generation


def make_tree(rng, levels):
    """Random tree: root → pillars → (sub-pillars →) indicators. Returns (nodes, indicators)."""
    nodes = [{"code": "Index", "parent": None, "weight": 1.0}]
    indicators = []
    leaves = []

    def grow(parent, depth):
        for k in range(rng.integers(2, 4)):
            code = f"{parent}_{k}" if parent != "Index" else f"P{k}"
            nodes.append({"code": code, "parent": parent, "weight": float(rng.uniform(0.5, 3))})
            if depth + 1 < levels - 1:
                grow(code, depth + 1)
            else:
                leaves.append(code)

    grow("Index", 1)
    for leaf in leaves:
        for _ in range(rng.integers(1, 5)):
            indicators.append(
                {
                    "code": f"x{len(indicators)}",
                    "parent": leaf,
                    "weight": float(rng.uniform(0.5, 3)),
                    "direction": int(rng.choice([1, -1])),
                }
            )
    return nodes, indicators


def make_data(rng, n, indicators, missing):
    x = rng.lognormal(mean=2.0, sigma=0.6, size=(n, len(indicators)))
    x = np.round(x, 3)
    for j, ind in enumerate(indicators):
        col = x[:, j]
        lo, hi = np.quantile(col, [0.1, 0.9])
        ind["lower"], ind["upper"] = float(np.round(lo, 3)), float(np.round(hi, 3))
        # Target: 80 % of the way from the worst to the best value.
        worst, best = (col.min(), col.max()) if ind["direction"] > 0 else (col.max(), col.min())
        ind["target"] = float(np.round(worst + 0.8 * (best - worst), 3))
    mask = np.zeros_like(x, dtype=bool)
    if missing:
        mask = rng.random(x.shape) < 0.04
    return x, mask


def toml_text(nodes, indicators, head):
    out = [head]
    for nd in nodes:
        out.append("[[node]]")
        out.append(f'code = "{nd["code"]}"')
        if nd["parent"]:
            out.append(f'parent = "{nd["parent"]}"')
            out.append(f"weight = {nd['weight']!r}")
    for ind in indicators:
        out.append("[[indicator]]")
        for key in ("code", "parent"):
            out.append(f'{key} = "{ind[key]}"')
        for key in ("direction", "weight", "lower", "upper", "target"):
            out.append(f"{key} = {ind[key]!r}")
    return "\n".join(out) + "\n"


def csv_text(units, indicators, x, mask):
    lines = ["unit," + ",".join(i["code"] for i in indicators)]
    for u, name in enumerate(units):
        cells = ["" if mask[u, j] else repr(float(x[u, j])) for j in range(len(indicators))]
        lines.append(name + "," + ",".join(cells))
    return "\n".join(lines) + "\n"


def run_cli(csv, toml, extra=()):
    with tempfile.TemporaryDirectory() as d:
        data, fw = os.path.join(d, "data.csv"), os.path.join(d, "fw.toml")
        open(data, "w").write(csv)
        open(fw, "w").write(toml)
        p = subprocess.run(
            [LONGZHI, "engine", "index", "--data", data, "--framework", fw, *extra, "--format", "json"],
            capture_output=True,
            text=True,
        )
    compared["runs"] += 1
    return p.returncode, p.stdout, p.stderr


# ---------------------------------------------------------------- reference computation


def impute(x, mask, how):
    x = x.copy()
    for j in range(x.shape[1]):
        obs = x[~mask[:, j], j]
        fill = obs.mean() if how == "mean" else np.median(obs)
        x[mask[:, j], j] = fill
    return x


def normalise(col, ind, how, positive):
    d = ind["direction"]
    y = d * col
    n = len(y)
    scale = (lambda v: 1 + 99 * v) if positive else (lambda v: 100 * v)
    if how == "minmax":
        return scale((y - y.min()) / (y.max() - y.min()))
    if how == "zscore":
        return (y - y.mean()) / y.std(ddof=1)
    if how == "rank":
        return stats.rankdata(y, method="average")
    if how == "percentile":
        return scale((stats.rankdata(y, method="average") - 1) / (n - 1))
    if how == "goalposts":
        lo, hi = (ind["lower"], ind["upper"]) if d > 0 else (-ind["upper"], -ind["lower"])
        return scale(np.clip((y - lo) / (hi - lo), 0, 1))
    if how == "target":
        t = d * ind["target"]
        return scale(np.minimum((y - y.min()) / (t - y.min()), 1))
    if how == "best":
        return 100 * col / col.max() if d > 0 else 100 * col.min() / col
    raise ValueError(how)


def aggregate(vals, w, how, p=None):
    """vals: children × units; w: children weights summing to 1."""
    w = np.asarray(w)[:, None]
    if how == "arithmetic":
        return (w * vals).sum(0)
    if how == "geometric":
        return np.prod(vals**w, axis=0)
    if how == "harmonic":
        return 1 / (w / vals).sum(0)
    if how == "generalised":
        return ((w * vals**p).sum(0)) ** (1 / p)
    if how == "copeland":
        n = vals.shape[1]
        out = np.zeros(n)
        for a in range(n):
            for b in range(n):
                e = (w[:, 0] * np.sign(vals[:, a] - vals[:, b])).sum()
                out[a] += 0 if abs(e) <= 1e-12 else np.sign(e)
        return out
    raise ValueError(how)


def entropy_weights(vals):
    n = vals.shape[1]
    d = []
    for v in vals:
        if v.max() == v.min():
            d.append(0.0)
            continue
        y = (v - v.min()) / (v.max() - v.min())
        p = y / y.sum()
        p = p[p > 0]
        d.append(1 + (p * np.log(p)).sum() / np.log(n))
    d = np.array(d)
    return d / d.sum()


def pca_weights(vals):
    z = (vals - vals.mean(1, keepdims=True)) / vals.std(1, ddof=1, keepdims=True)
    corr = z @ z.T / (vals.shape[1] - 1)
    evals, evecs = np.linalg.eigh(corr)
    return evecs[:, np.argmax(evals)] ** 2


def reference(nodes, indicators, x, norm, agg, p=None, weighting="given"):
    positive = agg in ("geometric", "harmonic") or (agg == "generalised" and p < 0)
    scores = {ind["code"]: normalise(x[:, j], ind, norm, positive) for j, ind in enumerate(indicators)}
    weights = {}
    children = {nd["code"]: [] for nd in nodes}
    given = {nd["code"]: nd["weight"] for nd in nodes}
    given.update({i["code"]: i["weight"] for i in indicators})
    for nd in nodes[1:]:
        children[nd["parent"]].append(nd["code"])
    for ind in indicators:
        children[ind["parent"]].append(ind["code"])

    def score(code):
        if code not in scores:
            kids = children[code]
            vals = np.array([score(k) for k in kids])
            if weighting == "entropy":
                w = entropy_weights(vals)
            elif weighting == "pca":
                w = pca_weights(vals)
            else:
                w = np.array([given[k] for k in kids])
                w = w / w.sum()
            weights.update(zip(kids, w))
            scores[code] = aggregate(vals, w, agg, p)
        return scores[code]

    score("Index")
    ranks = stats.rankdata(-scores["Index"], method="min")
    return scores, ranks, weights


# ---------------------------------------------------------------- checks


def compare_run(label, doc, nodes, scores, ranks):
    for u, unit in enumerate(doc["units"]):
        for nd in nodes:
            got, want = unit["scores"][nd["code"]], scores[nd["code"]][u]
            compared["values"] += 1
            if not close(got, want):
                fail(f"{label}: unit {unit['unit']} node {nd['code']}: engine {got!r}, numpy {want!r}")
                return
        if unit["rank"] != ranks[u]:
            fail(f"{label}: unit {unit['unit']} rank: engine {unit['rank']}, numpy {ranks[u]}")
            return


COMBOS = [
    (norm, agg, p)
    for norm in ("minmax", "zscore", "rank", "percentile", "goalposts", "target", "best")
    for agg, p in (("arithmetic", None), ("geometric", None), ("harmonic", None), ("generalised", 0.5), ("generalised", 2.0), ("copeland", None))
    # z-scores are negative for some units: only arithmetic and Copeland take them; percentile,
    # goalposts and target reach 0 on the 0–100 scale, which the harmonic mean and p = 2 accept
    # only after the 1–100 shift (harmonic) or as is (p > 0).
    if not (norm == "zscore" and agg not in ("arithmetic", "copeland"))
]


def nominal_checks():
    rng = np.random.default_rng(20240505)
    for case in range(5):
        levels = 3 + case % 2
        nodes, indicators = make_tree(rng, levels)
        n = int(rng.integers(8, 32))
        missing = case >= 3
        x, mask = make_data(rng, n, indicators, missing)
        units = [f"U{u:02d}" for u in range(n)]
        imputation = ("mean", "median")[case % 2] if missing else "none"
        xi = impute(x, mask, imputation) if missing else x
        csv = csv_text(units, indicators, x, mask)
        for norm, agg, p in COMBOS:
            head = f'normalisation = "{norm}"\naggregation = "{agg}"\nimputation = "{imputation}"\n'
            if p is not None:
                head += f"power = {p}\n"
            code, out, err = run_cli(csv, toml_text(nodes, indicators, head))
            label = f"case {case} ({n} units, {len(indicators)} indicators, {levels} levels) {norm}/{agg}{'' if p is None else p}"
            if code != 0:
                fail(f"{label}: exit {code}: {err.strip()}")
                continue
            doc = json.loads(out)
            scores, ranks, _ = reference(nodes, indicators, xi, norm, agg, p)
            compare_run(label, doc, nodes, scores, ranks)
            if agg == "arithmetic":
                for u, unit in enumerate(doc["units"]):
                    total = sum(unit["contributions"].values())
                    if not close(total, scores["Index"][u]):
                        fail(f"{label}: contributions of {unit['unit']} sum to {total}, index {scores['Index'][u]}")
        print(f"case {case}: {n} units, {len(indicators)} indicators, {levels} levels, imputation {imputation}: {len(COMBOS)} normalisation/aggregation combinations")

        for weighting in ("entropy", "pca"):
            head = f'weighting = "{weighting}"\nimputation = "{imputation}"\n'
            code, out, err = run_cli(csv, toml_text(nodes, indicators, head))
            if code != 0:
                fail(f"case {case} {weighting}: exit {code}: {err.strip()}")
                continue
            doc = json.loads(out)
            scores, ranks, weights = reference(nodes, indicators, xi, "minmax", "arithmetic", weighting=weighting)
            for k, w in weights.items():
                compared["values"] += 1
                if not close(doc["weights"][k], w, 1e-8):
                    fail(f"case {case} {weighting} weight of {k}: engine {doc['weights'][k]!r}, numpy {w!r}")
                    break
            compare_run(f"case {case} {weighting}", doc, nodes, scores, ranks)
        print(f"case {case}: entropy and PCA weights")


def saaty_matrix(rows):
    return "[" + ", ".join("[" + ", ".join(repr(float(v)) for v in r) + "]" for r in rows) + "]"


def ahp_checks():
    # Saaty & Khouja (1976) relative wealth of nations; published w = .427 .230 .021 .052 .052
    # .123 .094, λmax = 7.61, CR = 0.08.
    wealth = np.array(
        [
            [1, 4, 9, 6, 6, 5, 5],
            [1 / 4, 1, 7, 5, 5, 3, 4],
            [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
            [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
            [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
            [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
            [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
        ]
    )
    published = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]
    # Saaty (1977) light intensity: λmax = 4.39, CR ≈ 0.14 > 0.1.
    light = np.array([[1, 5, 6, 7], [1 / 5, 1, 4, 6], [1 / 6, 1 / 4, 1, 4], [1 / 7, 1 / 6, 1 / 4, 1]])
    rng = np.random.default_rng(7)
    for matrix, pub, lam_pub, cr_pub in ((wealth, published, 7.61, 0.08), (light, None, 4.39, 0.14)):
        k = len(matrix)
        codes = [f"c{i}" for i in range(k)]
        nodes = [{"code": "Index", "parent": None, "weight": 1.0}]
        indicators = [{"code": c, "parent": "Index", "weight": 1.0, "direction": 1, "lower": 0.0, "upper": 1.0, "target": 1.0} for c in codes]
        x = rng.uniform(1, 10, size=(6, k))
        head = f'[[ahp]]\nnode = "Index"\nchildren = {json.dumps(codes)}\nmatrix = {saaty_matrix(matrix)}\n'
        csv = csv_text([f"U{u}" for u in range(6)], indicators, x, np.zeros_like(x, dtype=bool))
        code, out, err = run_cli(csv, toml_text(nodes, indicators, head))
        if cr_pub > 0.1:
            if code != 2 or "consistency ratio" not in err or 'node "Index"' not in err:
                fail(f"light-intensity AHP should be refused naming the node: exit {code} {err}")
            code, out, err = run_cli(csv, toml_text(nodes, indicators, "force_ahp = true\n" + head))
        if code != 0:
            fail(f"AHP {k}×{k}: exit {code}: {err}")
            continue
        doc = json.loads(out)["ahp"][0]
        evals, evecs = np.linalg.eig(matrix)
        i = np.argmax(evals.real)
        w = np.abs(evecs[:, i].real)
        w /= w.sum()
        lam = evals[i].real
        ri = {4: 0.90, 7: 1.32}[k]
        for c, want in zip(codes, w):
            compared["values"] += 1
            if not close(doc["weights"][c], want, 1e-9):
                fail(f"AHP {k}×{k} weight {c}: engine {doc['weights'][c]!r}, numpy {want!r}")
        if not close(doc["lambda_max"], lam, 1e-9) or not close(doc["consistency_ratio"], (lam - k) / (k - 1) / ri, 1e-9):
            fail(f"AHP {k}×{k}: λmax/CR engine {doc['lambda_max']}, {doc['consistency_ratio']}; numpy {lam}")
        if abs(doc["lambda_max"] - lam_pub) > 0.005 or abs(doc["consistency_ratio"] - cr_pub) > 0.01:
            fail(f"AHP {k}×{k}: published λmax {lam_pub}, CR {cr_pub}; engine {doc['lambda_max']}, {doc['consistency_ratio']}")
        if pub is not None:
            for c, want in zip(codes, pub):
                if abs(doc["weights"][c] - want) > 0.0005:
                    fail(f"AHP wealth of nations {c}: published {want}, engine {doc['weights'][c]}")
    print("AHP: Saaty's wealth-of-nations (7×7) and light-intensity (4×4, refused at CR 0.14, then forced) matrices")


def winsorise_reference(x, wmax=2, st=2.0, kt=3.5):
    def fails(v):
        return abs(stats.skew(v, bias=False)) >= st and stats.kurtosis(v, bias=False) >= kt

    orig = x.copy()
    x = x.copy()
    treated = np.zeros(len(x), dtype=bool)
    while fails(x) and treated.sum() < wmax:
        if stats.skew(x, bias=False) >= 0:
            top = x == x.max()
            x[top] = x[~top].max()
        else:
            top = x == x.min()
            x[top] = x[~top].min()
        treated |= top
    kind = "winsorised" if treated.any() else "none"
    if fails(x):
        lo, hi = orig.min(), orig.max()
        if stats.skew(orig, bias=False) >= 0:
            x = np.log(orig - lo + 0.01 * (hi - lo))
        else:
            x = -np.log(hi - orig + 0.01 * (hi - lo))
        kind = "log"
    return x, kind, sorted(int(u) + 1 for u in np.flatnonzero(treated)) if kind == "winsorised" else []


def outlier_checks():
    rng = np.random.default_rng(11)
    n, k = 30, 6
    x = rng.lognormal(1, 1.2, size=(n, k))
    x[:, 0] = rng.normal(10, 2, size=n)  # passes untouched
    x[:3, 1] *= 40  # a few extreme values
    x[:, 2] = -x[:, 2]  # negative skew
    x[:, 3] = 1.35 ** np.arange(n)  # a long tail that winsorising 5 points cannot tame
    x = np.round(x, 4)
    nodes = [{"code": "Index", "parent": None, "weight": 1.0}]
    indicators = [{"code": f"x{j}", "parent": "Index", "weight": 1.0, "direction": 1, "lower": 0.0, "upper": 1.0, "target": 1.0} for j in range(k)]
    csv = csv_text([f"U{u}" for u in range(n)], indicators, x, np.zeros_like(x, dtype=bool))
    code, out, err = run_cli(csv, toml_text(nodes, indicators, "[outliers]\nmax_winsorised = 2\n"))
    if code != 0:
        fail(f"outliers: exit {code}: {err}")
        return
    doc = json.loads(out)
    treated = []
    for j, ind in enumerate(indicators):
        t = doc["treatments"][ind["code"]]
        v, kind, rows = winsorise_reference(x[:, j])
        compared["values"] += 4
        if t["treatment"] != kind or t["rows"] != rows:
            fail(f"outliers {ind['code']}: engine {t['treatment']} {t['rows']}, reference {kind} {rows}")
        if not close(t["skewness_before"], stats.skew(x[:, j], bias=False), 1e-9) or not close(t["kurtosis_before"], stats.kurtosis(x[:, j], bias=False), 1e-9):
            fail(f"outliers {ind['code']}: skewness/kurtosis differ from scipy")
        if not close(t["skewness_after"], stats.skew(v, bias=False), 1e-9):
            fail(f"outliers {ind['code']}: skewness after treatment differs")
        treated.append(kind)
        x[:, j] = v
    scores, ranks, _ = reference(nodes, indicators, x, "minmax", "arithmetic")
    compare_run("outliers", doc, nodes, scores, ranks)
    print(f"outlier treatment: {k} indicators ({', '.join(treated)}) against scipy skew/kurtosis (bias=False)")


def error_checks():
    nodes = [{"code": "Index", "parent": None, "weight": 1.0}]
    inds = [{"code": c, "parent": "Index", "weight": 1.0, "direction": 1, "lower": 0.0, "upper": 1.0, "target": 1.0} for c in ("a", "b")]
    good = toml_text(nodes, inds, "")
    negative = toml_text(nodes, [dict(inds[0], weight=-1.0), inds[1]], "")
    cases = [
        ("unit,a,b,zz\nA,1,2,3\nB,2,3,4\n", good, 'column "zz"'),
        ("unit,a,b\nA,1,2\nB,2,oops\n", good, 'row 2 (unit "B"), column "b"'),
        ("unit,a,b\nA,1,2\nB,1,3\n", good, 'column "a"'),
        ("unit,a,b\nA,1,2\nB,,3\n", good, 'row 2 (unit "B"), column "a"'),
        ("unit,a,b\nA,1,2\nB,2,3\n", negative, 'node "a": weight -1'),
        ("unit,a,b\nA,1,2\nB,2,3\n", good.replace('code = "Index"', 'code = "Index"\nparent = "Index"'), "cycle"),
    ]
    for csv, toml, where in cases:
        code, out, err = run_cli(csv, toml)
        if code != 2 or where not in err:
            fail(f"bad input should exit 2 naming {where}: exit {code}, {err.strip()}")
    print(f"bad input: {len(cases)} cases exit 2 naming the row, column or node")


def monte_carlo_checks():
    """The benchmark's Monte Carlo (weights ± 25 %, imputation, normalisation and aggregation
    alternatives) run by the engine and by the numpy implementation of benches/numpy_mc.py: the
    random streams differ, so the rank quantiles must agree within one rank."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "benches", "numpy_mc.py")
    spec = importlib.util.spec_from_file_location("numpy_mc", path)
    numpy_mc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(numpy_mc)
    q05, med, q95 = numpy_mc.monte_carlo(10_000, 2)
    data = os.path.join(os.path.dirname(path), "data")
    p = subprocess.run(
        [LONGZHI, "engine", "index", "--data", os.path.join(data, "bench.csv"), "--framework", os.path.join(data, "bench.toml"),
         "--mc", "10000", "--seed", "2", "--format", "json"],
        capture_output=True, text=True,
    )
    compared["runs"] += 1
    if p.returncode != 0:
        fail(f"Monte Carlo: exit {p.returncode}: {p.stderr}")
        return
    units = json.loads(p.stdout)["units"]
    worst = 0.0
    for u, unit in enumerate(units):
        for key, want in (("rank_q05", q05[u]), ("rank_median", med[u]), ("rank_q95", q95[u])):
            compared["values"] += 1
            worst = max(worst, abs(unit[key] - want))
    if worst > 1.0:
        fail(f"Monte Carlo rank quantiles differ from numpy's by up to {worst} ranks")
    print(f"Monte Carlo: {len(units)} units × 10,000 runs, rank 5/50/95 % quantiles within {worst} rank of numpy's")


nominal_checks()
monte_carlo_checks()
ahp_checks()
outlier_checks()
error_checks()
print(f"compared {compared['values']} values over {compared['runs']} engine runs (tolerance {TOL} relative)")
if failures:
    print(f"{len(failures)} disagreement(s)")
    sys.exit(1)
print("index reference check: all agree")
