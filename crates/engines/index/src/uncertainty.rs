//! Monte Carlo uncertainty and Sobol sensitivity of the ranks.
//!
//! Uncertain inputs: every weight (multiplied by U(1 − f, 1 + f), then renormalised among
//! siblings; the nominal weights, AHP or data-driven ones included, are the base), and the choice
//! of imputation, normalisation and aggregation, each drawn uniformly from a list. Each uncertain
//! input is one group for the Sobol indices ("weights" is one group of all weights).
//!
//! Every normalised data set an alternative can need is computed once, before the runs; a run then
//! only perturbs weights, aggregates and ranks. A power mean M_p is aggregated in the space
//! φ(s) = s^p (ln s for p = 0), where φ(M_p) = Σ w·φ(s) holds exactly at every node; since φ is
//! monotone, the root's φ ranks the units (reversed for p < 0) with no power or logarithm per run.
//! Run j draws its uniforms from its own ChaCha8 stream, so results are identical whatever the
//! number of threads.

use rayon::prelude::*;

use crate::aggregate::Aggregation;
use crate::data::Dataset;
use crate::error::IndexError;
use crate::framework::Framework;
use crate::impute::Imputation;
use crate::model::{Method, aggregate_node, compute, normalise_all, prepare};
use crate::normalise::Normalisation;
use crate::sobol::{Indices, saltelli, uniforms};
use crate::stats::{competition_ranks, median_of_sorted, quantile_of_sorted};

#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// f: every weight is multiplied by a uniform factor in [1 − f, 1 + f]; 0 keeps them fixed.
    pub weight_noise: f64,
    /// Alternatives drawn uniformly; an empty list keeps the nominal choice.
    pub imputations: Vec<Imputation>,
    pub normalisations: Vec<Normalisation>,
    pub aggregations: Vec<Aggregation>,
}

impl Default for Uncertainty {
    /// Weights ± 25 %, nominal imputation, normalisation and aggregation.
    fn default() -> Self {
        Self {
            weight_noise: 0.25,
            imputations: Vec::new(),
            normalisations: Vec::new(),
            aggregations: Vec::new(),
        }
    }
}

/// Distribution of every unit's rank over the Monte Carlo runs.
#[derive(Debug, Clone, PartialEq)]
pub struct RankIntervals {
    pub runs: usize,
    /// Ranks of the nominal run.
    pub nominal: Vec<u32>,
    /// Median, 5 % and 95 % quantiles (linear interpolation, numpy's default) of each unit's rank.
    pub median: Vec<f64>,
    pub q05: Vec<f64>,
    pub q95: Vec<f64>,
    /// Mean over runs and units of |rank − nominal rank|.
    pub mean_abs_shift: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// Names of the input groups: "weights", "imputation", "normalisation", "aggregation".
    pub inputs: Vec<String>,
    /// Model runs: N·(k + 2).
    pub runs: usize,
    /// Indices of the mean absolute rank shift against the nominal ranks.
    pub rank_shift: Indices,
    /// Indices of each unit's rank.
    pub units: Vec<Indices>,
}

/// Everything fixed across runs.
struct Model<'a> {
    fw: &'a Framework,
    n: usize,
    /// Nominal renormalised weights, per slot.
    weights: Vec<f64>,
    noise: f64,
    /// Normalised indicator slots for [imputation][normalisation][aggregation], mapped by φ for
    /// power means.
    data: Vec<Vec<Vec<Vec<f64>>>>,
    aggregations: Vec<Aggregation>,
    nominal: Vec<u32>,
    /// Input groups: (name, range of coordinates in the uniform vector).
    groups: Vec<(String, std::ops::Range<usize>)>,
    /// First coordinate of the weights, imputation, normalisation and aggregation inputs.
    at: [Option<usize>; 4],
    dim: usize,
}

struct Workspace {
    buf: Vec<f64>,
    weights: Vec<f64>,
    idx: Vec<usize>,
    ranks: Vec<u32>,
}

/// φ(s) = s^p, or ln s for p = 0: power means are weighted sums in this space.
fn phi(s: f64, p: f64) -> f64 {
    if p == 1.0 {
        s
    } else if p == 0.0 {
        s.ln()
    } else {
        s.powf(p)
    }
}

