//! Domain estimates: a hand-computed example and properties of the estimators.

// Test helpers outside #[test] functions panic on broken fixtures by design.
#![allow(clippy::unwrap_used)]

use longzhi_survey::{
    Design, DomainEstimate, EstimateError, LonelyPsu, OUTSIDE, Request, Statistic, estimate,
};
use proptest::prelude::*;

/// Stratum 0: PSU 1 holds (w 10, y 2, X) and (w 20, y 1, Y); PSU 2 holds (w 30, y 4, X).
/// Stratum 1: PSU 1 (w 5, y 3, X); PSU 2 (w 15, y 1, Y); PSU 3 (w 25, y 2, X).
/// Domain X is code 0, Y code 1.
struct Example {
    weights: Vec<f64>,
    strata: Vec<u32>,
    psus: Vec<u32>,
    domains: Vec<u32>,
    values: Vec<f64>,
}

fn example() -> Example {
    Example {
        weights: vec![10.0, 20.0, 30.0, 5.0, 15.0, 25.0],
        strata: vec![0, 0, 0, 1, 1, 1],
        psus: vec![1, 1, 2, 1, 2, 3],
        domains: vec![0, 1, 0, 0, 1, 0],
        values: vec![2.0, 1.0, 4.0, 3.0, 1.0, 2.0],
    }
}

fn run(ex: &Example, values: Option<&[f64]>, statistic: Statistic) -> Vec<DomainEstimate> {
    let design = Design::new(ex.weights.clone(), &ex.strata, &ex.psus).unwrap();
    let request = Request {
        domains: &ex.domains,
        n_domains: 2,
        values,
        statistic,
        lonely: LonelyPsu::Fail,
    };
    estimate(&design, &request).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn total_of_a_value_in_a_domain() {
    let ex = example();
    let x = run(&ex, Some(&ex.values), Statistic::Total)[0];
    // 10·2 + 30·4 + 5·3 + 25·2 = 205. PSU scores: stratum 0 (20, 120), stratum 1 (15, 0, 50):
    // the Y record in stratum 1 PSU 2 scores 0 but its PSU counts (n_1 = 3).
    // Stratum 0: mean 70, Σ dev² = 5000, × 2/1 = 10000.
    // Stratum 1: mean 65/3, Σ dev² = 3950/3, × 3/2 = 1975. V = 11975.
    assert_eq!(x.n, 4);
    assert_eq!(x.estimate, 205.0);
    assert!(close(x.variance, 11975.0));
    assert!(close(x.cv().unwrap(), 11975f64.sqrt() / 205.0));
    let (lo, hi) = x.ci95();
    assert!(close(lo, 205.0 - 1.959963984540054 * 11975f64.sqrt()));
    assert!(close(hi, 205.0 + 1.959963984540054 * 11975f64.sqrt()));
}

#[test]
fn number_of_cases_in_a_domain() {
    let ex = example();
    let x = run(&ex, None, Statistic::Total)[0];
    // Σ w = 70; PSU scores (10, 30) and (5, 0, 25): 2·200 + 1.5·350 = 925.
    assert_eq!(x.estimate, 70.0);
    assert_eq!(x.size, 70.0);
    assert!(close(x.variance, 925.0));
}

#[test]
fn ratio_mean_in_a_domain() {
    let ex = example();
    let x = run(&ex, Some(&ex.values), Statistic::Mean)[0];
    // R = 205/70; z_j = (Σwy − R·Σw)/70 per PSU = (−13/98, 45/98) and (1/196, 0, −65/196):
    // V = 2·(2·(29/98)²) + 1.5·Σ(z − z̄)² = 17747/38416 (exact fractions).
    assert!(close(x.estimate, 205.0 / 70.0));
    assert!(close(x.variance, 17747.0 / 38416.0));
}

#[test]
fn proportion_needs_zero_one_values() {
    let ex = example();
    let design = Design::new(ex.weights.clone(), &ex.strata, &ex.psus).unwrap();
    let request = Request {
        domains: &ex.domains,
        n_domains: 2,
        values: Some(&ex.values),
        statistic: Statistic::Proportion,
        lonely: LonelyPsu::Fail,
    };
    assert_eq!(
        estimate(&design, &request).unwrap_err(),
        EstimateError::BadValue {
            record: 0,
            problem: "a proportion needs a 0/1 value"
        }
    );
    // y ≥ 2 as an indicator: X records (1, 1, 1, 1), so the proportion in X is 1 with variance 0.
    let indicator: Vec<f64> = ex
        .values
        .iter()
        .map(|&y| f64::from(u8::from(y >= 2.0)))
        .collect();
    let p = run(&ex, Some(&indicator), Statistic::Proportion)[0];
    assert_eq!(p.estimate, 1.0);
    assert!(p.variance.abs() < 1e-24);
}

#[test]
fn lonely_strata_are_named_unless_a_rule_is_chosen() {
    let design = Design::new(vec![1.0; 4], &[5, 5, 9, 2], &[1, 2, 1, 1]).unwrap();
    let domains = [0, 0, 0, 0];
    let mut request = Request {
        domains: &domains,
        n_domains: 1,
        values: None,
        statistic: Statistic::Total,
        lonely: LonelyPsu::Fail,
    };
    assert_eq!(
        estimate(&design, &request).unwrap_err(),
        EstimateError::LonelyStrata { strata: vec![2, 9] }
    );
    request.lonely = LonelyPsu::Certainty;
    // Only stratum 5 contributes: scores (1, 1), no variance.
    assert_eq!(estimate(&design, &request).unwrap()[0].variance, 0.0);
    let all_lonely = Design::new(vec![1.0; 2], &[1, 2], &[1, 1]).unwrap();
    let request = Request {
        domains: &[0, 0],
        lonely: LonelyPsu::Scale,
        ..request
    };
    assert_eq!(
        estimate(&all_lonely, &request).unwrap_err(),
        EstimateError::NoStratumToScale
    );
}

#[test]
fn records_outside_every_domain_keep_their_psu() {
    // Stratum 0 has PSUs 1 and 2; PSU 2's only record is outside. Domain scores (4, 0):
    // V = 2·(2² + 2²) = 16. Dropping the record instead would leave a lonely stratum.
    let design = Design::new(vec![2.0, 2.0, 7.0], &[0, 0, 0], &[1, 1, 2]).unwrap();
    let request = Request {
        domains: &[0, 0, OUTSIDE],
        n_domains: 1,
        values: None,
        statistic: Statistic::Total,
        lonely: LonelyPsu::Fail,
    };
    let e = estimate(&design, &request).unwrap()[0];
    assert_eq!((e.n, e.estimate, e.variance), (2, 4.0, 16.0));
}

/// A random design: records as (stratum, psu, domain, weight, value), with every stratum having
/// at least two PSUs (PSU ids 0 and 1 are always present in each stratum).
fn sample() -> impl Strategy<Value = Vec<(u32, u32, u32, f64, f64)>> {
    (1u32..4, 2u32..5, 1u32..4).prop_flat_map(|(strata, psus, domains)| {
        let fixed: Vec<_> = (0..strata)
            .flat_map(|h| {
                (0..2).map(move |p| (Just(h), Just(p), 0..domains, 0.5f64..50.0, -5.0f64..5.0))
            })
            .collect();
        let extra = prop::collection::vec(
            (0..strata, 0..psus, 0..domains, 0.5f64..50.0, -5.0f64..5.0),
            0..40,
        );
        (fixed, extra).prop_map(|(a, b)| a.into_iter().chain(b).collect())
    })
}

fn estimates(records: &[(u32, u32, u32, f64, f64)], statistic: Statistic) -> Vec<DomainEstimate> {
    let strata: Vec<u32> = records.iter().map(|r| r.0).collect();
    let psus: Vec<u32> = records.iter().map(|r| r.1).collect();
    let domains: Vec<u32> = records.iter().map(|r| r.2).collect();
    let weights: Vec<f64> = records.iter().map(|r| r.3).collect();
    let values: Vec<f64> = records.iter().map(|r| r.4).collect();
    let design = Design::new(weights, &strata, &psus).unwrap();
    let request = Request {
        domains: &domains,
        n_domains: domains.iter().max().map_or(0, |&d| d as usize + 1),
        values: Some(&values),
        statistic,
        lonely: LonelyPsu::Fail,
    };
    estimate(&design, &request).unwrap()
}

fn all_close(a: &[DomainEstimate], b: &[DomainEstimate], scale_est: f64, scale_var: f64) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.n == y.n
                && (x.estimate.is_nan() && y.estimate.is_nan()
                    || (x.estimate * scale_est - y.estimate).abs()
                        <= 1e-9 * (1.0 + y.estimate.abs())
                        && (x.variance * scale_var - y.variance).abs()
                            <= 1e-9 * (1.0 + y.variance.abs()))
        })
}

