//! Figures derived from the input that the PDF and the annex share: the tree's structure,
//! province averages, changes on last year, ranks on every node.

use std::collections::{BTreeMap, HashMap};

use crate::{FrameworkInfo, IndicatorInfo, NodeInfo, RegionResult, ReportInput};

/// The framework as a tree, for a checked input.
pub(crate) struct Tree<'a> {
    pub root: &'a NodeInfo,
    nodes: HashMap<&'a str, &'a NodeInfo>,
    child_nodes: HashMap<&'a str, Vec<&'a NodeInfo>>,
    child_indicators: HashMap<&'a str, Vec<&'a IndicatorInfo>>,
}

impl<'a> Tree<'a> {
    /// `None` when the framework has no root (refused by [`crate::check`]).
    pub fn new(framework: &'a FrameworkInfo) -> Option<Self> {
        let root = framework.nodes.iter().find(|n| n.parent.is_none())?;
        let mut child_nodes: HashMap<&str, Vec<&NodeInfo>> = HashMap::new();
        for node in &framework.nodes {
            if let Some(parent) = &node.parent {
                child_nodes.entry(parent).or_default().push(node);
            }
        }
        let mut child_indicators: HashMap<&str, Vec<&IndicatorInfo>> = HashMap::new();
        for indicator in &framework.indicators {
            child_indicators
                .entry(&indicator.parent)
                .or_default()
                .push(indicator);
        }
        Some(Self {
            root,
            nodes: framework
                .nodes
                .iter()
                .map(|n| (n.code.as_str(), n))
                .collect(),
            child_nodes,
            child_indicators,
        })
    }

    pub fn node(&self, code: &str) -> Option<&'a NodeInfo> {
        self.nodes.get(code).copied()
    }

    /// A node's child nodes, in the framework's order.
    pub fn child_nodes(&self, code: &str) -> &[&'a NodeInfo] {
        self.child_nodes.get(code).map_or(&[], Vec::as_slice)
    }

    /// The indicators directly under a node, in the framework's order.
    pub fn indicators_of(&self, code: &str) -> &[&'a IndicatorInfo] {
        self.child_indicators.get(code).map_or(&[], Vec::as_slice)
    }

    /// The nodes below `code`, depth first, each with its depth below `code` (children: 1).
    pub fn nodes_below(&self, code: &str) -> Vec<(usize, &'a NodeInfo)> {
        let mut out = Vec::new();
        self.walk(code, 1, &mut out);
        out
    }

    fn walk(&self, code: &str, depth: usize, out: &mut Vec<(usize, &'a NodeInfo)>) {
        for child in self.child_nodes(code) {
            out.push((depth, child));
            self.walk(&child.code, depth + 1, out);
        }
    }

    /// Every indicator below `code`, grouped by the node they hang from (depth first): (that
    /// node, its indicators).
    pub fn indicator_groups(&self, code: &str) -> Vec<(&'a NodeInfo, &[&'a IndicatorInfo])> {
        let own = self.node(code).map(|n| (n, self.indicators_of(code)));
        own.into_iter()
            .chain(
                self.nodes_below(code)
                    .into_iter()
                    .map(|(_, n)| (n, self.indicators_of(&n.code))),
            )
            .filter(|(_, inds)| !inds.is_empty())
            .collect()
    }
}

pub(crate) fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// A node's score in every region (0 where absent, which [`crate::check`] refuses).
fn node_scores<'r>(regions: &'r [RegionResult], code: &'r str) -> impl Iterator<Item = f64> + 'r {
    regions
        .iter()
        .map(move |r| r.scores.get(code).copied().unwrap_or(0.0))
}

/// The province average of a node: the plain mean over the regions.
pub(crate) fn node_average(input: &ReportInput, code: &str) -> f64 {
    mean(node_scores(&input.regions, code)).unwrap_or(0.0)
}

/// Last year's province average of a node and the change on it, both over the regions that
/// have last year's score (like for like): `(last year, this year − last year)`.
pub(crate) fn node_change(input: &ReportInput, code: &str) -> Option<(f64, f64)> {
    let pairs: Vec<(f64, f64)> = input
        .regions
        .iter()
        .filter_map(|r| {
            let before = *r.previous.as_ref()?.scores.get(code)?;
            Some((before, *r.scores.get(code)?))
        })
        .collect();
    let before = mean(pairs.iter().map(|p| p.0))?;
    let now = mean(pairs.iter().map(|p| p.1))?;
    Some((before, now - before))
}

/// A region's change of a node's score on last year.
pub(crate) fn region_change(region: &RegionResult, code: &str) -> Option<f64> {
    let before = region.previous.as_ref()?.scores.get(code)?;
    Some(region.scores.get(code)? - before)
}