/// The alternatives, or the nominal choice alone.
fn or_nominal<T: Copy>(alternatives: &[T], nominal: T) -> Vec<T> {
    if alternatives.is_empty() {
        vec![nominal]
    } else {
        alternatives.to_vec()
    }
}

fn pick(u: f64, len: usize) -> usize {
    ((u * len as f64) as usize).min(len - 1)
}

impl<'a> Model<'a> {
    fn new(
        fw: &'a Framework,
        ds: &Dataset,
        method: &Method,
        unc: &Uncertainty,
    ) -> Result<Self, IndexError> {
        if !(unc.weight_noise >= 0.0 && unc.weight_noise < 1.0) {
            return Err(IndexError::field("weight_noise", "must be in [0, 1)"));
        }
        let nominal = compute(fw, ds, method)?;
        let imputations = or_nominal(&unc.imputations, method.imputation);
        let normalisations = or_nominal(&unc.normalisations, method.normalisation);
        let aggregations = or_nominal(&unc.aggregations, method.aggregation);
        let mut data = Vec::new();
        for &imp in &imputations {
            let (cols, _) = prepare(fw, ds, imp, method.outliers.as_ref()).map_err(|e| {
                IndexError::field("uncertainty", format!("imputation {}: {e}", imp.name()))
            })?;
            let mut per_norm = Vec::new();
            for &norm in &normalisations {
                let mut per_agg = Vec::new();
                for &agg in &aggregations {
                    let mut buf = normalise_all(fw, ds, &cols, norm, agg).map_err(|e| {
                        IndexError::field(
                            "uncertainty",
                            format!(
                                "{} normalisation with {} aggregation: {e}",
                                norm.name(),
                                agg.name()
                            ),
                        )
                    })?;
                    buf.truncate(fw.n_indicators() * ds.n_units());
                    if let Some(p) = agg.power() {
                        buf.iter_mut().for_each(|v| *v = phi(*v, p));
                    }
                    per_agg.push(buf);
                }
                per_norm.push(per_agg);
            }
            data.push(per_norm);
        }
        let mut groups = Vec::new();
        let mut at = [None; 4];
        let mut dim = 0;
        let inputs = [
            ("weights", fw.n_slots() - 1, unc.weight_noise > 0.0),
            ("imputation", 1, imputations.len() > 1),
            ("normalisation", 1, normalisations.len() > 1),
            ("aggregation", 1, aggregations.len() > 1),
        ];
        for (k, (name, width, on)) in inputs.into_iter().enumerate() {
            if on {
                groups.push((name.to_owned(), dim..dim + width));
                at[k] = Some(dim);
                dim += width;
            }
        }
        if groups.is_empty() {
            return Err(IndexError::field(
                "uncertainty",
                "nothing is uncertain (no weight noise and no alternatives)",
            ));
        }
        Ok(Self {
            fw,
            n: ds.n_units(),
            weights: nominal.weights,
            noise: unc.weight_noise,
            data,
            aggregations,
            nominal: nominal.ranks,
            groups,
            at,
            dim,
        })
    }

    fn workspace(&self) -> Workspace {
        Workspace {
            buf: vec![0.0; self.fw.n_slots() * self.n],
            weights: vec![0.0; self.fw.n_slots()],
            idx: Vec::with_capacity(self.n),
            ranks: vec![0; self.n],
        }
    }

