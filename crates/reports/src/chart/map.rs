//! Choropleth map: regions given as polygons, shaded by a value per region, with a legend.

use super::svg::{Anchor, Svg};
use super::{FONT_SIZE, TEXT, TITLE_SIZE, format_number, legend, legend_layout, text_width};

/// A region's outline: its name and rings of `[longitude, latitude]` points (outer rings and
/// holes alike; rings are filled even-odd, so a ring inside another is a hole).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapRegion {
    pub name: String,
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// What is written on each region.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MapLabels {
    /// Nothing.
    None,
    /// The region's name, at the centre of its largest ring.
    #[default]
    Names,
    /// The name and, below it, the value.
    NamesAndValues,
}

/// Regions shaded by class of value: "各市州质量指数分布".
///
/// ```
/// use longzhi_reports::chart::{MapChart, MapRegion};
/// let square = |x: f64| vec![vec![[x, 0.0], [x + 1.0, 0.0], [x + 1.0, 1.0], [x, 1.0]]];
/// let svg = MapChart {
///     regions: vec![
///         MapRegion { name: "甲市".into(), rings: square(0.0) },
///         MapRegion { name: "乙市".into(), rings: square(1.0) },
///     ],
///     values: vec![("甲市".into(), 80.0), ("乙市".into(), 90.0)],
///     ..MapChart::default()
/// }
/// .svg();
/// assert!(svg.contains("乙市"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapChart {
    /// Drawn above the map; empty for none.
    pub title: String,
    /// Written above the legend ("单位：分"); empty for none.
    pub unit: String,
    /// The outlines, drawn in this order.
    pub regions: Vec<MapRegion>,
    /// Value per region name; a region without one (or with a non-finite one) is "无数据".
    pub values: Vec<(String, f64)>,
    /// Class boundaries, ascending: n boundaries make n + 1 classes (below the first, between
    /// each two, from the last up). Empty for `classes` equal intervals over the values.
    pub breaks: Vec<f64>,
    /// Number of equal-interval classes when `breaks` is empty; 0 for the default, 5.
    pub classes: usize,
    /// Digits after the decimal point in the legend and the value labels.
    pub decimals: usize,
    pub labels: MapLabels,
    /// Width in points (the height follows from the regions' shape); 0 for the default, 480.
    pub width: f64,
}

/// The fill of regions without a value.
const NO_DATA: &str = "#e6e6e6";

impl MapChart {
    pub fn svg(&self) -> String {
        let width = if self.width > 0.0 { self.width } else { 480.0 };
        let value_of = |name: &str| {
            self.values
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| *v)
                .filter(|v| v.is_finite())
        };
        let breaks = self.breaks();
        let n = breaks.len() + 1;
        let class_of = |v: f64| breaks.iter().filter(|b| v >= **b).count();

