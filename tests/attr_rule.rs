//! The attribute rule (`dom::READ_ATTRS`) is defined once in Rust; the JS walks of the live page
//! hold a copy, and every heuristic or renderer must read only attributes the rule keeps.
//! These tests fail when the copies or a new `attr("...")` read disagree with it.

use declutter::internals::dom::{Walk, READ_ATTRS};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The quoted names of the `READ_ATTRS = new Set([...])` literal in a JS file.
fn js_list(file: &str) -> BTreeSet<String> {
    let src = fs::read_to_string(Path::new(ROOT).join(file)).unwrap();
    let start = src
        .find("READ_ATTRS = new Set([")
        .unwrap_or_else(|| panic!("{file}: no `READ_ATTRS = new Set([` list"));
    let body = &src[start..];
    let body = &body[body.find('[').unwrap() + 1..body.find("])").unwrap()];
    let names: Vec<String> = body
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            assert!(
                s.len() >= 2 && s.starts_with('\'') && s.ends_with('\''),
                "{file}: {s:?} is not a quoted name"
            );
            s[1..s.len() - 1].to_string()
        })
        .collect();
    let set: BTreeSet<String> = names.iter().cloned().collect();
    assert_eq!(set.len(), names.len(), "{file}: a name is listed twice");
    set
}

fn rust_list() -> BTreeSet<String> {
    READ_ATTRS.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_js_walks_keep_the_same_attributes_as_the_core() {
    for file in ["extension/content/content.js", "www/snapshot.js"] {
        let js = js_list(file);
        let rust = rust_list();
        assert_eq!(
            js,
            rust,
            "{file} differs from dom::READ_ATTRS: only in JS {:?}, only in Rust {:?}",
            js.difference(&rust).collect::<Vec<_>>(),
            rust.difference(&js).collect::<Vec<_>>()
        );
    }
}

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
