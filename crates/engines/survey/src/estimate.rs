//! Domain estimates of totals, means and proportions, with their linearised variances.

use std::ops::Range;

use crate::design::Design;
use crate::variance::{LonelyPsu, taylor_variance};

/// Domain code of a record that belongs to no domain (for example one whose value is missing):
/// it contributes zero to every domain but its PSU stays in the design.
pub const OUTSIDE: u32 = u32::MAX;

/// Two-sided 95% standard normal quantile, Φ⁻¹(0.975).
pub const Z_95: f64 = 1.959_963_984_540_054;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Statistic {
    /// Σ w·y over the domain.
    #[default]
    Total,
    /// The ratio Σ w·y / Σ w over the domain.
    Mean,
    /// A mean of a 0/1 value.
    Proportion,
}

/// Why a value cannot be used for `statistic`, or `None` when it can.
pub fn value_problem(y: f64, statistic: Statistic) -> Option<&'static str> {
    if !y.is_finite() {
        Some("value is not a finite number")
    } else if statistic == Statistic::Proportion && y != 0.0 && y != 1.0 {
        Some("a proportion needs a 0/1 value")
    } else {
        None
    }
}

/// One domain's estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DomainEstimate {
    /// Records in the domain.
    pub n: u64,
    /// Estimated number of population units in the domain, Σ w.
    pub size: f64,
    /// The estimate; NaN for a mean over a domain whose weights are all zero.
    pub estimate: f64,
    pub variance: f64,
}

impl DomainEstimate {
    pub fn se(&self) -> f64 {
        self.variance.sqrt()
    }

    /// Coefficient of variation SE / |estimate|; `None` when the estimate is 0 or undefined.
    pub fn cv(&self) -> Option<f64> {
        (self.estimate.is_finite() && self.estimate != 0.0).then(|| self.se() / self.estimate.abs())
    }

