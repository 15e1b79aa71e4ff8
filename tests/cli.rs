//! The `declutter` binary end to end: formats, ordering, stdin, directories, batch errors.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_declutter"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/meta")
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("declutter-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Keys every successful jsonl line carries (README "JSON output schema").
const SCHEMA: &[&str] = &[
    "file",
    "title",
    "byline",
    "published",
    "site_name",
    "lang",
    "dir",
    "lead_image",
    "excerpt",
    "text",
    "html",
    "words",
    "duplicates",
    "hidden",
    "ms",
];

#[test]
fn jsonl_over_a_directory_keeps_sorted_input_order_and_schema() {
    let out = bin()
        .args(["extract", "--format", "jsonl"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = lines(&out);
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(files.len(), 5, "only .html files are walked: {files:?}");
    for r in &rows {
        for k in SCHEMA {
            assert!(r.get(*k).is_some(), "{k} missing in {r}");
        }
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("{\"file\":"), "file comes first");
    let owls = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("jsonld-graph.html"))
        .unwrap();
    assert_eq!(owls["byline"], "Mira Hollis, Teo Brandt");
    assert_eq!(owls["published"], "2024-03-09T06:30:00+01:00");
}

#[test]
fn batch_with_failures_processes_the_rest_and_exits_non_zero() {
    let dir = tempdir("fail");
    std::fs::write(dir.join("binary.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("empty.html"), b"").unwrap();
    let good = fixtures().join("opengraph.html");
    let missing = dir.join("missing.html");
    let out = bin()
        .args(["extract", "--format", "jsonl"])
        .arg(dir.join("binary.html"))
        .arg(&good)
        .arg(&missing)
        .arg(dir.join("empty.html"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let rows = lines(&out);
    assert_eq!(rows.len(), 4);
    assert!(rows[0]["error"].as_str().unwrap().contains("binary"));
    assert_eq!(rows[1]["title"], "Lantern festival lights up the harbour");
    assert!(
        rows[2]["file"].as_str().unwrap().ends_with("missing.html") && rows[2]["error"].is_string()
    );
    assert!(rows[3]["error"].as_str().unwrap().contains("empty"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("missing.html") && stderr.contains("3 of 4 inputs failed"),
        "{stderr}"
    );
}

#[test]
fn stdin_and_markdown() {
    let mut child = bin()
        .args(["extract", "--format", "markdown", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<title>Kites</title><article><h2>Wind</h2><p>Kites need a steady <em>wind</em> of about fifteen kilometres an hour to fly well.</p><ul><li>line</li><li>tail</li></ul></article>")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("# Kites\n\n## Wind\n\nKites need a steady *wind*"),
        "{md}"
    );
    assert!(md.contains("- line\n- tail\n"), "{md}");
}

#[test]
fn text_and_html_formats_name_each_page_in_a_batch() {
    let a = fixtures().join("opengraph.html");
    let b = fixtures().join("page-signals.html");
    let out = bin()
        .args(["extract", "--format", "text"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let (ia, ib) = (s.find("==> ").unwrap(), s.rfind("==> ").unwrap());
    assert!(
        s[ia..].starts_with(&format!("==> {} <==", a.display()))
            && s[ib..].contains("page-signals.html")
    );
    assert!(s.contains("Three thousand paper lanterns"));
    let out = bin()
        .args(["extract", "--format", "html"])
        .arg(&a)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("<p>") && !s.contains("==>"), "{s}");
}

/// Phrases of the seeds' clutter (`../shared/seeds`), in the forms the aggregator fixtures
/// write them: none may reach an article's text, alone or in a batch.
const SEED_CLUTTER: &[&str] = &[
    "Try Our AI Features",
    "AI can do for you",
    "No comments yet",
    "Briefing",
    "Advertisement",
    "ADVERTISEMENT",
    "Related Articles",
    "Hashtags",
    "Orange background",
];

#[test]
fn a_batch_reads_every_article_as_alone_and_hides_each_sites_furniture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dedupe/html");
    let run = |args: &[&str], path: &Path| {
        let out = bin().arg("extract").args(args).arg(path).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        lines(&out)
    };
    let batch = run(&["--format", "jsonl"], &dir);
    assert!(batch.len() >= 18);
    let mut remembered = 0;
    for r in &batch {
        let file = r["file"].as_str().unwrap();
        let alone = &run(&["--format", "jsonl"], Path::new(file))[0];
        assert_eq!(
            r["text"], alone["text"],
            "{file}: the batch changed the article"
        );
        let text = r["text"].as_str().unwrap();
        if file.contains("nook_") || file.contains("quill_") || file.contains("pressbox_") {
            for phrase in SEED_CLUTTER {
                assert!(!text.contains(phrase), "{file}: {phrase:?} leaks");
            }
        }
        // One group per repeated block: the kept original first, then its copies.
        for g in r["duplicates"].as_array().unwrap() {
            let copies = g["copies"].as_array().unwrap();
            let kept = copies.iter().filter(|c| c["kept"] == true).count();
            assert!(
                kept <= 1 && (kept == 0 || copies[0]["kept"] == true),
                "{file}: {g}"
            );
            assert_eq!(
                g["count"].as_u64(),
                Some(copies.len() as u64),
                "{file}: {g}"
            );
        }
        let furniture = r["duplicates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["kind"] == "site_boilerplate")
            .count();
        if file.contains("nook_") {
            // Four pages of one site: its app bar and footer are learned from the others.
            assert!(furniture >= 2, "{file}: {}", r["duplicates"]);
            remembered += 1;
        }
        assert_eq!(
            alone["duplicates"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|g| g["kind"] == "site_boilerplate")
                .count(),
            0
        );
    }
    assert_eq!(remembered, 4);
    // Without site memory, the same batch hides no furniture.
    let plain = run(&["--format", "jsonl", "--no-site-memory"], &dir);
    assert!(plain.iter().all(
        |r| !r["hidden"].as_array().unwrap().iter().any(|h| h["reason"]
            .as_str()
            .unwrap()
            .starts_with("site_boilerplate"))
    ));
}

/// Gzip of `bytes`, as a saved `.html.gz` or a compressed download holds it.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn gzipped_pages_read_from_files_directories_and_stdin() {
    let page = std::fs::read(fixtures().join("jsonld-graph.html")).unwrap();
    let plain = bin()
        .arg("extract")
        .arg(fixtures().join("jsonld-graph.html"))
        .output()
        .unwrap();
    assert!(plain.status.success());
    assert!(!plain.stdout.is_empty());
    let dir = tempdir("gzip");
    std::fs::write(dir.join("page.html.gz"), gzip(&page)).unwrap();
    // A corrupt gzip file is one error line; the other page still comes out.
    let mut broken = gzip(&page);
    broken.truncate(broken.len() / 2);
    std::fs::write(dir.join("broken.htm.GZ"), broken).unwrap();
    // Not an HTML name: not walked.
    std::fs::write(dir.join("notes.txt.gz"), gzip(b"<p>no</p>")).unwrap();
    let out = bin()
        .args(["extract", "--format", "jsonl"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one input failed");
    let rows = lines(&out);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0]["file"].as_str().unwrap().ends_with("broken.htm.GZ"));
    assert!(
        rows[0]["error"].as_str().unwrap().contains("gzip"),
        "{:?}",
        rows[0]
    );
    let text = String::from_utf8(plain.stdout).unwrap();
    assert_eq!(rows[1]["text"].as_str().unwrap().trim(), text.trim());
    // Gzip on stdin.
    let mut child = bin()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&gzip(&page)).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), text.trim());
}
