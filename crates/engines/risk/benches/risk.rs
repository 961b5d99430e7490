//! Assessing a product: parsing plus ten scenarios of four steps (microseconds).

use criterion::{Criterion, criterion_group, criterion_main};

fn input() -> String {
    let scenarios: Vec<String> = (0..10)
        .map(|i| {
            format!(
                r#"{{"severity":{},"steps":[{{"probability":1}},{{"probability":"1/50"}},{{"probability":0.1}},{{"probability":"{}/1000"}}]}}"#,
                i % 4 + 1,
                i + 1
            )
        })
        .collect();
    format!(r#"{{"scenarios":[{}]}}"#, scenarios.join(","))
}

fn bench(c: &mut Criterion) {
    let json = input();
    c.bench_function("risk/parse+assess 10 scenarios × 4 steps", |b| {
        b.iter(|| longzhi_risk::assess_json(std::hint::black_box(&json)))
    });
    let scenarios = longzhi_risk::parse(&json).unwrap_or_default();
    c.bench_function("risk/assess 10 scenarios × 4 steps", |b| {
        b.iter(|| longzhi_risk::assess(std::hint::black_box(&scenarios)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
