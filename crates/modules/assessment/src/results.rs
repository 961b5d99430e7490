//! Results: totals (the sum of the departments' scores), grades (the year's bands; a veto is
//! the lowest grade whatever the points), ranks (ties share a rank, vetoed cities after the
//! others), part subtotals, the province's mean of each indicator, and the notification
//! (通报) as PDF. Before publication only who signs off sees them, provisionally; publication
//! stores the totals, grades and ranks on the evaluations, and from then on the results are read
//! from there.

use std::collections::{BTreeMap, HashMap, HashSet};

use longzhi_domain::ErrorCode;
use longzhi_store::cpu::PerCore;
use longzhi_store::repo::regions;
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter};
use serde::Serialize;

use crate::entity::{evaluation, item, remediation, year};
use crate::years::{self, Grade};
use crate::{evaluations, indicators};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentPartScore)]
pub struct PartScore {
    pub part: String,
    pub score: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentPartPoints)]
pub struct PartPoints {
    pub part: String,
    pub points: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentGradeCount)]
pub struct GradeCount {
    pub grade: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentIndicatorMean)]
pub struct IndicatorMean {
    pub indicator_id: i64,
    pub code: String,
    pub name: String,
    pub part: String,
    pub points: f64,
    pub province_mean: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentResultRow)]
pub struct ResultRow {
    pub evaluation_id: i64,
    pub city_code: String,
    pub city_name: String,
    pub claimed_total: f64,
    pub total: f64,
    pub grade: String,
    pub rank: i32,
    pub veto: bool,
    pub veto_reason: Option<String>,
    pub parts: Vec<PartScore>,
    /// Among the bottom or failing: a remediation task (once published).
    pub remediation: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentResults)]
pub struct Results {
    pub year_id: i64,
    pub year: i32,
    pub title: String,
    pub status: String,
    pub published: bool,
    pub grades: Vec<GradeCount>,
    pub parts: Vec<PartPoints>,
    pub indicators: Vec<IndicatorMean>,
    /// Ranked.
    pub rows: Vec<ResultRow>,
}

/// The grade of `total`: the first band it reaches; a veto is the lowest band.
pub fn grade_of(total: f64, veto: bool, grades: &[Grade]) -> String {
    let band = if veto {
        grades.last()
    } else {
        grades
            .iter()
            .find(|g| total + 1e-9 >= g.min)
            .or(grades.last())
    };
    band.map(|g| g.grade.clone()).unwrap_or_default()
}

/// Whether city `a` (total, veto) ranks before `b`.
fn before(a: (f64, bool), b: (f64, bool)) -> bool {
    (!a.1 && b.1) || (a.1 == b.1 && a.0 > b.0 + 1e-9)
}

/// Competition ranks (1, 2, 2, 4 …) of `cities` (total, veto): vetoed cities after the others.
pub fn ranks(cities: &[(f64, bool)]) -> Vec<i32> {
    cities
        .iter()
        .map(|&a| 1 + cities.iter().filter(|&&b| before(b, a)).count() as i32)
        .collect()
}

/// Which of `cities` remediate: the bottom `bottom` places (ties at the line included) and
/// every city below `fail_below` or vetoed. Each answer is (bottom, failing).
pub fn remediating(cities: &[(f64, bool)], bottom: usize, fail_below: f64) -> Vec<(bool, bool)> {
    cities
        .iter()
        .map(|&a| {
            let worse = cities.iter().filter(|&&b| before(a, b)).count();
            (worse < bottom, a.1 || a.0 + 1e-9 < fail_below)
        })
        .collect()
}

