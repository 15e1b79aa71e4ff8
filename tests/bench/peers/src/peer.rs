//! The Rust peers as command lines: `peer dom-smoothie FILE...` or `peer rs-trafilatura FILE...`
//! prints each page's article text, one page after another, as `declutter extract FILE...`
//! does; each library with its default configuration. A page that fails is reported on stderr
//! and the rest go on.

use std::io::Write;
use std::process::ExitCode;

/// dom_smoothie (Readability.js's algorithm) takes text: the bytes are read as UTF-8.
fn dom_smoothie(bytes: &[u8]) -> Result<String, String> {
    let html = String::from_utf8_lossy(bytes);
    let mut r = dom_smoothie::Readability::new(&*html, None, None).map_err(|e| e.to_string())?;
    r.parse()
        .map(|a| a.text_content.to_string())
        .map_err(|e| e.to_string())
}

/// rs-trafilatura takes the bytes (its own charset detection).
fn rs_trafilatura(bytes: &[u8]) -> Result<String, String> {
    rs_trafilatura::extract_bytes(bytes)
        .map(|r| r.content_text)
        .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let name = args.next().unwrap_or_default();
    let extract: fn(&[u8]) -> Result<String, String> = match name.to_str() {
        Some("dom-smoothie") => dom_smoothie,
        Some("rs-trafilatura") => rs_trafilatura,
        _ => {
            eprintln!("usage: peer dom-smoothie|rs-trafilatura FILE...");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    for path in args {
        match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| extract(&b))
        {
            Ok(text) => {
                if writeln!(out, "{text}").is_err() {
                    return ExitCode::FAILURE;
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!(
                    "{}: {}: {e}",
                    name.to_string_lossy(),
                    path.to_string_lossy()
                );
            }
        }
    }
    if out.flush().is_err() || failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