    /// The 95% normal interval estimate ∓ 1.96·SE.
    pub fn ci95(&self) -> (f64, f64) {
        let half = Z_95 * self.se();
        (self.estimate - half, self.estimate + half)
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EstimateError {
    #[error("{what} has {got} records, the design has {expected}")]
    LengthMismatch {
        what: &'static str,
        got: usize,
        expected: usize,
    },
    #[error("record {record}: domain code {code} is not below the number of domains {n_domains}")]
    DomainOutOfRange {
        record: usize,
        code: u32,
        n_domains: usize,
    },
    #[error("record {record}: {problem}")]
    BadValue {
        record: usize,
        problem: &'static str,
    },
    #[error("strata {strata:?} have a single PSU")]
    LonelyStrata { strata: Vec<u32> },
    #[error("every stratum has a single PSU: there is no variance to scale")]
    NoStratumToScale,
}

/// What to estimate: the domains (a code per record, [`OUTSIDE`] for none), the value per record
/// (1 for every record when absent), the statistic and the lonely-PSU rule.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub domains: &'a [u32],
    pub n_domains: usize,
    pub values: Option<&'a [f64]>,
    pub statistic: Statistic,
    pub lonely: LonelyPsu,
}

/// Estimates `request.statistic` for every domain, indexed by domain code. Domain estimation keeps
/// the full design: a record outside the domain scores zero but its PSU still counts in n_h.
pub fn estimate(design: &Design, request: &Request) -> Result<Vec<DomainEstimate>, EstimateError> {
    check(design, request)?;
    // Domains are taken in blocks whose (domain, PSU) cells fit in a bounded buffer, so that
    // many fine domains cost passes over the records rather than memory.
    Ok(estimate_in_blocks(
        design,
        request,
        (MAX_CELLS / design.n_psus()).max(1),
    ))
}

fn estimate_in_blocks(design: &Design, request: &Request, block: usize) -> Vec<DomainEstimate> {
    let n = request.n_domains;
    (0..n)
        .step_by(block)
        .flat_map(|first| estimate_block(design, request, first..(first + block).min(n)))
        .collect()
}

/// Upper bound on the (domain, PSU) cells accumulated at once: two f64 each, 64 MiB in all.
const MAX_CELLS: usize = 1 << 22;

fn estimate_block(
    design: &Design,
    request: &Request,
    domains: Range<usize>,
) -> Vec<DomainEstimate> {
    let n_psus = design.n_psus();
    let width = domains.len();

    // One pass over the records: Σ w·y and Σ w for every (domain, PSU) cell of the block.
    let mut sum_wy = vec![0.0; width * n_psus];
    let mut sum_w = vec![0.0; width * n_psus];
    let mut counts = vec![0u64; width];
    let records = request
        .domains
        .iter()
        .zip(design.psu_of())
        .zip(design.weights());
    for (i, ((&d, &p), &w)) in records.enumerate() {
        if d == OUTSIDE || !domains.contains(&(d as usize)) {
            continue;
        }
        let k = d as usize - domains.start;
        let y = request.values.map_or(1.0, |v| v[i]);
        let cell = k * n_psus + p as usize;
        sum_wy[cell] += w * y;
        sum_w[cell] += w;
        counts[k] += 1;
    }

    // Per domain: the estimate, then the linearised score total of each PSU and its variance.
    let mut z = vec![0.0; n_psus];
    (0..width)
        .map(|k| {
            let wy = &sum_wy[k * n_psus..(k + 1) * n_psus];
            let w = &sum_w[k * n_psus..(k + 1) * n_psus];
            let total: f64 = wy.iter().sum();
            let size: f64 = w.iter().sum();
            let estimate = match request.statistic {
                Statistic::Total => {
                    z.copy_from_slice(wy);
                    total
                }
                Statistic::Mean | Statistic::Proportion => {
                    // Ratio R = Y/N linearised: z_i = w_i (y_i − R) / N.
                    let ratio = total / size;
                    for ((zj, &wyj), &wj) in z.iter_mut().zip(wy).zip(w) {
                        *zj = (wyj - ratio * wj) / size;
                    }
                    ratio
                }
            };
            let variance = if estimate.is_finite() {
                taylor_variance(&z, design, request.lonely)
            } else {
                f64::NAN
            };
            DomainEstimate {
                n: counts[k],
                size,
                estimate,
                variance,
            }
        })
        .collect()
}

fn check(design: &Design, request: &Request) -> Result<(), EstimateError> {
    let expected = design.n_records();
    let lengths = [
        Some(("the domain column", request.domains.len())),
        request.values.map(|v| ("the value column", v.len())),
    ];
    for (what, got) in lengths.into_iter().flatten() {
        if got != expected {
            return Err(EstimateError::LengthMismatch {
                what,
                got,
                expected,
            });
        }
    }
    let n_domains = request.n_domains;
    if let Some((record, &code)) = request
        .domains
        .iter()
        .enumerate()
        .find(|&(_, &d)| d != OUTSIDE && d as usize >= n_domains)
    {
        return Err(EstimateError::DomainOutOfRange {
            record,
            code,
            n_domains,
        });
    }
    if let Some(values) = request.values {
        let mut inside = values
            .iter()
            .zip(request.domains)
            .enumerate()
            .filter(|&(_, (_, &d))| d != OUTSIDE);
        if let Some((record, problem)) =
            inside.find_map(|(i, (&y, _))| value_problem(y, request.statistic).map(|p| (i, p)))
        {
            return Err(EstimateError::BadValue { record, problem });
        }
    }
    let lonely = design.lonely_strata();
    match request.lonely {
        LonelyPsu::Fail if !lonely.is_empty() => {
            Err(EstimateError::LonelyStrata { strata: lonely })
        }
        LonelyPsu::Scale if lonely.len() == design.n_strata() => {
            Err(EstimateError::NoStratumToScale)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_domains_give_the_same_estimates() {
        let n = 200;
        let strata: Vec<u32> = (0..n).map(|i| i % 3).collect();
        let psus: Vec<u32> = (0..n).map(|i| (i * 7) % 4).collect();
        let weights: Vec<f64> = (0..n).map(|i| 1.0 + f64::from(i % 13)).collect();
        let values: Vec<f64> = (0..n).map(|i| f64::from((i * 31) % 17) - 5.0).collect();
        let domains: Vec<u32> = (0..n)
            .map(|i| if i % 11 == 0 { OUTSIDE } else { (i * 5) % 9 })
            .collect();
        let design = Design::new(weights, &strata, &psus).unwrap();
        for statistic in [Statistic::Total, Statistic::Mean] {
            let request = Request {
                domains: &domains,
                n_domains: 9,
                values: Some(&values),
                statistic,
                lonely: LonelyPsu::Fail,
            };
            let whole = estimate(&design, &request).unwrap();
            for block in [1, 2, 4] {
                assert_eq!(estimate_in_blocks(&design, &request, block), whole);
            }
        }
    }
}
