//! The web console (`web/dist`, built by Vite) is embedded in the binary. A checkout where it was
//! not built yet gets a placeholder page, so the Rust build never depends on Node.

use std::path::Path;

const PLACEHOLDER: &str = "<!doctype html><meta charset=utf-8><title>Longzhi</title>\
<p>The web console is not built into this binary. Run <code>scripts/run</code> \
(or <code>npm --prefix web ci &amp;&amp; npm --prefix web run build</code>) and rebuild. \
The API is at <a href=/api/docs>/api/docs</a>.</p>";

fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/dist");
    println!("cargo:rerun-if-changed={}", dist.display());
    if !dist.join("index.html").exists()
        && let Err(e) = std::fs::create_dir_all(&dist)
            .and_then(|()| std::fs::write(dist.join("index.html"), PLACEHOLDER))
    {
        println!(
            "cargo:warning=cannot write the web placeholder in {}: {e}",
            dist.display()
        );
    }
}
