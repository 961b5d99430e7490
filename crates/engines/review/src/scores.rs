//! Score sheets: one row per (application, reviewer, criterion, stage), checked against a rubric,
//! and the matrix of reviewers' totals the statistics work on.

use std::collections::HashMap;

use crate::rubric::{Rubric, ScoreProblem};

/// The stage of rows in a file without a `stage` column.
pub const DEFAULT_STAGE: &str = "independent";

/// A row the engine cannot use: `row` counts data rows from 1, `line` is the file line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct RowError {
    pub row: usize,
    pub line: u64,
    pub column: Option<&'static str>,
    pub message: String,
}

impl RowError {
    fn describe(&self) -> String {
        match (self.row, self.column) {
            (0, Some(c)) => format!("scores: column {c}: {}", self.message),
            (0, None) => format!("scores: {}", self.message),
            (r, Some(c)) => format!(
                "scores: row {r} (line {}), column {c}: {}",
                self.line, self.message
            ),
            (r, None) => format!("scores: row {r} (line {}): {}", self.line, self.message),
        }
    }
}

/// One checked score, its names interned in the owning [`ScoreSheet`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub application: u32,
    pub reviewer: u32,
    /// Index of the leaf in the rubric.
    pub criterion: u32,
    pub value: f64,
}

/// The checked scores of one stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreSheet {
    /// In order of first appearance.
    pub applications: Vec<String>,
    pub reviewers: Vec<String>,
    pub scores: Vec<Score>,
}

/// Interns names in order of first appearance. Score files list an application's or reviewer's
/// rows together, so the last name is checked before hashing.
#[derive(Default)]
struct Names {
    index: HashMap<String, u32>,
    names: Vec<String>,
    last: Option<u32>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(i) = self.last
            && self.names[i as usize] == name
        {
            return i;
        }
        let i = match self.index.get(name) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                self.index.insert(name.to_owned(), i);
                self.names.push(name.to_owned());
                i
            }
        };
        self.last = Some(i);
        i
    }
}

/// The first row of each (stage, application, reviewer, criterion): one slot per criterion for each
/// (stage, application, reviewer) cell, the cell looked up only when it changes.
struct FirstRows {
    n_criteria: usize,
    cells: HashMap<(u32, u32, u32), usize>,
    rows: Vec<usize>,
    last: Option<((u32, u32, u32), usize)>,
}

impl FirstRows {
    fn new(n_criteria: usize) -> Self {
        Self {
            n_criteria,
            cells: HashMap::new(),
            rows: Vec::new(),
            last: None,
        }
    }

    /// Records `row` for the key, or returns the earlier row that holds it.
    fn insert(&mut self, cell: (u32, u32, u32), criterion: usize, row: usize) -> Result<(), usize> {
        let base = match self.last {
            Some((key, base)) if key == cell => base,
            _ => {
                let next = self.rows.len();
                let base = *self.cells.entry(cell).or_insert(next);
                if base == next {
                    self.rows.resize(next + self.n_criteria, 0);
                }
                self.last = Some((cell, base));
                base
            }
        };
        match std::mem::replace(&mut self.rows[base + criterion], row) {
            0 => Ok(()),
            first => {
                self.rows[base + criterion] = first;
                Err(first)
            }
        }
    }
}

const COLUMNS: [&str; 4] = ["application", "reviewer", "criterion", "score"];

