//! Radar chart: a few series (a city and the province) over N dimensions.

use std::f64::consts::PI;

use super::svg::{Anchor, Svg};
use super::{
    AXIS, FONT_SIZE, GRID, MUTED, Series, TEXT, TITLE_SIZE, colour, format_number, legend,
    legend_layout, nice_ticks, text_width, tick_decimals,
};

/// Polygons over dimensions, one spoke each, clockwise from the top: "兰州市与全省各维度得分".
///
/// ```
/// use longzhi_reports::chart::{RadarChart, Series};
/// let svg = RadarChart {
///     axes: ["质量安全", "质量基础", "质量创新"].map(String::from).to_vec(),
///     series: vec![Series::new("兰州市", [90.0, 80.0, 70.0]), Series::new("全省", [85.0, 82.0, 75.0])],
///     max: 100.0,
///     ..RadarChart::default()
/// }
/// .svg();
/// assert!(svg.contains("质量创新"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RadarChart {
    /// Drawn above the chart; empty for none.
    pub title: String,
    /// The dimensions (3 or more make a polygon).
    pub axes: Vec<String>,
    /// One polygon each, in the palette's colours; `values[i]` belongs to `axes[i]`, a missing
    /// value is drawn at the centre.
    pub series: Vec<Series>,
    /// The value at the outer ring, the same on every spoke (the centre is 0); 0 for a round
    /// number above the largest value.
    pub max: f64,
    /// Width in points (the chart is about as high); 0 for the default, 400.
    pub width: f64,
}

impl RadarChart {
    pub fn svg(&self) -> String {
        let width = if self.width > 0.0 { self.width } else { 400.0 };
        let n = self.axes.len();
        let largest = self
            .series
            .iter()
            .flat_map(|s| (0..n).filter_map(|i| s.value(i)))
            .fold(0.0, f64::max);
        let max = if self.max > 0.0 && self.max.is_finite() {
            self.max
        } else {
            nice_ticks(0.0, largest, 5).last().copied().unwrap_or(1.0)
        };
        let rings = nice_ticks(0.0, max, 5)
            .into_iter()
            .filter(|t| *t > 0.0 && *t <= max)
            .collect::<Vec<_>>();
        let decimals = tick_decimals(&rings);

        let label_w = self
            .axes
            .iter()
            .map(|a| text_width(a, FONT_SIZE))
            .fold(0.0, f64::max);
        let radius = ((width - 2.0 * label_w - 24.0) / 2.0).clamp(40.0, width / 2.0 - 16.0);
        let top = if self.title.is_empty() {
            4.0
        } else {
            4.0 + TITLE_SIZE * 2.0
        };
        let cx = width / 2.0;
        let cy = top + FONT_SIZE * 1.5 + radius;
        let names: Vec<(&str, &str)> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), colour(i)))
            .collect();
        let (_, legend_h) = legend_layout(&names, 8.0, 0.0, width - 16.0);
        let height = cy + radius + FONT_SIZE * 2.0 + legend_h + 4.0;

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
        let angle = |i: usize| -PI / 2.0 + 2.0 * PI * i as f64 / n.max(1) as f64;
        let point = |i: usize, r: f64| (cx + r * angle(i).cos(), cy + r * angle(i).sin());
        for ring in &rings {
            let r = ring / max * radius;
            let points: Vec<_> = (0..n).map(|i| point(i, r)).collect();
            svg.polygon(&points, "none", 0.0, GRID, 0.8);
            let (lx, ly) = point(0, r);
            let label = format_number(*ring, decimals);
            svg.text(
                lx + 3.0,
                ly,
                &label,
                FONT_SIZE * 0.8,
                Anchor::Start,
                MUTED,
                false,
            );
        }
        for (i, axis) in self.axes.iter().enumerate() {
            let (x, y) = point(i, radius);
            svg.line(cx, cy, x, y, AXIS, 0.6);
            let (lx, ly) = point(i, radius + FONT_SIZE * 0.9);
            let cos = angle(i).cos();
            let anchor = if cos > 0.1 {
                Anchor::Start
            } else if cos < -0.1 {
                Anchor::End
            } else {
                Anchor::Middle
            };
            // Labels above and below the centre move off the ring they would touch.
            let ly = ly + angle(i).sin() * FONT_SIZE * 0.8;
            svg.text(lx, ly, axis, FONT_SIZE, anchor, TEXT, false);
        }
        for (s, series) in self.series.iter().enumerate() {
            let points: Vec<_> = (0..n)
                .map(|i| {
                    let v = series.value(i).unwrap_or(0.0).clamp(0.0, max);
                    point(i, v / max * radius)
                })
                .collect();
            svg.polygon(&points, colour(s), 0.2, colour(s), 1.5);
            for (x, y) in &points {
                svg.circle(*x, *y, 2.0, colour(s), colour(s));
            }
        }
        legend(
            &mut svg,
            &names,
            8.0,
            cy + radius + FONT_SIZE * 2.0,
            width - 16.0,
        );
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_axis_and_series_is_drawn() {
        let chart = RadarChart {
            axes: ["甲", "乙", "丙", "丁", "戊"].map(String::from).to_vec(),
            series: vec![
                Series::new("兰州市", [90.0, 80.0, 70.0, 60.0, 95.0]),
                Series {
                    name: "全省".into(),
                    values: vec![Some(50.0)],
                },
            ],
            ..RadarChart::default()
        };
        let svg = chart.svg();
        for label in ["甲", "乙", "丙", "丁", "戊", "兰州市", "全省", ">100<"] {
            assert!(svg.contains(label), "{label} missing in {svg}");
        }
        // Two series polygons plus the rings.
        assert_eq!(svg.matches(r#"fill-opacity="0.2""#).count(), 2);
        assert!(RadarChart::default().svg().ends_with("</svg>\n"));
    }
}