    /// One run at the point `u` of the unit hypercube; leaves the ranks in `ws.ranks`.
    fn run(&self, ws: &mut Workspace, u: &[f64]) {
        let (fw, n) = (self.fw, self.n);
        let choose = |k: usize, len: usize| self.at[k].map_or(0, |i| pick(u[i], len));
        let choice = [
            choose(1, self.data.len()),
            choose(2, self.data[0].len()),
            choose(3, self.aggregations.len()),
        ];
        let m = fw.n_indicators();
        let data = &self.data[choice[0]][choice[1]][choice[2]];
        let aggregation = self.aggregations[choice[2]];
        ws.weights.copy_from_slice(&self.weights);
        if let Some(at) = self.at[0] {
            for (s, w) in ws.weights[..fw.n_slots() - 1].iter_mut().enumerate() {
                *w *= 1.0 + self.noise * (2.0 * u[at + s] - 1.0);
            }
        }
        let root = fw.root_slot() * n;
        match aggregation.power() {
            Some(p) => {
                // Nodes only: indicator children are read from `data`.
                for (j, node) in fw.nodes.iter().enumerate() {
                    let total: f64 = node.children.iter().map(|&c| ws.weights[c]).sum();
                    let (done, rest) = ws.buf[m * n..].split_at_mut(j * n);
                    let out = &mut rest[..n];
                    out.fill(0.0);
                    for &c in &node.children {
                        let w = ws.weights[c] / total;
                        let src = if c < m {
                            &data[c * n..(c + 1) * n]
                        } else {
                            &done[(c - m) * n..(c - m + 1) * n]
                        };
                        for (o, v) in out.iter_mut().zip(src) {
                            *o += w * v;
                        }
                    }
                }
                if p < 0.0 {
                    ws.buf[root..root + n].iter_mut().for_each(|v| *v = -*v);
                }
            }
            None => {
                ws.buf[..m * n].copy_from_slice(data);
                let mut w = Vec::new();
                for (j, node) in fw.nodes.iter().enumerate() {
                    w.clear();
                    w.extend(node.children.iter().map(|&c| ws.weights[c]));
                    let sum: f64 = w.iter().sum();
                    w.iter_mut().for_each(|v| *v /= sum);
                    aggregate_node(fw, j, &mut ws.buf, n, &w, aggregation);
                }
            }
        }
        competition_ranks(&ws.buf[root..root + n], &mut ws.idx, &mut ws.ranks);
    }

    fn mean_shift(&self, ranks: &[u32]) -> f64 {
        ranks
            .iter()
            .zip(&self.nominal)
            .map(|(&a, &b)| f64::from(a.abs_diff(b)))
            .sum::<f64>()
            / self.n as f64
    }
}

/// `runs` Monte Carlo runs with independent uniform draws; per unit the rank median and 5–95 %.
pub fn monte_carlo(
    fw: &Framework,
    ds: &Dataset,
    method: &Method,
    unc: &Uncertainty,
    runs: usize,
    seed: u64,
) -> Result<RankIntervals, IndexError> {
    if runs == 0 {
        return Err(IndexError::field("mc", "at least one run is needed"));
    }
    let model = Model::new(fw, ds, method, unc)?;
    let ranks: Vec<Vec<u32>> = (0..runs)
        .into_par_iter()
        .map_init(
            || (model.workspace(), vec![0.0; model.dim]),
            |(ws, u), j| {
                uniforms(seed, j as u64, u);
                model.run(ws, u);
                ws.ranks.clone()
            },
        )
        .collect();
    let n = model.n;
    let mut out = RankIntervals {
        runs,
        nominal: model.nominal.clone(),
        median: Vec::with_capacity(n),
        q05: Vec::with_capacity(n),
        q95: Vec::with_capacity(n),
        mean_abs_shift: ranks.iter().map(|r| model.mean_shift(r)).sum::<f64>() / runs as f64,
    };
    let mut column = Vec::with_capacity(runs);
    for unit in 0..n {
        column.clear();
        column.extend(ranks.iter().map(|r| f64::from(r[unit])));
        column.sort_by(f64::total_cmp);
        out.median.push(median_of_sorted(&column));
        out.q05.push(quantile_of_sorted(&column, 0.05));
        out.q95.push(quantile_of_sorted(&column, 0.95));
    }
    Ok(out)
}

