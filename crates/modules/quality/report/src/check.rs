//! Consistency of the input, checked before anything is drawn: a report made from inconsistent
//! figures would print wrong numbers without anyone noticing.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::{ReportError, ReportInput, methods};

fn fail(message: String) -> Result<(), ReportError> {
    Err(ReportError::Input(message))
}

/// Checks that the input is consistent: at least two regions with unique codes and names; a
/// framework that is one tree (a single root listed first, known parents, no cycle, unique
/// codes, finite weights ≥ 0, directions ±1, methods in the engine's vocabulary); every region
/// with a finite score for every node, ranks within 1..=regions, a sorted rank interval, and only
/// known codes in its scores, contributions and values (last year's too); trend years unique,
/// ascending and not after the report's year, with finite scores; Sobol vectors as long as
/// their inputs; a GeoJSON map that parses and names at least one region. The error names the
/// offending code.
pub fn check(input: &ReportInput) -> Result<(), ReportError> {
    let fw = &input.framework;
    let n = input.regions.len();
    if n < 2 {
        return fail(format!("at least two regions are needed, got {n}"));
    }
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in &input.regions {
        if r.code.trim().is_empty() || r.name.trim().is_empty() {
            return fail(format!(
                "region {:?} ({:?}) has no code or no name",
                r.code, r.name
            ));
        }
        if !codes.insert(r.code.as_str()) {
            return fail(format!("region code {} is given twice", r.code));
        }
        if !names.insert(r.name.as_str()) {
            return fail(format!("region name {} is given twice", r.name));
        }
    }

    // The tree.
    let Some(root) = fw.nodes.first() else {
        return fail(format!("framework {} has no node", fw.code));
    };
    if root.parent.is_some() {
        return fail(format!(
            "framework {}: the first node, {}, must be the root (no parent)",
            fw.code, root.code
        ));
    }
    let mut parents: HashMap<&str, Option<&str>> = HashMap::new();
    for node in &fw.nodes {
        if parents.insert(&node.code, node.parent.as_deref()).is_some() {
            return fail(format!("node code {} is given twice", node.code));
        }
        if node.parent.is_none() && node.code != root.code {
            return fail(format!(
                "node {} has no parent: the framework has one root, {}",
                node.code, root.code
            ));
        }
        if !(node.weight.is_finite() && node.weight >= 0.0) {
            return fail(format!(
                "node {} has weight {}: weights are finite and ≥ 0",
                node.code, node.weight
            ));
        }
    }
    for node in &fw.nodes {
        if let Some(parent) = &node.parent
            && !parents.contains_key(parent.as_str())
        {
            return fail(format!("node {} has an unknown parent {parent}", node.code));
        }
        // Walking up from any node must reach the root within as many steps as there are nodes.
        let mut at = node.code.as_str();
        for _ in 0..=fw.nodes.len() {
            match parents.get(at).copied().flatten() {
                Some(p) => at = p,
                None => break,
            }
        }
        if at != root.code {
            return fail(format!("node {} is in a cycle of parents", node.code));
        }
    }
    let mut indicators = HashSet::new();
    for ind in &fw.indicators {
        if parents.contains_key(ind.code.as_str()) || !indicators.insert(ind.code.as_str()) {
            return fail(format!(
                "indicator code {} is given twice (or is also a node)",
                ind.code
            ));
        }
        if !parents.contains_key(ind.parent.as_str()) {
            return fail(format!(
                "indicator {} has an unknown parent {}",
                ind.code, ind.parent
            ));
        }
        if ind.direction != 1 && ind.direction != -1 {
            return fail(format!(
                "indicator {} has direction {}: 1 or -1",
                ind.code, ind.direction
            ));
        }
        if !(ind.weight.is_finite() && ind.weight >= 0.0) {
            return fail(format!(
                "indicator {} has weight {}: weights are finite and ≥ 0",
                ind.code, ind.weight
            ));
        }
    }
    if fw.indicators.is_empty() {
        return fail(format!("framework {} has no indicator", fw.code));
    }
    methods::check(&fw.method).map_err(ReportError::Input)?;

    // The regions' figures.
    let known = |code: &str| parents.contains_key(code) || indicators.contains(code);
    for r in &input.regions {
        let at =
            |what: String| ReportError::Input(format!("region {} ({}): {what}", r.code, r.name));
        for node in &fw.nodes {
            match r.scores.get(&node.code) {
                None => return Err(at(format!("no score for node {}", node.code))),
                Some(v) if !v.is_finite() => {
                    return Err(at(format!("score {v} of {} is not finite", node.code)));
                }
                Some(_) => {}
            }
        }
        if let Some((code, v)) = r.scores.iter().find(|(c, v)| !known(c) || !v.is_finite()) {
            return Err(at(format!(
                "score {v} of {code}: unknown code or not finite"
            )));
        }
        if let Some((code, v)) = r
            .contributions
            .iter()
            .find(|(c, v)| !indicators.contains(c.as_str()) || !v.is_finite())
        {
            return Err(at(format!(
                "contribution {v} of {code}: unknown indicator or not finite"
            )));
        }
        if let Some(code) = bad_value(&r.values, &indicators) {
            return Err(at(format!(
                "value of {code}: unknown indicator or not finite"
            )));
        }
        if r.rank == 0 || r.rank as usize > n {
            return Err(at(format!("rank {} is not within 1..={n}", r.rank)));
        }
        if let Some((lo, mid, hi)) = r.rank_interval
            && !(lo.is_finite() && hi.is_finite() && lo <= mid && mid <= hi)
        {
            return Err(at(format!(
                "rank interval ({lo}, {mid}, {hi}) is not q05 ≤ median ≤ q95"
            )));
        }
        if let Some(p) = &r.previous {
            if let Some((code, v)) = p.scores.iter().find(|(c, v)| !known(c) || !v.is_finite()) {
                return Err(at(format!(
                    "last year's score {v} of {code}: unknown code or not finite"
                )));
            }
            if let Some(code) = bad_value(&p.values, &indicators) {
                return Err(at(format!(
                    "last year's value of {code}: unknown indicator or not finite"
                )));
            }
            if p.rank == 0 {
                return Err(at("last year's rank is 0 (ranks start at 1)".into()));
            }
        }
    }

    let mut last = None;
    for y in &input.trend {
        if y.year > input.year || last.is_some_and(|l| l >= y.year) {
            return fail(format!(
                "trend year {}: years must be unique, ascending and not after {}",
                y.year, input.year
            ));
        }
        last = Some(y.year);
        // A region of an earlier year that is not reported this year is not an error: it
        // counts in that year's province average.
        if let Some((code, v)) = y.scores.iter().find(|(_, v)| !v.is_finite()) {
            return fail(format!(
                "trend year {}: score {v} of region {code} is not finite",
                y.year
            ));
        }
    }
    if let Some(mc) = &input.mc
        && !(mc.runs > 0 && mc.mean_abs_rank_shift.is_finite() && mc.weight_noise.is_finite())
    {
        return fail(format!(
            "Monte Carlo summary: runs {} must be > 0 and figures finite",
            mc.runs
        ));
    }
    if let Some(s) = &input.sensitivity
        && (s.first.len() != s.inputs.len() || s.total.len() != s.inputs.len())
    {
        return fail(format!(
            "sensitivity: {} inputs but {} first-order and {} total indices",
            s.inputs.len(),
            s.first.len(),
            s.total.len()
        ));
    }
    if !input.geojson.trim().is_empty() {
        let regions =
            crate::pdf::map_regions(input).map_err(|e| ReportError::Input(e.to_string()))?;
        let drawn: HashSet<&str> = regions.iter().map(|r| r.name.as_str()).collect();
        if !input
            .regions
            .iter()
            .any(|r| drawn.contains(r.name.as_str()))
        {
            return fail(
                "the map (geojson) has none of the regions: its codes and names match no region"
                    .into(),
            );
        }
    }
    Ok(())
}

/// The code of a value whose indicator is unknown or which is not finite.
fn bad_value<'v>(
    values: &'v BTreeMap<String, Option<f64>>,
    indicators: &HashSet<&str>,
) -> Option<&'v str> {
    values
        .iter()
        .find(|(c, v)| !indicators.contains(c.as_str()) || v.is_some_and(|v| !v.is_finite()))
        .map(|(c, _)| c.as_str())
}
