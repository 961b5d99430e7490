//! PDF documents typeset by typst, used as a library: a template (typst markup) plus virtual
//! files (images, SVG charts, JSON data, other `.typ` modules) in, PDF bytes out.
//!
//! Nothing is read from disk or the network: the template sees only the files passed to
//! [`render`], the fonts are the embedded ones ([`crate::fonts`]), and typst packages
//! (`#import "@preview/…"`) are not available. The output is deterministic: the same template
//! and files give the same bytes (no creation date unless the template sets
//! `#set document(date: …)`).

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use chrono::Datelike;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::layout::{Frame, FrameItem};
use typst::syntax::{DiagSpan, FileId, RootedPath, Source, SubRange, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontFamily, FontList, Lang, Region, TextElem};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::fonts;

/// The path of the template itself inside the virtual file system.
pub const MAIN: &str = "/main.typ";

/// Why a report could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The template has errors (or, unless [`Options::allow_warnings`], warnings): each with
    /// its file, line and column.
    #[error("the report template does not compile: {}", Diagnostics(.0))]
    Compile(Vec<Diagnostic>),
    /// The typeset document could not be written as PDF.
    #[error("the report could not be exported to PDF: {}", Diagnostics(.0))]
    Export(Vec<Diagnostic>),
    /// A virtual file's path is not usable (escapes the root, has a backslash, is given twice
    /// or is the template's own path).
    #[error("virtual file {path:?}: {reason}")]
    File { path: String, reason: String },
}

/// One message of the typst compiler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `true` for an error, `false` for a warning.
    pub error: bool,
    /// The virtual file the message is about (`/main.typ` for the template), if any.
    pub file: Option<String>,
    /// 1-based line and column (in characters) in that file, if the message points into a
    /// typst source.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// typst's hints ("try adding …").
    pub hints: Vec<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            if let (Some(line), Some(column)) = (self.line, self.column) {
                write!(f, ":{line}:{column}")?;
            }
            write!(f, ": ")?;
        }
        let kind = if self.error { "error" } else { "warning" };
        write!(f, "{kind}: {}", self.message)?;
        for hint in &self.hints {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

struct Diagnostics<'a>(&'a [Diagnostic]);

impl fmt::Display for Diagnostics<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What typst's `datetime.today()` returns; `None` makes it an error, so that a report
    /// depends on no clock unless asked to.
    pub today: Option<chrono::NaiveDate>,
    /// Accept a document that compiles with warnings (an unknown font, a missing glyph, …).
    /// By default a warning is an error: a report must not silently lose text.
    pub allow_warnings: bool,
}

/// Typesets `main` (typst markup) with the virtual `files` (path relative to the template, e.g.
/// `"charts/bar.svg"` for `#image("charts/bar.svg")`, `"data.json"` for `#json("data.json")`)
/// and returns the PDF. Warnings are errors (see [`render_with`]).
///
/// Use stable file names (not one per record): typst interns every path it sees for the life
/// of the process, and has room for 65,535.
pub fn render(main: &str, files: &[(&str, Vec<u8>)]) -> Result<Vec<u8>, ReportError> {
    render_with(main, files, &Options::default())
}

/// [`render`] with options.
pub fn render_with(
    main: &str,
    files: &[(&str, Vec<u8>)],
    options: &Options,
) -> Result<Vec<u8>, ReportError> {
    let world = ReportWorld::new(main, files, options)?;
    let compiled = typst::compile::<PagedDocument>(&world);
    let result = (|| {
        let document = compiled
            .output
            .map_err(|e| ReportError::Compile(world.map(&e)))?;
        let mut warnings = world.map(&compiled.warnings);
        warnings.extend(world.map(&missing_glyphs(&document)));
        warnings.extend(world.svg_text_outside_fonts());
        if !options.allow_warnings && !warnings.is_empty() {
            return Err(ReportError::Compile(warnings));
        }
        typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
            .map_err(|e| ReportError::Export(world.map(&e)))
    })();
    // typst memoises across compilations; drop what the last few did not use.
    typst::comemo::evict(4);
    result
}

/// The fonts, parsed once per process.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = fonts::ALL
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// typst's standard library with the report defaults: the embedded font, Chinese (China).
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    let mut library = Library::default();
    library.styles.set(
        TextElem::font,
        FontList(vec![FontFamily::new(fonts::FAMILY)]),
    );
    library.styles.set(TextElem::lang, Lang::CHINESE);
    library
        .styles
        .set(TextElem::region, "CN".parse::<Region>().ok());
    LazyHash::new(library)
});