/// Reads a scores CSV (columns `application`, `reviewer`, `criterion`, `score`, optional `stage`;
/// other columns are ignored) and keeps the rows of `stage`. Every row of every stage is checked:
/// a known leaf criterion, a score within `0..=max` (and its scale), no duplicate
/// (application, reviewer, criterion, stage).
pub fn read_scores_csv(text: &str, rubric: &Rubric, stage: &str) -> Result<ScoreSheet, RowError> {
    let header_error = |column, message: String| RowError {
        row: 0,
        line: 1,
        column,
        message,
    };
    // Fields are trimmed by hand: the reader's own trimming rebuilds every record (6× slower).
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| header_error(None, format!("header: {e}")))?
        .clone();
    let find = |name: &str| headers.iter().position(|h| h.trim() == name);
    for name in COLUMNS.iter().chain(std::iter::once(&"stage")) {
        if headers.iter().filter(|h| h.trim() == *name).count() > 1 {
            return Err(header_error(
                None,
                format!("column {name} appears twice in the header"),
            ));
        }
    }
    let mut at = [0usize; 4];
    for (slot, name) in at.iter_mut().zip(COLUMNS) {
        *slot = find(name)
            .ok_or_else(|| header_error(None, format!("the header has no column {name}")))?;
    }
    let stage_at = find("stage");

    let mut stages = Names::default();
    let mut apps = Names::default();
    let mut reviewers = Names::default();
    let mut seen = FirstRows::new(rubric.criteria().len());
    let mut kept: Vec<Score> = Vec::new();
    let wanted = stages.id(stage);
    let mut record = csv::StringRecord::new();
    let mut row = 0usize;
    loop {
        let line = reader.position().line();
        let more = reader.read_record(&mut record).map_err(|e| RowError {
            row: row + 1,
            line,
            column: None,
            message: e.to_string(),
        })?;
        if !more {
            break;
        }
        row += 1;
        let line = record.position().map_or(line, csv::Position::line);
        let fail = |column: Option<&'static str>, message: String| RowError {
            row,
            line,
            column,
            message,
        };
        let field = |i: usize, name: &'static str| match record.get(i).map(str::trim) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(fail(Some(name), "is empty".into())),
        };
        let app = field(at[0], "application")?;
        let reviewer = field(at[1], "reviewer")?;
        let code = field(at[2], "criterion")?;
        let raw = field(at[3], "score")?;
        let value: f64 = raw
            .parse()
            .map_err(|_| fail(Some("score"), format!("{raw:?} is not a number")))?;
        let stage_id = match stage_at {
            Some(i) => stages.id(field(i, "stage")?),
            None => wanted,
        };
        let criterion = rubric.check_score(code, value).map_err(|p| {
            let column = match p {
                ScoreProblem::UnknownCriterion(_) | ScoreProblem::NotALeaf(_) => "criterion",
                _ => "score",
            };
            fail(Some(column), p.to_string())
        })?;
        let application = apps.id(app);
        let reviewer_id = reviewers.id(reviewer);
        if let Err(first) = seen.insert((stage_id, application, reviewer_id), criterion, row) {
            let message = format!(
                "duplicate of row {first}: application {app:?}, reviewer {reviewer:?}, criterion {code:?} again"
            );
            return Err(fail(None, message));
        }
        let (criterion, reviewer) = (u32::try_from(criterion).unwrap_or(u32::MAX), reviewer_id);
        if stage_id == wanted {
            kept.push(Score {
                application,
                reviewer,
                criterion,
                value,
            });
        }
    }
    if kept.is_empty() {
        return Err(header_error(None, format!("no rows for stage {stage:?}")));
    }
    Ok(compact(kept, &apps.names, &reviewers.names))
}

/// Renumbers the kept scores so that only the applications and reviewers of the stage remain.
fn compact(mut scores: Vec<Score>, apps: &[String], reviewers: &[String]) -> ScoreSheet {
    let mut app_map = vec![u32::MAX; apps.len()];
    let mut rev_map = vec![u32::MAX; reviewers.len()];
    let mut sheet = ScoreSheet::default();
    for s in &mut scores {
        s.application = remap(&mut app_map, &mut sheet.applications, apps, s.application);
        s.reviewer = remap(&mut rev_map, &mut sheet.reviewers, reviewers, s.reviewer);
    }
    sheet.scores = scores;
    sheet
}

fn remap(map: &mut [u32], kept: &mut Vec<String>, names: &[String], id: u32) -> u32 {
    let slot = &mut map[id as usize];
    if *slot == u32::MAX {
        *slot = u32::try_from(kept.len()).unwrap_or(u32::MAX);
        kept.push(names[id as usize].clone());
    }
    *slot
}

/// Reviewers' totals: `cells[a * reviewers.len() + r]` is reviewer r's total for application a
/// (the sum of r's criterion scores), `None` when r scored nothing for a.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    pub applications: Vec<String>,
    pub reviewers: Vec<String>,
    pub cells: Vec<Option<f64>>,
}

impl Totals {
    pub fn from_sheet(sheet: &ScoreSheet) -> Self {
        let m = sheet.reviewers.len();
        let mut cells = vec![None; sheet.applications.len() * m];
        for s in &sheet.scores {
            let cell: &mut Option<f64> =
                &mut cells[s.application as usize * m + s.reviewer as usize];
            *cell = Some(cell.unwrap_or(0.0) + s.value);
        }
        Self {
            applications: sheet.applications.clone(),
            reviewers: sheet.reviewers.clone(),
            cells,
        }
    }

    pub fn n_applications(&self) -> usize {
        self.applications.len()
    }

    pub fn n_reviewers(&self) -> usize {
        self.reviewers.len()
    }

    pub fn get(&self, application: usize, reviewer: usize) -> Option<f64> {
        self.cells[application * self.reviewers.len() + reviewer]
    }

