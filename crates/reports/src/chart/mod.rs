//! Vector charts for the reports, drawn in Rust and written as SVG.
//!
//! Each chart is a plain struct of data and a few settings; `svg()` returns a standalone SVG
//! document whose text is set in the embedded report font ([`crate::fonts::FAMILY`]). A typst
//! template embeds it as an image, which typst writes to the PDF as vectors with the labels as
//! real (selectable, extractable) text:
//!
//! ```typst
//! #figure(image("charts/bar.svg", width: 100%), caption: [各市州质量指数])
//! ```
//!
//! with `("charts/bar.svg", chart.svg().into_bytes())` among the files given to
//! [`crate::pdf::render`]. The SVG units are points: a chart 480 wide is 480 pt (17 cm) wide
//! when not scaled.
//!
//! - [`BarChart`]: ranked horizontal bars with their labels and values.
//! - [`LineChart`]: several series over years (or any categories), with a legend.
//! - [`RadarChart`]: a few series (a city, the province) over N dimensions.
//! - [`MapChart`]: a choropleth of regions given as polygons, with a class legend.
//!
//! Charts never fail: a missing or non-finite value is drawn as a gap (line), as zero (radar)
//! or as "无数据" (map).

mod bar;
mod line;
mod map;
mod radar;
mod svg;

pub use bar::BarChart;
pub use line::LineChart;
pub use map::{GeoJsonError, MapChart, MapLabels, MapRegion, regions_from_geojson};
pub use radar::RadarChart;

/// One named series of values: a line of a [`LineChart`], a polygon of a [`RadarChart`].
/// `None` (or a non-finite number) is a missing value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

impl Series {
    pub fn new(name: impl Into<String>, values: impl IntoIterator<Item = f64>) -> Self {
        Self {
            name: name.into(),
            values: values.into_iter().map(Some).collect(),
        }
    }

    fn value(&self, i: usize) -> Option<f64> {
        self.values
            .get(i)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }
}

/// The series colours, in order (the web console's ECharts palette, so that a chart looks the
/// same on screen and on paper).
pub const PALETTE: [&str; 9] = [
    "#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4",
    "#ea7ccc",
];

fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

const TEXT: &str = "#333333";
const MUTED: &str = "#666666";
const GRID: &str = "#e0e0e0";
const AXIS: &str = "#999999";
const FONT_SIZE: f64 = 10.0;
const TITLE_SIZE: f64 = 13.0;

/// A number with `decimals` digits after the point, without a "-0".
fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_owned()
    } else {
        text
    }
}

/// Evenly spaced "nice" tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering `[lo, hi]`, about
/// `count` of them.
fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        if lo == 0.0 {
            (0.0, 1.0)
        } else {
            (lo - lo.abs() * 0.1, hi + hi.abs() * 0.1)
        }
    } else {
        (lo.min(hi), lo.max(hi))
    };
    let raw = (hi - lo) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    let n = (last - first).round() as usize;
    (0..=n).map(|i| (first + i as f64) * step).collect()
}

/// The number of decimals that tick labels of this step need.
fn tick_decimals(ticks: &[f64]) -> usize {
    let step = match ticks {
        [a, b, ..] => (b - a).abs(),
        _ => return 0,
    };
    let mut decimals = 0;
    while decimals < 6 && (step * 10f64.powi(decimals as i32)).fract().abs() > 1e-6 {
        decimals += 1;
    }
    decimals
}

/// An estimate of the width of `text` set at `size`: ideographs and full-width forms are one
/// em, other characters about half of one.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.56 })
        .sum::<f64>()
        * size
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Where the items of a horizontal legend of coloured swatches go when wrapped to `width`,
/// and the height it takes.
fn legend_layout(names: &[(&str, &str)], x0: f64, y0: f64, width: f64) -> (Vec<(f64, f64)>, f64) {
    let row = FONT_SIZE * 1.8;
    let (mut x, mut y) = (x0, y0);
    let mut at = Vec::with_capacity(names.len());
    for (name, _) in names {
        let item = 14.0 + text_width(name, FONT_SIZE) + 16.0;
        if x > x0 && x + item > x0 + width {
            x = x0;
            y += row;
        }
        at.push((x, y));
        x += item;
    }
    let height = if names.is_empty() { 0.0 } else { y - y0 + row };
    (at, height)
}

/// Draws a legend (see [`legend_layout`]); returns the height it took.
fn legend(svg: &mut svg::Svg, names: &[(&str, &str)], x0: f64, y0: f64, width: f64) -> f64 {
    let row = FONT_SIZE * 1.8;
    let (at, height) = legend_layout(names, x0, y0, width);
    for ((name, colour), (x, y)) in names.iter().zip(at) {
        svg.rect(x, y + row / 2.0 - 4.0, 10.0, 8.0, colour, None);
        svg.text(
            x + 14.0,
            y + row / 2.0,
            name,
            FONT_SIZE,
            svg::Anchor::Start,
            TEXT,
            false,
        );
    }
    height
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_cover_the_range_with_round_steps() {
        assert_eq!(
            nice_ticks(0.0, 97.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(
            nice_ticks(81.3, 88.9, 5),
            vec![80.0, 82.0, 84.0, 86.0, 88.0, 90.0]
        );
        assert_eq!(
            nice_ticks(-3.0, 7.0, 5),
            vec![-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]
        );
        let flat = nice_ticks(5.0, 5.0, 5);
        assert!(flat[0] <= 4.5 && flat[flat.len() - 1] >= 5.5, "{flat:?}");
        assert_eq!(tick_decimals(&nice_ticks(0.0, 1.0, 4)), 2);
    }

    #[test]
    fn numbers_have_no_negative_zero() {
        assert_eq!(format_number(-0.001, 1), "0.0");
        assert_eq!(format_number(-1.25, 1), "-1.2");
        assert_eq!(format_number(3.0, 0), "3");
    }

    #[test]
    fn ideographs_are_wider_than_latin() {
        assert!(text_width("兰州市", 10.0) > text_width("abc", 10.0));
        assert_eq!(text_width("兰州", 10.0), 20.0);
    }
}
