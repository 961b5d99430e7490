//! Documents Longzhi produces and reads. Pure functions from data to bytes and back: no I/O.
//!
//! - [`xlsx`]: Excel tables, written and read.
//! - [`pdf`]: PDF reports typeset by typst (as a library) with the embedded [`fonts`].
//! - [`chart`]: vector charts (SVG) for the reports: bar, line, radar, choropleth map.

pub mod chart;
pub mod fonts;
pub mod pdf;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod xlsx;

pub use pdf::{ReportError, render, render_with};
