"""Synthetic report counts shared by the reference check and the benchmark.

Rows and columns get skewed (Zipf-like) reporting rates, as products and hazards do; 2% of the
cells get a 2–8× excess (the signals to find). Counts are one multinomial draw over the cells.
"""

import numpy as np


def cell_counts(n_reports, n_rows, n_cols, seed):
    """Counts per cell, shape (n_rows, n_cols)."""
    rng = np.random.default_rng(seed)
    rows = 1.0 / np.arange(1, n_rows + 1) ** 0.9
    cols = 1.0 / np.arange(1, n_cols + 1) ** 0.7
    rng.shuffle(rows)
    rng.shuffle(cols)
    p = np.outer(rows, cols)
    boosted = rng.choice(p.size, size=max(1, p.size // 50), replace=False)
    p.flat[boosted] *= rng.uniform(2.0, 8.0, size=boosted.size)
    return rng.multinomial(n_reports, (p / p.sum()).ravel()).reshape(n_rows, n_cols)


def report_pairs(counts, seed):
    """One (row, col) pair per report, in random order, as uint32 arrays."""
    rng = np.random.default_rng(seed)
    n_cols = counts.shape[1]
    cells = np.repeat(np.arange(counts.size, dtype=np.uint32), counts.ravel())
    rng.shuffle(cells)
    return (cells // n_cols).astype(np.uint32), (cells % n_cols).astype(np.uint32)
