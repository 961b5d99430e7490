//! Phase-by-phase wall times of the signal engine on the benchmark's pairs file (see
//! `benches/signal.rs`): `cargo run --release -p longzhi-signal --example phases -- PAIRS.bin`.

// An example has nowhere to report a failure but a panic.
#![allow(clippy::expect_used)]

use std::time::Instant;

use longzhi_signal::{Posteriors, Reports, Table, closed_form, fit_prior};

fn main() {
    let path = std::env::args().nth(1).expect("usage: phases PAIRS.bin");
    let bytes = std::fs::read(path).expect("read the pairs file");
    let words: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let (n_rows, n_cols, n) = (words[0] as usize, words[1] as usize, words[2] as usize);
    let reports = Reports {
        n_rows,
        n_cols,
        rows: &words[3..3 + n],
        cols: &words[3 + n..3 + 2 * n],
        counts: None,
        strata: None,
    };
    let t = Instant::now();
    let table = Table::count(&reports).expect("count");
    let count = t.elapsed();
    let t = Instant::now();
    let closed = closed_form(&table);
    let closed_t = t.elapsed();
    let counts: Vec<u64> = table.cells().iter().map(|c| c.n).collect();
    let expected: Vec<f64> = closed.iter().map(|c| c.expected).collect();
    let t = Instant::now();
    let fit = fit_prior(&counts, &expected).expect("fit");
    let fit_t = t.elapsed();
    let t = Instant::now();
    let post = Posteriors::new(fit.prior, &counts);
    let ebgm: f64 = counts
        .iter()
        .zip(&expected)
        .map(|(&n, &e)| post.cell(n, e).ebgm)
        .sum();
    let post_t = t.elapsed();
    println!(
        "{} cells: count {count:.2?}, closed form {closed_t:.2?}, fit {fit_t:.2?}, posterior {post_t:.2?} (Σ EBGM {ebgm:.3})",
        counts.len()
    );
    println!("{fit:?}");
}
