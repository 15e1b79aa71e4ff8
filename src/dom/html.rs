//! Door 1: HTML bytes -> charset decoding -> scraper (html5ever) -> [`Doc`].

use super::{Doc, DocBuilder, Walk};
use crate::Error;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use scraper::node::Node as SNode;
use std::borrow::Cow;

/// How many leading bytes the charset prescan reads (the HTML standard's figure).
const PRESCAN_BYTES: usize = 1024;
/// How many leading bytes are checked for NUL, the mark of a binary file.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Decodes bytes the way a browser would: BOM, then a `<meta charset>` in the first
/// 1024 bytes, then UTF-8 if it is valid, else windows-1252. Returns the text (borrowed from
/// `bytes` when they are already valid UTF-8: most pages, so no copy of the page) and the
/// encoding's name.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text, enc.name()));
    }
    // A NUL byte in the first few KB without a UTF-16 BOM means this is not an HTML page.
    if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return Err(Error::Binary);
    }
    let valid_utf8 = || std::str::from_utf8(bytes).is_ok();
    let enc = match prescan_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        // A page that declares UTF-16 but has no BOM was already decoded as bytes: treat as UTF-8.
        Some(e) if e.name().starts_with("UTF-16") => UTF_8,
        // Non-ASCII bytes that form valid UTF-8 throughout are UTF-8, whatever the page declares:
        // legacy encodings almost never produce valid UTF-8 by chance, while saved or transcoded
        // pages often keep a stale `<meta charset>`.
        Some(e) if e != UTF_8 && !bytes.is_ascii() && valid_utf8() => UTF_8,
        Some(e) => e,
        None if valid_utf8() => UTF_8,
        None => WINDOWS_1252,
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok((text, enc.name()))
}

