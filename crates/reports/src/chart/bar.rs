//! Ranked horizontal bar chart.

use super::svg::{Anchor, Svg};
use super::{
    AXIS, FONT_SIZE, GRID, MUTED, TEXT, TITLE_SIZE, colour, format_number, nice_ticks, text_width,
    tick_decimals,
};

/// Horizontal bars ranked from the largest value down, each with its rank, label and value:
/// "各市州质量指数排名".
///
/// ```
/// use longzhi_reports::chart::BarChart;
/// let svg = BarChart {
///     title: "质量指数".into(),
///     items: vec![("兰州市".into(), 88.2), ("天水市".into(), 84.5)],
///     decimals: 1,
///     ..BarChart::default()
/// }
/// .svg();
/// assert!(svg.contains("兰州市"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BarChart {
    /// Drawn above the chart; empty for none (a typst `figure` caption usually says it).
    pub title: String,
    /// Written after each value ("分", "%"); empty for none.
    pub unit: String,
    /// Label and value; non-finite values are left out. The order does not matter: bars are
    /// ranked by value, largest first (equal values keep their order).
    pub items: Vec<(String, f64)>,
    /// Digits after the decimal point of the values.
    pub decimals: usize,
    /// Labels whose bar is drawn in the accent colour (the city a report is about).
    pub highlight: Vec<String>,
    /// Width in points; 0 for the default, 480.
    pub width: f64,
}

impl BarChart {
    pub fn svg(&self) -> String {
        let width = if self.width > 0.0 { self.width } else { 480.0 };
        let mut items: Vec<&(String, f64)> =
            self.items.iter().filter(|(_, v)| v.is_finite()).collect();
        items.sort_by(|a, b| b.1.total_cmp(&a.1));

        let row = 20.0;
        let title_h = if self.title.is_empty() {
            0.0
        } else {
            TITLE_SIZE * 2.0
        };
        let rank_w = text_width(&items.len().to_string(), FONT_SIZE) + 8.0;
        let label_w = items
            .iter()
            .map(|(l, _)| text_width(l, FONT_SIZE))
            .fold(0.0, f64::max)
            + 8.0;
        let value_text = |v: f64| format!("{}{}", format_number(v, self.decimals), self.unit);
        let value_w = items
            .iter()
            .map(|(_, v)| text_width(&value_text(*v), FONT_SIZE))
            .fold(0.0, f64::max)
            + 6.0;
        let plot_x = rank_w + label_w;
        let plot_w = (width - plot_x - value_w).max(40.0);
        let plot_y = title_h + 4.0;
        let plot_h = row * items.len() as f64;
        let height = plot_y + plot_h + FONT_SIZE * 2.2;

        let lo = items.iter().map(|(_, v)| *v).fold(0.0, f64::min);
        let hi = items.iter().map(|(_, v)| *v).fold(0.0, f64::max);
        let ticks = nice_ticks(lo, hi, 5);
        let (t0, t1) = (ticks[0], ticks[ticks.len() - 1]);
        let x = |v: f64| plot_x + (v - t0) / (t1 - t0) * plot_w;

        let mut svg = Svg::new(width, height);
        if !self.title.is_empty() {
            svg.text(
                width / 2.0,
                TITLE_SIZE,
                &self.title,
                TITLE_SIZE,
                Anchor::Middle,
                TEXT,
                true,
            );
        }
        let decimals = tick_decimals(&ticks);
        for t in &ticks {
            svg.line(x(*t), plot_y, x(*t), plot_y + plot_h, GRID, 0.5);
            let label = format_number(*t, decimals);
            let y = plot_y + plot_h + FONT_SIZE;
            svg.text(
                x(*t),
                y,
                &label,
                FONT_SIZE * 0.9,
                Anchor::Middle,
                MUTED,
                false,
            );
        }
        for (i, (label, value)) in items.iter().enumerate() {
            let y = plot_y + row * i as f64;
            let middle = y + row / 2.0;
            let rank = (i + 1).to_string();
            svg.text(
                rank_w - 6.0,
                middle,
                &rank,
                FONT_SIZE,
                Anchor::End,
                MUTED,
                false,
            );
            svg.text(
                plot_x - 6.0,
                middle,
                label,
                FONT_SIZE,
                Anchor::End,
                TEXT,
                false,
            );
            let (a, b) = (x(0f64.max(t0)), x(*value));
            let fill = if self.highlight.iter().any(|h| h == label) {
                colour(3)
            } else {
                colour(0)
            };
            svg.rect(a.min(b), y + 3.0, (b - a).abs(), row - 6.0, fill, None);
            let (vx, anchor) = if *value >= 0.0 {
                (b + 4.0, Anchor::Start)
            } else {
                (b - 4.0, Anchor::End)
            };
            let text = value_text(*value);
            svg.text(vx, middle, &text, FONT_SIZE, anchor, TEXT, false);
        }
        svg.line(
            x(0f64.max(t0)),
            plot_y,
            x(0f64.max(t0)),
            plot_y + plot_h,
            AXIS,
            1.0,
        );
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_ranked_and_labelled() {
        let chart = BarChart {
            items: vec![
                ("低".into(), 1.0),
                ("高".into(), 3.0),
                ("坏".into(), f64::NAN),
                ("中".into(), 2.0),
            ],
            unit: "分".into(),
            decimals: 1,
            ..BarChart::default()
        };
        let svg = chart.svg();
        let pos = |s: &str| svg.find(s).unwrap_or(usize::MAX);
        assert!(
            pos(">高<") < pos(">中<") && pos(">中<") < pos(">低<"),
            "{svg}"
        );
        assert!(svg.contains(">3.0分<"));
        assert!(!svg.contains("坏"));
    }

    #[test]
    fn negative_values_and_no_items_draw() {
        let chart = BarChart {
            items: vec![("降".into(), -2.5), ("升".into(), 4.0)],
            ..BarChart::default()
        };
        assert!(chart.svg().contains(">-2<") || chart.svg().contains(">-3<"));
        assert!(BarChart::default().svg().ends_with("</svg>\n"));
    }
}
