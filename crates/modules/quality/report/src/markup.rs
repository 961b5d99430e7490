//! Writing typst markup from Rust: escaped text, tables, figures.

use std::fmt::Write;

/// `text` as typst markup that prints it literally. Every ASCII punctuation character is
/// escaped with a backslash (typst reads `\` + any character as that character), which covers
/// the markup syntax (`#` code, `*` strong, `_` emphasis, `[ ]` content, `$` maths, `\`, `@`
/// references, `<label>`, `` ` `` raw, `=`/`-`/`+`/`/` at the start of a line, `//` comments,
/// `~` and `--` / `...` shorthands, smart quotes) without listing it. Line breaks and other
/// control characters become spaces: a name is one paragraph.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// A table cell: its markup and the number of columns it spans.
pub(crate) struct Cell {
    markup: String,
    colspan: usize,
}

impl Cell {
    /// A cell of plain text (escaped).
    pub fn text(text: &str) -> Self {
        Self::markup(escape(text))
    }

    /// A cell of markup written by the report (not escaped again).
    pub fn markup(markup: String) -> Self {
        Self { markup, colspan: 1 }
    }

    /// A row of its own across `columns` columns, in bold on a grey ground: the name of the
    /// group of rows that follows.
    pub fn group(text: &str, columns: usize) -> Self {
        Self {
            markup: format!("*{}*", escape(text)),
            colspan: columns,
        }
    }
}

impl<S: AsRef<str>> From<S> for Cell {
    fn from(text: S) -> Self {
        Self::text(text.as_ref())
    }
}

/// A table with a header row repeated on every page: `columns` and `align` are typst arrays
/// (`"(auto, 1fr)"`, `"(left, right)"`), the header titles plain text.
pub(crate) fn table(
    out: &mut String,
    columns: &str,
    align: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) {
    let _ = write!(
        out,
        "#table(columns: {columns}, align: {align},\ntable.header("
    );
    for title in header {
        let _ = write!(out, "[{}],", escape(title));
    }
    out.push_str("),\n");
    for row in rows {
        for cell in row {
            if cell.colspan > 1 {
                let _ = write!(
                    out,
                    "table.cell(colspan: {}, align: left, fill: luma(245))[{}],",
                    cell.colspan, cell.markup
                );
            } else {
                let _ = write!(out, "[{}],", cell.markup);
            }
        }
        out.push('\n');
    }
    out.push_str(")\n\n");
}

/// A figure of an SVG chart among the virtual files, `width` of the text width (`"90%"`).
pub(crate) fn figure(out: &mut String, path: &str, width: &str, caption: &str) {
    let _ = writeln!(
        out,
        "#figure(image(\"{path}\", width: {width}), caption: [{}])\n",
        escape(caption)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(escape("兰州市"), "兰州市");
        assert_eq!(escape("a#b*c"), "a\\#b\\*c");
        assert_eq!(escape("x\\y"), "x\\\\y");
        assert_eq!(escape("1.5--2"), "1\\.5\\-\\-2");
        assert_eq!(
            escape("$x$ _y_ [z] <l> @r `c` ~ /"),
            "\\$x\\$ \\_y\\_ \\[z\\] \\<l\\> \\@r \\`c\\` \\~ \\/"
        );
        assert_eq!(escape("行一\n行二\t"), "行一 行二 ");
        // Nothing is left that typst would read as markup: only escapes and plain characters.
        let escaped = escape("= #let x = 1; // *no*");
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                assert!(chars.next().is_some_and(|n| n.is_ascii_punctuation()));
            } else {
                assert!(!c.is_ascii_punctuation(), "{c} unescaped in {escaped}");
            }
        }
    }
}
