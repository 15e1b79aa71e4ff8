// The checks every fuzz input goes through; shared by the fuzz targets (tests/fuzz/fuzz_targets)
// and by the regression replay test (tests/fuzz_regressions.rs), so a crash case once found is
// replayed by `cargo test` forever.

use declutter::internals::dom;
use declutter::internals::dom::snapshot::parse_ints;
use declutter::{
    extract_doc, extract_html, extract_packed, extract_snapshot, Extraction, Options, Packed,
    SnapNode, Snapshot,
};

/// Tags the snapshot decoder picks from: structure, prose, lists, tables, clutter and foreign
/// content, so the generated trees exercise the heuristics rather than only the parser.
const TAGS: &[&str] = &[
    "div",
    "p",
    "article",
    "section",
    "main",
    "aside",
    "nav",
    "footer",
    "header",
    "ul",
    "li",
    "a",
    "span",
    "h1",
    "h2",
    "table",
    "tr",
    "td",
    "pre",
    "code",
    "img",
    "figure",
    "figcaption",
    "script",
    "style",
    "svg",
    "math",
    "br",
    "iframe",
    "form",
    "blockquote",
];
/// Attributes the decoder picks from (names and values that the heuristics read).
const ATTRS: &[(&str, &str)] = &[
    ("class", "related share"),
    ("class", "article-body content"),
    ("id", "comments"),
    ("hidden", ""),
    ("style", "display:none"),
    ("data-src", "/a.jpg"),
    ("href", "javascript:alert(1)"),
    ("itemprop", "articleBody"),
    ("type", "application/ld+json"),
    ("dir", "rtl"),
];
const WORDS: &[&str] = &[
    "the",
    "harbour",
    "council",
    "voted",
    "stairs",
    "related",
    "\u{202e}",
    "\u{200b}",
    "夜",
    "مرحبا",
    "&",
    "<",
];

fn ids_in_range(r: &Extraction, len: usize) {
    let ok = |id: u32| (id as usize) < len;
    assert!(r.main.is_none_or(ok), "main id out of range");
    assert!(
        r.hidden.iter().all(|b| ok(b.node)),
        "hidden id out of range"
    );
    assert!(
        r.duplicates
            .iter()
            .flat_map(|g| &g.copies)
            .all(|c| ok(c.node)),
        "duplicate id out of range"
    );
}

/// Strips the timing, the one field that may differ between two runs.
fn untimed(mut r: Extraction) -> Extraction {
    r.ms = 0.0;
    r
}

/// HTML bytes: must not panic; ids must be valid; the script/style pre-pass must not change the
/// tree; the snapshot input on the same tree must agree with the HTML input.
pub fn html_case(data: &[u8]) {
    let opts = Options::default();
    let Ok(r) = extract_html(data, &opts) else {
        return;
    };
    let doc = dom::html::parse_bytes(data).expect("extract_html succeeded, so parsing does");
    ids_in_range(&r, doc.len());
    // The pre-parse removal of script and style text must leave the tree as it was.
    let (text, _) = dom::html::decode(data).expect("parsing succeeded, so decoding does");
    let full = dom::html::parse_str_unelided(&text).expect("the same text parses in full");
    assert!(full == doc, "removing script/style text changed the tree");
    let snap = Snapshot::from_doc(&doc, None);
    let via_snapshot =
        extract_snapshot(&snap, &opts).expect("a snapshot of a parsed page is valid");
    assert_eq!(untimed(r), untimed(via_snapshot), "the two inputs disagree");
    let again = extract_doc(&doc, &opts);
    assert_eq!(
        untimed(again),
        untimed(extract_doc(&doc, &opts)),
        "extraction is not deterministic"
    );
}