proptest! {
    #[test]
    fn record_order_does_not_matter(records in sample(), seed in any::<u64>()) {
        let mut shuffled = records.clone();
        // A deterministic shuffle by a key derived from the seed.
        shuffled.sort_by_key(|r| (r.3.to_bits() ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for statistic in [Statistic::Total, Statistic::Mean] {
            prop_assert!(all_close(&estimates(&records, statistic), &estimates(&shuffled, statistic), 1.0, 1.0));
        }
    }

    #[test]
    fn domain_totals_are_whole_sample_totals_of_the_masked_value(records in sample()) {
        let by_domain = estimates(&records, Statistic::Total);
        for (d, e) in by_domain.iter().enumerate() {
            // Full-design domain estimation: y·1[domain] over one domain holding every record.
            let masked: Vec<_> = records
                .iter()
                .map(|&(h, p, dom, w, y)| (h, p, 0, w, if dom as usize == d { y } else { 0.0 }))
                .collect();
            let whole = estimates(&masked, Statistic::Total)[0];
            prop_assert!((whole.estimate - e.estimate).abs() <= 1e-9 * (1.0 + e.estimate.abs()));
            prop_assert!((whole.variance - e.variance).abs() <= 1e-9 * (1.0 + e.variance.abs()));
        }
    }

    #[test]
    fn weights_scale_totals_but_not_means(records in sample(), c in 0.1f64..10.0) {
        let scaled: Vec<_> = records.iter().map(|&(h, p, d, w, y)| (h, p, d, w * c, y)).collect();
        prop_assert!(all_close(&estimates(&records, Statistic::Total), &estimates(&scaled, Statistic::Total), c, c * c));
        prop_assert!(all_close(&estimates(&records, Statistic::Mean), &estimates(&scaled, Statistic::Mean), 1.0, 1.0));
    }

    #[test]
    fn psu_ids_are_read_within_strata(records in sample()) {
        // Making PSU ids unique across strata changes nothing: (stratum, psu) is the PSU already.
        let unique: Vec<_> = records.iter().map(|&(h, p, d, w, y)| (h, p * 16 + h, d, w, y)).collect();
        for statistic in [Statistic::Total, Statistic::Mean] {
            prop_assert!(all_close(&estimates(&records, statistic), &estimates(&unique, statistic), 1.0, 1.0));
        }
    }
}
