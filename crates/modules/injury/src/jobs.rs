//! The weekly signal run: once per ISO week across servers (lease `injury-signals:<week>`), the
//! year of reports up to yesterday is analysed and new signals go into the register, with a
//! notice to the province's product-safety and recall staff.

use chrono::{Datelike, NaiveDate};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::orgs;
use longzhi_store::{DatabaseConnection, Result};

use crate::signals;

/// The departments told of new signals (codes `<province>-<suffix>`).
const RESPONSIBLE: [&str; 2] = ["product-safety", "recall"];

pub async fn run_weekly(
    db: &DatabaseConnection,
    holder: &str,
    day: NaiveDate,
) -> Result<Option<usize>> {
    let week = day.iso_week();
    let lease = format!("injury-signals:{}-W{:02}", week.year(), week.week());
    let now = chrono::Utc::now();
    if !longzhi_store::lease::try_acquire(db, &lease, holder, now, chrono::Duration::days(8))
        .await?
    {
        return Ok(None);
    }
    let fresh = signals::refresh_register(db, day).await?;
    if !fresh.is_empty() {
        let province = longzhi_store::repo::regions::province(db).await?.code;
        let mut org_ids = Vec::new();
        for suffix in RESPONSIBLE {
            if let Ok(o) = orgs::by_code(db, &format!("{province}-{suffix}")).await {
                org_ids.push(o.id);
            }
        }
        let list: Vec<String> = fresh
            .iter()
            .take(10)
            .map(|s| {
                format!(
                    "{} × {} (n={}, EB05={:.2})",
                    s.row_label, s.hazard, s.n, s.eb05
                )
            })
            .collect();
        let notice = Notice {
            kind: "injury_signal",
            title: format!(
                "发现 {} 个新的缺陷信号 / {} new defect signals",
                fresh.len(),
                fresh.len()
            ),
            body: list.join("\n"),
            link: "/injury/register".into(),
        };
        notices::to_orgs(db, &org_ids, &notice).await?;
    }
    Ok(Some(fresh.len()))
}
