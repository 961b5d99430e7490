//! The nominal run: align → impute → treat outliers → normalise → weigh and aggregate bottom-up →
//! rank → contributions.

use crate::aggregate::Aggregation;
use crate::ahp::{AhpResult, MAX_CONSISTENCY_RATIO, ahp};
use crate::data::Dataset;
use crate::error::IndexError;
use crate::framework::Framework;
use crate::impute::{Imputation, impute};
use crate::normalise::{Normalisation, normalise};
use crate::outliers::{OutlierTreatment, TreatmentReport};
use crate::stats::competition_ranks;
use crate::weights::{Weighting, entropy, pca};

/// A pairwise comparison matrix for the children of one node, in the order of `children`.
#[derive(Debug, Clone, PartialEq)]
pub struct AhpSpec {
    pub node: String,
    pub children: Vec<String>,
    pub matrix: Vec<Vec<f64>>,
}

/// Every choice of the nominal run.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    pub imputation: Imputation,
    pub outliers: Option<OutlierTreatment>,
    pub normalisation: Normalisation,
    pub aggregation: Aggregation,
    /// How the children of every node are weighted, unless an AHP matrix is given for the node.
    pub weighting: Weighting,
    pub ahp: Vec<AhpSpec>,
    /// Accept AHP matrices whose consistency ratio exceeds 0.1.
    pub force_ahp: bool,
}

