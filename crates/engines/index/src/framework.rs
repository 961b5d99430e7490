//! The indicator framework: a tree whose leaves are indicators and whose inner nodes are
//! (sub-)pillars and the index. [`FrameworkSpec`] is what a user writes; [`Framework`] is the
//! checked tree, with every node's children in evaluation order and weights renormalised among
//! siblings.

use std::collections::HashMap;

use crate::error::IndexError;

/// One indicator (a leaf) as written by the user.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorSpec {
    pub code: String,
    pub name: Option<String>,
    /// +1: higher is better; −1: lower is better (the values are negated before normalisation).
    pub direction: f64,
    pub weight: f64,
    pub parent: String,
    /// Unit of measurement, for display only.
    pub unit: Option<String>,
    /// (lower, upper) goalposts in the indicator's own units, for goalpost normalisation.
    pub goalposts: Option<(f64, f64)>,
    /// Target in the indicator's own units, for distance-to-target normalisation.
    pub target: Option<f64>,
}

/// One aggregate node as written by the user; the root has no parent.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSpec {
    pub code: String,
    pub name: Option<String>,
    pub weight: f64,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrameworkSpec {
    pub indicators: Vec<IndicatorSpec>,
    pub nodes: Vec<NodeSpec>,
}

/// A checked indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub code: String,
    pub name: Option<String>,
    pub direction: f64,
    pub unit: Option<String>,
    pub goalposts: Option<(f64, f64)>,
    pub target: Option<f64>,
}

/// A checked node. `children` are slots: indicator `i` is slot `i`, node `j` is slot `m + j`.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub code: String,
    pub name: Option<String>,
    pub children: Vec<usize>,
}

/// The checked tree. Nodes are stored children-before-parents, so the root is the last one, and
/// evaluating nodes in order computes every child before its parent.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    pub indicators: Vec<Indicator>,
    pub nodes: Vec<Node>,
    /// Weight of every slot as given (indicators, then nodes); the root's is 1.
    pub weights: Vec<f64>,
    /// Parent node index of every slot; `None` for the root.
    pub parents: Vec<Option<usize>>,
}

impl Framework {
    pub fn n_indicators(&self) -> usize {
        self.indicators.len()
    }

    /// Number of slots: indicators then nodes.
    pub fn n_slots(&self) -> usize {
        self.indicators.len() + self.nodes.len()
    }

    pub fn root_slot(&self) -> usize {
        self.n_slots() - 1
    }

    /// Code of a slot (indicator or node).
    pub fn code(&self, slot: usize) -> &str {
        let m = self.indicators.len();
        if slot < m {
            &self.indicators[slot].code
        } else {
            &self.nodes[slot - m].code
        }
    }

    /// The slot of an indicator or node code.
    pub fn slot(&self, code: &str) -> Option<usize> {
        (0..self.n_slots()).find(|&s| self.code(s) == code)
    }

    /// `weights` renormalised among siblings: every node's children's weights sum to 1.
    pub fn renormalise(&self, weights: &[f64]) -> Result<Vec<f64>, IndexError> {
        let mut out = weights.to_vec();
        for node in &self.nodes {
            let sum: f64 = node.children.iter().map(|&c| weights[c]).sum();
            if !(sum > 0.0 && sum.is_finite()) {
                return Err(IndexError::node(
                    &node.code,
                    "the children's weights sum to zero",
                ));
            }
            for &c in &node.children {
                out[c] = weights[c] / sum;
            }
        }
        let root = self.root_slot();
        out[root] = 1.0;
        Ok(out)
    }

    /// Product of the renormalised weights on the path from each indicator to the root: the
    /// indicator's effective weight in the index under arithmetic aggregation.
    pub fn path_weights(&self, sibling_weights: &[f64]) -> Vec<f64> {
        (0..self.n_indicators())
            .map(|i| {
                let mut w = sibling_weights[i];
                let mut slot = i;
                while let Some(p) = self.parents[slot] {
                    slot = self.n_indicators() + p;
                    w *= sibling_weights[slot];
                }
                w
            })
            .collect()
    }
}