/// First-order and total Sobol indices of each uncertain input, from `base` rows of the Saltelli
/// design (`base`·(k + 2) runs), for the mean absolute rank shift and for each unit's rank.
pub fn sensitivity(
    fw: &Framework,
    ds: &Dataset,
    method: &Method,
    unc: &Uncertainty,
    base: usize,
    seed: u64,
) -> Result<Sensitivity, IndexError> {
    if base < 2 {
        return Err(IndexError::field(
            "sobol",
            "at least two base samples are needed",
        ));
    }
    let model = Model::new(fw, ds, method, unc)?;
    let ranges: Vec<_> = model.groups.iter().map(|(_, r)| r.clone()).collect();
    let mut indices = saltelli(
        model.dim,
        &ranges,
        base,
        seed,
        model.n + 1,
        || model.workspace(),
        |ws, u, y| {
            model.run(ws, u);
            y[0] = model.mean_shift(&ws.ranks);
            for (o, &r) in y[1..].iter_mut().zip(&ws.ranks) {
                *o = f64::from(r);
            }
        },
    );
    let rank_shift = indices.remove(0);
    Ok(Sensitivity {
        inputs: model.groups.iter().map(|(g, _)| g.clone()).collect(),
        runs: base * (ranges.len() + 2),
        rank_shift,
        units: indices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::FrameworkSpec;
    use crate::framework::tests::{ind, node};

    /// Ten units on two indicators of one node; unit u has (u, 9 − u) plus a small tilt, so the
    /// ranking depends on the weights.
    fn crossing() -> (Framework, Dataset) {
        let fw = FrameworkSpec {
            indicators: vec![ind("x", "I", 1.0, 1.0), ind("y", "I", 1.0, 1.0)],
            nodes: vec![node("I", None, 1.0)],
        }
        .build()
        .unwrap();
        let values = (0..10)
            .flat_map(|u| [f64::from(u), 9.0 - f64::from(u) + 0.01 * f64::from(u * u)])
            .collect();
        let ds = Dataset {
            units: (0..10).map(|u| format!("u{u}")).collect(),
            groups: None,
            columns: vec!["x".into(), "y".into()],
            values,
        };
        (fw, ds)
    }

    #[test]
    fn reproducible_and_thread_independent() {
        let (fw, ds) = crossing();
        let unc = Uncertainty {
            aggregations: vec![Aggregation::Arithmetic, Aggregation::Geometric],
            ..Uncertainty::default()
        };
        let method = Method::default();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| monte_carlo(&fw, &ds, &method, &unc, 2000, 42).unwrap())
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert_eq!(one, run(5));
        for u in 0..10 {
            assert!(one.q05[u] <= one.median[u] && one.median[u] <= one.q95[u]);
        }
        assert_ne!(one, monte_carlo(&fw, &ds, &method, &unc, 2000, 43).unwrap());
    }

    #[test]
    fn fixed_inputs_give_nominal_ranks() {
        // Weight noise of 0 and one alternative: refused, since nothing varies.
        let (fw, ds) = crossing();
        let none = Uncertainty {
            weight_noise: 0.0,
            ..Uncertainty::default()
        };
        assert!(monte_carlo(&fw, &ds, &Method::default(), &none, 10, 1).is_err());
        // Alternatives that are the same mean (p = 1 is arithmetic) leave every rank at nominal.
        let same = Uncertainty {
            weight_noise: 0.0,
            aggregations: vec![Aggregation::Arithmetic, Aggregation::Generalised(1.0)],
            ..Uncertainty::default()
        };
        let r = monte_carlo(&fw, &ds, &Method::default(), &same, 50, 1).unwrap();
        let nominal: Vec<f64> = r.nominal.iter().map(|&v| f64::from(v)).collect();
        assert_eq!(
            (r.median.clone(), r.q05.clone(), r.q95.clone()),
            (nominal.clone(), nominal.clone(), nominal)
        );
        assert_eq!(r.mean_abs_shift, 0.0);
    }

    #[test]
    fn sobol_puts_the_variance_on_the_input_that_matters() {
        // Weights barely move (±1 %) while the aggregation switches between arithmetic and
        // harmonic means, which order the crossing units differently: the aggregation choice
        // carries most of the rank-shift variance.
        let (fw, ds) = crossing();
        let unc = Uncertainty {
            weight_noise: 0.01,
            aggregations: vec![Aggregation::Arithmetic, Aggregation::Harmonic],
            ..Uncertainty::default()
        };
        let s = sensitivity(&fw, &ds, &Method::default(), &unc, 4096, 9).unwrap();
        assert_eq!(s.inputs, vec!["weights", "aggregation"]);
        assert_eq!(s.runs, 4096 * 4);
        let (w, a) = (
            s.rank_shift.total[0].unwrap(),
            s.rank_shift.total[1].unwrap(),
        );
        assert!(a > 0.8 && w < 0.2, "weights {w}, aggregation {a}");
    }
}
