"""Reference check of `longzhi engine signal`.

1. An independent scipy/numpy implementation of every statistic from the issue's formulas
   (χ² from scipy.stats.chi2_contingency, the posterior quantiles by brentq on the gamma-mixture
   CDF) must agree to 1e-9 relative, nulls included.
2. The fitted prior must reach at least the log-likelihood (openEBGM's zero-truncated mixture
   likelihood, written here with scipy.stats.nbinom) of a multi-start L-BFGS-B fit in scipy and
   of vigipy's own fitted prior.
2b. Issue 21 (optimum on a bound): on tables whose optimum has a parameter on the box — the
   issue's shape, 40 products × 30 events, 5,000 reports with planted signals, β at its upper
   bound 20 — and on ones whose optimum is inside, the fit must reach a many-start scipy
   L-BFGS-B (box-constrained, untransformed parameters), report `converged`, name the bounds
   scipy's optimum lies on in `active_bounds`, label component 1 as the one with the larger
   mean, and give the same EBGM/EB05/EB95 as the same prior with the labels swapped.
3. vigipy, given our prior, must give the same EBGM (and EB05/EB95 within its bisection
   tolerance), and the same PRR and ROR.
4. Stratified expected counts and the rule output are checked the same way.
"""

import json
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import vigipy
from scipy import optimize, special, stats

sys.path.insert(0, str(Path(__file__).parent))
from synth import cell_counts  # noqa: E402

LONGZHI = os.environ.get("LONGZHI", "target/release/longzhi")
TOL = 1e-9
failures = []


def check(what, ok, detail=""):
    print(f"  {'ok ' if ok else 'FAIL'} {what}{': ' + detail if detail else ''}")
    if not ok:
        failures.append(what)


def close(a, b, tol=TOL):
    """Relative agreement, with null (None/NaN) only where the other is null too."""
    a = np.array([np.nan if v is None else v for v in a], dtype=float)
    b = np.asarray(b, dtype=float)
    same_null = np.array_equal(np.isnan(a), np.isnan(b))
    m = ~np.isnan(a) & ~np.isnan(b)
    rel = np.abs(a[m] - b[m]) / np.maximum(np.abs(b[m]), 1e-300)
    worst = float(rel.max()) if rel.size else 0.0
    return same_null and worst <= tol, f"max rel diff {worst:.2e}, {int((~m).sum())} nulls"


def make_reports(path):
    """~40k reports over 40 products × 25 hazards in 12 strata (year × region), aggregated with a
    count column, plus a product whose only hazard is its own (b = c = 0) and one with a single
    hazard (b = 0)."""
    rng = np.random.default_rng(20240607)
    frames = []
    for s, (year, region) in enumerate((y, r) for y in range(2021, 2025) for r in "ABC"):
        counts = cell_counts(int(rng.integers(1500, 5000)), 40, 25, seed=100 + s)
        rows, cols = np.nonzero(counts)
        frames.append(pd.DataFrame({
            "product": [f"P{r:02d}" for r in rows], "hazard": [f"H{c:02d}" for c in cols],
            "year": year, "region": region, "count": counts[rows, cols],
        }))
    frames.append(pd.DataFrame({"product": ["solo", "mono"], "hazard": ["unique", "H03"],
                                "year": 2024, "region": "A", "count": [5, 7]}))
    df = pd.concat(frames, ignore_index=True)
    df.to_csv(path, index=False)
    return df


