//! The public 三包 self-check: a consumer's case in the JSON of `longzhi engine sanbao --input`,
//! answered with exactly the engine's JSON, and the same answer as a printable PDF with the
//! deadlines that apply and what to bring to the seller. Each address may check a few dozen
//! cases an hour (the PDF is typeset on the server).

use chrono::Duration;
use longzhi_domain::{FieldError, Rule};
use longzhi_store::repo::throttle;
use longzhi_store::{DatabaseConnection, Result, StoreError};
use serde_json::{Value, json};

use crate::calendar;
use crate::disputes::{ANSWER_DAYS, COMPLETION_DAYS};

/// Checks an address may make per hour.
const PER_HOUR: i64 = 60;

/// Counts a check of `ip`; past the hour's allowance, `request.rate_limited`.
pub async fn count(db: &DatabaseConnection, ip: &str) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    throttle::count_request(&txn, "sanbao-check", ip, PER_HOUR, Duration::hours(1)).await?;
    txn.commit().await?;
    Ok(())
}

/// The engine's decision on `case`, as the command prints it; an input it rejects is a field
/// error naming the JSON path and the engine's words.
pub fn decide(case: &Value) -> Result<Value> {
    let d = longzhi_sanbao::decide_json(&case.to_string()).map_err(|e| {
        StoreError::from(FieldError::new(e.path, Rule::Format).with("detail", e.message))
    })?;
    serde_json::to_value(d).map_err(|e| StoreError::Io(e.to_string()))
}

/// The seller's Art 28 deadlines for a request received on `received_on`, in the province's
/// working days.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Deadlines {
    pub received_on: chrono::NaiveDate,
    /// The 10th working day after: the seller's answer is due.
    pub answer: chrono::NaiveDate,
    /// The 20th working day after: a replacement or refund is due.
    pub completion: chrono::NaiveDate,
}

pub async fn deadlines(
    db: &DatabaseConnection,
    received_on: chrono::NaiveDate,
) -> Result<Deadlines> {
    let cal = calendar::load(db, received_on).await?;
    Ok(Deadlines {
        received_on,
        answer: cal.add_working_days(received_on, ANSWER_DAYS),
        completion: cal.add_working_days(received_on, COMPLETION_DAYS),
    })
}

/// The PDF of a self-check in `lang` (`zh-CN` or `en`): the case, the decision with every
/// article, the periods, the seller's deadlines from the evaluation date in the province's
/// working days, and what to bring.
pub async fn pdf(db: &DatabaseConnection, case: &Value, english: bool) -> Result<Vec<u8>> {
    let decision = decide(case)?;
    let evaluated: chrono::NaiveDate = serde_json::from_value(case["evaluation_date"].clone())
        .map_err(|e| StoreError::Io(e.to_string()))?;
    let deadlines = deadlines(db, evaluated).await?;
    let data = json!({
        "case": case,
        "decision": decision,
        "deadlines": deadlines,
        "text": texts(english),
        "english": english,
    });
    static RENDER: longzhi_store::cpu::PerCore = longzhi_store::cpu::PerCore::new();
    let bytes = data.to_string().into_bytes();
    RENDER
        .run(move || longzhi_reports::render(TEMPLATE, &[("/data.json", bytes)]))
        .await
        .map_err(StoreError::Io)?
        .map_err(|e| StoreError::Io(e.to_string()))
}

/// The self-check's typst template: every word comes from `/data.json` (the case, the engine's
/// decision and the texts of the language), so that nothing in it needs escaping.
const TEMPLATE: &str = r##"
#let d = json("/data.json")
#let t = d.text
#let dec = d.decision
#let case = d.case
#let zh(r) = if d.english { r.en } else { r.zh }
#set document(title: t.title)
#set page(paper: "a4", margin: (x: 2cm, y: 2cm), footer: context [#set text(size: 8pt, fill: luma(120)); #t.footer #h(1fr) #counter(page).display("1 / 1", both: true)])
#set text(size: 10pt, cjk-latin-spacing: none)
#set par(justify: true, leading: 0.7em)
#set table(stroke: 0.5pt + luma(170), inset: 4pt)
#show table: set text(size: 9pt)

