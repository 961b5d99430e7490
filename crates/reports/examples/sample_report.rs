//! Writes a sample report with a map of Gansu's prefectures, to look at:
//!
//! ```sh
//! cargo run -p longzhi-reports --example sample_report -- /tmp/sample.pdf \
//!     web/src/assets/geo/gansu_prefectures.geojson
//! ```
//!
//! The values are made up.

use longzhi_reports::chart::{BarChart, MapChart, MapLabels, regions_from_geojson};
use longzhi_reports::pdf::render;

const TEMPLATE: &str = r#"#set page(paper: "a4", margin: 2cm, numbering: "1")
#set par(justify: true, first-line-indent: (amount: 2em, all: true))

#align(center, text(size: 18pt, weight: "bold")[甘肃省质量状况报告（示例）])

= 一、总体情况

各市州质量指数见图 1 与图 2。本文件由 longzhi-reports 的示例生成，数值均为虚构，仅用于检查版式。

#figure(image("map.svg", width: 100%), caption: [各市州质量指数分布])
#figure(image("bar.svg", width: 85%), caption: [各市州质量指数排名])
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, out, geojson] = args.as_slice() else {
        return Err("usage: sample_report OUT.pdf GEOJSON".into());
    };
    let regions = regions_from_geojson(&std::fs::read_to_string(geojson)?, "name")?;
    let values: Vec<(String, f64)> = regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.name.clone(), 78.0 + ((i * 7) % 13) as f64 * 1.1))
        .collect();
    let map = MapChart {
        unit: "质量指数（分）".into(),
        regions,
        values: values.clone(),
        decimals: 1,
        labels: MapLabels::NamesAndValues,
        ..MapChart::default()
    };
    let bar = BarChart {
        items: values,
        decimals: 1,
        highlight: vec!["兰州市".into()],
        ..BarChart::default()
    };
    let files = [
        ("map.svg", map.svg().into_bytes()),
        ("bar.svg", bar.svg().into_bytes()),
    ];
    std::fs::write(out, render(TEMPLATE, &files)?)?;
    println!("{out}");
    Ok(())
}
