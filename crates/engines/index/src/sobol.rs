//! Variance-based sensitivity: the Saltelli design and the Saltelli (2010) first-order and Jansen
//! (1999) total-effect estimators, over groups of inputs.
//!
//! With two independent N × d matrices A and B of uniforms and, for every input group i, the
//! matrix A_B^(i) (A with the columns of group i taken from B):
//! - first order: V_i = (1/N) Σ_j f(B)_j · (f(A_B^(i))_j − f(A)_j)   (Saltelli et al. 2010, eq. b)
//! - total effect: VT_i = (1/2N) Σ_j (f(A)_j − f(A_B^(i))_j)²        (Jansen 1999)
//! - S_i = V_i/V and ST_i = VT_i/V with V the variance (divisor 2N) of f over the rows of A and B.
//!
//! Row j of A and B is drawn from its own ChaCha8 stream (seed, j), so the results are identical
//! whatever the number of threads.

use std::ops::Range;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Fills `out` with the uniforms of stream `stream` of `seed`.
pub fn uniforms(seed: u64, stream: u64, out: &mut [f64]) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    for v in out {
        *v = rng.random();
    }
}

/// First-order and total indices of every input group; `None` where the output does not vary.
#[derive(Debug, Clone, PartialEq)]
pub struct Indices {
    pub first: Vec<Option<f64>>,
    pub total: Vec<Option<f64>>,
}

/// Evaluates `f` on the Saltelli design (N·(k + 2) runs for k groups) and returns the indices of
/// each of the `n_out` outputs `f` writes. `init` makes one workspace per worker.
pub fn saltelli<W, I, F>(
    dim: usize,
    groups: &[Range<usize>],
    n: usize,
    seed: u64,
    n_out: usize,
    init: I,
    f: F,
) -> Vec<Indices>
where
    I: Fn() -> W + Sync + Send,
    F: Fn(&mut W, &[f64], &mut [f64]) + Sync + Send,
{
    let k = groups.len();
    let rows: Vec<Vec<f64>> = (0..n)
        .into_par_iter()
        .map_init(
            || (init(), vec![0.0; 2 * dim], vec![0.0; dim]),
            |(ws, ab, x), j| {
                uniforms(seed, j as u64, ab);
                let (a, b) = ab.split_at(dim);
                let mut y = vec![0.0; (k + 2) * n_out];
                f(ws, a, &mut y[..n_out]);
                f(ws, b, &mut y[n_out..2 * n_out]);
                for (i, g) in groups.iter().enumerate() {
                    x.copy_from_slice(a);
                    x[g.clone()].copy_from_slice(&b[g.clone()]);
                    f(ws, x, &mut y[(i + 2) * n_out..(i + 3) * n_out]);
                }
                y
            },
        )
        .collect();
    (0..n_out)
        .map(|o| {
            let at = |j: usize, block: usize| rows[j][block * n_out + o];
            let nn = n as f64;
            let mean = (0..n).map(|j| at(j, 0) + at(j, 1)).sum::<f64>() / (2.0 * nn);
            let var = (0..n)
                .map(|j| (at(j, 0) - mean).powi(2) + (at(j, 1) - mean).powi(2))
                .sum::<f64>()
                / (2.0 * nn);
            let ok = var > 0.0;
            let first = (0..k)
                .map(|i| {
                    ok.then(|| {
                        (0..n)
                            .map(|j| at(j, 1) * (at(j, i + 2) - at(j, 0)))
                            .sum::<f64>()
                            / nn
                            / var
                    })
                })
                .collect();
            let total = (0..k)
                .map(|i| {
                    ok.then(|| {
                        (0..n)
                            .map(|j| (at(j, 0) - at(j, i + 2)).powi(2))
                            .sum::<f64>()
                            / (2.0 * nn)
                            / var
                    })
                })
                .collect();
            Indices { first, total }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    fn ishigami(_: &mut (), u: &[f64], y: &mut [f64]) {
        let x: Vec<f64> = u.iter().map(|v| -PI + 2.0 * PI * v).collect();
        y[0] = x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin();
    }

    #[test]
    fn ishigami_analytic_indices() {
        // Analytic (a = 7, b = 0.1): S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
        let r = saltelli(3, &[0..1, 1..2, 2..3], 1 << 15, 7, 1, || (), ishigami);
        let (s, st) = ([0.3139, 0.4424, 0.0], [0.5576, 0.4424, 0.2437]);
        for i in 0..3 {
            let (f, t) = (r[0].first[i].unwrap(), r[0].total[i].unwrap());
            assert!((f - s[i]).abs() < 0.03, "S{i} = {f}");
            assert!((t - st[i]).abs() < 0.03, "ST{i} = {t}");
        }
        // Grouping x2 with x3: S = S2 + S3 + S23 = 0.4424, ST = 1 − S1 = 0.6861.
        let g = saltelli(3, &[0..1, 1..3], 1 << 15, 7, 1, || (), ishigami);
        assert!((g[0].first[1].unwrap() - 0.4424).abs() < 0.03);
        assert!((g[0].total[1].unwrap() - 0.6861).abs() < 0.03);
    }

    #[test]
    fn same_result_on_one_or_many_threads() {
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| saltelli(3, &[0..1, 1..2, 2..3], 1000, 3, 1, || (), ishigami))
        };
        assert_eq!(run(1), run(3));
    }
}