    /// One application's row of totals.
    pub fn row(&self, application: usize) -> &[Option<f64>] {
        let m = self.reviewers.len();
        &self.cells[application * m..(application + 1) * m]
    }

    /// Whether every reviewer scored every application.
    pub fn is_complete(&self) -> bool {
        self.cells.iter().all(Option::is_some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUBRIC: &str =
        "[[criterion]]\ncode = \"c1\"\nmax = 10\n[[criterion]]\ncode = \"c2\"\nmax = 5\n";

    fn read(csv: &str, stage: &str) -> Result<ScoreSheet, RowError> {
        read_scores_csv(csv, &Rubric::from_toml(RUBRIC).unwrap(), stage)
    }

    #[test]
    fn totals_sum_each_reviewers_criteria() {
        let sheet = read(
            "application,reviewer,criterion,score\nA,r1,c1,7\nA,r1,c2,2.5\nB,r2,c1,3\n",
            "independent",
        )
        .unwrap();
        let t = Totals::from_sheet(&sheet);
        assert_eq!(
            (t.applications.clone(), t.reviewers.clone()),
            (
                vec!["A".to_string(), "B".into()],
                vec!["r1".to_string(), "r2".into()]
            )
        );
        assert_eq!(t.cells, vec![Some(9.5), None, None, Some(3.0)]);
        assert!(!t.is_complete());
    }

    #[test]
    fn fields_and_headers_are_trimmed() {
        let sheet = read(
            " application , reviewer,criterion , score\n A , r1 ,c1, 7 \n",
            "independent",
        )
        .unwrap();
        assert_eq!(
            (sheet.applications[0].as_str(), sheet.reviewers[0].as_str()),
            ("A", "r1")
        );
        assert_eq!(sheet.scores[0].value, 7.0);
    }

    #[test]
    fn the_stage_column_selects_rows_and_defaults_to_independent() {
        let csv = "stage,application,reviewer,criterion,score,comment\nindependent,A,r1,c1,7,x\nconsensus,A,lead,c1,8,y\n\
                   consensus,B,lead,c1,6,\n";
        let sheet = read(csv, "consensus").unwrap();
        assert_eq!(
            (sheet.applications.len(), sheet.reviewers.clone()),
            (2, vec!["lead".to_string()])
        );
        assert_eq!(read(csv, "independent").unwrap().scores.len(), 1);
        assert_eq!(
            read(csv, "site_visit").unwrap_err().to_string(),
            "scores: no rows for stage \"site_visit\""
        );
    }

    #[test]
    fn bad_rows_are_named() {
        let head = "application,reviewer,criterion,score\n";
        let cases = [
            (
                "A,r1,c1,11\n",
                "scores: row 1 (line 2), column score: score 11 is above the maximum 10 of criterion \"c1\"",
            ),
            (
                "A,r1,c1,-1\n",
                "scores: row 1 (line 2), column score: score -1 is below 0",
            ),
            (
                "A,r1,c1,1\nA,r1,c9,1\n",
                "scores: row 2 (line 3), column criterion: unknown criterion \"c9\"",
            ),
            (
                "A,r1,c1,1\nA,r2,c1,1\nA,r1,c1,2\n",
                "scores: row 3 (line 4): duplicate of row 1: application \"A\", reviewer \"r1\", criterion \"c1\" again",
            ),
            (
                "A,r1,c1,ten\n",
                "scores: row 1 (line 2), column score: \"ten\" is not a number",
            ),
            (
                "A,r1,c1,NaN\n",
                "column score: score NaN is not a finite number",
            ),
            (
                "A,,c1,1\n",
                "scores: row 1 (line 2), column reviewer: is empty",
            ),
        ];
        for (rows, want) in cases {
            let err = read(&format!("{head}{rows}"), "independent")
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{err:?} should contain {want:?}");
        }
        let err = read("application,reviewer,score\nA,r1,1\n", "independent").unwrap_err();
        assert_eq!(
            err.to_string(),
            "scores: the header has no column criterion"
        );
    }

    #[test]
    fn rows_of_other_stages_are_checked_too() {
        let csv = "application,reviewer,criterion,score,stage\nA,r1,c1,1,independent\nA,r1,c2,6,consensus\n";
        assert!(
            read(csv, "independent")
                .unwrap_err()
                .to_string()
                .starts_with("scores: row 2 (line 3), column score")
        );
        // The same key in two stages is not a duplicate.
        let csv = "application,reviewer,criterion,score,stage\nA,r1,c1,1,independent\nA,r1,c1,2,consensus\n";
        assert!(read(csv, "consensus").is_ok());
    }
}
