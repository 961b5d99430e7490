//! Property tests: row order does not matter, sibling weights sum to 1, and a positive-direction
//! indicator never lowers a unit's score when it rises.

use longzhi_index::{
    Aggregation, Dataset, FrameworkSpec, IndicatorSpec, Method, NodeSpec, Normalisation, compute,
};
use proptest::prelude::*;

/// Index ← {P1 ← {x0, x1, x2}, P2 ← {x3, x4}}; x1 has direction −1.
fn spec(weights: &[f64]) -> FrameworkSpec {
    let ind = |i: usize, parent: &str| IndicatorSpec {
        code: format!("x{i}"),
        name: None,
        direction: if i == 1 { -1.0 } else { 1.0 },
        weight: weights[i],
        parent: parent.into(),
        unit: None,
        goalposts: None,
        target: None,
    };
    let node = |code: &str, parent: Option<&str>, weight| NodeSpec {
        code: code.into(),
        name: None,
        weight,
        parent: parent.map(Into::into),
    };
    FrameworkSpec {
        indicators: vec![
            ind(0, "P1"),
            ind(1, "P1"),
            ind(2, "P1"),
            ind(3, "P2"),
            ind(4, "P2"),
        ],
        nodes: vec![
            node("Index", None, 1.0),
            node("P1", Some("Index"), weights[5]),
            node("P2", Some("Index"), weights[6]),
        ],
    }
}

fn dataset(rows: &[Vec<f64>]) -> Dataset {
    Dataset {
        units: (0..rows.len()).map(|u| format!("u{u}")).collect(),
        groups: None,
        columns: (0..5).map(|i| format!("x{i}")).collect(),
        values: rows.iter().flatten().copied().collect(),
    }
}

fn non_constant(rows: &[Vec<f64>]) -> bool {
    (0..5).all(|c| rows.iter().any(|r| r[c] != rows[0][c]))
}

const NORMS: [Normalisation; 4] = [
    Normalisation::MinMax,
    Normalisation::ZScore,
    Normalisation::Rank,
    Normalisation::PercentileRank,
];
const AGGS: [Aggregation; 4] = [
    Aggregation::Arithmetic,
    Aggregation::Geometric,
    Aggregation::Harmonic,
    Aggregation::Generalised(2.0),
];

fn method(norm: Normalisation, agg: Aggregation) -> Option<Method> {
    // z-scores are negative for half the units, which only arithmetic and Copeland accept.
    let fits = norm != Normalisation::ZScore
        || matches!(agg, Aggregation::Arithmetic | Aggregation::Copeland);
    fits.then(|| Method {
        normalisation: norm,
        aggregation: agg,
        ..Method::default()
    })
}

fn rows_strategy() -> impl Strategy<Value = Vec<Vec<f64>>> {
    prop::collection::vec(
        prop::collection::vec((1..1000u32).prop_map(|v| f64::from(v) / 10.0), 5),
        3..12,
    )
}

fn weights_strategy() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.01..10.0f64, 7)
}

proptest! {
    #[test]
    fn scores_do_not_depend_on_row_order(rows in rows_strategy(), weights in weights_strategy(), seed in any::<u64>()) {
        prop_assume!(non_constant(&rows));
        let fw = spec(&weights).build().unwrap();
        // A permutation from the seed (Fisher–Yates with a small LCG).
        let n = rows.len();
        let mut perm: Vec<usize> = (0..n).collect();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            perm.swap(i, (s >> 33) as usize % (i + 1));
        }
        let shuffled: Vec<Vec<f64>> = perm.iter().map(|&u| rows[u].clone()).collect();
        let mut ds2 = dataset(&shuffled);
        ds2.units = perm.iter().map(|u| format!("u{u}")).collect();
        for norm in NORMS {
            for agg in AGGS.into_iter().chain([Aggregation::Copeland]) {
                let Some(m) = method(norm, agg) else { continue };
                let a = compute(&fw, &dataset(&rows), &m).unwrap();
                let b = compute(&fw, &ds2, &m).unwrap();
                for (k, &u) in perm.iter().enumerate() {
                    for slot in 0..fw.n_slots() {
                        prop_assert_eq!(a.slot(slot)[u].to_bits(), b.slot(slot)[k].to_bits(), "{:?} {:?} slot {}", norm, agg, slot);
                    }
                    prop_assert_eq!(a.ranks[u], b.ranks[k]);
                }
            }
        }
    }

    #[test]
    fn sibling_weights_sum_to_one(weights in weights_strategy()) {
        let fw = spec(&weights).build().unwrap();
        let w = fw.renormalise(&fw.weights).unwrap();
        for node in &fw.nodes {
            let sum: f64 = node.children.iter().map(|&c| w[c]).sum();
            prop_assert!((sum - 1.0).abs() < 1e-12);
        }
        let path: f64 = fw.path_weights(&w).iter().sum();
        prop_assert!((path - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_rising_positive_indicator_never_lowers_the_score(
        rows in rows_strategy(), weights in weights_strategy(), unit in 0..12usize, col in prop::sample::select(vec![0usize, 2, 3, 4]), rise in 0.1..50.0f64,
    ) {
        prop_assume!(non_constant(&rows));
        let u = unit % rows.len();
        let fw = spec(&weights).build().unwrap();
        let mut higher = rows.clone();
        higher[u][col] += rise;
        for norm in NORMS {
            for agg in AGGS {
                let Some(m) = method(norm, agg) else { continue };
                let before = compute(&fw, &dataset(&rows), &m).unwrap();
                let after = compute(&fw, &dataset(&higher), &m).unwrap();
                let root = fw.root_slot();
                let (b, a) = (before.slot(root)[u], after.slot(root)[u]);
                prop_assert!(a >= b - 1e-9 * (1.0 + b.abs()), "{:?} {:?}: {} → {}", norm, agg, b, a);
            }
        }
    }
}
