//! Synthetic survey data with a known structure, generated deterministically.

#![allow(dead_code, clippy::unwrap_used)]

use longzhi_pls::{Construct, DMatrix, Mode, Scheme, Spec};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Standard normal draws (Box–Muller).
pub fn normals(rng: &mut ChaCha8Rng, n: usize) -> Vec<f64> {
    (0..n)
        .map(|_| {
            let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-300), rng.random());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        })
        .collect()
}

pub fn construct(name: &str, mode: Mode, items: &[&str]) -> Construct {
    Construct {
        name: name.into(),
        mode,
        items: items.iter().map(|s| s.to_string()).collect(),
        scale: None,
    }
}

/// A three-construct chain X → Y → Z with X → Z, items loading 0.6–0.9 on their construct.
pub fn chain_spec(scheme: Scheme, modes: [Mode; 3]) -> Spec {
    Spec::new(
        scheme,
        vec![
            construct("X", modes[0], &["x1", "x2", "x3"]),
            construct("Y", modes[1], &["y1", "y2"]),
            construct("Z", modes[2], &["z1", "z2", "z3", "z4"]),
        ],
        vec![
            ("X".into(), "Y".into()),
            ("Y".into(), "Z".into()),
            ("X".into(), "Z".into()),
        ],
    )
    .unwrap()
}

/// `n` rows of the chain model's 9 items, rounded to a 1–10 scale when `likert`.
pub fn chain_data(n: usize, seed: u64, likert: bool) -> DMatrix<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let loadings = [
        [0.9, 0.8, 0.7].as_slice(),
        &[0.85, 0.75],
        &[0.9, 0.8, 0.7, 0.6],
    ];
    let mut cols: Vec<f64> = Vec::with_capacity(9 * n);
    let x = normals(&mut rng, n);
    let ey = normals(&mut rng, n);
    let ez = normals(&mut rng, n);
    let y: Vec<f64> = (0..n).map(|i| 0.6 * x[i] + 0.8 * ey[i]).collect();
    let z: Vec<f64> = (0..n)
        .map(|i| 0.4 * x[i] + 0.4 * y[i] + 0.7 * ez[i])
        .collect();
    for (latent, ls) in [&x, &y, &z].into_iter().zip(loadings) {
        for &l in ls {
            let e = normals(&mut rng, n);
            for i in 0..n {
                let v = l * latent[i] + (1.0 - l * l).sqrt() * e[i];
                cols.push(if likert {
                    (5.5 + 1.8 * v).round().clamp(1.0, 10.0)
                } else {
                    v
                });
            }
        }
    }
    DMatrix::from_vec(n, 9, cols)
}

/// Pearson correlation.
pub fn cor(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let sab: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let saa: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let sbb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    sab / (saa * sbb).sqrt()
}

pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}