        // Equirectangular projection, x shrunk by the cosine of the middle latitude.
        let points = self.regions.iter().flat_map(|r| r.rings.iter().flatten());
        let finite: Vec<&[f64; 2]> = points
            .filter(|p| p[0].is_finite() && p[1].is_finite())
            .collect();
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in &finite {
            (x0, x1, y0, y1) = (x0.min(p[0]), x1.max(p[0]), y0.min(p[1]), y1.max(p[1]));
        }
        if finite.is_empty() {
            (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
        }
        let shrink = ((y0 + y1) / 2.0).to_radians().cos().max(0.1);
        let (ext_x, ext_y) = (((x1 - x0) * shrink).max(1e-9), (y1 - y0).max(1e-9));
        let pad = 8.0;
        let map_w = width - 2.0 * pad;
        let scale = (map_w / ext_x).min(map_w * 1.2 / ext_y);
        let map_h = ext_y * scale;
        let top = if self.title.is_empty() {
            pad
        } else {
            pad + TITLE_SIZE * 2.0
        };
        let left = pad + (map_w - ext_x * scale) / 2.0;
        let project = |p: &[f64; 2]| {
            (
                left + (p[0] - x0) * shrink * scale,
                top + (y1 - p[1]) * scale,
            )
        };

        let mut entries: Vec<(String, String)> = (0..n)
            .map(|i| (self.class_label(&breaks, i), ramp(i, n)))
            .collect();
        let missing = self.regions.iter().any(|r| value_of(&r.name).is_none());
        if missing {
            entries.push(("无数据".into(), NO_DATA.into()));
        }
        let names: Vec<(&str, &str)> = entries
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let legend_top = top + map_h + pad;
        let unit_h = if self.unit.is_empty() {
            0.0
        } else {
            FONT_SIZE * 1.6
        };
        let (_, legend_h) = legend_layout(&names, pad, 0.0, width - 2.0 * pad);
        let height = legend_top + unit_h + legend_h + pad;

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
        let projected: Vec<Vec<Vec<(f64, f64)>>> = self
            .regions
            .iter()
            .map(|r| {
                r.rings
                    .iter()
                    .map(|ring| ring.iter().map(project).collect())
                    .collect()
            })
            .collect();
        for (region, rings) in self.regions.iter().zip(&projected) {
            let fill = value_of(&region.name).map_or(NO_DATA.to_owned(), |v| ramp(class_of(v), n));
            svg.rings(rings, &fill, "#ffffff", 0.8);
        }
        if self.labels != MapLabels::None {
            let size = FONT_SIZE * 0.85;
            let texts: Vec<Vec<String>> = self
                .regions
                .iter()
                .map(|region| match (self.labels, value_of(&region.name)) {
                    (MapLabels::NamesAndValues, Some(v)) => {
                        vec![region.name.clone(), format_number(v, self.decimals)]
                    }
                    _ => vec![region.name.clone()],
                })
                .collect();
            let area = [0.0, top, width, top + map_h];
            let placed = place_labels(&projected, &texts, size, area);
            for (label, lines) in placed.iter().zip(&texts) {
                let Some(label) = label else { continue };
                if let Some((ax, ay)) = label.leader {
                    let (ex, ey) = label.nearest_edge(ax, ay);
                    svg.line(ax, ay, ex, ey, LEADER, 0.6);
                    svg.circle(ax, ay, 1.2, LEADER, LEADER);
                }
                let first = label.y - (lines.len() - 1) as f64 * LINE / 2.0 * size;
                for (i, line) in lines.iter().enumerate() {
                    svg.label(label.x, first + i as f64 * LINE * size, line, size);
                }
            }
        }
        if !self.unit.is_empty() {
            let y = legend_top + unit_h / 2.0;
            svg.text(
                pad,
                y,
                &self.unit,
                FONT_SIZE * 0.9,
                Anchor::Start,
                TEXT,
                false,
            );
        }
        legend(
            &mut svg,
            &names,
            pad,
            legend_top + unit_h,
            width - 2.0 * pad,
        );
        svg.finish()
    }

    /// The class boundaries in use.
    fn breaks(&self) -> Vec<f64> {
        let mut breaks: Vec<f64> = self
            .breaks
            .iter()
            .copied()
            .filter(|b| b.is_finite())
            .collect();
        if !breaks.is_empty() {
            breaks.sort_by(f64::total_cmp);
            breaks.dedup();
            return breaks;
        }
        let values: Vec<f64> = self
            .values
            .iter()
            .map(|(_, v)| *v)
            .filter(|v| v.is_finite())
            .collect();
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let classes = if self.classes == 0 { 5 } else { self.classes };
        if values.is_empty() || hi <= lo {
            return Vec::new();
        }
        (1..classes)
            .map(|i| lo + (hi - lo) * i as f64 / classes as f64)
            .collect()
    }

    fn class_label(&self, breaks: &[f64], i: usize) -> String {
        let f = |v: f64| format_number(v, self.decimals);
        match (i.checked_sub(1).and_then(|j| breaks.get(j)), breaks.get(i)) {
            (None, None) => "全部".into(),
            (None, Some(hi)) => format!("< {}", f(*hi)),
            (Some(lo), None) => format!("≥ {}", f(*lo)),
            (Some(lo), Some(hi)) => format!("{}–{}", f(*lo), f(*hi)),
        }
    }
}

