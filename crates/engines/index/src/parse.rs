//! Reading the CLI's text inputs: the data CSV and the framework TOML (parsing, not I/O).

use serde::Deserialize;

use crate::aggregate::Aggregation;
use crate::data::Dataset;
use crate::error::{Cell, IndexError};
use crate::framework::{FrameworkSpec, IndicatorSpec, NodeSpec};
use crate::impute::Imputation;
use crate::model::{AhpSpec, Method};
use crate::normalise::Normalisation;
use crate::outliers::OutlierTreatment;
use crate::uncertainty::Uncertainty;
use crate::weights::Weighting;

/// A data CSV: a column `unit`, an optional column `group`, one column per indicator code. Empty
/// cells and `NA`/`NaN` are missing values. A leading byte-order mark (as spreadsheet exports
/// write) is ignored.
pub fn parse_csv(text: &str) -> Result<Dataset, IndexError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| IndexError::Parse(format!("data header: {e}")))?
        .clone();
    let find = |name: &str| headers.iter().position(|h| h == name);
    let unit_col =
        find("unit").ok_or_else(|| IndexError::field("unit", "the data has no column \"unit\""))?;
    let group_col = find("group");
    let value_cols: Vec<usize> = (0..headers.len())
        .filter(|&c| c != unit_col && Some(c) != group_col)
        .collect();
    let mut ds = Dataset {
        units: Vec::new(),
        groups: group_col.map(|_| Vec::new()),
        columns: value_cols.iter().map(|&c| headers[c].to_owned()).collect(),
        values: Vec::new(),
    };
    for (r, record) in reader.records().enumerate() {
        let row = r + 1;
        let record = record.map_err(|e| IndexError::Row {
            row,
            message: e.to_string(),
        })?;
        let unit = record[unit_col].to_owned();
        if unit.is_empty() {
            return Err(IndexError::Row {
                row,
                message: "empty unit".into(),
            });
        }
        if let (Some(groups), Some(g)) = (&mut ds.groups, group_col) {
            groups.push(record[g].to_owned());
        }
        for &c in &value_cols {
            let text = &record[c];
            let value = if text.is_empty()
                || text.eq_ignore_ascii_case("na")
                || text.eq_ignore_ascii_case("nan")
            {
                f64::NAN
            } else {
                match text.parse::<f64>() {
                    Ok(v) if v.is_finite() => v,
                    _ => {
                        return Err(IndexError::NotANumber {
                            cell: Cell {
                                row,
                                unit,
                                column: headers[c].to_owned(),
                            },
                            text: text.to_owned(),
                        });
                    }
                }
            };
            ds.values.push(value);
        }
        ds.units.push(unit);
    }
    Ok(ds)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkFile {
    normalisation: Option<String>,
    aggregation: Option<String>,
    power: Option<f64>,
    imputation: Option<String>,
    weighting: Option<String>,
    #[serde(default)]
    force_ahp: bool,
    outliers: Option<OutliersToml>,
    uncertainty: Option<UncertaintyToml>,
    #[serde(default)]
    ahp: Vec<AhpToml>,
    #[serde(default)]
    node: Vec<NodeToml>,
    #[serde(default)]
    indicator: Vec<IndicatorToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeToml {
    code: String,
    name: Option<String>,
    #[serde(default = "one")]
    weight: f64,
    parent: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorToml {
    code: String,
    name: Option<String>,
    direction: f64,
    #[serde(default = "one")]
    weight: f64,
    parent: String,
    unit: Option<String>,
    lower: Option<f64>,
    upper: Option<f64>,
    target: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutliersToml {
    max_winsorised: Option<usize>,
    skewness: Option<f64>,
    kurtosis: Option<f64>,
    log: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UncertaintyToml {
    weight_noise: Option<f64>,
    #[serde(default)]
    imputations: Vec<String>,
    #[serde(default)]
    normalisations: Vec<String>,
    #[serde(default)]
    aggregations: Vec<String>,
    /// Base sample size N of the Saltelli design; 0 or absent: no Sobol indices.
    #[serde(default)]
    sobol: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AhpToml {
    node: String,
    children: Vec<String>,
    matrix: Vec<Vec<f64>>,
}

fn one() -> f64 {
    1.0
}

/// Everything a framework TOML says.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub spec: FrameworkSpec,
    pub method: Method,
    /// What `--mc` varies: the `[uncertainty]` table, or weights ± 25 % when it is absent.
    pub uncertainty: Uncertainty,
    /// Base sample size for Sobol indices (0: none).
    pub sobol: usize,
}

fn unknown(field: &str, value: &str, allowed: &str) -> IndexError {
    IndexError::field(
        field,
        format!("unknown value \"{value}\" (one of {allowed})"),
    )
}

fn normalisation(field: &str, name: &str) -> Result<Normalisation, IndexError> {
    Normalisation::from_name(name).ok_or_else(|| {
        unknown(
            field,
            name,
            "minmax, zscore, rank, percentile, goalposts, target, best",
        )
    })
}

fn aggregation(field: &str, name: &str, power: Option<f64>) -> Result<Aggregation, IndexError> {
    Ok(match name {
        "arithmetic" => Aggregation::Arithmetic,
        "geometric" => Aggregation::Geometric,
        "harmonic" => Aggregation::Harmonic,
        "copeland" => Aggregation::Copeland,
        "generalised" => match power {
            Some(p) if p.is_finite() => Aggregation::Generalised(p),
            _ => {
                return Err(IndexError::field(
                    "power",
                    "generalised aggregation needs a finite `power`",
                ));
            }
        },
        other => {
            return Err(unknown(
                field,
                other,
                "arithmetic, geometric, harmonic, generalised, copeland",
            ));
        }
    })
}

fn imputation(field: &str, name: &str) -> Result<Imputation, IndexError> {
    [
        Imputation::None,
        Imputation::Mean,
        Imputation::Median,
        Imputation::GroupMean,
        Imputation::GroupMedian,
    ]
    .into_iter()
    .find(|i| i.name() == name)
    .ok_or_else(|| unknown(field, name, "none, mean, median, group_mean, group_median"))
}

/// Parses a framework TOML (see `docs/engines/index.md` for its shape).
pub fn parse_framework(text: &str) -> Result<Config, IndexError> {
    let file: FrameworkFile =
        toml::from_str(text).map_err(|e| IndexError::Parse(format!("framework: {e}")))?;
    let mut indicators = Vec::with_capacity(file.indicator.len());
    for i in file.indicator {
        let goalposts = match (i.lower, i.upper) {
            (Some(l), Some(u)) => Some((l, u)),
            (None, None) => None,
            _ => {
                return Err(IndexError::node(
                    &i.code,
                    "goalposts need both `lower` and `upper`",
                ));
            }
        };
        indicators.push(IndicatorSpec {
            code: i.code,
            name: i.name,
            direction: i.direction,
            weight: i.weight,
            parent: i.parent,
            unit: i.unit,
            goalposts,
            target: i.target,
        });
    }
    let nodes = file
        .node
        .into_iter()
        .map(|n| NodeSpec {
            code: n.code,
            name: n.name,
            weight: n.weight,
            parent: n.parent,
        })
        .collect();
    let method = Method {
        imputation: imputation("imputation", file.imputation.as_deref().unwrap_or("none"))?,
        outliers: file.outliers.map(|o| {
            let d = OutlierTreatment::default();
            OutlierTreatment {
                max_winsorised: o.max_winsorised.unwrap_or(d.max_winsorised),
                skewness: o.skewness.unwrap_or(d.skewness),
                kurtosis: o.kurtosis.unwrap_or(d.kurtosis),
                log_fallback: o.log.unwrap_or(d.log_fallback),
            }
        }),
        normalisation: normalisation(
            "normalisation",
            file.normalisation.as_deref().unwrap_or("minmax"),
        )?,
        aggregation: aggregation(
            "aggregation",
            file.aggregation.as_deref().unwrap_or("arithmetic"),
            file.power,
        )?,
        weighting: {
            let name = file.weighting.as_deref().unwrap_or("given");
            Weighting::from_name(name)
                .ok_or_else(|| unknown("weighting", name, "given, equal, entropy, pca"))?
        },
        ahp: file
            .ahp
            .into_iter()
            .map(|a| AhpSpec {
                node: a.node,
                children: a.children,
                matrix: a.matrix,
            })
            .collect(),
        force_ahp: file.force_ahp,
    };
    let (uncertainty, sobol) = match file.uncertainty {
        None => (Uncertainty::default(), 0),
        Some(u) => (
            Uncertainty {
                weight_noise: u
                    .weight_noise
                    .unwrap_or(Uncertainty::default().weight_noise),
                imputations: u
                    .imputations
                    .iter()
                    .map(|s| imputation("uncertainty.imputations", s))
                    .collect::<Result<_, _>>()?,
                normalisations: u
                    .normalisations
                    .iter()
                    .map(|s| normalisation("uncertainty.normalisations", s))
                    .collect::<Result<_, _>>()?,
                aggregations: u
                    .aggregations
                    .iter()
                    .map(|s| aggregation("uncertainty.aggregations", s, file.power))
                    .collect::<Result<_, _>>()?,
            },
            u.sobol,
        ),
    };
    Ok(Config {
        spec: FrameworkSpec { indicators, nodes },
        method,
        uncertainty,
        sobol,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_and_errors() {
        let ds = parse_csv("\u{feff}unit,a,group,b\nX, 1.5,g1,NA\nY,2,g2,\n").unwrap();
        assert_eq!(ds.units, vec!["X", "Y"]);
        assert_eq!(ds.columns, vec!["a", "b"]);
        assert_eq!(ds.groups, Some(vec!["g1".into(), "g2".into()]));
        assert_eq!(ds.values[0], 1.5);
        assert!(ds.values[1].is_nan() && ds.values[3].is_nan());
        let e = parse_csv("unit,a,b\nX,1,2\nY,3,abc\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "row 2 (unit \"Y\"), column \"b\": not a number: \"abc\""
        );
        assert!(
            parse_csv("name,a\nX,1\n")
                .unwrap_err()
                .to_string()
                .contains("\"unit\"")
        );
        assert!(
            parse_csv("unit,a\nX,1,2\n")
                .unwrap_err()
                .to_string()
                .starts_with("row 1:")
        );
    }

    #[test]
    fn framework_toml() {
        let c = parse_framework(
            r#"
            normalisation = "zscore"
            aggregation = "generalised"
            power = 0.5
            [uncertainty]
            aggregations = ["arithmetic", "generalised"]
            [[node]]
            code = "I"
            [[indicator]]
            code = "a"
            direction = -1
            weight = 2
            parent = "I"
            lower = 0
            upper = 10
            "#,
        )
        .unwrap();
        assert_eq!(c.method.normalisation, Normalisation::ZScore);
        assert_eq!(c.method.aggregation, Aggregation::Generalised(0.5));
        assert_eq!(c.uncertainty.aggregations[1], Aggregation::Generalised(0.5));
        assert_eq!(c.spec.indicators[0].direction, -1.0);
        assert_eq!(c.spec.indicators[0].goalposts, Some((0.0, 10.0)));
        let e = parse_framework("normalisation = \"minmaks\"").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("field \"normalisation\": unknown value \"minmaks\"")
        );
        let e = parse_framework("[[indicator]]\ncode = \"a\"\nparent = \"I\"\n").unwrap_err();
        assert!(e.to_string().contains("direction"), "{e}");
    }
}
