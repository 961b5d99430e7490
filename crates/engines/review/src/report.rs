//! Every statistic of one stage's totals, shaped as the CLI's JSON.

use serde::Serialize;

use crate::agreement::{Agreement, agreement};
use crate::describe::{Summary, summarise};
use crate::outliers::{Z_CUT_OFF, deviations};
use crate::rank::ranks_descending;
use crate::scores::Totals;
use crate::sensitivity::leave_one_reviewer_out;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationResult {
    pub application: String,
    pub n_reviewers: usize,
    pub total_mean: f64,
    pub total_median: f64,
    pub total_trimmed: f64,
    /// Sample standard deviation of the totals; null for one reviewer.
    pub total_sd: Option<f64>,
    pub total_min: f64,
    pub total_max: f64,
    /// By `total_trimmed` descending; 1 = best, ties share the smallest rank.
    pub rank: usize,
    /// Best and worst rank when any one reviewer is left out.
    pub rank_loo_best: usize,
    pub rank_loo_worst: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewerResult {
    pub reviewer: String,
    pub n_applications: usize,
    /// Mean of (total − the application's median total) over the applications scored.
    pub d: f64,
    pub z: Option<f64>,
    /// Leaving this reviewer out: applications that leave the ranking, the largest rank change,
    /// how many ranks change, and Spearman's ρ with the full ranking.
    pub loo_dropped_applications: usize,
    pub loo_max_rank_change: usize,
    pub loo_rank_changes: usize,
    pub loo_spearman: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlierReviewer {
    pub reviewer: String,
    pub d: f64,
    pub z: f64,
}

/// The whole analysis; `applications` are in rank order (ties by input order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub applications: Vec<ApplicationResult>,
    pub agreement: Agreement,
    /// Reviewers with |z| > 3.5.
    pub outlier_reviewers: Vec<OutlierReviewer>,
    pub reviewers: Vec<ReviewerResult>,
}

/// Computes every statistic of the totals (each application has at least one total).
pub fn analyse(t: &Totals) -> Report {
    let mut buffer = Vec::with_capacity(t.n_reviewers());
    let summaries: Vec<Summary> = (0..t.n_applications())
        .filter_map(|a| {
            buffer.clear();
            buffer.extend(t.row(a).iter().flatten());
            summarise(&mut buffer)
        })
        .collect();
    let trimmed: Vec<f64> = summaries.iter().map(|s| s.trimmed).collect();
    let medians: Vec<f64> = summaries.iter().map(|s| s.median).collect();
    let ranks = ranks_descending(&trimmed);
    let loo = leave_one_reviewer_out(t, &trimmed, &ranks);

    let mut applications: Vec<ApplicationResult> = summaries
        .iter()
        .enumerate()
        .map(|(a, s)| ApplicationResult {
            application: t.applications[a].clone(),
            n_reviewers: s.n,
            total_mean: s.mean,
            total_median: s.median,
            total_trimmed: s.trimmed,
            total_sd: s.sd,
            total_min: s.min,
            total_max: s.max,
            rank: ranks[a],
            rank_loo_best: loo.rank_best[a],
            rank_loo_worst: loo.rank_worst[a],
        })
        .collect();
    applications.sort_by_key(|r| r.rank);

    let reviewers: Vec<ReviewerResult> = deviations(t, &medians)
        .into_iter()
        .zip(&loo.by_reviewer)
        .enumerate()
        .map(|(r, (dev, inf))| ReviewerResult {
            reviewer: t.reviewers[r].clone(),
            n_applications: dev.n_applications,
            d: dev.d,
            z: dev.z,
            loo_dropped_applications: inf.dropped_applications,
            loo_max_rank_change: inf.max_rank_change,
            loo_rank_changes: inf.n_rank_changes,
            loo_spearman: inf.spearman,
        })
        .collect();
    let outlier_reviewers = reviewers
        .iter()
        .filter_map(|r| match r.z {
            Some(z) if z.abs() > Z_CUT_OFF => Some(OutlierReviewer {
                reviewer: r.reviewer.clone(),
                d: r.d,
                z,
            }),
            _ => None,
        })
        .collect();
    Report {
        applications,
        agreement: agreement(t),
        outlier_reviewers,
        reviewers,
    }
}