/// Class `i` of `n` on a light-to-dark blue ramp.
fn ramp(i: usize, n: usize) -> String {
    const LIGHT: [f64; 3] = [222.0, 235.0, 247.0];
    const DARK: [f64; 3] = [8.0, 81.0, 156.0];
    let t = if n <= 1 {
        0.6
    } else {
        i as f64 / (n - 1) as f64
    };
    let c: Vec<u8> = (0..3)
        .map(|k| (LIGHT[k] + (DARK[k] - LIGHT[k]) * t).round() as u8)
        .collect();
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Where a region's name goes: the centroid of its largest ring (by area), or the middle of
/// that ring's bounding box when the centroid is degenerate.
fn label_point(rings: &[Vec<(f64, f64)>]) -> Option<(f64, f64)> {
    let area_centroid = |ring: &Vec<(f64, f64)>| {
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for (i, p) in ring.iter().enumerate() {
            let q = ring[(i + 1) % ring.len()];
            let cross = p.0 * q.1 - q.0 * p.1;
            a += cross;
            cx += (p.0 + q.0) * cross;
            cy += (p.1 + q.1) * cross;
        }
        (a / 2.0, cx / (3.0 * a), cy / (3.0 * a))
    };
    let ring = rings.iter().filter(|r| r.len() >= 3).max_by(|a, b| {
        area_centroid(a)
            .0
            .abs()
            .total_cmp(&area_centroid(b).0.abs())
    })?;
    let (area, cx, cy) = area_centroid(ring);
    if area.abs() > 1e-9 && cx.is_finite() && cy.is_finite() {
        return Some((cx, cy));
    }
    let xs = ring.iter().map(|p| p.0);
    let ys = ring.iter().map(|p| p.1);
    let (x0, x1) = (
        xs.clone().fold(f64::MAX, f64::min),
        xs.fold(f64::MIN, f64::max),
    );
    let (y0, y1) = (
        ys.clone().fold(f64::MAX, f64::min),
        ys.fold(f64::MIN, f64::max),
    );
    Some(((x0 + x1) / 2.0, (y0 + y1) / 2.0))
}

/// Line height of the labels, in ems.
const LINE: f64 = 1.2;
/// The colour of leader lines and of the dot marking a region whose label is outside it.
const LEADER: &str = "#555555";
/// Room kept between label boxes, in points.
const GAP: f64 = 1.5;

/// Where a label goes: the centre of its box, the box's size and, for a label moved out of its
/// region, the point of the region its leader line starts from.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Label {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    leader: Option<(f64, f64)>,
}

impl Label {
    fn overlaps(&self, other: &Label) -> bool {
        (self.x - other.x).abs() * 2.0 < self.w + other.w + 2.0 * GAP
            && (self.y - other.y).abs() * 2.0 < self.h + other.h + 2.0 * GAP
    }

    /// The corners, the middles of the sides and the centre of the box.
    fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let (dx, dy) = (self.w / 2.0, self.h / 2.0);
        [-1.0, 0.0, 1.0].into_iter().flat_map(move |i| {
            [-1.0, 0.0, 1.0]
                .into_iter()
                .map(move |j| (self.x + i * dx, self.y + j * dy))
        })
    }

    /// The point of the box's outline closest to (x, y), where a leader line ends.
    fn nearest_edge(&self, x: f64, y: f64) -> (f64, f64) {
        let (dx, dy) = (self.w / 2.0, self.h / 2.0);
        (
            x.clamp(self.x - dx, self.x + dx),
            y.clamp(self.y - dy, self.y + dy),
        )
    }
}

