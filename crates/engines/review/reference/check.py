"""Reference check of the review engine (see ./check)."""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import pingouin as pg
from scipy.stats import chi2, rankdata

TOL = 1e-9
# Totals are sums of decimal scores, so mathematically equal totals can differ in the last bits;
# like the engine, treat them as tied (for these magnitudes, rounding to 9 decimals does that).
TIE_DECIMALS = 9
LONGZHI = os.environ["LONGZHI"]
failures = []
compared = 0


def same(what, got, want):
    global compared
    compared += 1
    if want is None or (isinstance(want, float) and np.isnan(want)):
        ok = got is None
    else:
        ok = got is not None and abs(got - want) <= TOL * max(1.0, abs(want))
    if not ok:
        failures.append(f"{what}: engine {got!r}, reference {want!r}")


ICC_TYPES = [
    ("icc1", "ICC1", "ICC(1,1)"),
    ("icc2_1", "ICC2", "ICC(A,1)"),
    ("icc2_k", "ICC2k", "ICC(A,k)"),
    ("icc3_1", "ICC3", "ICC(C,1)"),
    ("icc3_k", "ICC3k", "ICC(C,k)"),
]


def run_engine(scores, criteria, stage=None):
    with tempfile.TemporaryDirectory() as d:
        rubric = os.path.join(d, "rubric.toml")
        with open(rubric, "w") as f:
            for code, mx in criteria.items():
                f.write(f'[[criterion]]\ncode = "{code}"\nmax = {mx}\n')
        path = os.path.join(d, "scores.csv")
        scores.to_csv(path, index=False)
        cmd = [LONGZHI, "engine", "review", "--scores", path, "--rubric", rubric, "--format", "json"]
        if stage:
            cmd += ["--stage", stage]
        return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def trimmed(v):
    v = np.sort(v)
    return v[1:-1].mean() if len(v) >= 5 else v.mean()


def kendall(wide):
    """Kendall's W with the tie correction; wide: applications × reviewers."""
    x = np.round(wide.to_numpy(), TIE_DECIMALS)
    n, m = x.shape
    ranks = np.column_stack([rankdata(x[:, j]) for j in range(m)])
    ties = 0.0
    for j in range(m):
        _, counts = np.unique(x[:, j], return_counts=True)
        ties += float((counts**3 - counts).sum())
    s = ((ranks.sum(axis=1) - m * (n + 1) / 2) ** 2).sum()
    w = 12 * s / (m * m * (n**3 - n) - m * ties)
    stat = m * (n - 1) * w
    return w, stat, chi2.sf(stat, n - 1)


def icc1_unbalanced(totals):
    """One-way model with k = mean number of ratings per application."""
    groups = totals.groupby("application")["total"]
    n, big_n = groups.ngroups, len(totals)
    grand = totals["total"].mean()
    msb = (groups.size() * (groups.mean() - grand) ** 2).sum() / (n - 1)
    msw = ((totals["total"] - groups.transform("mean")) ** 2).sum() / (big_n - n)
    k = big_n / n
    return (msb - msw) / (msb + (k - 1) * msw)


def ranks_desc(values):
    return pd.Series(np.round(values, TIE_DECIMALS)).rank(method="min", ascending=False).astype(int).to_numpy()


