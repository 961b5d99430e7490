//! The decision: remedy, articles, periods, usage compensation and reasons (spec §6.13–6.15).

use longzhi_explain::Reason;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::case::Case;
use crate::number::{number, serialize_yuan};
use crate::periods::{Period, Periods};
use crate::rules;
use crate::sources::{ART18, ART18_START, ART19, ART20, ART24, ART27, ART32};
use crate::visits::screen;

/// The consumer's remedy; the order is the strength of the remedy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    None,
    Repair,
    FreeAssemblyReplacement,
    RefundOrReplace,
}

/// The engine's answer for one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub remedy: Remedy,
    /// The articles the remedy rests on (spec §6.14).
    pub articles: Vec<&'static str>,
    /// Art 27 deduction for a refund or replacement under Art 24; null for other remedies.
    #[serde(serialize_with = "serialize_yuan")]
    pub usage_compensation_yuan: Option<Decimal>,
    pub in_sanbao_period: bool,
    pub in_warranty_period: bool,
    pub reasons: Vec<Reason>,
    /// Every article whose condition holds, whether or not the remedy rests on it.
    pub conditions_met: Vec<&'static str>,
    pub periods: Periods,
}

/// The refund/replacement articles, in the order the output lists them.
const REFUND_ARTICLES: [&str; 6] = ["22", "23", "24(1)", "24(2)", "24(3)", "24(4)"];
/// The cap on the maker's n (Art 27).
const RATE_CAP: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

pub fn decide(case: &Case) -> Decision {
    let periods = Periods::of(case);
    let mut reasons = vec![start_reason(case, &periods)];
    let in_sanbao_period = period_status(case, &periods, Status::Sanbao, &mut reasons);
    let in_warranty_period = period_status(case, &periods, Status::Warranty, &mut reasons);

    let screened = screen(case, &periods, &mut reasons);
    let visits = &screened.visits;
    let sanbao: Vec<_> = visits.iter().copied().filter(|v| v.in_sanbao).collect();

    let (art22, r) = rules::art22(visits);
    reasons.push(r);
    let (art23, r) = rules::art23(visits);
    reasons.push(r);
    let (art24_1, r) = rules::art24_1(&sanbao);
    reasons.push(r);
    let (art24_2, rs) = rules::art24_2(&sanbao);
    reasons.extend(rs);
    let (art24_3, rs) = rules::art24_3(&sanbao);
    reasons.extend(rs);
    let (art24_4, rs) = rules::art24_4(&sanbao);
    reasons.extend(rs);
    let (art20, r) = rules::art20(visits);
    reasons.push(r);
    let (art19, r) = rules::art19(visits);
    reasons.push(r);

    let triggered: Vec<&'static str> = REFUND_ARTICLES
        .into_iter()
        .zip([art22, art23, art24_1, art24_2, art24_3, art24_4])
        .filter_map(|(a, met)| met.then_some(a))
        .collect();
    let mut conditions_met = Vec::new();
    conditions_met.extend(art19.then_some("19"));
    conditions_met.extend(art20.then_some("20"));
    conditions_met.extend(triggered.iter().copied());

    let remedy = choose(
        &triggered,
        (art20, art19),
        (in_sanbao_period, in_warranty_period),
        &mut reasons,
    );
    let articles = match remedy {
        Remedy::RefundOrReplace => triggered.clone(),
        Remedy::FreeAssemblyReplacement => vec!["20"],
        Remedy::Repair => vec!["19"],
        Remedy::None if in_warranty_period && screened.consumer_fault_in_warranty > 0 => {
            reasons.push(Reason::new(
                "art32.no_liability",
                true,
                ART32,
                format!(
                    "包修期内的 {} 次修理均系消费者原因，经营者不承担三包责任",
                    screened.consumer_fault_in_warranty
                ),
                format!(
                    "all {} visits inside the warranty period were the consumer's fault: no 三包 liability",
                    screened.consumer_fault_in_warranty
                ),
            ));
            vec!["32"]
        }
        Remedy::None => Vec::new(),
    };
    let usage_compensation_yuan = (remedy == Remedy::RefundOrReplace)
        .then(|| usage_compensation(case, &triggered, &mut reasons));
    Decision {
        remedy,
        articles,
        usage_compensation_yuan,
        in_sanbao_period,
        in_warranty_period,
        reasons,
        conditions_met,
        periods,
    }
}

