//! The attribute rule (`dom::READ_ATTRS`) is defined once in Rust (the JS page walk gets it from
//! the build), and every heuristic or renderer must read only attributes the rule keeps. These
//! tests fail when a new `attr("...")` read disagrees with it.

use declutter::internals::dom::Walk;
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every string literal that a read names as an attribute: `attr("x")`, `attr(id, "x")`, and the
/// literal lists the code reads through a loop or a constant (`for k in ["a", "b"]`,
/// `const ..._ATTRS: &[&str] = &[...]`).
fn names_read_in(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let quoted = |s: &str| -> Vec<String> {
        s.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    for (at, _) in src.match_indices(".attr(") {
        // The call's arguments, up to the closing parenthesis.
        let args = &src[at + 6..];
        let args = &args[..args.find(')').unwrap_or(0)];
        out.extend(quoted(args));
    }
    for marker in ["for attr in [", "for k in [", "_ATTRS: &[&str] = &["] {
        for (at, _) in src.match_indices(marker) {
            let list = &src[at + marker.len()..];
            out.extend(quoted(&list[..list.find(']').unwrap()]));
        }
    }
    out
}

#[test]
fn every_attribute_the_code_reads_is_kept() {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut seen = 0;
    for f in files {
        let src = fs::read_to_string(&f).unwrap();
        for name in names_read_in(&src) {
            seen += 1;
            assert!(
                Walk::keeps_attr(&name),
                "{} reads attribute {name:?}, which dom::READ_ATTRS leaves out",
                f.display()
            );
        }
    }
    // The scan found the reads (a scan that finds nothing would pass vacuously).
    assert!(seen > 100, "only {seen} attribute names found in src/");
}

#[test]
fn the_scan_finds_reads() {
    let mut names =
        names_read_in(r#"e.attr("class"); doc.attr(id, "data-x"); for k in ["a", "b"] {}"#);
    names.sort();
    assert_eq!(names, ["a", "b", "class", "data-x"]);
}
