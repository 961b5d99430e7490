//! A data set: one row per unit, one column per indicator code; NaN marks a missing value.

use std::collections::HashMap;

use crate::error::{Cell, IndexError};
use crate::framework::Framework;

#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub units: Vec<String>,
    /// Optional group of every unit (for group imputation), e.g. the region type.
    pub groups: Option<Vec<String>>,
    pub columns: Vec<String>,
    /// Row-major values, `units.len() × columns.len()`; NaN = missing.
    pub values: Vec<f64>,
}

impl Dataset {
    pub fn n_units(&self) -> usize {
        self.units.len()
    }

    /// Where a value of unit `u` in column `code` is, for error messages.
    pub fn cell(&self, u: usize, code: &str) -> Cell {
        Cell {
            row: u + 1,
            unit: self.units[u].clone(),
            column: code.to_owned(),
        }
    }

    /// The columns in the framework's indicator order, after checking that the columns are exactly
    /// the framework's indicators and that every unit appears once.
    pub fn align(&self, fw: &Framework) -> Result<Vec<Vec<f64>>, IndexError> {
        let n = self.n_units();
        if n < 2 {
            return Err(IndexError::Row {
                row: n,
                message: "at least two units are needed".into(),
            });
        }
        let mut first_row = HashMap::new();
        for (u, name) in self.units.iter().enumerate() {
            if let Some(prev) = first_row.insert(name.as_str(), u) {
                return Err(IndexError::Row {
                    row: u + 1,
                    message: format!("unit \"{name}\" already appears in row {}", prev + 1),
                });
            }
        }
        let mut col_of = HashMap::new();
        for (c, code) in self.columns.iter().enumerate() {
            if fw.indicators.iter().all(|i| &i.code != code) {
                return Err(IndexError::UnknownColumn(code.clone()));
            }
            if col_of.insert(code.as_str(), c).is_some() {
                return Err(IndexError::column(code, "column appears more than once"));
            }
        }
        let width = self.columns.len();
        fw.indicators
            .iter()
            .map(|ind| {
                let c = *col_of
                    .get(ind.code.as_str())
                    .ok_or_else(|| IndexError::MissingColumn(ind.code.clone()))?;
                Ok((0..n).map(|u| self.values[u * width + c]).collect())
            })
            .collect()
    }
}