fn start_reason(case: &Case, p: &Periods) -> Reason {
    let (zh, en) = match case.delivery_date {
        Some(d) => (
            format!(
                "三包有效期和包修期自交付之日 {d} 起算（购车发票日期 {}）",
                case.purchase_date
            ),
            format!(
                "both periods start on the delivery date {d} (invoice date {})",
                case.purchase_date
            ),
        ),
        None => (
            format!(
                "三包有效期和包修期自开具购车发票之日 {} 起算",
                case.purchase_date
            ),
            format!(
                "both periods start on the invoice date {}",
                case.purchase_date
            ),
        ),
    };
    Reason::new("art18.start", true, ART18_START, zh, en)
        .with("start", p.start.to_string())
        .with("basis", p.start_basis)
}

#[derive(Clone, Copy)]
enum Status {
    Sanbao,
    Warranty,
}

/// Whether the evaluation date and odometer are inside a period, with the numbers.
fn period_status(case: &Case, p: &Periods, which: Status, reasons: &mut Vec<Reason>) -> bool {
    let (period, code, zh_name, en_name): (Period, _, _, _) = match which {
        Status::Sanbao => (
            p.sanbao,
            "art18.sanbao_period",
            "三包有效期",
            "sanbao period",
        ),
        Status::Warranty => (
            p.warranty,
            "art18.warranty_period",
            "包修期",
            "warranty period",
        ),
    };
    let (date, km, limit) = (
        case.evaluation_date,
        case.odometer_km.normalize(),
        period.limit_km,
    );
    let date_in = period.date_inside(p.start, date);
    let km_in = period.km_inside(km);
    let inside = date_in && km_in;
    let (cd, ck) = (
        if date_in { "≤" } else { ">" },
        if km_in { "≤" } else { ">" },
    );
    let (vz, ve) = if inside {
        ("在期内", "inside")
    } else {
        ("已届满", "ended")
    };
    let y = period.years;
    reasons.push(
        Reason::new(
            code,
            inside,
            ART18,
            format!(
                "{zh_name}（{y} 年或 {limit} 公里，以先到者为准）至 {}：评估日 {date} {cd} {}，里程 {km} 公里 {ck} {limit}，{vz}",
                period.end, period.end
            ),
            format!(
                "{en_name} ({y} years or {limit} km, whichever first) ends {}: evaluation date {date} {cd} {}, odometer {km} km {ck} {limit}: {ve}",
                period.end, period.end
            ),
        )
        .with("end", period.end.to_string())
        .with("limit_km", limit)
        .with("evaluation_date", date.to_string())
        .with("odometer_km", number(km)),
    );
    inside
}