def run(args):
    out = subprocess.run([LONGZHI, "engine", "signal", *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"longzhi failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout)


def table(df):
    cells = df.groupby(["product", "hazard"], as_index=False)["count"].sum()
    cells = cells[cells["count"] > 0].sort_values(["product", "hazard"]).reset_index(drop=True)
    N = cells["count"].sum()
    a = cells["count"].to_numpy(float)
    row = cells.groupby("product")["count"].transform("sum").to_numpy(float)
    col = cells.groupby("hazard")["count"].transform("sum").to_numpy(float)
    return cells, a, a * 0 + row - a, col - a, N - row - col + a, float(N)


def closed_form(a, b, c, d, N, E):
    with np.errstate(divide="ignore", invalid="ignore"):
        prr = np.where(c > 0, (a / (a + b)) / (c / (c + d)), np.nan)
        ok = (b > 0) & (c > 0) & (d > 0)
        ror = np.where(ok, a * d / (b * c), np.nan)
        se = np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
        lo, hi = np.where(ok, np.exp(np.log(ror) - 1.96 * se), np.nan), np.where(ok, np.exp(np.log(ror) + 1.96 * se), np.nan)
    chi2 = []
    for t in zip(a, b, c, d):
        margins = [t[0] + t[1], t[2] + t[3], t[0] + t[2], t[1] + t[3]]
        if min(margins) == 0:
            chi2.append(np.nan)
        else:
            chi2.append(stats.chi2_contingency([[t[0], t[1]], [t[2], t[3]]], correction=True)[0])
    ic = np.log2((a + 0.5) / (E + 0.5))
    s = a + 0.5
    return {"prr": prr, "prr_chi2": np.array(chi2), "ror": ror, "ror_lo95": lo, "ror_hi95": hi,
            "ic": ic, "ic025": ic - 3.3 * s ** -0.5 - 2 * s ** -1.5, "ic975": ic + 2.4 * s ** -0.5 - 0.5 * s ** -1.5}


def loglik(theta, n, E):
    """openEBGM's negLL with N* = 1, negated: Σ ln[P f1/(1−f1(0)) + (1−P) f2/(1−f2(0))]."""
    a1, b1, a2, b2, p = theta
    def part(a, b):
        q = b / (b + E)
        return stats.nbinom.logpmf(n, a, q) - np.log(-np.expm1(a * np.log(q)))
    with np.errstate(divide="ignore"):
        return float(np.sum(np.logaddexp(np.log(p) + part(a1, b1), np.log1p(-p) + part(a2, b2))))


def scipy_fit(n, E):
    starts = [[0.2041, 0.05816, 1.415, 1.838, 0.0969], [0.2, 0.1, 2, 4, 1 / 3], [0.1, 0.1, 10, 10, 0.2]]
    rng = np.random.default_rng(1)
    starts += [list(rng.uniform([0.05, 0.01, 0.5, 0.5, 0.02], [1, 1, 5, 5, 0.5])) for _ in range(5)]
    bounds = [(1e-5, 20)] * 4 + [(0, 1)]
    best = None
    for x0 in starts:
        r = optimize.minimize(lambda t: -loglik(t, n, E), x0, method="L-BFGS-B", bounds=bounds,
                              options={"maxiter": 2000, "ftol": 1e-15, "gtol": 1e-10})
        if best is None or r.fun < best.fun:
            best = r
    return best.x, -best.fun


def many_start_fit(n, E, n_random, seed):
    """L-BFGS-B on the untransformed box from the fixed starts, a grid of bound-touching starts
    and `n_random` random ones; returns the best parameters and log-likelihood."""
    starts = [[0.2041, 0.05816, 1.415, 1.838, 0.0969], [0.2, 0.1, 2, 4, 1 / 3], [0.1, 0.1, 10, 10, 0.2],
              [2, 0.5, 19, 20, 0.02], [7, 0.5, 19.5, 20, 0.01], [20, 5, 2, 2, 0.03], [1, 1, 20, 20, 0.1],
              [5, 1, 3, 3, 0.1], [0.5, 0.5, 5, 5, 0.5]]
    rng = np.random.default_rng(seed)
    for _ in range(n_random):
        a = np.exp(rng.uniform(np.log(0.05), np.log(20), 4))
        starts.append([a[0], a[1], a[2], a[3], rng.uniform(0.005, 0.5)])
    bounds = [(1e-5, 20)] * 4 + [(0, 1)]
    best = None
    for x0 in starts:
        r = optimize.minimize(lambda t: -loglik(t, n, E), x0, method="L-BFGS-B", bounds=bounds,
                              options={"maxiter": 3000, "ftol": 1e-15, "gtol": 1e-10})
        if np.isfinite(r.fun) and (best is None or r.fun < best.fun):
            best = r
    return best.x, -best.fun


def canonical(theta):
    """Component 1 = the larger prior mean α/β (the engine's labelling)."""
    a1, b1, a2, b2, p = theta
    return np.array([a2, b2, a1, b1, 1 - p]) if a1 / b1 < a2 / b2 else np.asarray(theta, float)


NAMES = ["alpha1", "beta1", "alpha2", "beta2", "p"]


def bounds_of(theta):
    lo, hi = [1e-5] * 4 + [0.0], [20.0] * 4 + [1.0]
    out = []
    for k, (t, l, h) in enumerate(zip(theta, lo, hi)):
        if abs(t - l) <= 1e-6 * (h - l):
            out.append(NAMES[k] + "_lower")
        elif abs(t - h) <= 1e-6 * (h - l):
            out.append(NAMES[k] + "_upper")
    return out


def bound_tables():
    """(name, counts) of tables for issue 21: planted signals over Zipf-like margins, the null
    cells either exactly proportional (the fitted null component is as tight as the box allows:
    β on 20) or overdispersed by Gamma(3, 3) noise (an optimum inside the box)."""
    out = [("issue 21: 40 x 30, 5,000 reports, beta at 20", cell_counts(5000, 40, 30, seed=21))]
    rng = np.random.default_rng(2121)
    for name, n_reports, n_rows, n_cols, noise in (
            ("25 x 20, 20,000 reports, overdispersed", 20000, 25, 20, True),
            ("60 x 40, 200,000 reports", 200000, 60, 40, False)):
        rows = 1.0 / np.arange(1, n_rows + 1) ** 0.9
        cols = 1.0 / np.arange(1, n_cols + 1) ** 0.7
        p = np.outer(rng.permutation(rows), rng.permutation(cols))
        if noise:
            p *= rng.gamma(3.0, 1 / 3.0, size=p.shape)
        boosted = rng.choice(p.size, size=max(1, p.size // 30), replace=False)
        p.flat[boosted] *= rng.uniform(2.0, 8.0, size=boosted.size)
        out.append((name, rng.multinomial(n_reports, (p / p.sum()).ravel()).reshape(n_rows, n_cols)))
    return out


def check_bound_tables(tmp):
    for k, (name, counts) in enumerate(bound_tables()):
        rows, cols = np.nonzero(counts)
        df = pd.DataFrame({"product": [f"P{r:02d}" for r in rows], "hazard": [f"H{c:02d}" for c in cols],
                           "count": counts[rows, cols]})
        path = Path(tmp) / f"bound{k}.csv"
        df.to_csv(path, index=False)
        ours = run(["--reports", str(path), "--row", "product", "--col", "hazard", "--count", "count"])
        cells, a, b, c, d, N = table(df)
        E = (a + b) * (a + c) / N
        prior = ours["prior"]
        theta = np.array([prior[k] for k in NAMES])
        ll_ours = loglik(theta, a, E)
        ref, ll_ref = many_start_fit(a, E, n_random=24 if len(a) < 5000 else 6, seed=k)
        ref = canonical(ref)
        print(f"  {name}: {len(a)} cells; ours {np.round(theta, 5).tolist()} ll {ll_ours:.6f} "
              f"{prior['active_bounds']}; scipy {np.round(ref, 5).tolist()} ll {ll_ref:.6f} {bounds_of(ref)}")
        check(f"{name}: log-likelihood >= many-start scipy L-BFGS-B", ll_ours >= ll_ref - TOL * abs(ll_ref),
              f"ours {ll_ours:.8f}, scipy {ll_ref:.8f}")
        check(f"{name}: reported log-likelihood", abs(ll_ours - ours["log_likelihood"]) <= TOL * abs(ll_ours))
        check(f"{name}: converged", prior["converged"] is True)
        check(f"{name}: active bounds = scipy's", sorted(prior["active_bounds"]) == sorted(bounds_of(ref)),
              f"{prior['active_bounds']} vs {bounds_of(ref)}")
        check(f"{name}: component 1 has the larger mean", theta[0] / theta[1] >= theta[2] / theta[3])
        got = pd.DataFrame(ours["cells"])
        swapped = np.array([theta[2], theta[3], theta[0], theta[1], 1 - theta[4]])
        for key, want in zip(("ebgm", "eb05", "eb95"), posterior(swapped, a, E)):
            check(f"{name}: {key} = that of the swapped labels", *close(got[key], want))


def posterior(theta, n, E):
    a1, b1, a2, b2, p = theta
    l1 = np.log(p) + stats.nbinom.logpmf(n, a1, b1 / (b1 + E))
    l2 = np.log1p(-p) + stats.nbinom.logpmf(n, a2, b2 / (b2 + E))
    Q = np.exp(l1 - np.logaddexp(l1, l2))
    s1, r1, s2, r2 = a1 + n, b1 + E, a2 + n, b2 + E
    ebgm = np.exp(Q * (special.digamma(s1) - np.log(r1)) + (1 - Q) * (special.digamma(s2) - np.log(r2)))

    def quantile(level, q, s1, r1, s2, r2):
        f = lambda x: q * special.gdtr(r1, s1, x) + (1 - q) * special.gdtr(r2, s2, x) - level
        hi = 1.0
        while f(hi) < 0:
            hi *= 2
        return optimize.brentq(f, 0.0, hi, xtol=1e-300, rtol=1e-15, maxiter=500)

    eb05 = [quantile(0.05, *t) for t in zip(Q, s1, r1, s2, r2)]
    eb95 = [quantile(0.95, *t) for t in zip(Q, s1, r1, s2, r2)]
    return ebgm, np.array(eb05), np.array(eb95)


def main():
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.csv"
        df = make_reports(path)
        base = ["--reports", str(path), "--row", "product", "--col", "hazard", "--count", "count"]
        ours = run(base + ["--rule", "evans", "--rule", "eb05", "--rule", "ic025"])
        strat = run(base + ["--strata", "year,region"])
        print("signal: optima on a bound and inside (issue 21)")
        check_bound_tables(tmp)

    cells, a, b, c, d, N = table(df)
    got = pd.DataFrame(ours["cells"])
    print(f"signal: {len(cells)} cells, N = {int(N)}")
    check("cells and counts", got[["row", "col"]].values.tolist() == cells[["product", "hazard"]].values.tolist()
          and np.array_equal(got["n"].to_numpy(float), a) and ours["n_total"] == N)
    E = (a + b) * (a + c) / N
    check("expected counts", *close(got["expected"], E))
    ref = closed_form(a, b, c, d, N, E)
    for key, want in ref.items():
        check(key, *close(got[key], want))

    # MGPS: the fit.
    prior = ours["prior"]
    theta = np.array([prior[k] for k in ("alpha1", "beta1", "alpha2", "beta2", "p")])
    ll_ours = loglik(theta, a, E)
    check("reported log-likelihood", abs(ll_ours - ours["log_likelihood"]) <= TOL * abs(ll_ours),
          f"{ours['log_likelihood']:.10f} vs scipy {ll_ours:.10f}")
    sp_theta, ll_scipy = scipy_fit(a, E)
    check("log-likelihood >= scipy L-BFGS-B multi-start", ll_ours >= ll_scipy - TOL * abs(ll_scipy),
          f"ours {ll_ours:.8f}, scipy {ll_scipy:.8f}")
    container = vigipy.convert(df.rename(columns={"product": "name", "hazard": "AE"})[["name", "AE", "count"]])
    vg = vigipy.gps(container, min_events=1)
    vg_theta = np.asarray(vg.params["prior_param"] if "prior_param" in vg.params else vg.param["prior_param"], float)
    ll_vigipy = loglik(vg_theta, a, E)
    check("log-likelihood >= vigipy's fitted prior", ll_ours >= ll_vigipy - TOL * abs(ll_vigipy),
          f"ours {ll_ours:.8f}, vigipy {ll_vigipy:.8f} (prior {np.round(vg_theta, 5).tolist()})")
    print(f"  prior: {np.round(theta, 6).tolist()}; scipy: {np.round(sp_theta, 6).tolist()}")

    # MGPS: the posterior at our prior.
    ebgm, eb05, eb95 = posterior(theta, a, E)
    for key, want in (("ebgm", ebgm), ("eb05", eb05), ("eb95", eb95)):
        check(key, *close(got[key], want))
    vp = vigipy.gps(container, min_events=1, prior_param=list(theta)).all_signals
    vp = vp.set_index(["Product", "Adverse Event"]).loc[list(zip(cells["product"], cells["hazard"]))]
    check("ebgm = vigipy's", *close(got["ebgm"], vp["EBGM"], 1e-8))
    check("eb05 ≈ vigipy's (bisection to 1e-5 in the CDF)", *close(got["eb05"], vp["LowerBound"], 1e-3))
    check("eb95 ≈ vigipy's (bisection to 1e-5 in the CDF)", *close(got["eb95"], vp["UpperBound"], 1e-3))
    for fn, col in ((vigipy.prr, "PRR"), (vigipy.ror, "ROR")):
        res = fn(container, min_events=1, continuity_correction=False).all_signals
        res = res.set_index(["Product", "Adverse Event"]).loc[list(zip(cells["product"], cells["hazard"]))]
        # vigipy puts a tiny epsilon in place of an empty b, c or d: compare full tables only.
        m = (b > 0) & (c > 0) & (d > 0)
        check(f"{col.lower()} = vigipy's (tables without an empty cell)",
              *close(got[col.lower()].to_numpy(float)[m], res[col].to_numpy(float)[m]))

    # Rules.
    want = {(r, h): sorted(n for n, ok in (
        ("evans", prr >= 2 and chi2 >= 4 and n_ >= 3), ("eb05", e5 >= 2), ("ic025", i25 > 0)) if ok)
        for r, h, prr, chi2, n_, e5, i25 in zip(cells["product"], cells["hazard"], np.nan_to_num(ref["prr"], nan=-1),
                                                 np.nan_to_num(ref["prr_chi2"], nan=-1), a, eb05, ref["ic025"])}
    have = {(c["row"], c["col"]): sorted(c["signals"]) for c in ours["cells"]}
    check("rule hits", have == want, f"{sum(len(v) > 0 for v in want.values())} cells signal")

    # Stratified expected counts: Σ_s n_i·s n_·js / N_s.
    g = df.groupby(["product", "hazard", "year", "region"], as_index=False)["count"].sum()
    g["R"] = g.groupby(["product", "year", "region"])["count"].transform("sum")
    g["C"] = g.groupby(["hazard", "year", "region"])["count"].transform("sum")
    g["N"] = g.groupby(["year", "region"])["count"].transform("sum")
    rs = df.groupby(["product", "year", "region"])["count"].sum()
    cs = df.groupby(["hazard", "year", "region"])["count"].sum()
    ns = df.groupby(["year", "region"])["count"].sum()
    e_strat = []
    for p, h in zip(cells["product"], cells["hazard"]):
        tot = 0.0
        for (y, r), n_s in ns.items():
            tot += rs.get((p, y, r), 0) * cs.get((h, y, r), 0) / n_s
        e_strat.append(tot)
    st = pd.DataFrame(strat["cells"])
    check("stratified expected counts", *close(st["expected"], e_strat))
    check("stratified IC", *close(st["ic"], np.log2((a + 0.5) / (np.array(e_strat) + 0.5))))
    st_theta = np.array([strat["prior"][k] for k in ("alpha1", "beta1", "alpha2", "beta2", "p")])
    _, ll_st = scipy_fit(a, np.array(e_strat))
    check("stratified log-likelihood >= scipy's", loglik(st_theta, a, np.array(e_strat)) >= ll_st - TOL * abs(ll_st))

    if failures:
        print(f"signal: {len(failures)} disagreement(s): {', '.join(failures)}")
        sys.exit(1)
    print("signal: all agree")


if __name__ == "__main__":
    main()
