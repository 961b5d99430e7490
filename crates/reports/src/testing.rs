//! Hand-built workbooks for tests: a minimal .xlsx around any sheet XML, so that tests can make
//! the hostile files no spreadsheet program would write (huge extents, zip bombs).

use std::io::Write;

use zip::write::SimpleFileOptions;

const PARTS: [(&str, &str); 4] = [
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    ),
];

/// A workbook whose one sheet has `dimension` (e.g. `A1:B2`) and the `<sheetData>` content
/// `rows`, padded with `padding` bytes of whitespace (which deflate shrinks ~1000 times).
pub fn workbook(dimension: &str, rows: &str, padding: usize) -> Vec<u8> {
    let head = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}"#
    );
    let padding = vec![b' '; padding];
    let sheet: [&[u8]; 3] = [head.as_bytes(), &padding, b"</sheetData></worksheet>"];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let written = PARTS
        .iter()
        .map(|(name, text)| (*name, vec![text.as_bytes()]))
        .chain([("xl/worksheets/sheet1.xml", sheet.to_vec())])
        .try_for_each(|(name, chunks)| {
            let options =
                SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            zip.start_file(name, options)?;
            chunks
                .iter()
                .try_for_each(|c| zip.write_all(c).map_err(Into::into))
        });
    match written.and_then(|()| zip.finish()) {
        Ok(cursor) => cursor.into_inner(),
        Err(e) => panic!("building a test workbook: {e}"),
    }
}

/// A `<row>` of inline-string cells at `refs` (e.g. `["A1", "B1"]`), each holding its reference.
pub fn row(r: u32, refs: &[&str]) -> String {
    let cells: String = refs
        .iter()
        .map(|c| format!(r#"<c r="{c}" t="inlineStr"><is><t>{c}</t></is></c>"#))
        .collect();
    format!(r#"<row r="{r}">{cells}</row>"#)
}

/// The text of a PDF as `pdftotext -layout` extracts it (poppler-utils, installed by
/// scripts/lib/ensure-system); an error when pdftotext is missing or fails — a test must not pass
/// without reading the text.
pub fn pdf_text(pdf: &[u8]) -> Result<String, String> {
    use std::process::{Command, Stdio};
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("pdftotext (poppler-utils; scripts/lib/ensure-system installs it): {e}")
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(pdf).map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "pdftotext: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}
