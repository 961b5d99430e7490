"""Compares `longzhi engine survey` with samplics' TaylorEstimator.

Data: samplics' NHANES II subsample (read from the installed package, not copied) and a
NEISS-shaped sample generated here (hospital-size strata, hospitals as PSUs whose ids restart in
each stratum, product/sex domains, variable weights, one lonely stratum in a variant).

Compared per domain, to 1e-9 relative: the estimate and SE from samplics; n counted with pandas;
CV = SE/|estimate|; the 95% interval estimate ∓ 1.959963984540054·SE (samplics itself uses a t
quantile, and a logit interval for proportions, so the normal interval is rebuilt from its SE); the
NEISS stability flag recomputed from those numbers. Lonely strata: longzhi's `certainty` against
samplics' `skip`, and `scale` against the `skip` variance times H/(H − H1).
"""

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
import warnings

warnings.simplefilter("ignore")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import samplics  # noqa: E402
from samplics import PopParam, SinglePSUEst, TaylorEstimator  # noqa: E402

LONGZHI = os.environ["LONGZHI"]
Z95 = 1.959963984540054
RTOL = 1e-9
failures = []
compared = 0
worst = {"estimate": 0.0, "se": 0.0}


def close(ours, ref, scale):
    """Relative agreement; `scale` bounds the absolute error where the reference is ~0."""
    if ours is None or ref is None:
        return ours is None and ref is None
    return abs(ours - ref) <= RTOL * max(abs(ref), scale)


def longzhi(path, args):
    cmd = [LONGZHI, "engine", "survey", "--data", path, "--format", "json", *args]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"longzhi failed ({run.returncode}): {' '.join(cmd)}\n{run.stderr}")
    return json.loads(run.stdout)["domains"]


def samplics_estimates(df, design, param, y, domain, single_psu=SinglePSUEst.error):
    est = TaylorEstimator(param)
    est.estimate(
        y=y,
        samp_weight=df[design["weight"]],
        stratum=df[design["strata"]],
        psu=df[design["psu"]],
        domain=domain,
        single_psu=single_psu,
        remove_nan=True,
    )
    point, se = est.point_est, est.stderror
    if param == PopParam.prop:  # per domain, the share of level 1
        point = {d: v[1] for d, v in point.items()}
        se = {d: v[1] for d, v in se.items()}
    return point, se


def compare(label, df, path, design, by, value=None, statistic="total", missing=None,
            lonely=None, variance_factor=1.0):
    """Runs both sides and compares every domain."""
    global compared
    start = time.monotonic()
    args = ["--weight", design["weight"], "--strata", design["strata"], "--psu", design["psu"]]
    if by:
        args += ["--by", ",".join(by)]
    if value:
        args += ["--value", value, "--statistic", statistic]
    if missing:
        args += ["--missing", missing]
    if lonely:
        args += ["--lonely-psu", lonely[0]]
    ours = longzhi(path, args)

    # Records with a missing value leave every domain but stay in the design on both sides
    # (samplics drops them; the check below makes sure no PSU disappears with them).
    kept = df[df[value].notna()] if value else df
    pairs = lambda d: set(zip(d[design["strata"]], d[design["psu"]]))  # noqa: E731
    assert pairs(kept) == pairs(df), f"{label}: dropping missing values would drop a PSU"
    keys = pd.Series("all", index=kept.index)
    for i, c in enumerate(by):
        keys = kept[c].astype(str) if i == 0 else keys + "|" + kept[c].astype(str)
    y = kept[value] if value else np.ones(len(kept))
    param = {"total": PopParam.total, "mean": PopParam.mean, "proportion": PopParam.prop}[statistic]
    single = lonely[1] if lonely else SinglePSUEst.error
    point, se = samplics_estimates(kept, design, param, y, keys, single)
    counts = keys.value_counts()

    if len(ours) != len(point):
        failures.append(f"{label}: {len(ours)} domains, samplics has {len(point)}")
        return
    for row in ours:
        key = "|".join(row["by"][c] for c in by) if by else "all"
        ref_est = float(point[key])
        ref_se = math.sqrt(float(se[key]) ** 2 * variance_factor)
        ref_cv = ref_se / abs(ref_est) if ref_est != 0 else None
        size = float(kept.loc[keys == key, design["weight"]].sum())
        judged = ref_est if statistic == "total" else size
        ref_stable = bool(counts[key] >= 20 and judged >= 1200 and ref_cv is not None and ref_cv <= 0.33)
        checks = {
            "n": row["n"] == counts[key],
            "estimate": close(row["estimate"], ref_est, abs(ref_est)),
            "se": close(row["se"], ref_se, abs(ref_est) * 1e-6),
            "cv": close(row["cv"], ref_cv, 1e-6),
            "ci_lo": close(row["ci_lo"], ref_est - Z95 * ref_se, abs(ref_est)),
            "ci_hi": close(row["ci_hi"], ref_est + Z95 * ref_se, abs(ref_est)),
            "stable": row["stable"] == ref_stable,
        }
        compared += 1
        for field, ref in (("estimate", ref_est), ("se", ref_se)):
            if ref != 0:
                worst[field] = max(worst[field], abs(row[field] - ref) / abs(ref))
        for field, ok in checks.items():
            if not ok:
                failures.append(f"{label} [{key}] {field}: longzhi {row} vs samplics "
                                f"estimate {ref_est!r} se {ref_se!r} n {counts[key]}")
    print(f"  {label}: {len(ours)} domains agree ({time.monotonic() - start:.1f} s)")


