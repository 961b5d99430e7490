//! The sampling design: weights, strata, and PSUs nested in strata.

use rustc_hash::FxHashMap;

/// Why a weight cannot be used, or `None` when it can: weights are finite and non-negative.
pub fn weight_problem(w: f64) -> Option<&'static str> {
    if !w.is_finite() {
        Some("weight is not a finite number")
    } else if w < 0.0 {
        Some("negative weight")
    } else {
        None
    }
}

/// A stratified design whose PSUs are sampled with replacement within strata.
///
/// A PSU is the pair (stratum, PSU id): the same id in two strata names two PSUs. PSUs are
/// numbered stratum by stratum, so each stratum owns a contiguous range of PSU indices.
#[derive(Debug, Clone)]
pub struct Design {
    weights: Vec<f64>,
    psu_of: Vec<u32>,
    /// For each stratum that has records: its caller's code and its PSU range `start..end`.
    strata: Vec<Stratum>,
    n_psus: usize,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Stratum {
    pub code: u32,
    pub start: usize,
    pub end: usize,
}

impl Stratum {
    pub fn n_psus(&self) -> usize {
        self.end - self.start
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DesignError {
    #[error("the weight, stratum and PSU columns differ in length ({weights}, {strata}, {psus})")]
    LengthMismatch {
        weights: usize,
        strata: usize,
        psus: usize,
    },
    #[error("record {record}: {problem}")]
    BadWeight {
        record: usize,
        problem: &'static str,
    },
    #[error("the sample has no records")]
    Empty,
}

impl Design {
    /// Builds the design from one weight, stratum code and PSU code per record. Codes are any
    /// `u32` labels (they need not be dense); PSU codes are nested in strata.
    pub fn new(weights: Vec<f64>, strata: &[u32], psus: &[u32]) -> Result<Self, DesignError> {
        if weights.len() != strata.len() || weights.len() != psus.len() {
            return Err(DesignError::LengthMismatch {
                weights: weights.len(),
                strata: strata.len(),
                psus: psus.len(),
            });
        }
        if weights.is_empty() {
            return Err(DesignError::Empty);
        }
        if let Some((record, problem)) = weights
            .iter()
            .enumerate()
            .find_map(|(i, &w)| weight_problem(w).map(|p| (i, p)))
        {
            return Err(DesignError::BadWeight { record, problem });
        }

        // First pass: number the (stratum, psu) pairs in order of appearance. Records usually come
        // grouped by PSU, so the previous key is checked before the hash map.
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut psu_of = Vec::with_capacity(weights.len());
        let mut last: Option<(u64, u32)> = None;
        for (&h, &p) in strata.iter().zip(psus) {
            let key = (u64::from(h) << 32) | u64::from(p);
            let id = match last {
                Some((k, id)) if k == key => id,
                _ => {
                    let next = pairs.len() as u32;
                    let id = *ids.entry(key).or_insert_with(|| {
                        pairs.push((h, p));
                        next
                    });
                    last = Some((key, id));
                    id
                }
            };
            psu_of.push(id);
        }

        // Renumber the PSUs sorted by (stratum, psu) so that each stratum is a contiguous range.
        let mut order: Vec<u32> = (0..pairs.len() as u32).collect();
        order.sort_unstable_by_key(|&i| pairs[i as usize]);
        let mut rank = vec![0u32; pairs.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        for id in &mut psu_of {
            *id = rank[*id as usize];
        }
        let mut design_strata: Vec<Stratum> = Vec::new();
        for (r, &i) in order.iter().enumerate() {
            let code = pairs[i as usize].0;
            match design_strata.last_mut() {
                Some(s) if s.code == code => s.end = r + 1,
                _ => design_strata.push(Stratum {
                    code,
                    start: r,
                    end: r + 1,
                }),
            }
        }

        Ok(Self {
            weights,
            psu_of,
            strata: design_strata,
            n_psus: pairs.len(),
        })
    }

    pub fn n_records(&self) -> usize {
        self.weights.len()
    }

    /// Number of PSUs, each a (stratum, psu) pair.
    pub fn n_psus(&self) -> usize {
        self.n_psus
    }

    /// Number of strata that have records.
    pub fn n_strata(&self) -> usize {
        self.strata.len()
    }

    /// The caller's codes of the strata that have a single PSU, in ascending order.
    pub fn lonely_strata(&self) -> Vec<u32> {
        self.strata
            .iter()
            .filter(|s| s.n_psus() == 1)
            .map(|s| s.code)
            .collect()
    }

    pub(crate) fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The PSU index (in `0..n_psus`) of each record.
    pub(crate) fn psu_of(&self) -> &[u32] {
        &self.psu_of
    }

    pub(crate) fn strata(&self) -> &[Stratum] {
        &self.strata
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn psu_ids_are_nested_in_strata() {
        // PSU id 1 appears in strata 7 and 3: two PSUs. Stratum 3 sorts first.
        let d = Design::new(vec![1.0; 5], &[7, 7, 3, 3, 7], &[1, 2, 1, 1, 1]).unwrap();
        assert_eq!(d.n_psus(), 3);
        assert_eq!(d.n_strata(), 2);
        assert_eq!(d.psu_of(), &[1, 2, 0, 0, 1]);
        assert_eq!(d.lonely_strata(), vec![3]);
        let ranges: Vec<_> = d
            .strata()
            .iter()
            .map(|s| (s.code, s.start, s.end))
            .collect();
        assert_eq!(ranges, vec![(3, 0, 1), (7, 1, 3)]);
    }

    #[test]
    fn rejects_bad_weights_naming_the_record() {
        let e = Design::new(vec![1.0, -2.0], &[0, 0], &[0, 1]).unwrap_err();
        assert_eq!(
            e,
            DesignError::BadWeight {
                record: 1,
                problem: "negative weight"
            }
        );
        let e = Design::new(vec![f64::NAN], &[0], &[0]).unwrap_err();
        assert!(matches!(e, DesignError::BadWeight { record: 0, .. }));
        assert_eq!(
            Design::new(vec![], &[], &[]).unwrap_err(),
            DesignError::Empty
        );
        assert!(matches!(
            Design::new(vec![1.0], &[0, 0], &[0]).unwrap_err(),
            DesignError::LengthMismatch { .. }
        ));
    }
}
