"""Data and peers for scripts/bench/signal.

generate DIR: 10,000,000 reports over 2,000 × 500 into DIR/pairs.bin (for the criterion bench)
              and DIR/reports.csv (for the CLI).
compare DIR CRITERION_DIR LONGZHI: times the CLI, DuckDB and vigipy on the same reports, reads the
              criterion estimates, prints every figure and the ratios.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "crates/engines/signal/reference"))
from synth import cell_counts, report_pairs  # noqa: E402

N_REPORTS, N_ROWS, N_COLS = 10_000_000, 2_000, 500


def pairs(data):
    words = np.fromfile(data / "pairs.bin", dtype="<u4")
    n = int(words[2])
    return words[3:3 + n], words[3 + n:3 + 2 * n]


def generate(data):
    counts = cell_counts(N_REPORTS, N_ROWS, N_COLS, seed=7)
    rows, cols = report_pairs(counts, seed=8)
    header = np.array([N_ROWS, N_COLS, rows.size], dtype="<u4")
    np.concatenate([header, rows, cols]).astype("<u4").tofile(data / "pairs.bin")
    row_labels = np.array([f"R{i:04d}" for i in range(N_ROWS)])
    col_labels = np.array([f"C{j:03d}" for j in range(N_COLS)])
    lines = np.char.add(np.char.add(row_labels[rows], ","), col_labels[cols])
    with open(data / "reports.csv", "w") as f:
        f.write("product,hazard\n")
        f.write("\n".join(lines.tolist()))
        f.write("\n")
    print(f"bench data: {rows.size} reports, {int((counts > 0).sum())} cells with n >= 1")


DUCKDB_SQL = """
CREATE OR REPLACE TABLE stats AS
WITH cells AS (SELECT r, c, count(*)::DOUBLE AS a FROM pairs GROUP BY r, c),
m AS (SELECT r, c, a, sum(a) OVER (PARTITION BY r) AS rt, sum(a) OVER (PARTITION BY c) AS ct,
             sum(a) OVER () AS n FROM cells),
t AS (SELECT r, c, a, rt - a AS b, ct - a AS cc, n - rt - ct + a AS d, n, rt * ct / n AS e FROM m)
SELECT r, c, a, e,
  CASE WHEN cc > 0 THEN (a / (a + b)) / (cc / (cc + d)) END AS prr,
  CASE WHEN cc + d > 0 AND b + d > 0 THEN
    n * pow(greatest(abs(a * d - b * cc) - n / 2, 0), 2) / ((a + b) * (cc + d) * (a + cc) * (b + d)) END AS chi2,
  CASE WHEN b > 0 AND cc > 0 AND d > 0 THEN a * d / (b * cc) END AS ror,
  CASE WHEN b > 0 AND cc > 0 AND d > 0 THEN
    exp(ln(a * d / (b * cc)) - 1.96 * sqrt(1 / a + 1 / b + 1 / cc + 1 / d)) END AS ror_lo95,
  CASE WHEN b > 0 AND cc > 0 AND d > 0 THEN
    exp(ln(a * d / (b * cc)) + 1.96 * sqrt(1 / a + 1 / b + 1 / cc + 1 / d)) END AS ror_hi95,
  log2((a + 0.5) / (e + 0.5)) AS ic,
  log2((a + 0.5) / (e + 0.5)) - 3.3 * pow(a + 0.5, -0.5) - 2 * pow(a + 0.5, -1.5) AS ic025,
  log2((a + 0.5) / (e + 0.5)) + 2.4 * pow(a + 0.5, -0.5) - 0.5 * pow(a + 0.5, -1.5) AS ic975
FROM t
"""


def best_of(k, fn):
    times = []
    for _ in range(k):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def compare(data, criterion, longzhi):
    import duckdb
    import pandas as pd
    import vigipy

    def estimate(group, name):
        est = json.loads((criterion / group / name / "new" / "estimates.json").read_text())
        return est["median"]["point_estimate"] / 1e9

    engine_all = estimate("signal", "pairs_to_statistics")
    engine_cpu = estimate("signal_cpu", "pairs_to_statistics")
    engine_closed = estimate("signal", "pairs_to_closed_form")
    engine_count = estimate("signal", "count")

    def run_cli():
        subprocess.run([longzhi, "engine", "signal", "--reports", str(data / "reports.csv"), "--row", "product",
                        "--col", "hazard", "--format", "json"], stdout=subprocess.DEVNULL, check=True)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cli = best_of(3, run_cli)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cli_cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / 3

    rows, cols = pairs(data)
    con = duckdb.connect()
    frame = pd.DataFrame({"r": rows, "c": cols})
    con.execute("CREATE TABLE pairs AS SELECT * FROM frame")
    duck = best_of(3, lambda: con.execute(DUCKDB_SQL))
    n_cells = con.execute("SELECT count(*) FROM stats").fetchone()[0]

    reports = pd.DataFrame({"name": rows, "AE": cols, "count": np.ones(rows.size, dtype=np.int64)})

    def run_vigipy():
        container = vigipy.convert(reports)
        vigipy.gps(container, min_events=1)
        vigipy.prr(container, min_events=1)
        vigipy.ror(container, min_events=1)
        vigipy.bcpnn(container, min_events=1)

    vig = best_of(1, run_vigipy)

    print(f"\nsignal benchmark: {rows.size} reports, {n_cells} cells with n >= 1, "
          f"{N_ROWS} rows x {N_COLS} columns; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  engine, pairs in memory -> every statistic incl. MGPS fit: {engine_all:8.3f} s "
          f"(CPU {engine_cpu:.3f} s, criterion medians)")
    print(f"  engine, pairs in memory -> closed-form statistics only:   {engine_closed:8.3f} s")
    print(f"  engine, counting the pairs alone:                         {engine_count:8.3f} s")
    print(f"  CLI, 10M-line CSV -> JSON (every statistic), best of 3:   {cli:8.3f} s (CPU {cli_cpu:.3f} s)")
    print(f"  DuckDB SQL, pairs table -> closed-form statistics, best of 3: {duck:8.3f} s")
    print(f"  vigipy convert+gps+prr+ror+bcpnn from the pairs:          {vig:8.3f} s")
    print(f"  ratio vigipy / engine (all statistics):         {vig / engine_all:8.1f}x")
    print(f"  ratio DuckDB / engine (closed-form part):       {duck / engine_closed:8.1f}x")
    print(f"  engine within the 2 s budget: wall {'yes' if engine_all <= 2.0 else 'NO'}, "
          f"CPU {'yes' if engine_cpu <= 2.0 else 'NO'}")


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(Path(sys.argv[2]))
    else:
        compare(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])
