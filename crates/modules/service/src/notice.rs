//! The notification of a round's results (服务质量监测结果通报): published to the cities with
//! the round, typeset from the stored results (so it is the same document whenever it is
//! downloaded): the province's index, the ranking of the cities with their intervals and
//! changes, the services from best to worst, and the drivers to improve first (high importance,
//! below-average performance).

use chrono::Utc;
use longzhi_store::cpu::PerCore;
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::orgs;
use longzhi_store::scope::Principal;
use longzhi_store::{DatabaseConnection, Result, StoreError};
use sea_orm::Set;
use serde_json::json;

use crate::entity::round;
use crate::results::{self, Results};
use crate::rounds::{self, RoundView, VersionInput};

/// Publishes a computed, closed round: the cities see every figure and are told so.
pub async fn publish(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<RoundView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    if rounds::load(&txn, id).await?.results.is_none() {
        return Err(StoreError::Rule(
            longzhi_domain::ErrorCode::ServiceNotComputed,
        ));
    }
    let extra = round::ActiveModel {
        published_at: Set(Some(Utc::now())),
        ..Default::default()
    };
    let after = rounds::step(
        &txn,
        p,
        id,
        v.version,
        ("closed", "published", "publish"),
        extra,
    )
    .await?;
    let bureaus: Vec<i64> = orgs::city_bureaus(&txn)
        .await?
        .into_iter()
        .map(|(_, o)| o.id)
        .collect();
    let notice = Notice {
        kind: "service_published",
        title: format!("{}服务质量监测结果已通报", after.name),
        body: format!(
            "{}的满意度指数及排名已发布,请查看本地区结果并落实整改。",
            after.name
        ),
        link: format!("/service/rounds/{id}/results"),
    };
    notices::to_orgs(&txn, &bureaus, &notice).await?;
    txn.commit().await?;
    Ok(after)
}

/// The notification PDF of results `r` (the province's view of them).
pub async fn pdf(r: &Results) -> Result<Vec<u8>> {
    let improve: Vec<&results::IpaPoint> = {
        let n = r.ipa.len().max(1) as f64;
        let mean_i = r.ipa.iter().map(|x| x.importance).sum::<f64>() / n;
        let mean_p = r.ipa.iter().map(|x| x.performance).sum::<f64>() / n;
        r.ipa
            .iter()
            .filter(|x| x.importance >= mean_i && x.performance < mean_p)
            .collect()
    };
    let round_pdf_date = r.round.published_at.unwrap_or_else(Utc::now);
    let data = json!({
        "title": format!("{}服务质量监测结果通报", r.round.name),
        "date": longzhi_store::local_date(round_pdf_date).format("%Y年%m月%d日").to_string(),
        "draft": r.round.published_at.is_none(),
        "survey": r.round.survey_name,
        "n": r.n,
        "overall": r.overall,
        "regions": r.regions,
        "services": r.services,
        "fields": r.fields,
        "improve": improve,
        "previous": r.previous.as_ref().map(|p| p.name.clone()),
        "target": r.target_name,
    });
    static RENDER: PerCore = PerCore::new();
    let bytes = data.to_string().into_bytes();
    RENDER
        .run(move || longzhi_reports::render(TEMPLATE, &[("/data.json", bytes)]))
        .await
        .map_err(StoreError::Io)?
        .map_err(|e| StoreError::Io(e.to_string()))
}

/// Every word comes from `/data.json`, so nothing needs escaping.
const TEMPLATE: &str = r##"
#let d = json("/data.json")
#let f(x) = if x == none { "—" } else { str(calc.round(x, digits: 1)) }
#let ci(r) = if r.ci_lo == none { "—" } else { f(r.ci_lo) + "–" + f(r.ci_hi) }
#let chg(x) = if x == none { "—" } else if x >= 0 { "+" + f(x) } else { f(x) }
#set document(title: d.title)
#set page(paper: "a4", margin: (x: 2.2cm, y: 2cm), footer: context [#set text(size: 8pt, fill: luma(120)); 甘肃省市场监督管理局 #h(1fr) #counter(page).display("1 / 1", both: true)])
#set text(size: 10.5pt, cjk-latin-spacing: none)
#set par(justify: true, leading: 0.8em, first-line-indent: (amount: 2em, all: true))
#set table(stroke: 0.5pt + luma(170), inset: 4pt)
#show table: set text(size: 9pt)
#show table: set par(first-line-indent: 0em)

#if d.draft [#align(right, text(fill: red, size: 9pt)[预览稿 · 未发布])]
#align(center, text(size: 18pt, weight: "bold", fill: rgb("#b22222"), d.title))
#align(center, text(size: 9pt, fill: luma(100))[#d.date])
#v(0.8em)

各市州市场监管局:

按照全省质量工作要点关于开展公共服务和生活服务质量监测的部署,省局组织开展了#d.survey 调查,共获得有效样本 #d.n 份,采用偏最小二乘结构方程模型(PLS-SEM)测算#d.target 指数。现将结果通报如下。

== 一、总体情况
#if d.overall != none [全省#d.target 指数为 *#f(d.overall.index)*(95% 置信区间 #ci(d.overall))。] #if d.previous != none [与#d.previous 相比的变化见下表。]

== 二、各市州排名
#table(columns: (auto, 1fr, auto, auto, auto, auto), align: (center, left, right, right, center, right),
  [*排名*], [*市州*], [*样本*], [*指数*], [*95% 区间*], [*较上轮*],
  ..d.regions.map(r => (str(r.rank), r.name, str(r.n), f(r.index), ci(r), chg(r.change))).flatten()
)

== 三、各行业情况
#table(columns: (auto, 1fr, auto, auto, auto), align: (center, left, right, right, center),
  [*排名*], [*行业*], [*样本*], [*指数*], [*95% 区间*],
  ..d.services.map(r => (str(r.rank), r.name, str(r.n), f(r.index), ci(r))).flatten()
)

== 四、需优先改进的方面
#if d.improve.len() == 0 [各驱动因素表现均不低于平均水平。] else [以下因素对#d.target 影响较大而表现低于平均水平,应作为整改重点:#d.improve.map(x => x.name + "(影响 " + f(x.importance * 100) + "%,表现 " + f(x.performance) + ")").join(";")。]

== 五、工作要求
请各市州对照本通报,针对排名靠后的行业和需优先改进的方面,制定整改措施,明确责任部门和完成时限,按期在系统中报送整改材料。省局将对整改情况进行跟踪评估。
"##;