#align(center, text(size: 17pt, weight: "bold", t.title))
#align(center, text(size: 9pt, fill: luma(100), t.subtitle))
#v(0.6em)

#block(fill: if dec.remedy == "refund_or_replace" { rgb("#fdecea") } else if dec.remedy == "none" { luma(240) } else { rgb("#e8f0fe") }, inset: 10pt, radius: 4pt, width: 100%)[
  #text(size: 13pt, weight: "bold", t.remedies.at(dec.remedy))
  #linebreak()
  #t.articles_label: #if dec.articles.len() == 0 [—] else [#dec.articles.map(a => t.article_prefix + a + t.article_suffix).join(t.list_sep)]
  #if dec.usage_compensation_yuan != none [
    #linebreak()
    #t.compensation: #dec.usage_compensation_yuan #t.yuan
  ]
]

== #t.case_title
#table(columns: (1fr, 1fr, 1fr, 1fr),
  [#t.purchase_date], [#case.purchase_date], [#t.delivery_date], [#if "delivery_date" in case and case.delivery_date != none [#case.delivery_date] else [—]],
  [#t.price], [#str(case.price_yuan) #t.yuan], [#t.evaluation_date], [#case.evaluation_date],
  [#t.odometer], [#str(case.odometer_km) km], [#t.rate], [#str(calc.round(case.compensation_rate * 100, digits: 4)) %],
)

#if case.events.len() > 0 [
  #table(columns: (auto, auto, 1fr, 1fr, auto, auto),
    table.header([#t.ev_date], [#t.ev_km], [#t.ev_kind], [#t.ev_system], [#t.ev_fault], [#t.ev_days]),
    ..case.events.map(e => (
      [#e.date], [#str(e.odometer_km)], [#t.kinds.at(e.kind)#if e.at("consumer_fault", default: false) [ (#t.consumer_fault)]],
      [#t.systems.at(e.system)#if e.at("part", default: none) != none [ · #e.part]],
      [#e.fault_id#if e.at("serious_safety", default: false) [ · #t.serious]], [#str(e.repair_days)],
    )).flatten()
  )
]

== #t.periods_title
#table(columns: (1fr, 1fr, 1fr, 1fr),
  table.header([], [#t.period_end], [#t.period_km], [#t.period_status]),
  [#t.sanbao_period], [#dec.periods.sanbao.end], [#dec.periods.sanbao.limit_km], [#if dec.in_sanbao_period [#t.inside] else [#t.outside]],
  [#t.warranty_period], [#dec.periods.warranty.end], [#dec.periods.warranty.limit_km], [#if dec.in_warranty_period [#t.inside] else [#t.outside]],
)

== #t.reasons_title
#for r in dec.reasons [
  #block(below: 0.7em)[
    #text(weight: "bold", fill: if r.met { rgb("#b42318") } else { luma(90) })[#if r.met [● ] else [○ ]#zh(r.source)]
    #linebreak()
    #zh(r)
  ]
]

== #t.deadlines_title
- #t.answer_deadline #d.deadlines.answer
- #t.completion_deadline #d.deadlines.completion
- #t.sanbao_deadline #dec.periods.sanbao.end

== #t.bring_title
#for b in t.bring [- #b]

#v(1em)
#text(size: 8.5pt, fill: luma(100), t.disclaimer)
"##;

/// The PDF's words in one language.
fn texts(english: bool) -> Value {
    let (zh, en) = (!english, english);
    let pick = |z: &'static str, e: &'static str| if zh { z } else { e };
    let dict = |items: &[(&str, &'static str, &'static str)]| -> Value {
        items
            .iter()
            .map(|(k, z, e)| ((*k).to_owned(), Value::from(pick(z, e))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let dict_of = |name: &str| -> Value {
        crate::dicts::DICTS
            .iter()
            .find(|d| d.0 == name)
            .map(|d| dict(d.3))
            .unwrap_or(Value::Null)
    };
    let _ = en;
    json!({
        "title": pick("家用汽车三包自助判定结果", "Household-car 三包 self-check"),
        "subtitle": pick(
            "依据《家用汽车产品修理更换退货责任规定》(国家市场监督管理总局令第43号)",
            "Under SAMR Order No. 43 (household car repair, replacement and return)"),
        "footer": pick("陇质 · 三包自助判定(仅供参考)", "Longzhi · 三包 self-check (for guidance only)"),
        "remedies": {
            "refund_or_replace": pick("可要求更换或退货", "You may ask for a replacement car or a refund"),
            "free_assembly_replacement": pick("可要求免费更换总成", "You may ask for the assembly to be replaced free of charge"),
            "repair": pick("可要求免费修理", "You may ask for a free repair"),
            "none": pick("目前不符合三包条件", "No 三包 remedy applies yet"),
        },
        "articles_label": pick("依据条款", "Articles"),
        "article_prefix": pick("第", "Art "),
        "article_suffix": pick("条", ""),
        "list_sep": pick("、", ", "),
        "compensation": pick("使用补偿费(第二十七条)", "Usage compensation (Art 27)"),
        "yuan": pick("元", "yuan"),
        "case_title": pick("车辆与购车信息", "The car and its purchase"),
        "purchase_date": pick("购车发票日期", "Invoice date"),
        "delivery_date": pick("交付日期", "Delivery date"),
        "price": pick("车价款", "Price"),
        "evaluation_date": pick("提出要求日期", "Date of the request"),
        "odometer": pick("行驶里程", "Mileage"),
        "rate": pick("使用补偿系数 n", "Compensation rate n"),
        "ev_date": pick("修理日期", "Date"),
        "ev_km": pick("里程(km)", "km"),
        "ev_kind": pick("维修类型", "Work done"),
        "ev_system": pick("系统 · 主要零部件", "System · main part"),
        "ev_fault": pick("故障", "Problem"),
        "ev_days": pick("修理天数", "Days"),
        "consumer_fault": pick("消费者原因", "consumer's fault"),
        "serious": pick("严重安全性能故障", "serious safety fault"),
        "kinds": dict_of(crate::dicts::KIND),
        "systems": dict_of(crate::dicts::SYSTEM),
        "periods_title": pick("三包有效期与包修期", "The 三包 and warranty periods"),
        "period_end": pick("截止日期", "Ends on"),
        "period_km": pick("里程上限(km)", "Up to (km)"),
        "period_status": pick("提出要求时", "At the request"),
        "sanbao_period": pick("三包有效期", "三包 period"),
        "warranty_period": pick("包修期", "Warranty period"),
        "inside": pick("在期内", "inside"),
        "outside": pick("已超出", "over"),
        "reasons_title": pick("逐条判定(● 条件满足 ○ 条件不满足)", "Article by article (● met ○ not met)"),
        "deadlines_title": pick("时限", "Deadlines"),
        "answer_deadline": pick(
            "销售者应在收到更换、退货要求之日起10个工作日内作出答复,即不晚于",
            "The seller must answer a replacement or refund request within 10 working days: by"),
        "completion_deadline": pick(
            "符合条件的,应在20个工作日内完成更换或退货,即不晚于",
            "If the conditions are met, the replacement or refund is due within 20 working days: by"),
        "sanbao_deadline": pick(
            "更换、退货要求须在三包有效期内提出,三包有效期截止于",
            "A replacement or refund must be requested inside the 三包 period, which ends on"),
        "bring_title": pick("向销售者提出要求时请携带", "Bring to the seller"),
        "bring": if zh {
            json!(["购车发票", "三包凭证", "历次维修记录(维修结算单、派工单)", "本人身份证件", "机动车行驶证", "本判定结果"])
        } else {
            json!(["The purchase invoice", "The 三包 certificate (三包凭证)", "Every repair record (invoices, work orders)", "Your identity document", "The vehicle licence", "This self-check"])
        },
        "disclaimer": pick(
            "本结果由陇质三包规则引擎依据您填写的信息自动生成,仅供参考,不构成法律意见;争议可向当地市场监督管理部门申请调解,或申请仲裁、提起诉讼。",
            "Computed by Longzhi's 三包 rules engine from what you entered; for guidance only, not legal advice. A dispute may be taken to the local market-regulation bureau for mediation, or to arbitration or court."),
    })
}
