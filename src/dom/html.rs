//! The HTML input: HTML bytes -> charset decoding -> scraper (html5ever) -> [`Doc`].

use super::{Doc, DocBuilder, Walk};
use crate::Error;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use std::borrow::Cow;

/// How many leading bytes the charset prescan reads (the HTML standard's figure).
const PRESCAN_BYTES: usize = 1024;
/// How many leading bytes are checked for the marks of a binary file.
const BINARY_SNIFF_BYTES: usize = 8192;
/// Input with at least this share of binary control bytes among its first bytes is not text.
/// Text, even a page with a few stray NULs that browsers read (they become U+FFFD or
/// nothing), has almost none; an image, an executable or UTF-16 without a byte-order mark
/// has them every few bytes.
const BINARY_MIN_SHARE: f32 = 0.1;
/// Signatures of the binary formats most often saved or piped by mistake (images, PDF,
/// archives, executables): refused whatever their bytes look like after the signature.
const BINARY_SIGNATURES: &[&[u8]] = &[
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"MZ\x90\0",
];

/// WHATWG MIME sniffing's binary data bytes: controls that never occur in text.
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F)
}

/// Is this input binary: a known binary signature, or binary control bytes making up at
/// least [`BINARY_MIN_SHARE`] of its first [`BINARY_SNIFF_BYTES`]?
fn looks_binary(bytes: &[u8]) -> bool {
    if BINARY_SIGNATURES.iter().any(|s| bytes.starts_with(s)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    let binary = head.iter().filter(|&&b| is_binary_byte(b)).count();
    binary as f32 >= head.len() as f32 * BINARY_MIN_SHARE
}

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
    // Without a UTF-16 BOM, input full of control bytes is not an HTML page; a few stray
    // NULs are read as browsers read them.
    if looks_binary(bytes) {
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

/// scraper's tree, built as browsers build it: scraper's sink with the one answer it leaves out.
fn parse_tree(html: &str) -> scraper::Html {
    use html5ever::tendril::TendrilSink;
    let sink = Sink {
        inner: scraper::HtmlTreeSink::new(scraper::Html::new_document()),
        integration_points: Default::default(),
    };
    html5ever::driver::parse_document(sink, Default::default()).one(html)
}

/// scraper's tree sink, which never says that a MathML `<annotation-xml>` is an HTML
/// integration point (its `encoding` is text/html or application/xhtml+xml): there a `<p>`
/// would close the formula and land after it, while browsers, and so the live page's
/// snapshot, keep it inside. This sink remembers those elements and answers.
struct Sink {
    inner: scraper::HtmlTreeSink,
    integration_points: std::cell::RefCell<Vec<Handle>>,
}

type Handle = <scraper::HtmlTreeSink as TreeSink>::Handle;

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = scraper::Html;
    type ElemName<'a> = <scraper::HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> scraper::Html {
        self.inner.finish()
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }
    fn get_document(&self) -> Handle {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let point = flags.mathml_annotation_xml_integration_point;
        let h = self.inner.create_element(name, attrs, flags);
        if point {
            self.integration_points.borrow_mut().push(h);
        }
        h
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.integration_points.borrow().contains(handle)
    }
    fn create_comment(&self, text: StrTendril) -> Handle {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev: &Handle,
        child: NodeOrText<Handle>,
    ) {
        self.inner.append_based_on_parent_node(element, prev, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &Handle) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.inner.reparent_children(node, new_parent)
    }
}

