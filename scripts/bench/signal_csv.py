"""The whole `longzhi engine signal` run against DuckDB on the same CSV, side by side in one run.

  CLI     `longzhi engine signal --reports reports.csv --row product --col hazard` (read and parse
          the 10M-line CSV, count, every statistic incl. the MGPS fit, JSON of every cell written
          to /dev/null), timed from outside: wall and CPU (user + system, all threads) of the child;
  DuckDB  the closed-form statistics only (counts, E, PRR, Yates χ², ROR with interval, IC with
          limits) from the same CSV (read_csv, all cells materialised in a table), timed around
          the query in this process: wall and process CPU.

The two alternate, `--runs` times each, so that both see the same load; best and median are
printed. Usage: signal_csv.py DATA_DIR LONGZHI [--runs K]; DATA_DIR/reports.csv comes from
`signal_peers.py generate DATA_DIR` (10,000,000 reports over 2,000 × 500).
"""

import argparse
import os
import resource
import statistics
import subprocess
import time
from pathlib import Path

import duckdb

from signal_peers import DUCKDB_SQL

SQL = DUCKDB_SQL.replace(
    "WITH cells AS (SELECT r, c, count(*)::DOUBLE AS a FROM pairs GROUP BY r, c)",
    "WITH pairs AS (SELECT product AS r, hazard AS c FROM read_csv('{csv}', header = true,\n"
    "  columns = {{'product': 'VARCHAR', 'hazard': 'VARCHAR'}})),\n"
    "cells AS (SELECT r, c, count(*)::DOUBLE AS a FROM pairs GROUP BY r, c)",
)


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(longzhi, csv):
    cmd = [*longzhi.split(), "engine", "signal", "--reports", str(csv), "--row", "product", "--col",
           "hazard", "--format", "json"]
    cpu, start = child_cpu(), time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, child_cpu() - cpu


def run_duckdb(con, csv):
    cpu, start = time.process_time(), time.perf_counter()
    con.execute(SQL.format(csv=csv))
    return time.perf_counter() - start, time.process_time() - cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("longzhi")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    csv = args.data / "reports.csv"
    con = duckdb.connect()
    n_cells = None
    cli, duck = [], []
    for _ in range(args.runs):
        cli.append(run_cli(args.longzhi, csv))
        duck.append(run_duckdb(con, csv))
        n_cells = con.execute("SELECT count(*) FROM stats").fetchone()[0]
    print(f"signal CLI vs DuckDB from the same CSV ({csv.stat().st_size / 1e6:.0f} MB, {n_cells} cells), "
          f"{args.runs} alternating runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"duckdb {duckdb.__version__}")
    for name, runs in (("CLI, CSV -> JSON of every statistic incl. MGPS fit", cli),
                       ("DuckDB, CSV -> closed-form statistics only", duck)):
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"  {name:52s} wall best {min(walls):6.3f} s, median {statistics.median(walls):6.3f} s; "
              f"CPU best {min(cpus):6.3f} s, median {statistics.median(cpus):6.3f} s")
    ratio = min(w for w, _ in duck) / min(w for w, _ in cli)
    print(f"  ratio DuckDB / CLI (best wall): {ratio:.2f}x "
          f"({'CLI faster' if ratio > 1 else 'DuckDB faster'})")


if __name__ == "__main__":
    main()
