//! The report of a year with 17 regions (Gansu's 14 prefectures and the three special areas) and
//! 60 indicators (2 dimensions × 6 sub-dimensions × 5 indicators), map included. Budget: ≤ 5 s
//! on the project's 2-core machine.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};

fn report(c: &mut Criterion) {
    let regions: Vec<(&str, &str)> = common::GANSU
        .iter()
        .chain(&common::SPECIAL)
        .copied()
        .collect();
    let input = common::input(
        &regions,
        &common::synthetic(2, 6, 5),
        2024,
        &common::gansu_geojson(),
    );
    let mut group = c.benchmark_group("quality_status_report");
    group.sample_size(10);
    group.bench_function("pdf_17_regions_60_indicators", |b| {
        b.iter(|| longzhi_quality_report::pdf(&input, &mut |_| {}))
    });
    group.bench_function("annex_17_regions_60_indicators", |b| {
        b.iter(|| longzhi_quality_report::annex(&input))
    });
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