/// Competition ranks ("1224") of values, largest first; `None` for a missing value. Values
/// within 1e-10·(1 + |v|) of the first of a tied group share its rank, as in the engine.
pub(crate) fn ranks(values: &[Option<f64>]) -> Vec<Option<u32>> {
    let mut order: Vec<usize> = (0..values.len()).filter(|i| values[*i].is_some()).collect();
    let value = |i: usize| values[i].unwrap_or(f64::NEG_INFINITY);
    order.sort_by(|a, b| value(*b).total_cmp(&value(*a)));
    let mut out = vec![None; values.len()];
    let mut group = (0.0, 0u32);
    for (position, i) in order.into_iter().enumerate() {
        let v = value(i);
        let rank = u32::try_from(position + 1).unwrap_or(u32::MAX);
        if position == 0 || (group.0 - v).abs() > 1e-10 * (1.0 + group.0.abs()) {
            group = (v, rank);
        }
        out[i] = Some(group.1);
    }
    out
}

/// Every region's rank on a node this year; the root's are the engine's ranks.
pub(crate) fn node_ranks(input: &ReportInput, tree: &Tree, code: &str) -> Vec<u32> {
    if code == tree.root.code {
        return input.regions.iter().map(|r| r.rank).collect();
    }
    let values: Vec<Option<f64>> = input
        .regions
        .iter()
        .map(|r| r.scores.get(code).copied())
        .collect();
    ranks(&values).into_iter().map(|r| r.unwrap_or(0)).collect()
}

/// Every region's rank on a node last year (among the regions that have last year's score).
pub(crate) fn previous_node_ranks(
    input: &ReportInput,
    tree: &Tree,
    code: &str,
) -> Vec<Option<u32>> {
    if code == tree.root.code {
        return input
            .regions
            .iter()
            .map(|r| r.previous.as_ref().map(|p| p.rank))
            .collect();
    }
    let values: Vec<Option<f64>> = input
        .regions
        .iter()
        .map(|r| r.previous.as_ref()?.scores.get(code).copied())
        .collect();
    ranks(&values)
}

/// A region's raw value of an indicator this year.
pub(crate) fn value(region: &RegionResult, code: &str) -> Option<f64> {
    region.values.get(code).copied().flatten()
}

/// A region's raw value of an indicator last year.
pub(crate) fn previous_value(region: &RegionResult, code: &str) -> Option<f64> {
    region
        .previous
        .as_ref()?
        .values
        .get(code)
        .copied()
        .flatten()
}

/// The province figures of one indicator.
pub(crate) struct IndicatorSummary<'a> {
    /// Mean of the regions' values (missing ones left out).
    pub average: Option<f64>,
    /// Mean of last year's values and the change, over the regions with both (like for like).
    pub change: Option<(f64, f64)>,
    /// The best and the worst region by the indicator's direction, with their values.
    pub best: Option<(&'a RegionResult, f64)>,
    pub worst: Option<(&'a RegionResult, f64)>,
}

pub(crate) fn indicator_summary<'a>(
    input: &'a ReportInput,
    indicator: &IndicatorInfo,
) -> IndicatorSummary<'a> {
    let code = indicator.code.as_str();
    let present: Vec<(&RegionResult, f64)> = input
        .regions
        .iter()
        .filter_map(|r| Some((r, value(r, code)?)))
        .collect();
    let sign = if indicator.direction < 0 { -1.0 } else { 1.0 };
    // The first region wins a tie, for both ends.
    let best = present
        .iter()
        .copied()
        .reduce(|a, b| if b.1 * sign > a.1 * sign { b } else { a });
    let worst = present
        .iter()
        .copied()
        .reduce(|a, b| if b.1 * sign < a.1 * sign { b } else { a });
    let pairs: Vec<(f64, f64)> = input
        .regions
        .iter()
        .filter_map(|r| Some((previous_value(r, code)?, value(r, code)?)))
        .collect();
    let change = mean(pairs.iter().map(|p| p.0))
        .zip(mean(pairs.iter().map(|p| p.1)))
        .map(|(before, now)| (before, now - before));
    IndicatorSummary {
        average: mean(present.iter().map(|p| p.1)),
        change,
        best,
        worst,
    }
}

/// The province average contribution of an indicator (over the regions that have one).
pub(crate) fn average_contribution(input: &ReportInput, code: &str) -> Option<f64> {
    mean(
        input
            .regions
            .iter()
            .filter_map(|r| r.contributions.get(code).copied()),
    )
}

/// The years of the trend with the province average, this year included (from the regions'
/// scores when the trend lacks it): (year, region code → score).
pub(crate) fn trend(input: &ReportInput, root: &str) -> Vec<(i32, BTreeMap<String, f64>)> {
    let mut years: Vec<(i32, BTreeMap<String, f64>)> = input
        .trend
        .iter()
        .map(|y| (y.year, y.scores.clone()))
        .collect();
    if !years.iter().any(|(y, _)| *y == input.year) {
        let now = input
            .regions
            .iter()
            .filter_map(|r| Some((r.code.clone(), *r.scores.get(root)?)))
            .collect();
        years.push((input.year, now));
        years.sort_by_key(|(y, _)| *y);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_the_smallest_rank_when_tied() {
        let r = ranks(&[Some(3.0), Some(5.0), None, Some(3.0 + 1e-13), Some(1.0)]);
        assert_eq!(r, [Some(2), Some(1), None, Some(2), Some(4)]);
    }

    #[test]
    fn mean_of_nothing_is_none() {
        assert_eq!(mean([]), None);
        assert_eq!(mean([1.0, 2.0]), Some(1.5));
    }
}