impl Default for Method {
    fn default() -> Self {
        Self {
            imputation: Imputation::None,
            outliers: None,
            normalisation: Normalisation::MinMax,
            aggregation: Aggregation::Arithmetic,
            weighting: Weighting::Given,
            ahp: Vec::new(),
            force_ahp: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub units: Vec<String>,
    /// Slot-major scores: slot s (indicator s, or node s − m) of unit u at `s·n + u`. Indicator
    /// slots hold the normalised values.
    pub scores: Vec<f64>,
    /// Rank of the root score, 1 = best; equal scores share the smallest rank.
    pub ranks: Vec<u32>,
    /// The weights used, renormalised among siblings, per slot (the root's is 1).
    pub weights: Vec<f64>,
    /// Indicator-major contributions to the root score (indicator i of unit u at `i·n + u`);
    /// they sum to the root score. `None` under Copeland aggregation.
    pub contributions: Option<Vec<f64>>,
    /// Outlier treatment of every indicator, when treatment was asked for.
    pub treatments: Vec<Option<TreatmentReport>>,
    /// AHP results, by node code.
    pub ahp: Vec<(String, AhpResult)>,
}

impl Results {
    pub fn n_units(&self) -> usize {
        self.units.len()
    }

    /// The scores of one slot for every unit.
    pub fn slot(&self, slot: usize) -> &[f64] {
        let n = self.n_units();
        &self.scores[slot * n..(slot + 1) * n]
    }
}

/// Aligned, imputed and treated raw columns (in the framework's indicator order) and the outlier
/// treatment of each.
pub type Prepared = (Vec<Vec<f64>>, Vec<Option<TreatmentReport>>);

/// Aligns, imputes and treats the data.
pub fn prepare(
    fw: &Framework,
    ds: &Dataset,
    imputation: Imputation,
    outliers: Option<&OutlierTreatment>,
) -> Result<Prepared, IndexError> {
    let mut cols = ds.align(fw)?;
    for (col, ind) in cols.iter().zip(&fw.indicators) {
        if let Some(u) = col.iter().position(|v| v.is_infinite()) {
            return Err(IndexError::NotANumber {
                cell: ds.cell(u, &ind.code),
                text: col[u].to_string(),
            });
        }
    }
    impute(fw, ds, &mut cols, imputation)?;
    let treatments = cols
        .iter_mut()
        .map(|c| outliers.map(|t| t.treat(c)))
        .collect();
    Ok((cols, treatments))
}

/// A slot-major buffer for all slots whose indicator slots hold the normalised columns, checked
/// against what the aggregation needs.
pub fn normalise_all(
    fw: &Framework,
    ds: &Dataset,
    cols: &[Vec<f64>],
    normalisation: Normalisation,
    aggregation: Aggregation,
) -> Result<Vec<f64>, IndexError> {
    let n = ds.n_units();
    let mut buf = vec![0.0; fw.n_slots() * n];
    let positive = aggregation.needs_positive();
    for (i, (col, ind)) in cols.iter().zip(&fw.indicators).enumerate() {
        let v =
            normalise(col, ind, normalisation, positive).map_err(|e| e.locate(ds, &ind.code))?;
        let bad = |x: f64| {
            if positive {
                x <= 0.0
            } else {
                aggregation.needs_non_negative() && x < 0.0
            }
        };
        if let Some(u) = v.iter().position(|&x| bad(x)) {
            return Err(IndexError::NonPositive(ds.cell(u, &ind.code)));
        }
        buf[i * n..(i + 1) * n].copy_from_slice(&v);
    }
    Ok(buf)
}

/// Aggregates node `j` (its children already in `buf`) with the children's `weights`.
pub(crate) fn aggregate_node(
    fw: &Framework,
    j: usize,
    buf: &mut [f64],
    n: usize,
    weights: &[f64],
    aggregation: Aggregation,
) {
    let slot = fw.n_indicators() + j;
    // Children come before their parent in the buffer, so split there.
    let (before, after) = buf.split_at_mut(slot * n);
    let children: Vec<&[f64]> = fw.nodes[j]
        .children
        .iter()
        .map(|&c| &before[c * n..(c + 1) * n])
        .collect();
    aggregation.apply(&children, weights, &mut after[..n]);
}

/// The renormalised weights of node `j`'s children in the nominal run.
fn node_weights(
    fw: &Framework,
    j: usize,
    buf: &[f64],
    n: usize,
    method: &Method,
    given: &[f64],
) -> Result<(Vec<f64>, Option<AhpResult>), IndexError> {
    let node = &fw.nodes[j];
    let children = &node.children;
    if let Some(spec) = method.ahp.iter().find(|a| a.node == node.code) {
        let mut order = Vec::with_capacity(children.len());
        for code in &spec.children {
            match fw.slot(code).filter(|s| children.contains(s)) {
                Some(s) if !order.contains(&s) => order.push(s),
                _ => {
                    return Err(IndexError::node(
                        &node.code,
                        format!("AHP child \"{code}\" is not a child of the node or is repeated"),
                    ));
                }
            }
        }
        if order.len() != children.len() {
            return Err(IndexError::node(
                &node.code,
                "the AHP matrix must list every child of the node",
            ));
        }
        let r = ahp(&spec.matrix)
            .map_err(|m| IndexError::node(&node.code, format!("AHP matrix: {m}")))?;
        if r.consistency_ratio > MAX_CONSISTENCY_RATIO && !method.force_ahp {
            return Err(IndexError::node(
                &node.code,
                format!(
                    "AHP consistency ratio {:.4} exceeds {MAX_CONSISTENCY_RATIO} (force it to accept)",
                    r.consistency_ratio
                ),
            ));
        }
        let w = children
            .iter()
            .map(|c| r.weights[order.iter().position(|o| o == c).unwrap_or(0)])
            .collect();
        return Ok((w, Some(r)));
    }
    let cols: Vec<&[f64]> = children.iter().map(|&c| &buf[c * n..(c + 1) * n]).collect();
    let w = match method.weighting {
        Weighting::Given => children.iter().map(|&c| given[c]).collect(),
        Weighting::Equal => vec![1.0 / children.len() as f64; children.len()],
        Weighting::Entropy => entropy(&cols).map_err(|m| IndexError::node(&node.code, m))?,
        Weighting::Pca => pca(&cols).map_err(|m| IndexError::node(&node.code, m))?,
    };
    Ok((w, None))
}

/// Runs the whole nominal computation.
pub fn compute(fw: &Framework, ds: &Dataset, method: &Method) -> Result<Results, IndexError> {
    for spec in &method.ahp {
        if !fw.nodes.iter().any(|n| n.code == spec.node) {
            return Err(IndexError::node(
                &spec.node,
                "AHP matrix given for an unknown node",
            ));
        }
    }
    let (cols, treatments) = prepare(fw, ds, method.imputation, method.outliers.as_ref())?;
    let mut buf = normalise_all(fw, ds, &cols, method.normalisation, method.aggregation)?;
    let n = ds.n_units();
    let given = fw.renormalise(&fw.weights)?;
    let mut weights = given.clone();
    let mut ahp_results = Vec::new();
    for j in 0..fw.nodes.len() {
        let (w, r) = node_weights(fw, j, &buf, n, method, &given)?;
        let sum: f64 = w.iter().sum();
        let w: Vec<f64> = w.iter().map(|v| v / sum).collect();
        for (&c, &v) in fw.nodes[j].children.iter().zip(&w) {
            weights[c] = v;
        }
        if let Some(r) = r {
            ahp_results.push((fw.nodes[j].code.clone(), r));
        }
        aggregate_node(fw, j, &mut buf, n, &w, method.aggregation);
    }
    let root = &buf[fw.root_slot() * n..];
    let mut ranks = vec![0; n];
    competition_ranks(root, &mut Vec::new(), &mut ranks);
    let contributions = contributions(fw, &buf, n, &weights, method.aggregation);
    Ok(Results {
        units: ds.units.clone(),
        scores: buf,
        ranks,
        weights,
        contributions,
        treatments,
        ahp: ahp_results,
    })
}

/// Each indicator's contribution to each unit's root score. Arithmetic: W_i·s_i with W_i the
/// product of the weights from the indicator to the root. Other power means: the root score
/// times the product of the Euler shares ([`Aggregation::shares`]) along the path.
pub fn contributions(
    fw: &Framework,
    buf: &[f64],
    n: usize,
    weights: &[f64],
    aggregation: Aggregation,
) -> Option<Vec<f64>> {
    let m = fw.n_indicators();
    if aggregation == Aggregation::Copeland {
        return None;
    }
    if aggregation.shares(&[1.0], &[1.0], &mut [0.0]).is_none() {
        let path = fw.path_weights(weights);
        return Some((0..m * n).map(|k| path[k / n] * buf[k]).collect());
    }
    // factor[s·n + u]: the part of unit u's root score that flows through slot s.
    let mut factor = vec![0.0; fw.n_slots() * n];
    let root = fw.root_slot();
    factor[root * n..].copy_from_slice(&buf[root * n..]);
    let mut values = Vec::new();
    let mut shares = Vec::new();
    for (j, node) in fw.nodes.iter().enumerate().rev() {
        let slot = m + j;
        let w: Vec<f64> = node.children.iter().map(|&c| weights[c]).collect();
        for u in 0..n {
            values.clear();
            values.extend(node.children.iter().map(|&c| buf[c * n + u]));
            shares.resize(values.len(), 0.0);
            aggregation.shares(&values, &w, &mut shares);
            for (&c, s) in node.children.iter().zip(&shares) {
                factor[c * n + u] = factor[slot * n + u] * s;
            }
        }
    }
    factor.truncate(m * n);
    Some(factor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::tests::two_pillars;

    /// Units A, B, C, D; columns a, b, c of [`two_pillars`] (b has direction −1).
    pub fn abcd() -> Dataset {
        Dataset {
            units: ["A", "B", "C", "D"].map(String::from).to_vec(),
            groups: None,
            columns: vec!["a".into(), "b".into(), "c".into()],
            values: vec![
                1.0, 10.0, 5.0, //
                3.0, 20.0, 1.0, //
                5.0, 30.0, 3.0, //
                2.0, 10.0, 4.0,
            ],
        }
    }

    #[test]
    fn nominal_minmax_arithmetic_by_hand() {
        let fw = two_pillars().build().unwrap();
        let r = compute(&fw, &abcd(), &Method::default()).unwrap();
        // a: min 1, max 5 → 0, 50, 100, 25. b flipped: −10..−30 → 100, 50, 0, 100.
        // c: 1..5 → 100, 0, 50, 75. P1 = .25a + .75b; P2 = c; Index = 2/3·P1 + 1/3·P2.
        let p1 = [75.0, 50.0, 25.0, 81.25];
        let p2 = [100.0, 0.0, 50.0, 75.0];
        for u in 0..4 {
            assert!((r.slot(3)[u] - p1[u]).abs() < 1e-12);
            let index = 2.0 / 3.0 * p1[u] + p2[u] / 3.0;
            assert!((r.slot(5)[u] - index).abs() < 1e-12);
        }
        // Index = 83.33, 33.33, 33.33, 79.17: ties share the smallest rank.
        assert_eq!(r.ranks, vec![1, 3, 3, 2]);
        let c = r.contributions.clone().unwrap();
        let total: f64 = (0..3).map(|i| c[i * 4]).sum();
        assert!((total - r.slot(5)[0]).abs() < 1e-12);
    }

    #[test]
    fn geometric_uses_one_to_hundred_and_contributions_add_up() {
        let fw = two_pillars().build().unwrap();
        let method = Method {
            aggregation: Aggregation::Geometric,
            ..Method::default()
        };
        let r = compute(&fw, &abcd(), &method).unwrap();
        // a of unit A: 1 + 99·0 = 1; b of A: 100; P1 = 1^.25 · 100^.75.
        assert_eq!(r.slot(0)[0], 1.0);
        assert!((r.slot(3)[0] - 100f64.powf(0.75)).abs() < 1e-12);
        let c = r.contributions.clone().unwrap();
        for u in 0..4 {
            let total: f64 = (0..3).map(|i| c[i * 4 + u]).sum();
            assert!((total - r.slot(5)[u]).abs() < 1e-10);
        }
    }

    #[test]
    fn contract_errors_name_the_place() {
        let fw = two_pillars().build().unwrap();
        let mut ds = abcd();
        ds.values[2] = 5.0;
        ds.values[5] = 5.0;
        ds.values[8] = 5.0;
        ds.values[11] = 5.0;
        let e = compute(&fw, &ds, &Method::default()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("column \"c\": all values are equal (5)"),
            "{e}"
        );
        let z = Method {
            normalisation: Normalisation::ZScore,
            aggregation: Aggregation::Geometric,
            ..Method::default()
        };
        let e = compute(&fw, &abcd(), &z).unwrap_err();
        assert_eq!(
            e.to_string(),
            "row 1 (unit \"A\"), column \"a\": value must be positive under the chosen normalisation or aggregation"
        );
    }

    #[test]
    fn ahp_weights_and_refusal() {
        let fw = two_pillars().build().unwrap();
        let mut method = Method::default();
        method.ahp.push(AhpSpec {
            node: "Index".into(),
            children: vec!["P2".into(), "P1".into()],
            matrix: vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]],
        });
        let r = compute(&fw, &abcd(), &method).unwrap();
        // P2 is 3 times as important as P1: 0.75 / 0.25.
        assert!((r.weights[4] - 0.75).abs() < 1e-12 && (r.weights[3] - 0.25).abs() < 1e-12);
        method.ahp[0].node = "P9".into();
        assert!(
            compute(&fw, &abcd(), &method)
                .unwrap_err()
                .to_string()
                .starts_with("node \"P9\"")
        );
    }
}