/// Parses HTML with scraper (html5ever) and moves its tree into the document model: names are
/// interned atoms and texts and attribute values reference-counted tendrils, so nothing is
/// copied.
fn build(html: &str, max_nodes: Option<usize>) -> Result<Doc, Error> {
    use scraper::node::Node as SNode;
    let mut parsed = parse_tree(html);
    // Streamed parts go where the page's script puts them, as the snapshot input reads the
    // live page.
    super::stream::reveal(&mut parsed.tree, html);
    let tree = &mut parsed.tree;
    let mut b = DocBuilder::with_limit(html.len() / 40, max_nodes);
    // Depth of a subtree whose text we do not keep (script/style), counted while inside it.
    let mut skip_text_depth = 0usize;
    let mut cur = tree.root().first_child().map(|n| n.id());
    while let Some(id) = cur {
        let mut is_element = false;
        let mut descend = false;
        {
            let mut node = tree.get_mut(id).expect("ids come from the tree");
            match node.value() {
                SNode::Element(e) => {
                    is_element = true;
                    descend = true;
                    let keeps_text = if e.name.local == html5ever::local_name!("script") {
                        Walk::keeps_text_of("script", e.attr("type"))
                    } else {
                        Walk::keeps_text_of(&e.name.local, None)
                    };
                    // The builder lower-cases the names and keeps the attributes the core reads.
                    let attrs = std::mem::take(&mut e.attrs)
                        .into_iter()
                        .map(|(k, v)| (k.local, v));
                    b.open_named(std::mem::take(&mut e.name.local), attrs);
                    if skip_text_depth > 0 || !keeps_text {
                        skip_text_depth += 1;
                    }
                }
                SNode::Text(t) if skip_text_depth == 0 => {
                    b.text_str(std::mem::take(&mut t.text));
                }
                // A template's contents (a fragment under it) are not part of the page's tree.
                _ => {}
            }
        }
        let node = tree.get(id).expect("ids come from the tree");
        if descend {
            if let Some(child) = node.first_child() {
                cur = Some(child.id());
                continue;
            }
        }
        if is_element {
            b.close();
            skip_text_depth = skip_text_depth.saturating_sub(1);
        }
        // Next in document order: the next sibling, else the next sibling of the nearest
        // ancestor that has one, closing the elements left on the way up.
        let mut at = node;
        cur = loop {
            if let Some(next) = at.next_sibling() {
                break Some(next.id());
            }
            match at.parent() {
                Some(p) if p.parent().is_some() => {
                    b.close();
                    skip_text_depth = skip_text_depth.saturating_sub(1);
                    at = p;
                }
                _ => break None,
            }
        };
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
    fn an_annotation_xml_for_html_keeps_its_paragraph_as_browsers_do() {
        let html = r#"<body><math><mi>x</mi><annotation-xml encoding="Text/HTML"><p>inside</p></annotation-xml></math>
<math><annotation-xml encoding="application/x-tex"><p>after</p></annotation-xml></math></body>"#;
        let doc = parse_str(html).unwrap();
        let parent_of = |text: &str| {
            let t = (0..doc.len() as super::super::NodeId)
                .find(|&i| doc.text(i) == Some(text))
                .unwrap();
            let p = doc.parent(t).unwrap();
            doc.ancestors(p)
                .map(|a| doc.tag(a).to_string())
                .collect::<Vec<_>>()
        };
        // Encoding text/html: an HTML integration point, the paragraph stays in the formula.
        assert_eq!(parent_of("inside")[..2], ["annotation-xml", "math"]);
        // Any other encoding: the paragraph closes the formula and follows it.
        assert_eq!(parent_of("after")[0], "body");
    }

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
    fn a_few_nul_bytes_are_text_a_binary_file_is_not() {
        let mut page = b"<html><body><p>The ferry left at dawn, as it has every day since the bridge closed.</p>".to_vec();
        page.extend_from_slice(
            b"<p>A stray\0 byte\0 or three\0 from a broken template.</p></body></html>",
        );
        let (text, _) = decode(&page).expect("a page with three NULs is text");
        assert!(text.contains("ferry left at dawn"));
        for binary in [
            &b"%PDF-1.7\n%text-looking header of a document"[..],
            b"\x7fELF\x02\x01\x01\0\0\0\0",
            &[0u8; 64][..],
            b"G\0I\0F\0 \0h\0e\0r\0e\0",
        ] {
            assert!(matches!(decode(binary), Err(Error::Binary)), "{binary:?}");
        }
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0"),
            Err(Error::Binary)
        ));
        assert!(matches!(decode(b"  \n "), Err(Error::Empty)));
    }

    /// The reference the HTML input's walk is checked against: the same scraper tree copied into the
    /// model through ego-tree's own traversal (the HTML input moves the values out with a hand-written
    /// walk).
    fn build_via_scraper(html: &str) -> Result<Doc, Error> {
        use scraper::node::Node as SNode;
        let mut parsed = parse_tree(html);
        crate::dom::stream::reveal(&mut parsed.tree, html);
        let mut b = DocBuilder::new();
        let mut skip_text_depth = 0usize;
        let mut skip_all_depth = 0usize;
        for edge in parsed.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(n) => match n.value() {
                    SNode::Fragment if n.parent().is_some() => skip_all_depth += 1,
                    _ if skip_all_depth > 0 => {}
                    SNode::Element(e) => {
                        let attrs = e.attrs().map(|(k, v)| (k.into(), v.into())).collect();
                        b.open(e.name(), attrs);
                        let type_attr = (e.name() == "script").then(|| e.attr("type")).flatten();
                        if skip_text_depth > 0 || !Walk::keeps_text_of(e.name(), type_attr) {
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

    /// Calls `check` with the decoded text of every fixture page the team wrote.
    fn for_each_fixture(check: fn(&str)) {
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
                        check(&text);
                        pages += 1;
                    }
                }
            }
        }
        assert!(pages > 10, "fixtures found: {pages}");
    }

    /// The HTML input's tree (moved out of scraper's) equals the one copied through ego-tree's traversal.
    fn same_tree_as_scraper(html: &str) {
        let ours = build(html, None);
        let reference = build_via_scraper(html);
        assert_eq!(ours.ok(), reference.ok(), "{html}");
    }

    #[test]
    fn moving_the_tree_builds_the_tree_copying_builds() {
        let cases = [
            // Foster parenting: text and elements misplaced in tables move before the table.
            "<table>x<tr><td>a</td>y<b>z</b></tr><p>q</p></table>after",
            "<table><tr><td>1</td></tr> <!-- c --> text <tbody><tr><td>2</table>",
            // The adoption agency (misnested formatting elements, reparenting children).
            "<p><b>one<i>two</b>three</i>four</p><a href=1>x<a href=2>y</a></a>",
            "<b>1<p>2</b>3</p><div><b><div><i>x</div>y</b>z</div>",
            "<a><div><div><div><div><div><div><div><div><div>deep</a>tail",
            // Attributes added to an existing html/body; duplicates dropped; sorted names.
            "<html lang=en zeta=1 alpha=2><body class=a><html data-x=1 lang=fr><body id=b class=c>t",
            "<p b=2 a=1 B=3 c d=''>x</p><img src=a.png ALT=b data-src=c>",
            // Template contents stay out of the tree.
            "<template><p>hidden</p><template><b>x</b></template></template><p>shown</p>",
            "<table><template><tr><td>t</td></tr></template><tr><td>u</td></tr></table>",
            // Foreign content: adjusted names are lower-cased; integration points.
            "<svg viewBox='0 0 1 1'><foreignObject><p>in</p></foreignObject><desc><b>d</b></desc><title>t</title></svg>",
            "<math><mi>x</mi><annotation-xml encoding='text/html'><p>h</p></annotation-xml></math><p>after",
            "<svg><p>breaks out</p><use xlink:href='#a' xml:lang=en /></svg>",
            // Forms, selects, frames, head-only content, stray end tags, text merging.
            "<form><form><input name=a></form><select><option>1<option>2<p>x</select></form>",
            "<frameset><frame src=a></frameset><noframes>n</noframes>",
            "<head><title>T</title><meta charset=utf-8><p>body starts</head>text</body></html>more",
            "</p></div></b>x<br></br>y<!-- c -->z<?pi x?>w",
            "<ul><li>1<li>2<ol><li>a</ul><dl><dt>t<dd>d</dl><ruby>r<rp>(<rt>t</ruby>",
            "<textarea>\n<b>raw</b></textarea><pre>\n\nx</pre><listing>\ny</listing><xmp><i>z</i></xmp>",
            "<noscript><p>ns</p></noscript><iframe><p>if</p></iframe><plaintext><p>rest",
            "<!DOCTYPE html><html><body><script>var a = '<p>';</script><style>p{}</style><script type='application/ld+json'>{\"a\":1}</script>",
            "<p>a&amp;b &notit; &#x26; &#0; \u{0}nul</p><p>\r\ncrlf\rcr</p>",
            "",
            "   ",
            "<!-- only a comment -->",
        ];
        for html in cases {
            same_tree_as_scraper(html);
        }
    }

    #[test]
    fn moving_the_tree_builds_every_fixture_as_copying_does() {
        for_each_fixture(same_tree_as_scraper);
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
        for_each_fixture(same_tree_without_script_text);
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