/// Places the labels (`texts[i]`, one line each, for `rings[i]`) so that no two overlap: a
/// label goes at the spot inside its region nearest the region's [`label_point`] where its box
/// fits and meets no label placed before it (larger regions first); otherwise — a small region
/// such as 嘉峪关 inside 酒泉, or 临夏 between 定西 and 甘南 — it goes to the nearest free spot
/// around that point within `area` (`[x0, y0, x1, y1]`), tied to it by a leader line. A label
/// with no free spot anywhere stays on its point rather than being dropped.
fn place_labels(
    rings: &[Vec<Vec<(f64, f64)>>],
    texts: &[Vec<String>],
    size: f64,
    area: [f64; 4],
) -> Vec<Option<Label>> {
    let boxes: Vec<Option<Label>> = rings
        .iter()
        .zip(texts)
        .map(|(rings, lines)| {
            let (x, y) = label_point(rings)?;
            let w = lines
                .iter()
                .map(|l| text_width(l, size))
                .fold(0.0, f64::max)
                + size / 2.0;
            let h = lines.len() as f64 * LINE * size;
            Some(Label {
                x,
                y,
                w,
                h,
                leader: None,
            })
        })
        .collect();
    let mut order: Vec<usize> = (0..boxes.len()).filter(|i| boxes[*i].is_some()).collect();
    order.sort_by(|a, b| ring_area(&rings[*b]).total_cmp(&ring_area(&rings[*a])));

    // Spots inside each region where its label fits, nearest its label point first.
    let fits: Vec<Vec<Label>> = boxes
        .iter()
        .zip(rings)
        .map(|(label, rings)| label.map_or_else(Vec::new, |l| spots_inside(rings, l)))
        .collect();
    let (mut inner, mut outside): (Vec<usize>, Vec<usize>) =
        order.into_iter().partition(|i| !fits[*i].is_empty());
    // The dots of the regions labelled outside are kept clear.
    let mut dots: Vec<Label> = outside
        .iter()
        .filter_map(|i| boxes[*i])
        .map(|b| Label {
            w: 3.0,
            h: 3.0,
            ..b
        })
        .collect();
    let mut placed: Vec<Option<Label>> = vec![None; boxes.len()];
    for i in inner.drain(..) {
        let taken = |c: &Label| placed.iter().flatten().chain(&dots).any(|p| p.overlaps(c));
        match fits[i].iter().find(|c| !taken(c)) {
            Some(spot) => placed[i] = Some(*spot),
            None => {
                outside.push(i);
                dots.extend(boxes[i].map(|b| Label {
                    w: 3.0,
                    h: 3.0,
                    ..b
                }));
            }
        }
    }
    for i in outside {
        let Some(label) = boxes[i] else { continue };
        let free = |c: &Label| {
            c.x - c.w / 2.0 >= area[0]
                && c.x + c.w / 2.0 <= area[2]
                && c.y - c.h / 2.0 >= area[1]
                && c.y + c.h / 2.0 <= area[3]
                && !placed.iter().flatten().chain(&dots).any(|p| p.overlaps(c))
        };
        let step = size * 0.75;
        let spot = (1..=48)
            .flat_map(|k| (0..16).map(move |a| (k, a)))
            .map(|(k, a)| {
                let angle = std::f64::consts::PI / 8.0 * f64::from(a);
                let r = step * f64::from(k);
                Label {
                    x: label.x + angle.cos() * (r + label.w / 2.0),
                    y: label.y - angle.sin() * (r + label.h / 2.0),
                    leader: Some((label.x, label.y)),
                    ..label
                }
            })
            .find(free);
        placed[i] = Some(spot.unwrap_or(label));
    }
    placed
}

/// The positions of `label` where its box lies inside the region (tested at its corners, the
/// middles of its sides and its centre), on a grid over the region, nearest the label's point
/// first.
fn spots_inside(rings: &[Vec<(f64, f64)>], label: Label) -> Vec<Label> {
    let points = || rings.iter().flatten();
    let (x0, x1) = points().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.0), hi.max(p.0))
    });
    let (y0, y1) = points().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
    if !(x1 > x0 && y1 > y0) {
        return Vec::new();
    }
    // About 40 steps across the region, and none finer than a quarter of a line.
    let step = ((x1 - x0).max(y1 - y0) / 40.0).max(label.h / 4.0);
    let (nx, ny) = (((x1 - x0) / step) as usize, ((y1 - y0) / step) as usize);
    let mut spots: Vec<Label> = (0..=nx)
        .flat_map(|i| (0..=ny).map(move |j| (i, j)))
        .map(|(i, j)| Label {
            x: x0 + i as f64 * step,
            y: y0 + j as f64 * step,
            ..label
        })
        .chain([label])
        .filter(|c| c.points().all(|p| inside(rings, p)))
        .collect();
    let distance = |c: &Label| (c.x - label.x).powi(2) + (c.y - label.y).powi(2);
    spots.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    spots
}

