//! 500 applications × 7 reviewers × 40 criteria: every statistic, including the
//! leave-one-reviewer-out sensitivity (issue 9: ≤ 100 ms). `scripts/bench/review` runs this and
//! pingouin on the same data; set `REVIEW_BENCH_DUMP=DIR` to write that data there.

// A benchmark panics on broken setup like a test does.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use longzhi_review::agreement::agreement;
use longzhi_review::{Rubric, Totals, analyse, read_scores_csv};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const APPLICATIONS: usize = 500;
const REVIEWERS: usize = 7;
const CRITERIA: usize = 40;
/// 40 × 25 = 1000 points, like GB/T 19580.
const MAX: f64 = 25.0;

fn data() -> (String, String) {
    let mut rubric = String::new();
    for c in 0..CRITERIA {
        let _ = writeln!(rubric, "[[criterion]]\ncode = \"C{c:02}\"\nmax = {MAX}");
    }
    let mut rng = ChaCha8Rng::seed_from_u64(19580);
    let bias: Vec<f64> = (0..REVIEWERS)
        .map(|_| rng.random_range(-0.1..0.1))
        .collect();
    let mut csv = String::from("application,reviewer,criterion,score\n");
    for a in 0..APPLICATIONS {
        let quality: f64 = rng.random_range(0.3..0.9);
        for (r, b) in bias.iter().enumerate() {
            for c in 0..CRITERIA {
                let raw = (quality + b + rng.random_range(-0.15..0.15)).clamp(0.0, 1.0);
                // Scores in 5 % steps of the item, as GB/T 19580 examiners give them.
                let score = (raw * 20.0).round() / 20.0 * MAX;
                let _ = writeln!(csv, "A{a:03},R{r},C{c:02},{score}");
            }
        }
    }
    (csv, rubric)
}

fn bench(c: &mut Criterion) {
    let (csv, rubric_text) = data();
    if let Ok(dir) = std::env::var("REVIEW_BENCH_DUMP") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/scores.csv"), &csv).unwrap();
        std::fs::write(format!("{dir}/rubric.toml"), &rubric_text).unwrap();
    }
    let rubric = Rubric::from_toml(&rubric_text).unwrap();
    let sheet = read_scores_csv(&csv, &rubric, "independent").unwrap();
    let totals = Totals::from_sheet(&sheet);
    assert_eq!(sheet.scores.len(), APPLICATIONS * REVIEWERS * CRITERIA);

    let mut group = c.benchmark_group("review_500x7x40");
    group.bench_function("statistics", |b| {
        b.iter(|| analyse(&Totals::from_sheet(black_box(&sheet))))
    });
    group.bench_function("csv_to_statistics", |b| {
        b.iter(|| {
            let sheet = read_scores_csv(black_box(&csv), &rubric, "independent").unwrap();
            analyse(&Totals::from_sheet(&sheet))
        })
    });
    group.bench_function("agreement", |b| b.iter(|| agreement(black_box(&totals))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
