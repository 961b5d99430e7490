//! Bootstrap: reproducibility whatever the thread count, and known outcomes on chosen resamples.

// Test helpers outside #[test] functions unwrap too: a failure is the test failing.
#![allow(clippy::unwrap_used)]

mod common;

use common::{chain_data, chain_spec, close};
use longzhi_pls::{Missing, Mode, Scheme, estimate, resample_rows};

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

#[test]
fn identical_whatever_the_thread_count() {
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::B, Mode::A]);
    let e = estimate(&spec, &chain_data(120, 11, true), Missing::Listwise).unwrap();
    let one = pool(1).install(|| e.bootstrap(64, 99));
    let three = pool(3).install(|| e.bootstrap(64, 99));
    assert_eq!(one, three);
    assert_eq!((one.resamples, one.failed), (64, 0));
    assert_ne!(
        one,
        e.bootstrap(64, 100),
        "another seed gives other resamples"
    );
    // The seeded bootstrap is the index bootstrap on resample_rows.
    let rows: Vec<Vec<usize>> = (0..64).map(|r| resample_rows(120, 99, r)).collect();
    assert_eq!(e.bootstrap_on(&rows, &[]).unwrap(), one);
}

#[test]
fn resampling_the_data_itself_has_no_spread() {
    // Every "resample" is the full data in order: each replicate equals the estimate exactly.
    let spec = chain_spec(Scheme::Centroid, [Mode::A, Mode::A, Mode::A]);
    let e = estimate(&spec, &chain_data(90, 12, true), Missing::Listwise).unwrap();
    let same: Vec<Vec<usize>> = vec![(0..90).collect(); 5];
    let b = e.bootstrap_on(&same, &[]).unwrap();
    for (s, est) in b.paths.iter().zip(&e.paths) {
        assert_eq!((s.estimate, s.ci_lo, s.ci_hi), (*est, *est, *est));
        assert!(close(s.mean, *est, 1e-15) && s.se < 1e-15);
    }
    assert!(
        b.weights
            .iter()
            .zip(&e.weights)
            .all(|(s, w)| close(s.mean, *w, 1e-15))
    );
}

#[test]
fn two_known_resamples() {
    // Resamples A (the data) and B (the first half twice): mean (a + b)/2, se |a − b|/√2,
    // type-7 2.5% quantile a + 0.025·(b − a) for a < b.
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::A, Mode::A]);
    let x = chain_data(100, 13, true);
    let e = estimate(&spec, &x, Missing::Listwise).unwrap();
    let half: Vec<usize> = (0..50).chain(0..50).collect();
    let half_fit = estimate(&spec, &x.select_rows(&half), Missing::Listwise).unwrap();
    let b = e.bootstrap_on(&[(0..100).collect(), half], &[]).unwrap();
    for (i, s) in b.paths.iter().enumerate() {
        let (a, c) = (
            e.paths[i].min(half_fit.paths[i]),
            e.paths[i].max(half_fit.paths[i]),
        );
        assert!(close(s.mean, (a + c) / 2.0, 1e-14));
        assert!(close(s.se, (c - a) / 2f64.sqrt(), 1e-14));
        assert!(
            close(s.ci_lo, a + 0.025 * (c - a), 1e-14)
                && close(s.ci_hi, a + 0.975 * (c - a), 1e-14)
        );
        assert!(close(s.t, e.paths[i] / s.se, 1e-12));
    }
}

#[test]
fn failed_resamples_are_dropped_and_counted() {
    // A resample made of one row repeated has constant items: it fails and is left out.
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::A, Mode::A]);
    let e = estimate(&spec, &chain_data(60, 14, true), Missing::Listwise).unwrap();
    let b = e
        .bootstrap_on(
            &[vec![0; 60], (0..60).collect(), (0..60).rev().collect()],
            &[],
        )
        .unwrap();
    assert_eq!((b.resamples, b.failed), (3, 1));
    assert_eq!(b.paths[0].mean, e.paths[0]);
    assert_eq!(
        e.bootstrap_on(&[vec![0, 60]], &[]).unwrap_err(),
        0,
        "row 60 does not exist"
    );
}

#[test]
fn group_indices_are_those_of_each_resample_refitted() {
    // Resamples A (the data) and B (the first half twice). Each replicate's group index must be
    // the index a fresh fit of that resample's rows gives the group: mean (a + b)/2.
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::A, Mode::A]);
    let x = chain_data(100, 15, true);
    let labels: Vec<Option<&str>> = (0..100)
        .map(|i| match i % 3 {
            0 => Some("north"),
            1 => Some("south"),
            _ => None,
        })
        .collect();
    // A third group that only rows 50.. belong to: B never draws it.
    let late: Vec<Option<&str>> = (0..100).map(|i| (i >= 50).then_some("late")).collect();
    let e = estimate(&spec, &x, Missing::Listwise).unwrap();
    let half: Vec<usize> = (0..50).chain(0..50).collect();
    let half_fit = estimate(&spec, &x.select_rows(&half), Missing::Listwise).unwrap();
    let half_labels: Vec<Option<&str>> = half.iter().map(|&i| labels[i]).collect();
    let b = e
        .bootstrap_on(&[(0..100).collect(), half], &[&labels, &late])
        .unwrap();
    let full = e.group_index(&labels);
    let refit = half_fit.group_index(&half_labels);
    assert_eq!(b.groups[0].len(), 2);
    for ((s, f), h) in b.groups[0].iter().zip(&full).zip(&refit) {
        assert_eq!((s.group.as_str(), s.n), (f.group.as_str(), f.n));
        for c in 0..3 {
            assert_eq!(s.index[c].estimate, f.index[c]);
            assert!(close(
                s.index[c].mean,
                (f.index[c] + h.index[c]) / 2.0,
                1e-9
            ));
        }
    }
    for c in 0..3 {
        assert!(close(
            b.index[c].mean,
            (e.index[c] + half_fit.index[c]) / 2.0,
            1e-9
        ));
    }
    // The late group is only in resample A: its summary is A's value alone.
    let late_fit = &e.group_index(&late)[0];
    assert_eq!(b.groups[1][0].n, 50);
    assert!(close(
        b.groups[1][0].index[2].mean,
        late_fit.index[2],
        1e-12
    ));
}
