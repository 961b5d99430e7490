//! Criterion benchmarks on data/bench.{csv,toml} (31 units × 60 indicators in 4 levels; see
//! gen_data.py): the nominal run, 10,000 Monte Carlo runs, and Sobol indices from 1,024 base rows.
//! scripts/bench/index runs these and the numpy equivalent (numpy_mc.py) side by side.

// A benchmark on fixed, checked-in inputs: a failure is a broken fixture and should stop it.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use longzhi_index::parse::{parse_csv, parse_framework};
use longzhi_index::{compute, monte_carlo, sensitivity};

fn bench(c: &mut Criterion) {
    let ds = parse_csv(include_str!("data/bench.csv")).unwrap();
    let config = parse_framework(include_str!("data/bench.toml")).unwrap();
    let fw = config.spec.build().unwrap();
    let (method, unc) = (&config.method, &config.uncertainty);
    let mut g = c.benchmark_group("index");
    g.sample_size(20);
    g.bench_function("nominal", |b| {
        b.iter(|| compute(&fw, black_box(&ds), method).unwrap())
    });
    g.bench_function("mc_10000", |b| {
        b.iter(|| monte_carlo(&fw, black_box(&ds), method, unc, 10_000, 1).unwrap())
    });
    g.bench_function("sobol_1024", |b| {
        b.iter(|| sensitivity(&fw, black_box(&ds), method, unc, 1024, 1).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