struct ReportWorld {
    main: Source,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

fn file_id(path: &str) -> Result<FileId, ReportError> {
    let vpath = VirtualPath::new(path).map_err(|e| ReportError::File {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl ReportWorld {
    fn new(main: &str, files: &[(&str, Vec<u8>)], options: &Options) -> Result<Self, ReportError> {
        let main_id = file_id(MAIN)?;
        let mut sources = HashMap::new();
        let mut map = HashMap::new();
        for (path, data) in files {
            let id = file_id(path)?;
            let taken = id == main_id || map.contains_key(&id);
            if taken {
                return Err(ReportError::File {
                    path: (*path).to_owned(),
                    reason: "given twice (or is the template's own path)".into(),
                });
            }
            if id.vpath().extension() == Some("typ")
                && let Ok(text) = std::str::from_utf8(data)
            {
                sources.insert(id, Source::new(id, text.to_owned()));
            }
            map.insert(id, Bytes::new(data.clone()));
        }
        let today = options.today.and_then(|d| {
            let month = u8::try_from(d.month()).ok()?;
            let day = u8::try_from(d.day()).ok()?;
            Datetime::from_ymd(d.year(), month, day)
        });
        Ok(Self {
            main: Source::new(main_id, main.to_owned()),
            sources,
            files: map,
            today,
        })
    }

    fn map(&self, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .map(|d| {
                let id = d.span.id();
                let position = id.and_then(|id| {
                    let range = self.range(d.span)?;
                    let source = self.source(id).ok()?;
                    source.lines().byte_to_line_column(range.start)
                });
                Diagnostic {
                    error: d.severity == Severity::Error,
                    file: id.map(|id| id.vpath().get_with_slash().to_owned()),
                    line: position.map(|(line, _)| line + 1),
                    column: position.map(|(_, column)| column + 1),
                    message: d.message.to_string(),
                    hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
                }
            })
            .collect()
    }
}

impl ReportWorld {
    /// A warning per SVG file whose text has characters the embedded fonts lack (the SVG
    /// renderer would silently drop them).
    fn svg_text_outside_fonts(&self) -> Vec<Diagnostic> {
        let mut found: Vec<(&str, char)> = Vec::new();
        let mut svgs: Vec<_> = self
            .files
            .iter()
            .filter(|(id, _)| id.vpath().extension() == Some("svg"))
            .collect();
        svgs.sort_by_key(|(id, _)| id.vpath().get_with_slash());
        for (id, data) in svgs {
            let text = String::from_utf8_lossy(data.as_slice());
            let path = id.vpath().get_with_slash();
            if let Some(c) = svg_text(&text).find(|c| !c.is_whitespace() && !covered(*c)) {
                found.push((path, c));
            }
        }
        found
            .into_iter()
            .map(|(path, c)| Diagnostic {
                error: false,
                file: Some(path.to_owned()),
                line: None,
                column: None,
                message: missing_message(c),
                hints: vec![MISSING_HINT.to_owned()],
            })
            .collect()
    }
}

const MISSING_HINT: &str =
    "add it to crates/reports/fonts/extra-chars.txt and rebuild the fonts (fonts/README.md)";

fn missing_message(c: char) -> String {
    format!(
        "the embedded fonts have no glyph for {c:?} (U+{:04X})",
        c as u32
    )
}

/// Whether the embedded fonts have a glyph for `c`.
fn covered(c: char) -> bool {
    FONTS.1.iter().any(|f| f.info().coverage.contains(c as u32))
}

/// The characters of an SVG document outside its tags (its text content; entity references
/// are skipped, the charts write only the five XML ones).
fn svg_text(svg: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_tag = false;
    let mut in_entity = false;
    svg.chars().filter(move |c| {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '&' if !in_tag => in_entity = true,
            ';' if in_entity => in_entity = false,
            _ => return !in_tag && !in_entity,
        }
        false
    })
}

/// A warning per character that typst set as the "missing glyph" box: the fonts do not have
/// it (typst itself does not warn). One per distinct character, at its first use.
fn missing_glyphs(document: &PagedDocument) -> Vec<SourceDiagnostic> {
    fn walk(frame: &Frame, seen: &mut Vec<char>, out: &mut Vec<SourceDiagnostic>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, seen, out),
                FrameItem::Text(text) => {
                    for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                        let chars = text.text.get(glyph.range()).unwrap_or_default();
                        for c in chars.chars().filter(|c| !c.is_whitespace()) {
                            if !seen.contains(&c) {
                                seen.push(c);
                                // The glyph's span is its text node; the offset points at it.
                                let (span, offset) = glyph.span;
                                let offset = usize::from(offset);
                                let at = SubRange::new(offset, offset + c.len_utf8());
                                let span = DiagSpan::from_span(span, at);
                                out.push(
                                    SourceDiagnostic::warning(span, missing_message(c))
                                        .with_hint(MISSING_HINT),
                                );
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let (mut seen, mut out) = (Vec::new(), Vec::new());
    for page in document.pages() {
        walk(&page.frame, &mut seen, &mut out);
    }
    out
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if let Some(source) = self.sources.get(&id) {
            return Ok(source.clone());
        }
        if self.files.contains_key(&id) {
            let utf8 = id.vpath().extension() == Some("typ");
            return Err(if utf8 {
                FileError::InvalidUtf8
            } else {
                FileError::NotSource
            });
        }
        Err(not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    if matches!(id.root(), VirtualRoot::Package(_)) {
        return FileError::Other(Some(
            "typst packages are not available to reports: vendor what you need as a file".into(),
        ));
    }
    FileError::NotFound(id.vpath().get_without_slash().into())
}
