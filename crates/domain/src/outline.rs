//! The outline of a work plan written the way Chinese government notices are: parts headed
//! `一、…`, numbered points `（一）…` (numbered through the whole document), each point a
//! paragraph whose first sentence is its title. Parsing is forgiving (ASCII or full-width
//! parentheses, blank lines, page furniture before the first part) because the text is pasted
//! from a web page or a document; the user corrects the preview before anything is stored.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Outline {
    /// The plan's title when the text names it (the last short line before the first part).
    pub title: Option<String>,
    /// The document number, e.g. 甘市监办函〔2023〕18号.
    pub doc_no: Option<String>,
    pub parts: Vec<OutlinePart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OutlinePart {
    pub seq: i32,
    pub title: String,
    pub points: Vec<OutlinePoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OutlinePoint {
    pub seq: i32,
    pub title: String,
    /// The whole paragraph (and any paragraph that follows before the next heading).
    pub body: String,
}

/// Longest line taken for a title, in characters.
const TITLE_MAX: usize = 40;

/// The value of a Chinese numeral from 一 to 九十九 (`十一`, `二十`, `二十三`).
pub fn chinese_number(s: &str) -> Option<i32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as i32 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// `一、title` → (1, title)
fn part_heading(line: &str) -> Option<(i32, &str)> {
    let (num, rest) = line.split_once('、')?;
    Some((chinese_number(num)?, rest.trim()))
}

/// `（一）text` or `(一)text` → (1, text)
fn point_heading(line: &str) -> Option<(i32, &str)> {
    let rest = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let close = rest.find(['）', ')'])?;
    let num = chinese_number(&rest[..close])?;
    let after = &rest[close..];
    let after = after
        .strip_prefix('）')
        .or_else(|| after.strip_prefix(')'))?;
    Some((num, after.trim()))
}

/// The title of a point: its first sentence, without the full stop.
fn point_title(text: &str) -> String {
    let end = text.find(['。', '；', ';']).unwrap_or(text.len());
    text[..end].trim().to_owned()
}

/// A document number such as 甘市监办函〔2023〕18号 within a line.
fn doc_no(line: &str) -> Option<String> {
    let open = line.find('〔')?;
    let close = open + line[open..].find('〕')?;
    let hao = close + line[close..].find('号')?;
    let start = line[..open].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let number = &line[close + '〕'.len_utf8()..hao];
    (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
        .then(|| line[start..hao + '号'.len_utf8()].trim().to_owned())
}

fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    (4..=TITLE_MAX).contains(&n) && !line.contains(['。', '，', ',', ':', '：', '〔'])
}

/// Parses the outline of `text`. Lines before the first part give the title and document number;
/// lines between headings join the current point's body.
pub fn parse(text: &str) -> Outline {
    let mut out = Outline::default();
    let mut preamble_title = None;
    for raw in text.lines() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        if let Some((seq, title)) = part_heading(line) {
            out.parts.push(OutlinePart {
                seq,
                title: title.to_owned(),
                points: vec![],
            });
        } else if let Some(part) = out.parts.last_mut() {
            if let Some((seq, text)) = point_heading(line) {
                part.points.push(OutlinePoint {
                    seq,
                    title: point_title(text),
                    body: text.to_owned(),
                });
            } else if let Some(point) = part.points.last_mut() {
                point.body.push('\n');
                point.body.push_str(line);
            }
        } else {
            if out.doc_no.is_none() {
                out.doc_no = doc_no(line);
            }
            if is_title_like(line) {
                preamble_title = Some(line.to_owned());
            }
        }
    }
    out.title = preamble_title;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_numbers() {
        let cases = [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("十九", 19),
            ("二十", 20),
            ("二十三", 23),
            ("九十九", 99),
        ];
        for (s, n) in cases {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
        for s in ["", "零", "百", "十十", "一二", "a"] {
            assert_eq!(chinese_number(s), None, "{s}");
        }
    }

    #[test]
    fn parts_points_and_bodies() {
        let text = "关于印发《要点》的通知\n  甘市监办函〔2023〕18号\n2023年质量发展工作要点\n\
                    开篇的话，不是标题。\n一、第一部分\n（一）第一点。正文一。\n续段。\n\
                    (二)第二点；正文二\n二、第二部分\n（三）第三点";
        let o = parse(text);
        assert_eq!(o.doc_no.as_deref(), Some("甘市监办函〔2023〕18号"));
        assert_eq!(o.title.as_deref(), Some("2023年质量发展工作要点"));
        assert_eq!(o.parts.len(), 2);
        assert_eq!(o.parts[0].title, "第一部分");
        let p = &o.parts[0].points;
        assert_eq!((p[0].seq, p[0].title.as_str()), (1, "第一点"));
        assert_eq!(p[0].body, "第一点。正文一。\n续段。");
        assert_eq!((p[1].seq, p[1].title.as_str()), (2, "第二点"));
        assert_eq!(o.parts[1].points[0].title, "第三点");
        assert_eq!(o.parts[1].seq, 2);
    }

    #[test]
    fn text_without_headings_has_no_parts() {
        let o = parse("随便一段文字。\n（一）没有部分标题的要点");
        assert!(o.parts.is_empty());
        assert_eq!(o.doc_no, None);
    }

    proptest! {
        #[test]
        fn every_generated_heading_is_found(n_parts in 1usize..6, per_part in 0usize..5) {
            let mut text = String::from("标题行\n");
            let mut k = 0;
            for i in 1..=n_parts {
                text.push_str(&format!("{}、部分{i}\n", numeral(i as i32)));
                for _ in 0..per_part {
                    k += 1;
                    text.push_str(&format!("（{}）要点{k}。内容。\n", numeral(k)));
                }
            }
            let o = parse(&text);
            prop_assert_eq!(o.parts.len(), n_parts);
            let seqs: Vec<i32> = o.parts.iter().flat_map(|p| p.points.iter().map(|q| q.seq)).collect();
            prop_assert_eq!(seqs, (1..=k).collect::<Vec<_>>());
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,200}") {
            let _ = parse(&s);
        }
    }

    /// The Chinese numeral of 1..=99 (the inverse of `chinese_number`), for generating text.
    fn numeral(n: i32) -> String {
        const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        let (t, u) = ((n / 10) as usize, (n % 10) as usize);
        match t {
            0 => D[u].to_owned(),
            1 => format!("十{}", D[u]),
            _ => format!("{}十{}", D[t], D[u]),
        }
    }

    proptest! {
        #[test]
        fn numerals_round_trip(n in 1i32..100) {
            prop_assert_eq!(chinese_number(&numeral(n)), Some(n));
        }
    }
}
