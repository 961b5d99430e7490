//! Line chart: several series over years (or any categories), with a legend.

use super::svg::{Anchor, Svg};
use super::{
    AXIS, FONT_SIZE, GRID, MUTED, Series, TEXT, TITLE_SIZE, colour, format_number, legend,
    nice_ticks, text_width, tick_decimals,
};

/// Lines over categories: "2019–2023 年全省及各市州质量指数".
///
/// ```
/// use longzhi_reports::chart::{LineChart, Series};
/// let svg = LineChart {
///     categories: vec!["2022".into(), "2023".into()],
///     series: vec![Series::new("全省", [84.1, 85.0]), Series::new("兰州市", [86.3, 87.9])],
///     ..LineChart::default()
/// }
/// .svg();
/// assert!(svg.contains("兰州市"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineChart {
    /// Drawn above the chart; empty for none.
    pub title: String,
    /// Written above the value axis ("单位：分"); empty for none.
    pub unit: String,
    /// The x axis, left to right.
    pub categories: Vec<String>,
    /// One line each, in the palette's colours; `values[i]` belongs to `categories[i]`, a
    /// missing value leaves a gap.
    pub series: Vec<Series>,
    /// Start the value axis at zero (otherwise it fits the data).
    pub from_zero: bool,
    /// Width and height in points; 0 for the defaults, 480 × 280.
    pub width: f64,
    pub height: f64,
}

impl LineChart {
    pub fn svg(&self) -> String {
        let width = if self.width > 0.0 { self.width } else { 480.0 };
        let height = if self.height > 0.0 {
            self.height
        } else {
            280.0
        };
        let values: Vec<f64> = self
            .series
            .iter()
            .flat_map(|s| (0..self.categories.len()).filter_map(|i| s.value(i)))
            .collect();
        let mut lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if values.is_empty() {
            (lo, hi) = (0.0, 1.0);
        }
        if self.from_zero {
            (lo, hi) = (lo.min(0.0), hi.max(0.0));
        }
        let ticks = nice_ticks(lo, hi, 5);
        let (t0, t1) = (ticks[0], ticks[ticks.len() - 1]);
        let decimals = tick_decimals(&ticks);

        let mut svg = Svg::new(width, height);
        let mut top = 4.0;
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
            top += TITLE_SIZE * 2.0;
        }
        let names: Vec<(&str, &str)> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), colour(i)))
            .collect();
        top += legend(&mut svg, &names, 8.0, top, width - 16.0);
        if !self.unit.is_empty() {
            top += FONT_SIZE * 0.8;
            svg.text(
                8.0,
                top,
                &self.unit,
                FONT_SIZE * 0.9,
                Anchor::Start,
                MUTED,
                false,
            );
            top += FONT_SIZE * 0.8;
        }
        let axis_w = ticks
            .iter()
            .map(|t| text_width(&format_number(*t, decimals), FONT_SIZE * 0.9))
            .fold(0.0, f64::max);
        let plot_x = 8.0 + axis_w + 6.0;
        let plot_y = top + FONT_SIZE;
        let plot_w = (width - plot_x - 12.0).max(40.0);
        let plot_h = (height - plot_y - FONT_SIZE * 2.4).max(40.0);
        let y = |v: f64| plot_y + plot_h - (v - t0) / (t1 - t0) * plot_h;
        let step = plot_w / self.categories.len().max(1) as f64;
        let x = |i: usize| plot_x + step * (i as f64 + 0.5);

        for t in &ticks {
            svg.line(plot_x, y(*t), plot_x + plot_w, y(*t), GRID, 0.5);
            let label = format_number(*t, decimals);
            svg.text(
                plot_x - 6.0,
                y(*t),
                &label,
                FONT_SIZE * 0.9,
                Anchor::End,
                MUTED,
                false,
            );
        }
        svg.line(
            plot_x,
            plot_y + plot_h,
            plot_x + plot_w,
            plot_y + plot_h,
            AXIS,
            1.0,
        );
        // Thin the category labels out when they would collide.
        let widest = self
            .categories
            .iter()
            .map(|c| text_width(c, FONT_SIZE))
            .fold(0.0, f64::max);
        let every = ((widest + 6.0) / step).ceil().max(1.0) as usize;
        for (i, category) in self.categories.iter().enumerate() {
            svg.line(
                x(i),
                plot_y + plot_h,
                x(i),
                plot_y + plot_h + 3.0,
                AXIS,
                1.0,
            );
            if i % every == 0 {
                let ly = plot_y + plot_h + FONT_SIZE * 1.2;
                svg.text(x(i), ly, category, FONT_SIZE, Anchor::Middle, TEXT, false);
            }
        }
        for (s, series) in self.series.iter().enumerate() {
            let c = colour(s);
            // Runs of consecutive present values.
            let mut run: Vec<(f64, f64)> = Vec::new();
            let mut runs = Vec::new();
            for i in 0..self.categories.len() {
                match series.value(i) {
                    Some(v) => run.push((x(i), y(v))),
                    None => runs.push(std::mem::take(&mut run)),
                }
            }
            runs.push(run);
            for run in runs.iter().filter(|r| !r.is_empty()) {
                if run.len() > 1 {
                    svg.polyline(run, c, 2.0);
                }
                for (px, py) in run {
                    svg.circle(*px, *py, 2.5, "#ffffff", c);
                }
            }
        }
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_value_splits_the_line() {
        let chart = LineChart {
            categories: ["2019", "2020", "2021", "2022"].map(String::from).to_vec(),
            series: vec![Series {
                name: "全省".into(),
                values: vec![Some(1.0), Some(2.0), None, Some(f64::NAN)],
            }],
            unit: "单位：分".into(),
            ..LineChart::default()
        };
        let svg = chart.svg();
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains(">全省<") && svg.contains(">单位：分<") && svg.contains(">2021<"));
    }

    #[test]
    fn an_empty_chart_draws() {
        assert!(LineChart::default().svg().ends_with("</svg>\n"));
    }
}
