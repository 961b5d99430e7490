//! 10,000,000 reports over 2,000 rows × 500 columns: counting the (row, col) pairs in memory,
//! then every statistic including the MGPS fit. `scripts/bench/signal` passes the same pairs the
//! peers get through LONGZHI_SIGNAL_BENCH_PAIRS (u32 little-endian: n_rows, n_cols, n, rows…,
//! cols…); without it the pairs are drawn here from a similar skewed model.

// A benchmark has nowhere to report a failure but a panic.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use longzhi_signal::{Reports, Table, analyse, closed_form};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

struct Pairs {
    n_rows: usize,
    n_cols: usize,
    rows: Vec<u32>,
    cols: Vec<u32>,
}

fn load(path: &str) -> Pairs {
    let bytes = std::fs::read(path).expect("read the pairs file");
    let words: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let (n_rows, n_cols, n) = (words[0] as usize, words[1] as usize, words[2] as usize);
    Pairs {
        n_rows,
        n_cols,
        rows: words[3..3 + n].to_vec(),
        cols: words[3 + n..3 + 2 * n].to_vec(),
    }
}

/// Zipf-like row and column rates, drawn by inverting their cumulative sums.
fn synthetic(n: usize, n_rows: usize, n_cols: usize) -> Pairs {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let cumulative = |k: usize, s: f64| {
        let mut acc = 0.0;
        (1..=k)
            .map(|i| {
                acc += 1.0 / (i as f64).powf(s);
                acc
            })
            .collect::<Vec<f64>>()
    };
    let (rc, cc) = (cumulative(n_rows, 0.9), cumulative(n_cols, 0.7));
    let mut draw = |c: &[f64]| {
        let u = rng.random::<f64>() * c[c.len() - 1];
        c.partition_point(|&x| x < u) as u32
    };
    let rows = (0..n).map(|_| draw(&rc)).collect();
    let cols = (0..n).map(|_| draw(&cc)).collect();
    Pairs {
        n_rows,
        n_cols,
        rows,
        cols,
    }
}

fn pairs() -> Pairs {
    match std::env::var("LONGZHI_SIGNAL_BENCH_PAIRS") {
        Ok(path) => load(&path),
        Err(_) => synthetic(10_000_000, 2_000, 500),
    }
}

fn reports(pairs: &Pairs) -> Reports<'_> {
    Reports {
        n_rows: pairs.n_rows,
        n_cols: pairs.n_cols,
        rows: &pairs.rows,
        cols: &pairs.cols,
        counts: None,
        strata: None,
    }
}

fn bench(c: &mut Criterion) {
    let pairs = pairs();
    let reports = reports(&pairs);
    let table = Table::count(&reports).expect("count");
    eprintln!(
        "{} reports, {} cells with n >= 1",
        pairs.rows.len(),
        table.cells().len()
    );

    let mut g = c.benchmark_group("signal");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("count", |b| {
        b.iter(|| Table::count(black_box(&reports)).expect("count"))
    });
    // The part a SQL engine can do: counting and the closed-form statistics, no MGPS.
    g.bench_function("pairs_to_closed_form", |b| {
        b.iter(|| closed_form(&Table::count(black_box(&reports)).expect("count")))
    });
    g.bench_function("pairs_to_statistics", |b| {
        b.iter(|| {
            analyse(&Table::count(black_box(&reports)).expect("count"), None).expect("analyse")
        })
    });
    g.finish();
}

/// Process CPU time (user + system, all threads) from /proc/self/stat, in seconds: on a machine
/// shared with other work it is the steadier figure; on an idle one wall time is at most this.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("read /proc/self/stat");
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: f64 =
        fields[11].parse::<f64>().expect("utime") + fields[12].parse::<f64>().expect("stime");
    ticks / 100.0
}

struct CpuTime;

impl Measurement for CpuTime {
    type Intermediate = f64;
    type Value = f64;

    fn start(&self) -> f64 {
        cpu_seconds()
    }

    fn end(&self, start: f64) -> f64 {
        cpu_seconds() - start
    }

    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }

    fn zero(&self) -> f64 {
        0.0
    }

    /// Nanoseconds, as criterion's wall-time measurement reports.
    fn to_f64(&self, value: &f64) -> f64 {
        value * 1e9
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        values.iter_mut().for_each(|v| *v /= 1e6);
        "ms CPU"
    }

    fn scale_throughputs(
        &self,
        _typical: f64,
        _throughput: &Throughput,
        _values: &mut [f64],
    ) -> &'static str {
        "ns"
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

/// Every statistic from the pairs, measured in CPU time (10 ms resolution; a run takes ~2 s).
fn bench_cpu(c: &mut Criterion<CpuTime>) {
    let pairs = pairs();
    let reports = reports(&pairs);
    let mut g = c.benchmark_group("signal_cpu");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("pairs_to_statistics", |b| {
        b.iter(|| {
            analyse(&Table::count(black_box(&reports)).expect("count"), None).expect("analyse")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = bench_cpu
}
criterion_main!(benches, cpu);