/// Decodes bytes into a snapshot: each step opens an element, adds text, or closes, with a
/// parent index that is sometimes wrong on purpose (the input must refuse it cleanly).
pub fn decode_snapshot(data: &[u8]) -> Snapshot {
    let mut nodes = vec![SnapNode {
        p: -1,
        t: Some("html".into()),
        ..Default::default()
    }];
    let mut open: Vec<i64> = vec![0];
    for step in data.chunks(3) {
        let op = step[0];
        let a = *step.get(1).unwrap_or(&0) as usize;
        let b = *step.get(2).unwrap_or(&0) as usize;
        let parent = if op & 0x80 != 0 {
            (a as i64) - 3
        } else {
            *open.last().unwrap_or(&0)
        };
        match op % 4 {
            0 | 1 => {
                let attrs = if b % 3 == 0 {
                    vec![]
                } else {
                    vec![(
                        ATTRS[b % ATTRS.len()].0.into(),
                        ATTRS[b % ATTRS.len()].1.into(),
                    )]
                };
                nodes.push(SnapNode {
                    p: parent,
                    t: Some(TAGS[a % TAGS.len()].into()),
                    a: attrs,
                    x: None,
                });
                if open.len() < 100_000 {
                    open.push(nodes.len() as i64 - 1);
                }
            }
            2 => {
                let text: Vec<&str> = (0..=b % 40)
                    .map(|i| WORDS[(a + i * 7) % WORDS.len()])
                    .collect();
                nodes.push(SnapNode {
                    p: parent,
                    x: Some(text.join(" ")),
                    ..Default::default()
                });
            }
            _ => {
                if open.len() > 1 {
                    open.pop();
                }
            }
        }
    }
    Snapshot { url: None, nodes }
}

/// A live-page snapshot: must not panic; a valid one must give ids in range and survive a JSON round trip.
pub fn snapshot_case(data: &[u8]) {
    let snap = decode_snapshot(data);
    let opts = Options::default();
    match extract_snapshot(&snap, &opts) {
        Ok(r) => {
            ids_in_range(&r, snap.nodes.len());
            let json = serde_json::to_string(&snap).expect("snapshots serialize");
            let back = Snapshot::from_json(&json).expect("and read back");
            let r2 = extract_snapshot(&back, &opts).expect("the same snapshot stays valid");
            assert_eq!(
                untimed(r.clone()),
                untimed(r2),
                "JSON round trip changed the result"
            );
            // The compact form the extension sends gives the same result.
            let (text, ints) = snap.to_packed().expect("a valid snapshot packs");
            let wire: Vec<String> = ints.iter().map(i32::to_string).collect();
            assert_eq!(
                parse_ints(&wire.join(",")).expect("its integers read back"),
                ints
            );
            let r3 = extract_packed(
                &Packed {
                    text: &text,
                    ints: &ints,
                },
                &opts,
            )
            .expect("its packed form is valid too");
            assert_eq!(
                untimed(r),
                untimed(r3),
                "the packed form changed the result"
            );
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            // An invalid tree is refused in the packed form too (when it packs at all).
            if let Ok((text, ints)) = snap.to_packed() {
                assert!(extract_packed(
                    &Packed {
                        text: &text,
                        ints: &ints
                    },
                    &opts
                )
                .is_err());
            }
        }
    }
    // Raw bytes as a packed snapshot: little-endian integers, then the rest as text (a
    // malformed one mostly: lengths, counts and parents out of range). Errors are fine.
    let split =
        (data.first().copied().unwrap_or(0) as usize * 4).min(data.len().saturating_sub(1) / 4 * 4);
    let ints: Vec<i32> = data[1.min(data.len())..]
        .chunks_exact(4)
        .take(split / 4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let rest = &data[(1 + ints.len() * 4).min(data.len())..];
    // And the integers' wire form: any error is fine, a panic is not.
    let _ = parse_ints(&String::from_utf8_lossy(data));
    let _ = extract_packed(
        &Packed {
            text: &String::from_utf8_lossy(rest),
            ints: &ints,
        },
        &opts,
    );
    // Raw bytes as snapshot JSON: any error is fine, a panic is not.
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(s) = Snapshot::from_json(s) {
            let _ = extract_snapshot(&s, &opts);
        }
    }
}
