//! Deciding one case: parsing plus 20 repair visits (microseconds).

use criterion::{Criterion, criterion_group, criterion_main};

fn input() -> String {
    let systems = ["engine", "gearbox", "brake", "body", "suspension"];
    let events: Vec<String> = (0..20u32)
        .map(|i| {
            format!(
                r#"{{"date":"2023-{:02}-{:02}","odometer_km":{},"kind":"{}","system":"{}","part":"p{}","fault_id":"f{}","serious_safety":{},"repair_days":{}}}"#,
                3 + i / 4,
                1 + (i % 4) * 7,
                1000 + 500 * i,
                ["repair", "replace_part", "replace_assembly"][(i % 3) as usize],
                systems[(i % 5) as usize],
                i % 2,
                i % 4,
                i % 7 == 0,
                f64::from(i % 3) + 0.5
            )
        })
        .collect();
    format!(
        r#"{{"purchase_date":"2023-02-20","price_yuan":150000,"evaluation_date":"2024-01-01","odometer_km":12000,"compensation_rate":0.005,"events":[{}]}}"#,
        events.join(",")
    )
}

fn bench(c: &mut Criterion) {
    let json = input();
    c.bench_function("sanbao/parse+decide 20 visits", |b| {
        b.iter(|| longzhi_sanbao::decide_json(std::hint::black_box(&json)))
    });
    if let Ok(case) = longzhi_sanbao::parse(&json) {
        c.bench_function("sanbao/decide 20 visits", |b| {
            b.iter(|| longzhi_sanbao::decide(std::hint::black_box(&case)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