/// The area of a region's largest ring (in projected units).
fn ring_area(rings: &[Vec<(f64, f64)>]) -> f64 {
    rings
        .iter()
        .map(|ring| {
            let twice: f64 = ring
                .iter()
                .zip(ring.iter().cycle().skip(1))
                .map(|(p, q)| p.0 * q.1 - q.0 * p.1)
                .sum();
            twice.abs() / 2.0
        })
        .fold(0.0, f64::max)
}

/// Whether `p` is inside the region (even-odd over all its rings, so holes are outside).
fn inside(rings: &[Vec<(f64, f64)>], p: (f64, f64)) -> bool {
    let mut crossings = 0;
    for ring in rings {
        for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
            if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
                crossings += 1;
            }
        }
    }
    crossings % 2 == 1
}

/// A GeoJSON document that is not a FeatureCollection of named polygons.
#[derive(Debug, thiserror::Error)]
#[error("GeoJSON: {0}")]
pub struct GeoJsonError(String);

/// The regions of a GeoJSON FeatureCollection of Polygon and MultiPolygon features, named by
/// the string property `name_property` (e.g. the console's map of Gansu,
/// `web/src/assets/geo/gansu_prefectures.geojson`, with `"name"`). Other geometries are
/// skipped.
pub fn regions_from_geojson(
    geojson: &str,
    name_property: &str,
) -> Result<Vec<MapRegion>, GeoJsonError> {
    use serde_json::Value;
    let bad = |what: &str| GeoJsonError(what.to_owned());
    let doc: Value = serde_json::from_str(geojson).map_err(|e| GeoJsonError(e.to_string()))?;
    let features = doc["features"]
        .as_array()
        .ok_or_else(|| bad("no \"features\" array"))?;
    let ring = |v: &Value| -> Option<Vec<[f64; 2]>> {
        v.as_array()?
            .iter()
            .map(|p| Some([p.get(0)?.as_f64()?, p.get(1)?.as_f64()?]))
            .collect()
    };
    let polygon =
        |v: &Value| -> Option<Vec<Vec<[f64; 2]>>> { v.as_array()?.iter().map(ring).collect() };
    let mut regions = Vec::with_capacity(features.len());
    for (i, feature) in features.iter().enumerate() {
        let geometry = &feature["geometry"];
        let coordinates = &geometry["coordinates"];
        let rings = match geometry["type"].as_str() {
            Some("Polygon") => polygon(coordinates),
            Some("MultiPolygon") => coordinates
                .as_array()
                .and_then(|ps| ps.iter().map(polygon).collect::<Option<Vec<_>>>())
                .map(|ps| ps.into_iter().flatten().collect()),
            _ => continue,
        }
        .ok_or_else(|| {
            GeoJsonError(format!(
                "feature {i}: coordinates are not rings of [lon, lat]"
            ))
        })?;
        let name = feature["properties"][name_property]
            .as_str()
            .ok_or_else(|| {
                GeoJsonError(format!("feature {i}: no string property {name_property:?}"))
            })?;
        regions.push(MapRegion {
            name: name.to_owned(),
            rings,
        });
    }
    Ok(regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(name: &str, x: f64) -> MapRegion {
        MapRegion {
            name: name.into(),
            rings: vec![vec![[x, 30.0], [x + 1.0, 30.0], [x + 1.0, 31.0], [x, 31.0]]],
        }
    }

    #[test]
    fn regions_are_shaded_by_class_and_named() {
        let chart = MapChart {
            regions: vec![
                square("甲", 100.0),
                square("乙", 101.0),
                square("丙", 102.0),
            ],
            values: vec![("甲".into(), 10.0), ("乙".into(), 20.0)],
            breaks: vec![15.0],
            unit: "单位：分".into(),
            labels: MapLabels::NamesAndValues,
            ..MapChart::default()
        };
        let svg = chart.svg();
        assert!(svg.contains(&format!(r#"fill="{}""#, ramp(0, 2))), "{svg}");
        assert!(svg.contains(&format!(r#"fill="{}""#, ramp(1, 2))), "{svg}");
        assert!(svg.contains(&format!(r#"fill="{NO_DATA}""#)));
        for text in [
            ">甲<",
            ">乙<",
            ">丙<",
            ">10<",
            ">20<",
            ">&lt; 15<",
            ">≥ 15<",
            ">无数据<",
            ">单位：分<",
        ] {
            assert!(svg.contains(text), "{text} missing in {svg}");
        }
    }

    #[test]
    fn equal_intervals_by_default() {
        let chart = MapChart {
            values: (0..=10).map(|i| (i.to_string(), f64::from(i))).collect(),
            ..MapChart::default()
        };
        assert_eq!(chart.breaks(), vec![2.0, 4.0, 6.0, 8.0]);
        assert!(chart.svg().ends_with("</svg>\n"));
        assert!(MapChart::default().svg().ends_with("</svg>\n"));
    }

    #[test]
    fn geojson_polygons_and_multipolygons_are_read() {
        let json = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
            {"type":"Feature","properties":{"name":"乙"},"geometry":{"type":"MultiPolygon","coordinates":[[[[2,0],[3,0],[3,1],[2,0]]],[[[4,0],[5,0],[5,1],[4,0]]]]}},
            {"type":"Feature","properties":{"name":"点"},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#;
        let regions = regions_from_geojson(json, "name").unwrap();
        assert_eq!(regions.len(), 2);
        assert_eq!(regions[1].name, "乙");
        assert_eq!(regions[1].rings.len(), 2);
        assert!(regions_from_geojson(json, "adcode").is_err());
        assert!(regions_from_geojson("{}", "name").is_err());
    }

    /// The boxes of the map's labels as drawn: (text, x0, y0, x1, y1) of every `<text>` with a
    /// halo.
    fn label_boxes(svg: &str) -> Vec<(String, f64, f64, f64, f64)> {
        let attr = |tag: &str, name: &str| -> f64 {
            let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            let len = tag[start..].find('"').unwrap();
            tag[start..start + len].parse().unwrap()
        };
        // Each piece starts with the attributes of a `<text` tag (the split ate its space).
        svg.split("<text")
            .skip(1)
            .filter(|t| t.contains(r##"stroke="#ffffff""##))
            .map(|t| {
                let (tag, rest) = t.split_once('>').unwrap();
                let text = rest.split_once("</text>").unwrap().0.to_owned();
                let (x, size) = (attr(tag, "x"), attr(tag, "font-size"));
                let y = attr(tag, "y") - 0.35 * size;
                let w = text_width(&text, size) / 2.0;
                let h = LINE * size / 2.0;
                (text, x - w, y - h, x + w, y + h)
            })
            .collect()
    }

    #[test]
    fn labels_of_gansu_do_not_overlap() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../web/src/assets/geo/gansu_prefectures.geojson"
        );
        let regions =
            regions_from_geojson(&std::fs::read_to_string(path).unwrap(), "name").unwrap();
        assert_eq!(regions.len(), 14);
        let values: Vec<(String, f64)> = regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.clone(), 70.0 + i as f64 * 1.37))
            .collect();
        for (labels, width) in [
            (MapLabels::Names, 480.0),
            (MapLabels::NamesAndValues, 480.0),
            (MapLabels::NamesAndValues, 320.0),
            (MapLabels::Names, 240.0),
        ] {
            let chart = MapChart {
                regions: regions.clone(),
                values: values.clone(),
                decimals: 2,
                labels,
                width,
                ..MapChart::default()
            };
            let svg = chart.svg();
            let boxes = label_boxes(&svg);
            let lines = if labels == MapLabels::Names { 1 } else { 2 };
            assert_eq!(boxes.len(), 14 * lines, "{labels:?} {width}");
            for (i, a) in boxes.iter().enumerate() {
                assert!(
                    a.1 >= 0.0 && a.3 <= width,
                    "{a:?} outside the map at {width}"
                );
                for b in &boxes[i + 1..] {
                    let apart = a.3 <= b.1 || b.3 <= a.1 || a.4 <= b.2 + 1e-6 || b.4 <= a.2 + 1e-6;
                    assert!(apart, "{a:?} overlaps {b:?} ({labels:?}, width {width})");
                }
            }
            // 嘉峪关 is far too small for its name: moved out, with a leader line.
            assert!(svg.contains("<line"), "no leader line at {width}");
        }
    }
}