fn check_weight(code: &str, w: f64) -> Result<(), IndexError> {
    if w.is_finite() && w >= 0.0 {
        Ok(())
    } else {
        Err(IndexError::node(
            code,
            format!("weight {w} is negative or not finite"),
        ))
    }
}

impl FrameworkSpec {
    /// Checks the tree (unique codes, one root, known parents, no cycle, no empty node, valid
    /// directions and weights) and orders it for evaluation.
    pub fn build(&self) -> Result<Framework, IndexError> {
        let mut seen = HashMap::new();
        for code in self
            .nodes
            .iter()
            .map(|n| &n.code)
            .chain(self.indicators.iter().map(|i| &i.code))
        {
            if code.is_empty() {
                return Err(IndexError::field("code", "empty code"));
            }
            if seen.insert(code.as_str(), ()).is_some() {
                return Err(IndexError::node(code, "code used more than once"));
            }
        }
        let node_index: HashMap<&str, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.code.as_str(), i))
            .collect();
        let parent_of = |child: &str, parent: &str| -> Result<usize, IndexError> {
            node_index.get(parent).copied().ok_or_else(|| {
                let what = if seen.contains_key(parent) {
                    "an indicator"
                } else {
                    "unknown"
                };
                IndexError::node(child, format!("parent \"{parent}\" is {what}"))
            })
        };

        // Children lists in the spec's order: child nodes first, then indicators.
        let mut node_children: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        let mut ind_children: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        let mut roots = Vec::new();
        for (j, n) in self.nodes.iter().enumerate() {
            check_weight(&n.code, n.weight)?;
            match &n.parent {
                Some(p) => node_children[parent_of(&n.code, p)?].push(j),
                None => roots.push(j),
            }
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            check_weight(&ind.code, ind.weight)?;
            if ind.direction != 1.0 && ind.direction != -1.0 {
                return Err(IndexError::node(
                    &ind.code,
                    format!("direction {} is not 1 or -1", ind.direction),
                ));
            }
            ind_children[parent_of(&ind.code, &ind.parent)?].push(i);
        }
        let root = match roots.as_slice() {
            [r] => *r,
            [] if self.nodes.is_empty() => {
                return Err(IndexError::field("node", "the framework has no node"));
            }
            [] => return Err(IndexError::Cycle(self.nodes[0].code.clone())),
            [a, b, ..] => {
                return Err(IndexError::node(
                    &self.nodes[*b].code,
                    format!(
                        "second root (no parent) besides \"{}\"",
                        self.nodes[*a].code
                    ),
                ));
            }
        };

        // Post-order from the root; nodes never reached lie on a cycle.
        let mut order = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![(root, false)];
        while let Some((j, expanded)) = stack.pop() {
            if expanded {
                order.push(j);
            } else {
                stack.push((j, true));
                for &c in node_children[j].iter().rev() {
                    stack.push((c, false));
                }
            }
        }
        if order.len() < self.nodes.len() {
            let mut reached = vec![false; self.nodes.len()];
            for &j in &order {
                reached[j] = true;
            }
            let lost = (0..self.nodes.len()).find(|&j| !reached[j]).unwrap_or(0);
            return Err(IndexError::Cycle(self.nodes[lost].code.clone()));
        }
        let m = self.indicators.len();
        let mut new_index = vec![0; self.nodes.len()];
        for (pos, &j) in order.iter().enumerate() {
            new_index[j] = pos;
        }
        let mut nodes = Vec::with_capacity(order.len());
        let mut weights: Vec<f64> = self.indicators.iter().map(|i| i.weight).collect();
        let mut parents: Vec<Option<usize>> = self.indicators.iter().map(|_| None).collect();
        parents.resize(m + order.len(), None);
        weights.resize(m + order.len(), 1.0);
        for &j in &order {
            let spec = &self.nodes[j];
            let children: Vec<usize> = node_children[j]
                .iter()
                .map(|&c| m + new_index[c])
                .chain(ind_children[j].iter().copied())
                .collect();
            if children.is_empty() {
                return Err(IndexError::node(&spec.code, "node has no children"));
            }
            for &c in &children {
                parents[c] = Some(new_index[j]);
            }
            if j != root {
                weights[m + new_index[j]] = spec.weight;
            }
            nodes.push(Node {
                code: spec.code.clone(),
                name: spec.name.clone(),
                children,
            });
        }
        let indicators = self
            .indicators
            .iter()
            .map(|i| Indicator {
                code: i.code.clone(),
                name: i.name.clone(),
                direction: i.direction,
                unit: i.unit.clone(),
                goalposts: i.goalposts,
                target: i.target,
            })
            .collect();
        let fw = Framework {
            indicators,
            nodes,
            weights,
            parents,
        };
        fw.renormalise(&fw.weights)?;
        Ok(fw)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn ind(code: &str, parent: &str, weight: f64, direction: f64) -> IndicatorSpec {
        IndicatorSpec {
            code: code.into(),
            name: None,
            direction,
            weight,
            parent: parent.into(),
            unit: None,
            goalposts: None,
            target: None,
        }
    }

    pub fn node(code: &str, parent: Option<&str>, weight: f64) -> NodeSpec {
        NodeSpec {
            code: code.into(),
            name: None,
            weight,
            parent: parent.map(Into::into),
        }
    }

    /// Index ← {P1 ← {a, b}, P2 ← {c}} with weights 1, 3 / 2, 1 / 1.
    pub fn two_pillars() -> FrameworkSpec {
        FrameworkSpec {
            indicators: vec![
                ind("a", "P1", 1.0, 1.0),
                ind("b", "P1", 3.0, -1.0),
                ind("c", "P2", 1.0, 1.0),
            ],
            nodes: vec![
                node("Index", None, 1.0),
                node("P1", Some("Index"), 2.0),
                node("P2", Some("Index"), 1.0),
            ],
        }
    }

    #[test]
    fn orders_children_before_parents_and_renormalises() {
        let fw = two_pillars().build().unwrap();
        assert_eq!(
            fw.nodes.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(),
            ["P1", "P2", "Index"]
        );
        assert_eq!(fw.nodes[2].children, vec![3, 4]);
        let w = fw.renormalise(&fw.weights).unwrap();
        // a: 1/(1+3), b: 3/4, c: 1/1, P1: 2/3, P2: 1/3.
        assert_eq!(w, vec![0.25, 0.75, 1.0, 2.0 / 3.0, 1.0 / 3.0, 1.0]);
        // Effective weights: a = 1/4·2/3, b = 3/4·2/3, c = 1/3.
        let p = fw.path_weights(&w);
        assert!(
            (p[0] - 1.0 / 6.0).abs() < 1e-15
                && (p[1] - 0.5).abs() < 1e-15
                && (p[2] - 1.0 / 3.0).abs() < 1e-15
        );
    }

    #[test]
    fn rejects_bad_trees_naming_the_node() {
        let mut s = two_pillars();
        s.nodes[1].parent = Some("P2".into());
        s.nodes[2].parent = Some("P1".into());
        let e = s.build().unwrap_err();
        assert!(
            matches!(&e, IndexError::Cycle(n) if n == "P1" || n == "P2"),
            "{e}"
        );

        let mut s = two_pillars();
        s.indicators[0].parent = "P9".into();
        assert_eq!(
            s.build().unwrap_err().to_string(),
            "node \"a\": parent \"P9\" is unknown"
        );

        let mut s = two_pillars();
        s.indicators[2].weight = -1.0;
        assert!(
            s.build()
                .unwrap_err()
                .to_string()
                .starts_with("node \"c\": weight -1")
        );

        let mut s = two_pillars();
        s.indicators[1].parent = "a".into();
        assert_eq!(
            s.build().unwrap_err().to_string(),
            "node \"b\": parent \"a\" is an indicator"
        );

        let mut s = two_pillars();
        s.indicators[2].parent = "P1".into();
        assert_eq!(
            s.build().unwrap_err().to_string(),
            "node \"P2\": node has no children"
        );

        let mut s = two_pillars();
        s.nodes[2].parent = None;
        assert!(s.build().unwrap_err().to_string().contains("second root"));

        let mut s = two_pillars();
        s.indicators[0].weight = 0.0;
        s.indicators[1].weight = 0.0;
        assert_eq!(
            s.build().unwrap_err().to_string(),
            "node \"P1\": the children's weights sum to zero"
        );
    }
}
