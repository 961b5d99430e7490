//! The ACSI-style 0–100 satisfaction index of each construct, overall and for groups of rows.
//!
//! Each construct's standardised outer weights are turned into weights of the raw items
//! (`w_j / s_j`, s_j the item's standard deviation) and rescaled so their absolute values sum to 1,
//! so the index score is a weighted mean of the items on their own scale. (With mode B weights of
//! mixed sign, a signed sum could change sign with an item's unit and mirror the index.) Its mean is then mapped linearly from the
//! smallest to the largest value that weighted mean can take on the items' response scales to
//! 0…100: `(x̄ − min)/(max − min) · 100`.

use nalgebra::{DMatrix, DVector};

use crate::spec::Spec;

/// Raw-item weights and the attainable range of each construct's weighted mean.
#[derive(Debug, Clone)]
pub(crate) struct IndexWeights {
    /// Per item; the absolute weights of a block sum to 1.
    item: Vec<f64>,
    /// Per construct: smallest and largest attainable weighted mean.
    bounds: Vec<(f64, f64)>,
}

impl IndexWeights {
    /// `weights`: standardised outer weights; `sd`: item standard deviations; `range(j)`: item
    /// j's observed minimum and maximum, which stand in for an undeclared response scale.
    pub fn new(
        spec: &Spec,
        weights: &DVector<f64>,
        sd: &DVector<f64>,
        range: impl Fn(usize) -> (f64, f64),
    ) -> Self {
        let mut item = vec![0.0; spec.n_items()];
        let mut bounds = Vec::with_capacity(spec.constructs().len());
        for (c, construct) in spec.constructs().iter().enumerate() {
            let b = spec.block(c);
            let total: f64 = b.clone().map(|j| (weights[j] / sd[j]).abs()).sum();
            let (mut lo, mut hi) = (0.0, 0.0);
            for j in b {
                let u = weights[j] / sd[j] / total;
                item[j] = u;
                let (a, z) = construct.scale.or(spec.scale).unwrap_or_else(|| range(j));
                lo += (u * a).min(u * z);
                hi += (u * a).max(u * z);
            }
            bounds.push((lo, hi));
        }
        Self { item, bounds }
    }

    /// Each row's index score of every construct (rows × constructs), before the 0–100 mapping:
    /// a group's index is then its rows' mean mapped with [`Self::scale`].
    pub fn scores(&self, spec: &Spec, x: &DMatrix<f64>) -> DMatrix<f64> {
        let k = spec.constructs().len();
        let mut u = DMatrix::zeros(spec.n_items(), k);
        for c in 0..k {
            for j in spec.block(c) {
                u[(j, c)] = self.item[j];
            }
        }
        x * u
    }

    /// The 0–100 index of construct `c` whose weighted mean is `mean`.
    pub fn scale(&self, c: usize, mean: f64) -> f64 {
        let (lo, hi) = self.bounds[c];
        (mean - lo) / (hi - lo) * 100.0
    }

    /// Index of every construct on the rows `rows` of `x`.
    pub fn index(&self, spec: &Spec, x: &DMatrix<f64>, rows: &[usize]) -> Vec<f64> {
        let n = rows.len() as f64;
        (0..spec.constructs().len())
            .map(|c| {
                let mean: f64 = spec
                    .block(c)
                    .map(|j| self.item[j] * rows.iter().map(|&i| x[(i, j)]).sum::<f64>() / n)
                    .sum();
                self.scale(c, mean)
            })
            .collect()
    }
}