/// The province's mean score of each indicator of year `year_id` over the cities scored.
pub async fn indicator_means<C: ConnectionTrait>(
    db: &C,
    year_id: i64,
) -> Result<HashMap<i64, f64>> {
    let ids: Vec<i64> = unscoped::<evaluation::Entity>("the province's means over every city")
        .filter(evaluation::Column::YearId.eq(year_id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let mut sums: HashMap<i64, (f64, usize)> = HashMap::new();
    for it in evaluations::items_of(db, ids).await? {
        if let Some(s) = it.score {
            let e = sums.entry(it.indicator_id).or_default();
            e.0 += s;
            e.1 += 1;
        }
    }
    Ok(sums
        .into_iter()
        .map(|(k, (s, n))| (k, s / n as f64))
        .collect())
}

/// The results of year `y` computed from the stored scores (totals, grades and ranks as
/// publication would store them).
pub async fn compute<C: ConnectionTrait>(db: &C, y: &year::Model) -> Result<Results> {
    let system = indicators::of_year(db, y.id).await?;
    let evals = unscoped::<evaluation::Entity>("results rank every city of the year")
        .filter(evaluation::Column::YearId.eq(y.id))
        .all(db)
        .await?;
    let items = evaluations::items_of(db, evals.iter().map(|e| e.id)).await?;
    let mut by_eval: HashMap<i64, Vec<&item::Model>> = HashMap::new();
    for it in &items {
        by_eval.entry(it.evaluation_id).or_default().push(it);
    }
    let part_of: HashMap<i64, &str> = system.iter().map(|i| (i.id, i.part.as_str())).collect();
    let mut parts: Vec<PartPoints> = Vec::new();
    for i in &system {
        match parts.iter_mut().find(|p| p.part == i.part) {
            Some(p) => p.points += i.points,
            None => parts.push(PartPoints {
                part: i.part.clone(),
                points: i.points,
            }),
        }
    }
    let names = regions::city_names(db).await?;
    let grades = years::grades(y);
    let mut rows: Vec<ResultRow> = evals
        .iter()
        .map(|e| {
            let mine = by_eval.get(&e.id).map(Vec::as_slice).unwrap_or_default();
            let total: f64 = mine.iter().filter_map(|i| i.score).sum();
            ResultRow {
                evaluation_id: e.id,
                city_code: e.city_code.clone(),
                city_name: names.get(&e.city_code).cloned().unwrap_or_default(),
                claimed_total: mine.iter().filter_map(|i| i.claimed).sum(),
                total,
                grade: grade_of(total, e.veto, &grades),
                rank: 0,
                veto: e.veto,
                veto_reason: e.veto_reason.clone(),
                parts: parts
                    .iter()
                    .map(|p| PartScore {
                        part: p.part.clone(),
                        score: mine
                            .iter()
                            .filter(|i| part_of.get(&i.indicator_id) == Some(&p.part.as_str()))
                            .filter_map(|i| i.score)
                            .sum(),
                    })
                    .collect(),
                remediation: false,
            }
        })
        .collect();
    let keys: Vec<(f64, bool)> = rows.iter().map(|r| (r.total, r.veto)).collect();
    for (r, rank) in rows.iter_mut().zip(ranks(&keys)) {
        r.rank = rank;
    }
    rows.sort_by(|a, b| {
        a.rank
            .cmp(&b.rank)
            .then_with(|| a.city_code.cmp(&b.city_code))
    });
    let means = indicator_means(db, y.id).await?;
    Ok(Results {
        year_id: y.id,
        year: y.year,
        title: y.title.clone(),
        status: y.status.clone(),
        published: y.status == "published",
        grades: count_grades(&grades, &rows),
        parts,
        indicators: system
            .iter()
            .map(|i| IndicatorMean {
                indicator_id: i.id,
                code: i.code.clone(),
                name: i.name.clone(),
                part: i.part.clone(),
                points: i.points,
                province_mean: means.get(&i.id).copied().unwrap_or(0.0),
            })
            .collect(),
        rows,
    })
}

fn count_grades(grades: &[Grade], rows: &[ResultRow]) -> Vec<GradeCount> {
    grades
        .iter()
        .map(|g| GradeCount {
            grade: g.grade.clone(),
            count: rows.iter().filter(|r| r.grade == g.grade).count(),
        })
        .collect()
}

/// The results `p` may see of year `year_id`: once published, as stored at publication, with
/// the remediation flags; before, the province's provisional figures; others
/// `assessment.not_published`.
pub async fn get(db: &DatabaseConnection, p: &Principal, year_id: i64) -> Result<Results> {
    let y = years::load(db, year_id).await?;
    if !years::results_visible(p, &y) {
        return Err(StoreError::Rule(ErrorCode::AssessmentNotPublished));
    }
    let mut r = compute(db, &y).await?;
    if r.published {
        let stored: HashMap<i64, evaluation::Model> =
            unscoped::<evaluation::Entity>("published results are every city's to see")
                .filter(evaluation::Column::YearId.eq(year_id))
                .all(db)
                .await?
                .into_iter()
                .map(|e| (e.id, e))
                .collect();
        let remediating: HashSet<i64> =
            unscoped::<remediation::Entity>("published results flag the cities remediating")
                .filter(remediation::Column::YearId.eq(year_id))
                .filter(remediation::Column::Status.ne("cancelled"))
                .all(db)
                .await?
                .into_iter()
                .map(|m| m.evaluation_id)
                .collect();
        for row in &mut r.rows {
            let e = &stored[&row.evaluation_id];
            row.total = e.total.unwrap_or(row.total);
            row.grade = e.grade.clone().unwrap_or_else(|| row.grade.clone());
            row.rank = e.rank.unwrap_or(row.rank);
            row.remediation = remediating.contains(&row.evaluation_id);
        }
        r.rows.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then_with(|| a.city_code.cmp(&b.city_code))
        });
        r.grades = count_grades(&years::grades(&y), &r.rows);
    }
    Ok(r)
}

