//! Estimation on parsed columns, and CSV parsing, for 1,000,000 NEISS-shaped records in 100
//! domains (product codes) over 5 strata and 100 PSUs. `SURVEY_BENCH_RECORDS` changes the size;
//! `SURVEY_BENCH_CSV=path` also writes the data so that scripts/bench/survey can run the peer on it.

// A bench panics on broken fixtures by design.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use longzhi_survey::{Columns, Design, LonelyPsu, Request, Statistic, Table, estimate, parse_csv};
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const N_DOMAINS: usize = 100;
/// NEISS-like strata: hospital size classes (small, medium, large, very large, children's), with
/// their number of hospitals and base weight.
const STRATA: [(&str, u32, f64); 5] = [
    ("S", 30, 80.0),
    ("M", 25, 45.0),
    ("L", 20, 25.0),
    ("V", 15, 15.0),
    ("C", 10, 30.0),
];

fn neiss_csv(records: usize) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let psus: Vec<(usize, u32)> = STRATA
        .iter()
        .enumerate()
        .flat_map(|(h, &(_, n, _))| (1..=n).map(move |p| (h, p)))
        .collect();
    let psu_size: Vec<f64> = psus.iter().map(|_| rng.random_range(0.3..3.0)).collect();
    let pick_psu = WeightedIndex::new(&psu_size).unwrap();
    // Product codes with Zipf-like frequencies, as NEISS products are.
    let pick_product = WeightedIndex::new((1..=N_DOMAINS).map(|k| 1.0 / k as f64)).unwrap();
    let mut csv = String::with_capacity(records * 40);
    csv.push_str("stratum,psu,weight,product,sex,age,hospitalized\n");
    for _ in 0..records {
        let (h, p) = psus[pick_psu.sample(&mut rng)];
        let (name, _, base) = STRATA[h];
        let weight = base * rng.random_range(0.9..1.1);
        let product = 1000 + pick_product.sample(&mut rng);
        let sex = if rng.random_bool(0.52) { "M" } else { "F" };
        let age = rng.random_range(0..90);
        let hospitalized = u8::from(rng.random_bool(0.08));
        writeln!(
            csv,
            "{name},{p},{weight:.4},{product},{sex},{age},{hospitalized}"
        )
        .unwrap();
    }
    csv
}

fn columns(by: &[String]) -> Columns<'_> {
    Columns {
        weight: "weight",
        strata: "stratum",
        psu: "psu",
        by,
        value: None,
    }
}

fn totals(table: &Table) -> usize {
    let design = Design::new(table.weights.clone(), &table.strata, &table.psus).unwrap();
    let request = Request {
        domains: &table.domains,
        n_domains: table.domain_levels.len(),
        values: None,
        statistic: Statistic::Total,
        lonely: LonelyPsu::Fail,
    };
    estimate(&design, &request).unwrap().len()
}

fn bench(c: &mut Criterion) {
    let records = std::env::var("SURVEY_BENCH_RECORDS").map_or(1_000_000, |n| n.parse().unwrap());
    let csv = neiss_csv(records);
    if let Ok(path) = std::env::var("SURVEY_BENCH_CSV") {
        std::fs::write(path, &csv).unwrap();
    }
    let by = vec!["product".to_string()];
    let table = parse_csv(csv.as_bytes(), &columns(&by)).unwrap();
    assert_eq!(table.domain_levels.len(), N_DOMAINS);

    let mut group = c.benchmark_group("survey");
    group.sample_size(20);
    group.bench_function("estimate_totals", |b| b.iter(|| totals(black_box(&table))));
    group.bench_function("parse_csv", |b| {
        b.iter(|| {
            parse_csv(black_box(csv.as_bytes()), &columns(&by))
                .unwrap()
                .weights
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
