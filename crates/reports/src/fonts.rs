//! The fonts embedded in the binary: the only fonts a report can use (no system font is read).
//!
//! Both are Noto Sans CJK SC 2.004 (SIL Open Font License 1.1, `fonts/OFL.txt`), cut down to
//! ASCII, Latin-1, GB 2312 and the punctuation and symbol blocks reports use by
//! `fonts/make_fonts.py` (see `fonts/README.md`). The family covers Latin letters and figures
//! too (its Latin design is Source Sans, with tabular figures through the `tnum` feature), so
//! a report needs no second font. A character outside the subset is a compile error of the
//! report (typst's "the font does not contain …" warning, turned into an error by default).

/// The family name to use in a template: `#set text(font: "Noto Sans CJK SC")` (already the
/// default of every report).
pub const FAMILY: &str = "Noto Sans CJK SC";

/// Noto Sans CJK SC Regular (weight 400), subset.
pub const REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Longzhi-Regular.otf");

/// Noto Sans CJK SC Bold (weight 700), subset: `*strong*` text and headings.
pub const BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC-Longzhi-Bold.otf");

/// Every embedded font file.
pub const ALL: [&[u8]; 2] = [REGULAR, BOLD];