def neiss_sample(rng, n):
    """Hospital-size strata (S, M, L, V, C), PSU ids restarting in each stratum."""
    strata = {"S": (6, 80.0), "M": (5, 45.0), "L": (4, 25.0), "V": (4, 15.0), "C": (3, 30.0)}
    hospitals = [(s, p, base) for s, (k, base) in strata.items() for p in range(1, k + 1)]
    size = rng.uniform(0.3, 3.0, len(hospitals))
    pick = rng.choice(len(hospitals), size=n, p=size / size.sum())
    products = 1000 + rng.choice(25, size=n, p=(1 / np.arange(1, 26)) / (1 / np.arange(1, 26)).sum())
    return pd.DataFrame({
        "stratum": [hospitals[i][0] for i in pick],
        "hospital": [hospitals[i][1] for i in pick],
        "weight": [hospitals[i][2] for i in pick] * rng.uniform(0.9, 1.1, n),
        "product": products,
        "sex": rng.choice(["F", "M"], size=n),
        "age": rng.integers(0, 90, n).astype(float),
        "hospitalized": (rng.random(n) < 0.08).astype(int),
    })


def main():
    tmp = tempfile.mkdtemp(prefix="survey-check-")
    print(f"samplics {version('samplics')}")

    nhanes_path = os.path.join(os.path.dirname(samplics.datasets.__file__), "data", "nhanes2.csv")
    nhanes = pd.read_csv(nhanes_path, float_precision="round_trip")
    nh = {"weight": "finalwgt", "strata": "stratid", "psu": "psuid"}
    print(f"NHANES II sample ({len(nhanes)} records, from {nhanes_path}):")
    compare("cases by race", nhanes, nhanes_path, nh, ["race"])
    compare("total highbp by race", nhanes, nhanes_path, nh, ["race"], "highbp")
    compare("cases by race × region", nhanes, nhanes_path, nh, ["race", "region"])
    compare("mean zinc by race", nhanes, nhanes_path, nh, ["race"], "zinc", "mean", "exclude")
    compare("mean zinc overall", nhanes, nhanes_path, nh, [], "zinc", "mean", "exclude")
    compare("proportion highbp by race", nhanes, nhanes_path, nh, ["race"], "highbp", "proportion")
    compare("proportion diabetes by region", nhanes, nhanes_path, nh, ["region"], "diabetes",
            "proportion", "exclude")

    rng = np.random.default_rng(20240607)
    neiss = neiss_sample(rng, 12_000)
    neiss_path = os.path.join(tmp, "neiss.csv")
    neiss.to_csv(neiss_path, index=False)
    neiss = pd.read_csv(neiss_path, float_precision="round_trip")
    ne = {"weight": "weight", "strata": "stratum", "psu": "hospital"}
    print(f"NEISS-shaped sample ({len(neiss)} records, 5 strata, 22 hospitals):")
    compare("cases by product", neiss, neiss_path, ne, ["product"])
    compare("cases by product × sex", neiss, neiss_path, ne, ["product", "sex"])
    compare("hospitalized total by product", neiss, neiss_path, ne, ["product"], "hospitalized")
    compare("mean age by product", neiss, neiss_path, ne, ["product"], "age", "mean")
    compare("proportion hospitalized by sex", neiss, neiss_path, ne, ["sex"], "hospitalized",
            "proportion")

    # A sixth stratum with one hospital (a lonely PSU).
    lonely = pd.concat([neiss, neiss_sample(rng, 500).assign(stratum="X", hospital=1)])
    lonely_path = os.path.join(tmp, "neiss-lonely.csv")
    lonely.to_csv(lonely_path, index=False)
    lonely = pd.read_csv(lonely_path, float_precision="round_trip")
    print("NEISS-shaped sample with a lonely stratum:")
    compare("certainty (samplics skip)", lonely, lonely_path, ne, ["product"],
            lonely=("certainty", SinglePSUEst.skip))
    compare("scale (samplics skip × 6/5)", lonely, lonely_path, ne, ["product"],
            lonely=("scale", SinglePSUEst.skip), variance_factor=6 / 5)

    if failures:
        print(f"{len(failures)} disagreements:")
        for f in failures[:50]:
            print("  " + f)
        sys.exit(1)
    print(f"survey: {compared} domain estimates agree with samplics to {RTOL:g} relative "
          f"(largest relative difference: estimate {worst['estimate']:.1e}, SE {worst['se']:.1e})")


if __name__ == "__main__":
    main()
