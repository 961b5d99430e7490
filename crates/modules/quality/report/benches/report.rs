//! The report of a year with 17 regions (Gansu's 14 prefectures and the three special areas) and
//! 60 indicators (2 dimensions × 6 sub-dimensions × 5 indicators), map included. Budget: ≤ 5 s
//! on the project's 2-core machine.
//!
//! typst memoises across compilations in a process, so repeated renders of one input are
//! cheaper than the background job's single render: the first render of the process (fonts
//! parsed, nothing memoised) is timed and printed before criterion's figures, and a second
//! benchmark changes the year at every iteration so that the document's text is new each time.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use criterion::{BatchSize, Criterion};
use longzhi_quality_report::{ReportInput, annex, pdf};

fn input() -> ReportInput {
    let regions: Vec<(&str, &str)> = common::GANSU
        .iter()
        .chain(&common::SPECIAL)
        .copied()
        .collect();
    common::input(
        &regions,
        &common::synthetic(2, 6, 5),
        2024,
        &common::gansu_geojson(),
    )
}

fn report(c: &mut Criterion, input: &ReportInput) {
    let mut group = c.benchmark_group("quality_status_report");
    group.sample_size(10);
    group.bench_function("pdf_17_regions_60_indicators", |b| {
        b.iter(|| pdf(input, &mut |_| {}))
    });
    let mut year = input.year;
    group.bench_function("pdf_17_regions_60_indicators_new_year_each_time", |b| {
        b.iter_batched(
            || {
                year += 1;
                ReportInput {
                    year,
                    ..input.clone()
                }
            },
            |input| pdf(&input, &mut |_| {}),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("annex_17_regions_60_indicators", |b| {
        b.iter(|| annex(input))
    });
    group.finish();
}

fn main() {
    let input = input();
    let start = Instant::now();
    let bytes = pdf(&input, &mut |_| {}).map(|b| b.len());
    println!(
        "first render of the process: {:.2?} ({bytes:?} bytes)",
        start.elapsed()
    );
    let mut c = Criterion::default().configure_from_args();
    report(&mut c, &input);
    c.final_summary();
}