/// The first remedy that applies, with a reason for every remedy checked on the way.
fn choose(
    triggered: &[&str],
    (art20, art19): (bool, bool),
    (in_sanbao, in_warranty): (bool, bool),
    reasons: &mut Vec<Reason>,
) -> Remedy {
    let list = triggered.join(", ");
    let refund = !triggered.is_empty() && in_sanbao;
    let (zh, en) = match (triggered.is_empty(), in_sanbao) {
        (false, true) => (
            format!(
                "符合第 {list} 条的更换或退货条件，且在三包有效期内提出：消费者可选择换车或退货"
            ),
            format!(
                "the replacement/refund conditions of Art {list} are met within the sanbao period: the consumer may choose a replacement car or a refund"
            ),
        ),
        (false, false) => (
            format!("虽符合第 {list} 条的条件，但评估时三包有效期已届满，不能在期内提出换车或退货"),
            format!(
                "the conditions of Art {list} are met, but the sanbao period has ended at evaluation: no replacement or refund"
            ),
        ),
        (true, _) => (
            "不符合第二十二条至第二十四条的任何更换或退货条件".to_owned(),
            "no replacement/refund condition of Arts 22–24 is met".to_owned(),
        ),
    };
    reasons.push(
        Reason::new("remedy.refund_or_replace", refund, ART24, zh, en)
            .with("articles", triggered.to_vec()),
    );
    if refund {
        return Remedy::RefundOrReplace;
    }

    let assembly = art20 && in_warranty;
    let (zh, en) = match (art20, in_warranty) {
        (true, true) => (
            "符合第二十条：免费更换总成",
            "Art 20 is met inside the warranty period: free replacement of the assembly",
        ),
        (true, false) => (
            "虽符合第二十条，但评估时包修期已届满",
            "Art 20 is met, but the warranty period has ended at evaluation",
        ),
        (false, _) => ("不符合第二十条", "Art 20 is not met"),
    };
    reasons.push(Reason::new(
        "remedy.free_assembly_replacement",
        assembly,
        ART20,
        zh,
        en,
    ));
    if assembly {
        return Remedy::FreeAssemblyReplacement;
    }

    let repair = art19 && in_warranty;
    let (zh, en) = match (art19, in_warranty) {
        (true, true) => (
            "在包修期内：免费修理",
            "inside the warranty period: free repair",
        ),
        (_, false) => (
            "评估时包修期已届满，不再免费修理",
            "the warranty period has ended at evaluation: no free repair",
        ),
        (false, true) => (
            "包修期内无计入的质量问题修理",
            "no counted quality-problem visit inside the warranty period",
        ),
    };
    reasons.push(Reason::new("remedy.repair", repair, ART19, zh, en));
    if repair { Remedy::Repair } else { Remedy::None }
}

/// Art 27 (spec §6.15): free under Art 22/23; else price × km / 1000 × min(n, 0.5 %), rounded
/// half-up to 0.01 yuan.
fn usage_compensation(case: &Case, triggered: &[&str], reasons: &mut Vec<Reason>) -> Decimal {
    let free: Vec<&str> = triggered
        .iter()
        .copied()
        .filter(|a| *a == "22" || *a == "23")
        .collect();
    if !free.is_empty() {
        let list = free.join(", ");
        reasons.push(
            Reason::new(
                "art27.usage_compensation",
                false,
                ART27,
                format!("依第 {list} 条免费更换或退货，不收取使用补偿费：0 元"),
                format!(
                    "replacement or refund under Art {list} is free: usage compensation 0 yuan"
                ),
            )
            .with("usage_compensation_yuan", 0),
        );
        return Decimal::ZERO;
    }
    let n = case.compensation_rate.min(RATE_CAP);
    if case.compensation_rate > RATE_CAP {
        reasons.push(
            Reason::new(
                "art27.rate_cap",
                true,
                ART27,
                format!(
                    "补偿系数 n = {} 超过上限 0.5%，按 0.005 计",
                    case.compensation_rate.normalize()
                ),
                format!(
                    "compensation rate n = {} exceeds the 0.5 % cap: 0.005 is used",
                    case.compensation_rate.normalize()
                ),
            )
            .with("compensation_rate", number(case.compensation_rate))
            .with("cap", 0.005),
        );
    }
    let (price, km) = (case.price_yuan.normalize(), case.odometer_km.normalize());
    let amount = price
        .saturating_mul(km)
        .checked_div(Decimal::from(1000))
        .unwrap_or(Decimal::MAX)
        .saturating_mul(n)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let n = n.normalize();
    reasons.push(
        Reason::new(
            "art27.usage_compensation",
            true,
            ART27,
            format!("使用补偿费 = {price} 元 × {km} 公里 / 1000 × {n} = {amount} 元"),
            format!("usage compensation = {price} yuan × {km} km / 1000 × {n} = {amount} yuan"),
        )
        .with("price_yuan", number(price))
        .with("odometer_km", number(km))
        .with("rate", number(n))
        .with("usage_compensation_yuan", number(amount)),
    );
    amount
}