/// The notification (通报) of a published year, as PDF.
pub async fn notification(
    db: &DatabaseConnection,
    p: &Principal,
    year_id: i64,
) -> Result<(String, Vec<u8>)> {
    let r = get(db, p, year_id).await?;
    if !r.published {
        return Err(StoreError::Rule(ErrorCode::AssessmentNotPublished));
    }
    let y = years::load(db, year_id).await?;
    let due: BTreeMap<String, String> =
        unscoped::<remediation::Entity>("the notification names every city remediating")
            .filter(remediation::Column::YearId.eq(year_id))
            .filter(remediation::Column::Status.ne("cancelled"))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.city_code, m.due_on.format("%Y年%m月%d日").to_string()))
            .collect();
    let data = serde_json::json!({
        "title": r.title,
        "year": r.year,
        "date": y.published_on.map(|d| d.format("%Y年%m月%d日").to_string()).unwrap_or_default(),
        "parts": r.parts,
        "grades": r.grades,
        "rows": r.rows.iter().map(|row| serde_json::json!({
            "rank": row.rank,
            "city": row.city_name,
            "total": format!("{:.2}", row.total),
            "grade": row.grade,
            "veto": row.veto_reason.clone().filter(|_| row.veto).unwrap_or_default(),
            "due": due.get(&row.city_code).cloned().unwrap_or_default(),
        })).collect::<Vec<_>>(),
    });
    static RENDER: PerCore = PerCore::new();
    let bytes = data.to_string().into_bytes();
    let pdf = RENDER
        .run(move || longzhi_reports::render(NOTIFICATION, &[("/data.json", bytes)]))
        .await
        .map_err(StoreError::Io)?
        .map_err(|e| StoreError::Io(e.to_string()))?;
    Ok((format!("{}-通报.pdf", r.title), pdf))
}

/// Every word comes from `/data.json`, so nothing needs escaping.
const NOTIFICATION: &str = r##"
#let d = json("/data.json")
#set document(title: d.title + "结果通报")
#set page(paper: "a4", margin: (x: 2.4cm, y: 2.2cm), numbering: "1")
#set text(size: 11pt, cjk-latin-spacing: none)
#set par(justify: true, leading: 0.9em)
#align(center)[
  #text(size: 20pt, weight: "bold", fill: rgb("#b22222"))[甘肃省市场监督管理局]
  #v(0.2cm)
  #line(length: 100%, stroke: 1.5pt + rgb("#b22222"))
  #v(0.4cm)
  #text(size: 16pt, weight: "bold")[关于#d.title;结果的通报]
]
#v(0.4cm)
各市州人民政府、兰州新区管委会:

按照质量工作考核办法,省里对各市州 #d.year 年度质量工作进行了考核。考核满分 100 分,
#for p in d.parts [#p.part #p.points 分;]
经各市州自评、省直有关部门评分和审定,现将考核结果通报如下。

#let grades = d.grades.map(g => g.grade + " 级 " + str(g.count) + " 个").join(",")
考核等级分布:#grades。

#table(
  columns: (auto, 1fr, auto, auto, 2fr),
  align: (center, left, right, center, left),
  stroke: 0.5pt,
  table.header([*名次*], [*市州*], [*得分*], [*等级*], [*备注*]),
  ..d.rows.map(r => (
    str(r.rank), r.city, r.total, r.grade,
    if r.veto != "" [一票否决:#r.veto] else if r.due != "" [#r.due 前报送整改报告] else [],
  )).flatten(),
)

排名靠后和考核不合格的市州,要认真分析原因,制定整改措施,在规定期限内向省市场监督管理局报送书面整改报告;省里将对整改情况进行跟踪督促,必要时约谈有关负责同志。

#v(1cm)
#align(right)[
  甘肃省市场监督管理局 \
  #d.date
]
"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> Vec<Grade> {
        years::default_grades()
    }

    #[test]
    fn grades_follow_the_bands_and_a_veto_is_the_lowest() {
        assert_eq!(grade_of(90.0, false, &g()), "A");
        assert_eq!(grade_of(89.99, false, &g()), "B");
        assert_eq!(grade_of(80.0, false, &g()), "B");
        assert_eq!(grade_of(60.0, false, &g()), "C");
        assert_eq!(grade_of(59.5, false, &g()), "D");
        assert_eq!(grade_of(98.0, true, &g()), "D");
    }

    #[test]
    fn ties_share_a_rank_and_vetoed_cities_come_last() {
        let cities = [
            (80.0, false),
            (95.0, true),
            (90.0, false),
            (80.0, false),
            (70.0, false),
        ];
        assert_eq!(ranks(&cities), vec![2, 5, 1, 2, 4]);
    }

    #[test]
    fn the_bottom_places_with_ties_and_every_failing_city_remediate() {
        let cities = [
            (95.0, false),
            (70.0, false),
            (70.0, false),
            (85.0, false),
            (55.0, false),
            (99.0, true),
        ];
        let r = remediating(&cities, 3, 60.0);
        // The vetoed city is last, 55 next, then the two tied at 70: both at the line.
        assert_eq!(
            r,
            vec![
                (false, false),
                (true, false),
                (true, false),
                (false, false),
                (true, true),
                (true, true)
            ]
        );
        assert!(remediating(&cities, 0, 60.0).iter().all(|(b, _)| !b));
    }
}