def check(name, scores, criteria, stage=None):
    out = run_engine(scores, criteria, stage)
    sel = scores if stage is None else scores[scores["stage"] == stage]
    totals = sel.groupby(["application", "reviewer"], sort=False)["score"].sum().rename("total").reset_index()
    apps = list(dict.fromkeys(totals["application"]))
    reviewers = list(dict.fromkeys(totals["reviewer"]))
    wide = totals.pivot(index="application", columns="reviewer", values="total").loc[apps, reviewers]

    # Per application.
    tr = np.array([trimmed(wide.loc[a].dropna().to_numpy()) for a in apps])
    rank = ranks_desc(tr)
    got = {a["application"]: a for a in out["applications"]}
    for i, a in enumerate(apps):
        v = wide.loc[a].dropna().to_numpy()
        g = got[a]
        same(f"{name} {a} total_mean", g["total_mean"], v.mean())
        same(f"{name} {a} total_median", g["total_median"], float(np.median(v)))
        same(f"{name} {a} total_trimmed", g["total_trimmed"], tr[i])
        same(f"{name} {a} total_sd", g["total_sd"], float(np.std(v, ddof=1)) if len(v) > 1 else None)
        same(f"{name} {a} n_reviewers", g["n_reviewers"], len(v))
        same(f"{name} {a} rank", g["rank"], rank[i])

    # Agreement.
    agr = out["agreement"]
    complete = not wide.isna().to_numpy().any()
    if complete:
        icc = pg.intraclass_corr(data=totals, targets="application", raters="reviewer", ratings="total")
        icc = icc.set_index("Type")["ICC"]
        # pingouin 0.7 labels ICC1, ICC2, ICC3, ICC2k, ICC3k as ICC(1,1), ICC(A,1), ICC(C,1), ICC(A,k), ICC(C,k).
        for key, old, new in ICC_TYPES:
            typ = new if new in icc.index else old
            same(f"{name} {key} (pingouin {typ})", agr[key], float(icc[typ]))
        w, stat, p = kendall(wide)
        same(f"{name} kendall_w", agr["kendall_w"], w)
        same(f"{name} kendall_chi2", agr["kendall_chi2"], stat)
        same(f"{name} kendall_p", agr["kendall_p"], p)
    else:
        same(f"{name} icc1 (one-way, unbalanced)", agr["icc1"], icc1_unbalanced(totals))
        for key in ["icc2_1", "icc2_k", "icc3_1", "icc3_k", "kendall_w", "kendall_chi2", "kendall_p"]:
            same(f"{name} {key} is null", agr[key], None)

    # Outlier reviewers: robust z of the mean deviation from each application's median.
    med = wide.median(axis=1)
    d = wide.sub(med, axis=0).mean(axis=0).to_numpy()
    centre = np.median(d)
    mad = np.median(np.abs(d - centre))
    # When the MAD is 0 the documented fallback scales the mean absolute deviation by 1.253314.
    scale = 1.4826 * mad if mad > 0 else 1.253314 * np.mean(np.abs(d - centre))
    z = (d - centre) / scale if scale > 0 else np.full(len(d), np.nan)
    want = {r: (d[j], z[j]) for j, r in enumerate(reviewers) if abs(z[j]) > 3.5}
    have = {o["reviewer"]: (o["d"], o["z"]) for o in out["outlier_reviewers"]}
    if set(want) != set(have):
        failures.append(f"{name} outlier reviewers: engine {sorted(have)}, reference {sorted(want)}")
    for r in want.keys() & have.keys():
        same(f"{name} outlier {r} d", have[r][0], want[r][0])
        same(f"{name} outlier {r} z", have[r][1], want[r][1])
    rev = {r["reviewer"]: r for r in out["reviewers"]}
    for j, r in enumerate(reviewers):
        same(f"{name} reviewer {r} d", rev[r]["d"], d[j])
        same(f"{name} reviewer {r} z", rev[r]["z"], z[j])

    # Leave one reviewer out: rankings by trimmed mean without r, over the applications left.
    best, worst = rank.copy(), rank.copy()
    for r in reviewers:
        rest = wide.drop(columns=r)
        keep = [i for i, a in enumerate(apps) if rest.loc[a].notna().any()]
        loo = ranks_desc([trimmed(rest.loc[apps[i]].dropna().to_numpy()) for i in keep])
        full = ranks_desc([tr[i] for i in keep])
        change = np.abs(loo - full)
        same(f"{name} loo {r} max_rank_change", rev[r]["loo_max_rank_change"], int(change.max()))
        same(f"{name} loo {r} rank_changes", rev[r]["loo_rank_changes"], int((change > 0).sum()))
        without = [trimmed(rest.loc[apps[i]].dropna().to_numpy()) for i in keep]
        rho = np.corrcoef(rankdata(np.round([tr[i] for i in keep], TIE_DECIMALS)), rankdata(np.round(without, TIE_DECIMALS)))[0, 1]
        same(f"{name} loo {r} spearman", rev[r]["loo_spearman"], float(rho))
        for pos, i in enumerate(keep):
            best[i] = min(best[i], loo[pos])
            worst[i] = max(worst[i], loo[pos])
    for i, a in enumerate(apps):
        same(f"{name} {a} rank_loo_best", got[a]["rank_loo_best"], best[i])
        same(f"{name} {a} rank_loo_worst", got[a]["rank_loo_worst"], worst[i])
    design = "complete" if complete else "incomplete"
    print(f"{name}: {len(apps)} applications × {len(reviewers)} reviewers, {design}, outliers {sorted(want)}")


def generate(rng, n_apps, n_reviewers, criteria, step=1.0, bias=None, per_app=None):
    rows = []
    quality = rng.uniform(0.3, 0.9, n_apps)
    for a in range(n_apps):
        panel = range(n_reviewers) if per_app is None else sorted(rng.choice(n_reviewers, per_app(rng), replace=False))
        for r in panel:
            for code, mx in criteria.items():
                raw = mx * (quality[a] + rng.normal(0, 0.12) + (bias or {}).get(r, 0.0))
                score = round(float(np.clip(np.round(raw / step) * step, 0, mx)), 6)
                rows.append((f"A{a:03d}", f"R{r}", code, score))
    return pd.DataFrame(rows, columns=["application", "reviewer", "criterion", "score"])


def main():
    rng = np.random.default_rng(20230306)
    five = {f"C{i}": mx for i, mx in enumerate([20, 20, 20, 20, 20])}
    check("integer scores", generate(rng, 30, 6, five), five)
    check("half points, biased reviewer", generate(rng, 12, 5, {"P": 60, "Q": 40}, step=0.5, bias={3: 0.3}), {"P": 60, "Q": 40})
    check("heavy ties", generate(rng, 8, 3, {"X": 2}), {"X": 2})
    check("decimal scores", generate(rng, 25, 7, {"D1": 7.5, "D2": 2.5}, step=0.1), {"D1": 7.5, "D2": 2.5})
    check("incomplete panels", generate(rng, 20, 7, five, per_app=lambda g: int(g.integers(3, 6))), five)
    staged = pd.concat([
        generate(rng, 10, 5, five).assign(stage="independent"),
        generate(rng, 10, 2, five).assign(stage="consensus"),
    ])
    check("consensus stage", staged, five, stage="consensus")
    print(f"compared {compared} figures to {TOL:g}")
    if failures:
        print(f"{len(failures)} disagreements:", *failures[:50], sep="\n  ")
        sys.exit(1)


main()