/// Finds `charset=NAME` inside a `<meta` tag near the top of the page.
fn prescan_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let name_end = rest
                    .iter()
                    .position(|&b| {
                        b == b'"' || b == b'\'' || b == b';' || b == b'/' || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..name_end]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses bytes in any charset into the document model.
pub fn parse_bytes(bytes: &[u8]) -> Result<Doc, Error> {
    parse_bytes_limited(bytes, None)
}

/// [`parse_bytes`], keeping at most `max_nodes` nodes (the page's first ones).
pub fn parse_bytes_limited(bytes: &[u8], max_nodes: Option<usize>) -> Result<Doc, Error> {
    let (text, _) = decode(bytes)?;
    parse_str_limited(&text, max_nodes)
}

/// Parses already-decoded HTML into the document model.
pub fn parse_str(html: &str) -> Result<Doc, Error> {
    parse_str_limited(html, None)
}

/// [`parse_str`], keeping at most `max_nodes` nodes (the page's first ones).
pub fn parse_str_limited(html: &str, max_nodes: Option<usize>) -> Result<Doc, Error> {
    if super::is_blank(html) {
        return Err(Error::Empty);
    }
    // Nesting deeper than browsers allow is flattened first (the parser is quadratic in depth).
    let limited = super::nesting::limit(html);
    // Script and style text is never kept: the parser need not read it.
    let elided = super::rawtext::elide(&limited);
    build(&elided, max_nodes)
}

/// [`parse_str`] without the pre-parse removal of script and style text ([`super::rawtext`]):
/// the reference that pass must match, for the tests and the fuzz target.
pub fn parse_str_unelided(html: &str) -> Result<Doc, Error> {
    if super::is_blank(html) {
        return Err(Error::Empty);
    }
    build(&super::nesting::limit(html), None)
}

/// Parses HTML with scraper and copies the tree into the document model.
fn build(html: &str, max_nodes: Option<usize>) -> Result<Doc, Error> {
    let parsed = scraper::Html::parse_document(html);
    let root = parsed.tree.root();
    let mut b = DocBuilder::with_limit(html.len() / 40, max_nodes);
    // Depth of a subtree whose text we do not keep (script/style), counted while inside it.
    let mut skip_text_depth = 0usize;
    // Depth inside subtrees we drop whole (template contents, which the live DOM keeps apart).
    let mut skip_all_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                SNode::Fragment if n.parent().is_some() => skip_all_depth += 1,
                _ if skip_all_depth > 0 => {}
                SNode::Element(e) => {
                    let tag = e.name();
                    let attrs = e
                        .attrs()
                        .map(|(k, v)| (Box::<str>::from(k), Box::<str>::from(v)))
                        .collect();
                    b.open(tag, attrs);
                    // Only a script's type matters (the attribute lookup is not free).
                    let type_attr = if tag == "script" {
                        e.attr("type")
                    } else {
                        None
                    };
                    if skip_text_depth > 0 || !Walk::keeps_text_of(tag, type_attr) {
                        skip_text_depth += 1;
                    }
                }
                SNode::Text(t) if skip_text_depth == 0 => b.text(t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => match n.value() {
                SNode::Fragment if n.parent().is_some() => skip_all_depth -= 1,
                _ if skip_all_depth > 0 => {}
                SNode::Element(_) => {
                    b.close();
                    skip_text_depth = skip_text_depth.saturating_sub(1);
                }
                _ => {}
            },
        }
    }
    let doc = b.finish();
    if doc.is_empty() {
        return Err(Error::Empty);
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_honoured() {
        let bytes =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>caf\xe9</p></body></html>";
        let (text, enc) = decode(bytes).unwrap();
        assert_eq!(enc, "windows-1252");
        assert!(text.contains("caf\u{e9}"));
    }

    #[test]
    fn valid_utf8_beats_a_stale_legacy_declaration() {
        let page = "<meta charset=gb2312><p>\u{4eca}\u{5929}\u{5929}\u{6c14}\u{5f88}\u{597d} caf\u{e9}</p>";
        let (text, enc) = decode(page.as_bytes()).unwrap();
        assert_eq!(enc, "UTF-8");
        assert!(text.contains("\u{4eca}\u{5929}") && text.contains("caf\u{e9}"));
        // Real GB2312 bytes (not valid UTF-8) still follow the declaration.
        let (gb, _, _) = encoding_rs::GBK.encode("\u{4eca}\u{5929}");
        let mut bytes = b"<meta charset=gb2312><p>".to_vec();
        bytes.extend_from_slice(&gb);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, "GBK");
        assert!(text.contains("\u{4eca}\u{5929}"));
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0"),
            Err(Error::Binary)
        ));
        assert!(matches!(decode(b"  \n "), Err(Error::Empty)));
    }

    /// The tree with and without the pre-parse removal of script and style text.
    fn same_tree_without_script_text(html: &str) {
        let full = build(html, None);
        let elided = build(&crate::dom::rawtext::elide(html), None);
        assert_eq!(full.ok(), elided.ok(), "{html}");
    }

    #[test]
    fn removing_script_text_never_changes_the_tree() {
        let code = "var s = '<div>', t = \"</p>\"; if (a < b && c > d) { go(s); } // pad pad pad";
        let cases = [
            format!("<html><head><script>{code}</script><style>p {{ color: red }} /* {code} */</style></head><body><p>x</p><script type=\"application/ld+json\">{{\"a\": \"{code}\"}}</script></body></html>"),
            format!("<!--> <script>{code}</script> --><p>a</p><script>{code}</script>"),
            format!("<!---> <script>{code}</script><!-- --!> <script>{code}</script> -->"),
            format!("<!--!> <script>{code}</script> --> <p>x</p> <script>{code}</script>"),
            format!("<script><!-- <script> {code} </script> y --> </script>z<script>{code}</script>"),
            format!("<div title=\"<script>\">a</div><a b'c=\"x'><script>\">{code}</script>"),
            format!("<div a=b\"c><script>{code}</script><p a='>'>q</p><script>{code}</script>"),
            format!("</ <script>{code}</script> <p>x</p></><script>{code}</script>"),
            format!("<p><svg><style>{code}</style><script>{code} <b>bold</b></script></svg><script>{code}</script>"),
            format!("<math><mi><script>{code}</script></mi></math><script>{code}</script>"),
            format!("<select><style><script>a=\"</style>\"; b=\"<script>\"; {code}</script>z</script>"),
            format!("<noscript><script>{code}</script></noscript><textarea><script>{code}</script></textarea><title><script>{code}</script></title>"),
            format!("<script>{code} </scripts> </script\0> x</script ><style>{code}</STYLE/>y"),
            format!("<frameset><script>{code}</script></frameset>"),
            format!("<SCRIPT>{code}</SCRIPT><Script Type=\"application/LD+JSON\">{code}</script><script type=\"application&#47;ld+json\">{code}</script>"),
            format!("<plaintext><script>{code}</script>"),
            format!("<!DOCTYPE html PUBLIC \"-//W3C//DTD>\" \"x\"><?php <script> ?><script>{code}</script>"),
            format!("<template><script>{code}</script></template><script>{code}</script>"),
            format!("<table><script>{code}</script><tr><style>{code}</style><td>x</table>"),
            format!("<p>x</p><script>{code}"),
            format!("<script>{code}</script><iframe><script>{code}</script></iframe><xmp><style>{code}</style></xmp>"),
        ];
        for html in &cases {
            same_tree_without_script_text(html);
        }
        assert!(matches!(
            crate::dom::rawtext::elide(&cases[0]),
            std::borrow::Cow::Owned(_)
        ));
    }

    #[test]
    fn removing_script_text_keeps_every_fixture_tree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut stack = vec![root];
        let mut pages = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|x| x == "html") {
                    let bytes = std::fs::read(&path).unwrap();
                    if let Ok((text, _)) = decode(&bytes) {
                        same_tree_without_script_text(&text);
                        pages += 1;
                    }
                }
            }
        }
        assert!(pages > 10, "fixtures found: {pages}");
    }

    #[test]
    fn script_text_dropped_but_json_ld_kept() {
        let d = parse_str("<script>var x=1</script><script type=application/ld+json>{\"a\":1}</script><p>hi<!-- c --> there</p>").unwrap();
        let text = d.subtree_text(0);
        assert!(text.contains("{\"a\":1}") && !text.contains("var x"));
        assert!(
            text.contains("hi there"),
            "comment skipped, text merged: {text:?}"
        );
    }
}
