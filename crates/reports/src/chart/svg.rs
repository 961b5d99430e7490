//! A minimal SVG writer: the few elements the charts draw, with escaped text.

use std::fmt::Write;

use crate::fonts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// An SVG document being written. Coordinates are in points, y downwards.
pub(crate) struct Svg {
    out: String,
}

/// A coordinate with at most two decimals (enough for print, and short).
struct N(f64);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() {
            (self.0 * 100.0).round() / 100.0
        } else {
            0.0
        };
        // `+ 0.0` turns -0 into 0.
        write!(f, "{}", v + 0.0)
    }
}

// `write!` to a String cannot fail: the results are ignored below.
impl Svg {
    pub(crate) fn new(width: f64, height: f64) -> Self {
        let mut out = String::with_capacity(16 * 1024);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{family}">"#,
            w = N(width),
            h = N(height),
            family = fonts::FAMILY,
        );
        Self { out }
    }

    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }

    pub(crate) fn rect(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &str,
        stroke: Option<&str>,
    ) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}""#,
            N(x),
            N(y),
            N(w.max(0.0)),
            N(h.max(0.0))
        );
        if let Some(stroke) = stroke {
            let _ = write!(self.out, r#" stroke="{stroke}" stroke-width="0.5""#);
        }
        self.out.push_str("/>");
    }

    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"/>"#,
            N(x1),
            N(y1),
            N(x2),
            N(y2),
            N(width)
        );
    }

    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], stroke: &str, width: f64) {
        let _ = write!(
            self.out,
            r#"<polyline fill="none" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round" points=""#,
            N(width)
        );
        self.points(points);
        self.out.push_str(r#""/>"#);
    }

    pub(crate) fn polygon(
        &mut self,
        points: &[(f64, f64)],
        fill: &str,
        fill_opacity: f64,
        stroke: &str,
        width: f64,
    ) {
        let _ = write!(
            self.out,
            r#"<polygon fill="{fill}" fill-opacity="{}" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round" points=""#,
            N(fill_opacity),
            N(width)
        );
        self.points(points);
        self.out.push_str(r#""/>"#);
    }

    /// One path of several closed rings, filled even-odd (so that a ring inside another is a
    /// hole).
    pub(crate) fn rings(
        &mut self,
        rings: &[Vec<(f64, f64)>],
        fill: &str,
        stroke: &str,
        width: f64,
    ) {
        let _ = write!(
            self.out,
            r#"<path fill="{fill}" fill-rule="evenodd" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round" d=""#,
            N(width)
        );
        for ring in rings.iter().filter(|r| r.len() >= 3) {
            for (i, (x, y)) in ring.iter().enumerate() {
                let _ = write!(
                    self.out,
                    "{}{},{}",
                    if i == 0 { "M" } else { "L" },
                    N(*x),
                    N(*y)
                );
            }
            self.out.push('Z');
        }
        self.out.push_str(r#""/>"#);
    }

    pub(crate) fn circle(&mut self, x: f64, y: f64, r: f64, fill: &str, stroke: &str) {
        let _ = write!(
            self.out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}" stroke="{stroke}" stroke-width="1"/>"#,
            N(x),
            N(y),
            N(r)
        );
    }

    /// Text whose vertical middle is at `y`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        anchor: Anchor,
        fill: &str,
        bold: bool,
    ) {
        if text.is_empty() {
            return;
        }
        // The middle of CJK and of Latin capitals sits about 0.35 em above the baseline.
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{fill}"{}>"#,
            N(x),
            N(y + 0.35 * size),
            N(size),
            anchor.as_str(),
            if bold { r#" font-weight="bold""# } else { "" }
        );
        escape_into(&mut self.out, text);
        self.out.push_str("</text>");
    }

    /// Centred dark text with a white halo, readable on any fill (the names on a map).
    pub(crate) fn label(&mut self, x: f64, y: f64, text: &str, size: f64) {
        if text.is_empty() {
            return;
        }
        let _ = write!(
            self.out,
            r##"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="#222222" stroke="#ffffff" stroke-width="{}" stroke-linejoin="round" paint-order="stroke">"##,
            N(x),
            N(y + 0.35 * size),
            N(size),
            N(size / 4.0)
        );
        escape_into(&mut self.out, text);
        self.out.push_str("</text>");
    }

    fn points(&mut self, points: &[(f64, f64)]) {
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(
                self.out,
                "{}{},{}",
                if i == 0 { "" } else { " " },
                N(*x),
                N(*y)
            );
        }
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_coordinates_are_short() {
        let mut svg = Svg::new(100.0, 50.0);
        svg.text(
            1.0 / 3.0,
            -0.001,
            "A&B <c> \"d\"",
            10.0,
            Anchor::Middle,
            "#000",
            true,
        );
        let out = svg.finish();
        assert!(out.contains(r#"x="0.33" y="3.5""#), "{out}");
        assert!(
            out.contains("A&amp;B &lt;c&gt; &quot;d&quot;</text>"),
            "{out}"
        );
        assert!(out.contains(r#"font-family="Noto Sans CJK SC""#));
    }
}
