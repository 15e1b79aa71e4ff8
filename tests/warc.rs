//! WARC input through the real `declutter` binary: WARC/1.0 and 1.1, plain, gzip per record
//! and gzip as a whole; only HTML responses are pages; the target URI is the page URL and the
//! HTTP charset is honoured; a broken record gets a message and the rest of the file is read.
//! Every WARC file here is written by the test.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_declutter"))
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("declutter-warc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/extract")
            .join(name),
    )
    .unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// One WARC record with the given type, id, target URI, content type and block.
fn record(
    version: &str,
    kind: &str,
    id: u32,
    uri: &str,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let mut r = format!(
        "WARC/{version}\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
         WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// An HTTP response with these header lines and body.
fn http(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut m = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    m.extend_from_slice(body);
    m
}

fn response(version: &str, id: u32, uri: &str, http_message: &[u8]) -> Vec<u8> {
    record(
        version,
        "response",
        id,
        uri,
        "application/http; msgtype=response",
        http_message,
    )
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A page in KOI8-R with no `<meta charset>`: only the HTTP header says how to read it.
fn koi8_page() -> Vec<u8> {
    let para = "Жители деревни у реки построили новый мост из дуба, и теперь дети ходят в школу \
                короткой дорогой через луг, а не вокруг старой мельницы.";
    let html = format!(
        "<html><head><title>Новый мост</title></head><body><article><h1>Новый мост</h1>\
         <p>{para}</p><p>{para}</p><p>{para}</p></article></body></html>"
    );
    let (bytes, _, _) = encoding_rs::KOI8_R.encode(&html);
    bytes.into_owned()
}

/// The records of the test crawl (version 1.0 or 1.1), pages first-to-last: the lead
/// fixture, a request (skipped), an image response (skipped), the KOI8-R page, and a chunked,
/// gzip-coded copy of the table fixture.
fn crawl(version: &str) -> Vec<Vec<u8>> {
    let lead = fixture("lead.html");
    let table = fixture("table.html");
    let mut chunked = Vec::new();
    for part in gzip(&table).chunks(100) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    vec![
        response(version, 1, "https://news.example/lead", &http("Content-Type: text/html; charset=utf-8\r\n", &lead)),
        record(version, "request", 2, "https://news.example/lead", "application/http; msgtype=request", b"GET /lead HTTP/1.1\r\nHost: news.example\r\n\r\n"),
        response(version, 3, "https://news.example/logo.png", &http("Content-Type: image/png\r\n", b"\x89PNG\r\n")),
        response(version, 4, "https://news.example/most", &http("Content-Type: text/html; charset=KOI8-R\r\n", &koi8_page())),
        response(version, 5, "https://news.example/table", &http(
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        )),
    ]
}

fn extract_jsonl(path: &Path) -> Output {
    bin()
        .args(["extract", "--format", "jsonl"])
        .arg(path)
        .output()
        .unwrap()
}

fn check_pages(rows: &[Value]) {
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["record_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "<urn:uuid:00000000-0000-0000-0000-000000000001>",
            "<urn:uuid:00000000-0000-0000-0000-000000000004>",
            "<urn:uuid:00000000-0000-0000-0000-000000000005>"
        ]
    );
    assert_eq!(rows[0]["url"], "https://news.example/lead");
    assert!(
        rows[1]["text"]
            .as_str()
            .unwrap()
            .contains("построили новый мост"),
        "{}",
        rows[1]["text"]
    );
    assert_eq!(rows[1]["title"], "Новый мост");
    assert!(rows[2]["html"].as_str().unwrap().contains("<table"));
}

#[test]
fn versions_and_compressions_give_the_same_pages() {
    let dir = tempdir("forms");
    let plain10: Vec<u8> = crawl("1.0").concat();
    let plain11: Vec<u8> = crawl("1.1").concat();
    let per_record: Vec<u8> = crawl("1.1").iter().flat_map(|r| gzip(r)).collect();
    let whole = gzip(&plain10);
    let files = [
        ("a.warc", plain10),
        ("b.warc", plain11),
        ("c.warc.gz", per_record),
        ("d.warc.gz", whole),
    ];
    let mut texts = Vec::new();
    for (name, data) in files {
        let p = dir.join(name);
        std::fs::write(&p, data).unwrap();
        let out = extract_jsonl(&p);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows = lines(&out);
        check_pages(&rows);
        assert!(rows.iter().all(|r| r["file"] == p.display().to_string()));
        texts.push(rows.iter().map(|r| r["text"].clone()).collect::<Vec<_>>());
    }
    assert!(texts.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn a_page_from_a_warc_equals_the_same_page_from_a_file() {
    let dir = tempdir("same");
    let warc = dir.join("crawl.warc");
    std::fs::write(&warc, crawl("1.1").concat()).unwrap();
    let html = dir.join("lead.html");
    std::fs::write(&html, fixture("lead.html")).unwrap();
    let from_warc = lines(&extract_jsonl(&warc)).remove(0);
    let out = bin()
        .args([
            "extract",
            "--format",
            "jsonl",
            "--no-site-memory",
            "--url",
            "https://news.example/lead",
        ])
        .arg(&html)
        .output()
        .unwrap();
    let from_file = lines(&out).remove(0);
    let strip = |mut v: Value| {
        for k in ["file", "record_id", "url", "ms"] {
            v.as_object_mut().unwrap().remove(k);
        }
        v
    };
    assert_eq!(strip(from_warc), strip(from_file));
}

#[test]
fn a_broken_record_is_reported_and_the_rest_of_the_file_is_read() {
    let dir = tempdir("broken");
    let mut records = crawl("1.0");
    // Between the first page and the request: a record whose header is not WARC at all.
    records.insert(1, b"WARC/1.0\r\nthis line is no header\r\n\r\n".to_vec());
    let plain = dir.join("broken.warc");
    std::fs::write(&plain, records.concat()).unwrap();
    // The same, gzip per record, and a second file after it that must still be read.
    let gz = dir.join("broken.warc.gz");
    std::fs::write(
        &gz,
        records.iter().flat_map(|r| gzip(r)).collect::<Vec<u8>>(),
    )
    .unwrap();
    let next = dir.join("next.warc");
    std::fs::write(&next, crawl("1.1").concat()).unwrap();
    for file in [&plain, &gz] {
        let out = bin()
            .args(["extract", "--format", "jsonl"])
            .arg(file)
            .arg(&next)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let rows = lines(&out);
        let errors: Vec<&Value> = rows.iter().filter(|r| r["error"].is_string()).collect();
        assert_eq!(errors.len(), 1, "{rows:?}");
        assert_eq!(errors[0]["record"], 2);
        assert!(errors[0]["error"]
            .as_str()
            .unwrap()
            .contains("malformed WARC header"));
        let pages: Vec<Value> = rows
            .iter()
            .filter(|r| r["error"].is_null())
            .cloned()
            .collect();
        check_pages(&pages[..3]);
        check_pages(&pages[3..]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "declutter: {}: record 2: malformed WARC header",
                file.display()
            )),
            "{stderr}"
        );
    }
}

#[test]
fn directories_are_walked_for_warc_files_and_text_names_each_page() {
    let dir = tempdir("walk");
    std::fs::write(dir.join("x.warc.gz"), gzip(&crawl("1.1").concat())).unwrap();
    std::fs::write(dir.join("notes.txt"), b"not a page").unwrap();
    let out = bin().args(["extract"]).arg(&dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("==> ").count(), 3, "{text}");
    assert!(text
        .contains("<urn:uuid:00000000-0000-0000-0000-000000000004> https://news.example/most <=="));
}
