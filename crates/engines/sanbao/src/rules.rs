//! The articles' conditions, each checked with a reason whether met or not (spec §6.7–6.12).

use std::collections::HashMap;
use std::hash::Hash;

use longzhi_explain::{Reason, Source};
use rust_decimal::Decimal;

use crate::case::{Event, Kind, System};
use crate::number::{number, times};
use crate::sources::{ART19, ART20, ART22, ART23, ART24_1, ART24_2, ART24_3, ART24_4};
use crate::visits::Visit;

/// `event` as "part replacement of the engine (main part crankshaft)", zh and en.
fn what(e: &Event) -> (String, String) {
    let (pz, pe) = e
        .part
        .as_deref()
        .map(|p| (format!("（主要零部件：{p}）"), format!(" (main part {p})")))
        .unwrap_or_default();
    (
        format!("{}{}{pz}", e.system.zh(), e.kind.zh()),
        format!("{} of the {}{pe}", e.kind.en(), e.system.en()),
    )
}

fn cmp<T: PartialOrd>(a: T, limit: T) -> &'static str {
    if a <= limit { "≤" } else { ">" }
}

/// A rule met by the first visit with the right substance inside its window; if none, the reason
/// names the first visit with the right substance that fell outside the window, if any.
struct Windowed {
    code: &'static str,
    source: Source,
    /// The window, e.g. "within 7 days", [zh, en].
    window: [&'static str; 2],
    /// Stated when no visit has the substance, [zh, en].
    nothing: [&'static str; 2],
}

impl Windowed {
    fn check<'a>(
        &self,
        visits: &[Visit<'a>],
        substance: impl Fn(&Event) -> bool,
        inside: impl Fn(&Visit<'a>) -> bool,
        numbers: impl Fn(&Visit<'a>) -> [String; 2],
    ) -> (bool, Reason) {
        let mut candidates = visits.iter().filter(|v| substance(v.event));
        let hit = candidates.clone().find(|v| inside(v));
        let Some(v) = hit.or_else(|| candidates.next()) else {
            let [zh, en] = self.nothing;
            return (false, Reason::new(self.code, false, self.source, zh, en));
        };
        let met = hit.is_some();
        let ((at_zh, at_en), (w_zh, w_en), [n_zh, n_en]) = (v.at(), what(v.event), numbers(v));
        let [win_zh, win_en] = self.window;
        let (zh, en) = if met {
            (
                format!("{at_zh}：{w_zh}，{win_zh}（{n_zh}）"),
                format!("{at_en}: {w_en} {win_en} ({n_en})"),
            )
        } else {
            (
                format!("{at_zh}：{w_zh}，但不{win_zh}（{n_zh}）"),
                format!("{at_en}: {w_en}, but not {win_en} ({n_en})"),
            )
        };
        let reason = Reason::new(self.code, met, self.source, zh, en)
            .with("event", v.index)
            .with("day", v.day)
            .with("odometer_km", number(v.event.odometer_km));
        (met, reason)
    }
}

/// Day and distance against 60 days / 3,000 km.
fn early_numbers(v: &Visit) -> [String; 2] {
    let km = v.event.odometer_km.normalize();
    let (cd, ck) = (cmp(v.day, 60), cmp(km, Decimal::from(3_000)));
    [
        format!("第 {} 日 {cd} 60，{km} 公里 {ck} 3000", v.day),
        format!("day {} {cd} 60, {km} km {ck} 3000", v.day),
    ]
}

/// Art 22: within 7 days, an assembly or one of its main parts needs replacing.
pub fn art22(visits: &[Visit]) -> (bool, Reason) {
    Windowed {
        code: "art22.replacement_within_7_days",
        source: ART22,
        window: ["在 7 日内", "within 7 days"],
        nothing: [
            "无需更换发动机、变速器、动力蓄电池、行驶驱动电机或其主要零部件的记录",
            "no replacement of an engine, gearbox, traction battery, drive motor or one of their main parts",
        ],
    }
    .check(
        visits,
        |e| {
            e.system.is_assembly()
                && (e.kind == Kind::ReplaceAssembly || (e.kind == Kind::ReplacePart && e.part.is_some()))
        },
        |v| v.day <= 7,
        |v| {
            let c = cmp(v.day, 7);
            [format!("第 {} 日 {c} 7", v.day), format!("day {} {c} 7", v.day)]
        },
    )
}

/// Art 20: within 60 days and 3,000 km, a main part of an assembly has a quality problem.
pub fn art20(visits: &[Visit<'_>]) -> (bool, Reason) {
    Windowed {
        code: "art20.main_part_within_60_days",
        source: ART20,
        window: ["在 60 日且 3000 公里内", "within 60 days and 3,000 km"],
        nothing: [
            "无发动机、变速器、动力蓄电池、行驶驱动电机主要零部件的质量问题记录",
            "no quality problem of a main part of the engine, gearbox, traction battery or drive motor",
        ],
    }
    .check(visits, |e| e.system.is_assembly() && e.part.is_some(), Visit::early, early_numbers)
}

/// Art 23: within 60 days and 3,000 km, steering or brake failure, body crack, fuel leak or
/// traction-battery fire.
pub fn art23(visits: &[Visit<'_>]) -> (bool, Reason) {
    Windowed {
        code: "art23.major_failure_within_60_days",
        source: ART23,
        window: ["在 60 日且 3000 公里内", "within 60 days and 3,000 km"],
        nothing: [
            "无转向系统失效、制动系统失效、车身开裂、燃油泄漏或动力蓄电池起火的记录",
            "no steering or brake failure, body cracking, fuel leak or traction-battery fire",
        ],
    }
    .check(
        visits,
        |e| e.fault_kind.is_some_and(|k| k.is_art23()),
        Visit::early,
        |v| {
            let [z, e] = early_numbers(v);
            let k = v.event.fault_kind.map_or(("", ""), |k| (k.zh(), k.en()));
            [format!("{}，{z}", k.0), format!("{}, {e}", k.1)]
        },
    )
}

fn indices(v: &[usize]) -> String {
    v.iter()
        .map(|i| format!("events[{i}]"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Art 24(1): the third counted visit for a serious safety fault (two repairs did not cure it,
/// or a new one appeared).
pub fn art24_1(sanbao: &[Visit]) -> (bool, Reason) {
    let serious: Vec<usize> = sanbao
        .iter()
        .filter(|v| v.event.serious_safety)
        .map(|v| v.index)
        .collect();
    let n = serious.len();
    let met = n >= 3;
    let (zh, en) = if met {
        (
            format!(
                "三包有效期内严重安全性能故障修理 {n} 次 ≥ 3（{}）：累计修理 2 次后仍未排除或出现新的严重安全性能故障",
                indices(&serious)
            ),
            format!(
                "serious safety fault visits in the sanbao period: {n} ≥ 3 ({}): after 2 repairs the fault remained or a new one appeared",
                indices(&serious)
            ),
        )
    } else {
        (
            format!("三包有效期内严重安全性能故障修理 {n} 次 < 3"),
            format!("serious safety fault visits in the sanbao period: {n} < 3"),
        )
    };
    let r = Reason::new("art24_1.serious_safety", met, ART24_1, zh, en)
        .with("count", n)
        .with("threshold", 3)
        .with("events", serious);
    (met, r)
}

/// Replacements of one thing, and the first later visit on it once replaced twice.
struct Tally<K> {
    key: K,
    replaced: Vec<usize>,
    again: Option<usize>,
}

/// Walks the visits in order; per key, counts the replacements and notes the first visit on
/// that key after two of them (spec §6.10–6.11).
fn replaced_twice_then_again<K: Eq + Hash + Clone>(
    visits: &[Visit],
    key: impl Fn(&Event) -> Option<K>,
    replacement: Kind,
) -> Vec<Tally<K>> {
    let mut tallies: Vec<Tally<K>> = Vec::new();
    let mut slot: HashMap<K, usize> = HashMap::new();
    for v in visits {
        let Some(k) = key(v.event) else { continue };
        let i = *slot.entry(k.clone()).or_insert_with(|| {
            tallies.push(Tally {
                key: k,
                replaced: Vec::new(),
                again: None,
            });
            tallies.len() - 1
        });
        let t = &mut tallies[i];
        if t.again.is_none() && t.replaced.len() >= 2 {
            t.again = Some(v.index);
        }
        if v.event.kind == replacement {
            t.replaced.push(v.index);
        }
    }
    tallies.retain(|t| !t.replaced.is_empty());
    tallies
}

/// Reasons for the tallies of Art 24(2) or 24(3); `name` renders a key as [zh, en].
fn tally_reasons<K>(
    code: &'static str,
    source: Source,
    tallies: &[Tally<K>],
    name: impl Fn(&K) -> [String; 2],
    nothing: [&str; 2],
) -> (bool, Vec<Reason>) {
    if tallies.is_empty() {
        let [zh, en] = nothing;
        return (
            false,
            vec![
                Reason::new(code, false, source, zh, en)
                    .with("count", 0)
                    .with("threshold", 2),
            ],
        );
    }
    let reasons: Vec<Reason> = tallies
        .iter()
        .map(|t| {
            let [nz, ne] = name(&t.key);
            let n = t.replaced.len();
            let list = indices(&t.replaced);
            let (met, zh, en) = match t.again {
                Some(a) => (
                    true,
                    format!("{nz}累计更换 {n} 次 ≥ 2（{list}），其后 events[{a}] 再次修理：仍不能正常使用"),
                    format!("{ne} replaced {} ≥ 2 ({list}), then events[{a}] on it again: still not usable normally", times(n)),
                ),
                None if n >= 2 => (
                    false,
                    format!("{nz}累计更换 {n} 次（{list}），其后无再次修理记录"),
                    format!("{ne} replaced {} ({list}) but no later visit on it", times(n)),
                ),
                None => (
                    false,
                    format!("{nz}累计更换 {n} 次 < 2（{list}）"),
                    format!("{ne} replaced {} < 2 ({list})", times(n)),
                ),
            };
            Reason::new(code, met, source, zh, en)
                .with("count", n)
                .with("threshold", 2)
                .with("events", t.replaced.clone())
                .with("again", t.again)
        })
        .collect();
    (reasons.iter().any(|r| r.met), reasons)
}

/// Art 24(2): an assembly replaced twice and still not usable normally.
pub fn art24_2(sanbao: &[Visit]) -> (bool, Vec<Reason>) {
    let tallies = replaced_twice_then_again(
        sanbao,
        |e| e.system.is_assembly().then_some(e.system),
        Kind::ReplaceAssembly,
    );
    tally_reasons(
        "art24_2.assembly_replaced_twice",
        ART24_2,
        &tallies,
        |s: &System| {
            [
                format!("{}总成", s.zh()),
                format!("the {} assembly", s.en()),
            ]
        },
        [
            "三包有效期内无总成更换",
            "no assembly replaced in the sanbao period",
        ],
    )
}

/// Art 24(3): the same main part replaced twice and still not usable normally.
pub fn art24_3(sanbao: &[Visit]) -> (bool, Vec<Reason>) {
    let tallies = replaced_twice_then_again(
        sanbao,
        |e| match (&e.part, e.system) {
            (Some(p), s) if s != System::Other => Some((s, p.clone())),
            _ => None,
        },
        Kind::ReplacePart,
    );
    tally_reasons(
        "art24_3.main_part_replaced_twice",
        ART24_3,
        &tallies,
        |(s, p): &(System, String)| {
            [
                format!("{}主要零部件“{p}”", s.zh()),
                format!("{} main part \"{p}\"", s.en()),
            ]
        },
        [
            "三包有效期内无主要零部件更换",
            "no main part replaced in the sanbao period",
        ],
    )
}

/// Art 24(4): cumulative repair days over 30, or one problem repaired over 4 times.
pub fn art24_4(sanbao: &[Visit]) -> (bool, Vec<Reason>) {
    let days: Decimal = sanbao.iter().map(|v| v.event.repair_days.ceil()).sum();
    let days_met = days > Decimal::from(30);
    let c = cmp(days, Decimal::from(30));
    let mut reasons = vec![
        Reason::new(
            "art24_4.cumulative_days",
            days_met,
            ART24_4,
            format!("三包有效期内累计修理时间 {days} 日 {c} 30 日（每次修理不足 1 日按 1 日计）"),
            format!("cumulative repair days in the sanbao period {days} {c} 30 (each repair rounded up to whole days)"),
        )
        .with("cumulative_repair_days", number(days))
        .with("limit_days", 30)
        .with("visits", sanbao.len()),
    ];

    // Repairs per fault id, in order of first appearance.
    let mut per_fault: Vec<(&str, Vec<usize>)> = Vec::new();
    for v in sanbao {
        match per_fault.iter_mut().find(|(f, _)| *f == v.event.fault_id) {
            Some((_, list)) => list.push(v.index),
            None => per_fault.push((&v.event.fault_id, vec![v.index])),
        }
    }
    let over: Vec<&(&str, Vec<usize>)> = per_fault.iter().filter(|(_, l)| l.len() > 4).collect();
    let same_met = !over.is_empty();
    let shown: Vec<&(&str, Vec<usize>)> = if same_met {
        over
    } else {
        per_fault
            .iter()
            .max_by_key(|(_, l)| l.len())
            .into_iter()
            .collect()
    };
    if shown.is_empty() {
        reasons.push(Reason::new(
            "art24_4.same_problem",
            false,
            ART24_4,
            "三包有效期内无修理记录，同一质量问题修理 0 次 ≤ 4",
            "no repair in the sanbao period: the same problem repaired 0 times ≤ 4",
        ));
    }
    for (fault, list) in shown {
        let n = list.len();
        let c = cmp(n, 4);
        reasons.push(
            Reason::new(
                "art24_4.same_problem",
                n > 4,
                ART24_4,
                format!(
                    "同一质量问题“{fault}”累计修理 {n} 次 {c} 4（{}）",
                    indices(list)
                ),
                format!(
                    "the same problem \"{fault}\" repaired {} {c} 4 ({})",
                    times(n),
                    indices(list)
                ),
            )
            .with("fault_id", *fault)
            .with("count", n)
            .with("limit", 4)
            .with("events", list.clone()),
        );
    }
    (days_met || same_met, reasons)
}

/// Art 19: free repair of the counted visits inside the warranty period.
pub fn art19(visits: &[Visit]) -> (bool, Reason) {
    let inside: Vec<usize> = visits
        .iter()
        .filter(|v| v.in_warranty)
        .map(|v| v.index)
        .collect();
    let n = inside.len();
    let (zh, en) = if n > 0 {
        (
            format!(
                "包修期内质量问题修理 {n} 次（{}）：免费修理",
                indices(&inside)
            ),
            format!(
                "quality-problem visits inside the warranty period: {n} ({}): free repair",
                indices(&inside)
            ),
        )
    } else {
        (
            "包修期内无计入的质量问题修理".to_owned(),
            "no counted quality-problem visit inside the warranty period".to_owned(),
        )
    };
    (
        n > 0,
        Reason::new("art19.repair", n > 0, ART19, zh, en).with("events", inside),
    )
}
