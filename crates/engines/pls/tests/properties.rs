//! Properties that hold for any data: invariance to item units and row order, effects algebra,
//! the index as a mean over groups.

// Test helpers outside #[test] functions unwrap too: a failure is the test failing.
#![allow(clippy::unwrap_used)]

mod common;

use common::{chain_data, chain_spec, close};
use longzhi_pls::{DMatrix, Missing, Mode, Scheme, estimate};
use proptest::prelude::*;

fn scheme() -> impl Strategy<Value = Scheme> {
    prop_oneof![
        Just(Scheme::Centroid),
        Just(Scheme::Factorial),
        Just(Scheme::Path)
    ]
}

fn modes() -> impl Strategy<Value = [Mode; 3]> {
    prop::array::uniform3(prop_oneof![Just(Mode::A), Just(Mode::B)])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Standardisation makes the weights, paths and index blind to each item's unit and origin
    /// (x ↦ a·x + b, a > 0; the index's observed range moves with the item).
    #[test]
    fn positive_affine_item_changes_change_nothing(
        seed in 0u64..1000, scheme in scheme(), modes in modes(),
        scale in prop::collection::vec(0.1f64..10.0, 9), shift in prop::collection::vec(-50f64..50.0, 9),
    ) {
        let spec = chain_spec(scheme, modes);
        let x = chain_data(80, seed, true);
        let y = DMatrix::from_fn(80, 9, |i, j| scale[j] * x[(i, j)] + shift[j]);
        let (a, b) = (estimate(&spec, &x, Missing::Listwise).unwrap(), estimate(&spec, &y, Missing::Listwise).unwrap());
        for (u, v) in a.weights.iter().chain(&a.paths).chain(&a.index).zip(b.weights.iter().chain(&b.paths).chain(&b.index)) {
            prop_assert!(close(*u, *v, 1e-8), "{u} vs {v}");
        }
    }

    /// Rows are exchangeable.
    #[test]
    fn row_order_does_not_matter(seed in 0u64..1000, scheme in scheme(), modes in modes(), rot in 1usize..79) {
        let spec = chain_spec(scheme, modes);
        let x = chain_data(80, seed, true);
        let order: Vec<usize> = (0..80).map(|i| (i + rot) % 80).collect();
        let (a, b) = (estimate(&spec, &x, Missing::Listwise).unwrap(), estimate(&spec, &x.select_rows(&order), Missing::Listwise).unwrap());
        for (u, v) in a.weights.iter().chain(&a.paths).chain(&a.index).zip(b.weights.iter().chain(&b.paths).chain(&b.index)) {
            prop_assert!(close(*u, *v, 1e-10), "{u} vs {v}");
        }
    }

    /// Total effects are (I − B)⁻¹ − I for the path matrix B; R² lies in [0, 1] and adjusted R² below it.
    #[test]
    fn effects_and_r2_are_consistent(seed in 0u64..1000, scheme in scheme(), modes in modes()) {
        let e = estimate(&chain_spec(scheme, modes), &chain_data(60, seed, true), Missing::Listwise).unwrap();
        let b = &e.total_effects - &e.indirect_effects;
        let id = DMatrix::<f64>::identity(3, 3);
        let total = (&id - &b).try_inverse().unwrap() - &id;
        prop_assert!((total - &e.total_effects).abs().max() < 1e-12);
        for (r2, adj) in e.r2.iter().zip(&e.r2_adjusted) {
            if let (Some(r2), Some(adj)) = (r2, adj) {
                prop_assert!((0.0..=1.0).contains(r2) && adj <= r2);
            }
        }
    }

    /// With common weights, the overall index is the n-weighted mean of the group indices.
    #[test]
    fn overall_index_is_the_mean_of_the_groups(seed in 0u64..1000, groups in 2usize..6) {
        let spec = chain_spec(Scheme::Path, [Mode::A; 3]).with_scale(1.0, 10.0).unwrap();
        let e = estimate(&spec, &chain_data(90, seed, true), Missing::Listwise).unwrap();
        let names: Vec<String> = (0..90).map(|i| format!("g{}", i % groups)).collect();
        let labels: Vec<Option<&str>> = names.iter().map(|s| Some(s.as_str())).collect();
        let g = e.group_index(&labels);
        prop_assert_eq!(g.iter().map(|g| g.n).sum::<usize>(), 90);
        for c in 0..3 {
            let mean = g.iter().map(|g| g.n as f64 * g.index[c]).sum::<f64>() / 90.0;
            prop_assert!(close(mean, e.index[c], 1e-9));
            prop_assert!((0.0..=100.0).contains(&e.index[c]));
        }
    }
}
