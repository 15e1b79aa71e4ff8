//! The snapshot input: the live page, as the content script reads it.
//!
//! The content script walks `document.documentElement` in document order and sends a flat
//! list: one entry per element or text node, each naming its parent's index. It follows the
//! same rules as the HTML input (see [`super::Walk`]): comments, doctype and template contents are
//! skipped; the text of `<script>` (but JSON-LD) and `<style>` is left out; a run of adjacent
//! text siblings is sent as one entry. The index of an entry is the id results use, so the
//! content script maps ids back to the live nodes it kept in the same order.
//!
//! Two forms of the same entries, which give the same [`Doc`]: [`Snapshot`] (JSON, one object
//! per entry: native tests and fuzzing, readable by eye) and [`Packed`] (one string of all
//! names and texts plus a list of integers: what the extension's content script and the
//! playground send to wasm `extractSnapshot`; no object per node to build in the page, to
//! send, or to deserialize here).

use super::{Doc, DocBuilder, NodeId};
use crate::Error;
use serde::{Deserialize, Serialize};

/// One entry of the snapshot: an element (`t` set) or a text node (`x` set).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SnapNode {
    /// Index of the parent entry; -1 for the root.
    pub p: i64,
    /// Element tag name (any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t: Option<String>,
    /// Element attributes as `[name, value]` pairs, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub a: Vec<(String, String)>,
    /// Text of a text node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
}

/// The live page as data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    /// The page's URL, used to resolve relative links and to name the site.
    #[serde(default)]
    pub url: Option<String>,
    pub nodes: Vec<SnapNode>,
}

impl Snapshot {
    /// Reads a snapshot from its JSON form.
    pub fn from_json(json: &str) -> Result<Snapshot, Error> {
        serde_json::from_str(json).map_err(|e| Error::Snapshot(e.to_string()))
    }

    /// Builds the document model. Every entry becomes exactly one node with the same index.
    pub fn to_doc(&self) -> Result<Doc, Error> {
        self.to_doc_limited(None)
    }

    /// [`Snapshot::to_doc`], keeping at most `max_nodes` entries (the page's first ones).
    pub fn to_doc_limited(&self, max_nodes: Option<usize>) -> Result<Doc, Error> {
        if self.nodes.is_empty() {
            return Err(Error::Empty);
        }
        let mut b = DocBuilder::with_limit(self.nodes.len(), max_nodes);
        for (i, n) in self.nodes.iter().enumerate() {
            if b.is_full() {
                // Past the limit: the rest is left out (the builder records the truncation).
                b.mark_truncated();
                break;
            }
            place(&mut b, i, n.p)?;
            match (&n.t, &n.x) {
                (Some(tag), None) => {
                    let attrs = n
                        .a
                        .iter()
                        .map(|(k, v)| (Box::<str>::from(k.as_str()), Box::<str>::from(v.as_str())))
                        .collect();
                    b.open(tag, attrs);
                }
                (None, Some(text)) => {
                    root_is_element(i)?;
                    b.text_node(text);
                }
                _ => {
                    return Err(Error::Snapshot(format!(
                        "entry {i} must have exactly one of t (tag) and x (text)"
                    )))
                }
            }
        }
        Ok(b.finish())
    }

    /// The snapshot a content script would send for this document (used by tests and by the
    /// playground to check that both inputs agree).
    pub fn from_doc(doc: &Doc, url: Option<String>) -> Snapshot {
        let nodes = doc
            .nodes()
            .iter()
            .map(|n| {
                let p = if n.parent == super::NO_PARENT {
                    -1
                } else {
                    n.parent as i64
                };
                match &n.data {
                    super::NodeData::Element(e) => SnapNode {
                        p,
                        t: Some(e.tag.to_string()),
                        a: e.attrs
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.to_string()))
                            .collect(),
                        x: None,
                    },
                    super::NodeData::Text(t) => SnapNode {
                        p,
                        t: None,
                        a: vec![],
                        x: Some(t.to_string()),
                    },
                }
            })
            .collect();
        Snapshot { url, nodes }
    }
}

/// The compact form of a snapshot: what the extension's content script sends (the snapshot input's fast
/// path). The same entries as [`Snapshot`], in the same order, as one string and one list of
/// integers, so building, sending and reading it costs no object per node:
///
/// - `text`: every string of the snapshot, back to back: per element its tag name, then each
///   attribute's name and value (the walks send only the attributes the core reads,
///   [`super::READ_ATTRS`]; the builder drops any other); per text entry its text.
/// - `ints`: per entry a head `2 * (parent + 1) + kind` (kind 0: element, 1: text; the root's
///   parent is -1, so its head is 0), then for an element the tag name's length, the number of
///   attributes and each attribute's name and value lengths; for a text entry the text's length.
///
/// Lengths count UTF-16 code units, as JavaScript's `String.length` does, so the walk never
/// measures UTF-8; the reader converts while it steps through `text`. A lone surrogate (which
/// only a page script can put in the DOM) arrives as U+FFFD, one unit, as the browser's UTF-8
/// encoder writes it.
///
/// On the wire (content script -> background -> wasm) the integers travel as one string of
/// decimals joined by commas ([`parse_ints`]): Chromium's extension messages copy an array
/// value by value, which costs several times more than one string.
#[derive(Debug, Clone, Copy)]
pub struct Packed<'a> {
    pub text: &'a str,
    pub ints: &'a [i32],
}

/// A [`Packed`] entry's head is `PACKED_KINDS * (parent + 1) + kind`, kind one of these two.
pub const PACKED_ELEMENT: i32 = 0;
/// See [`PACKED_ELEMENT`].
pub const PACKED_TEXT: i32 = 1;
/// How many entry kinds a [`Packed`] head encodes.
pub const PACKED_KINDS: i32 = 2;
/// What joins a [`Packed`] snapshot's integers on the wire.
pub const PACKED_SEPARATOR: char = ',';

/// Reads the integers of a [`Packed`] snapshot from their wire form: decimals (an optional
/// `-`, then digits) joined by commas; the empty string is no integer.
pub fn parse_ints(s: &str) -> Result<Vec<i32>, Error> {
    if s.is_empty() {
        return Ok(Vec::new());
    }
    let bad = |at: usize| Error::Snapshot(format!("bad integer list at byte {at}"));
    // About one integer per two or three characters: room for all in one allocation.
    let mut out = Vec::with_capacity(s.len() / 2 + 1);
    let bytes = s.as_bytes();
    let mut at = 0;
    loop {
        let negative = bytes.get(at) == Some(&b'-');
        if negative {
            at += 1;
        }
        let start = at;
        let mut v: i64 = 0;
        while let Some(d) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
            v = v * 10 + i64::from(d - b'0');
            if v > i64::from(i32::MAX) + 1 {
                return Err(bad(start));
            }
            at += 1;
        }
        if at == start {
            return Err(bad(at));
        }
        let v = if negative { -v } else { v };
        out.push(i32::try_from(v).map_err(|_| bad(start))?);
        match bytes.get(at) {
            None => return Ok(out),
            Some(&b) if char::from(b) == PACKED_SEPARATOR => at += 1,
            Some(_) => return Err(bad(at)),
        }
    }
}

/// Steps through [`Packed::text`] by UTF-16 lengths.
struct Strings<'a> {
    rest: &'a str,
    /// All of `rest` is ASCII: a unit is a byte.
    ascii: bool,
    /// Units already taken by the previous string: a surrogate pair the page split across
    /// two strings arrives as one 4-byte character, counted with the first.
    debt: usize,
}

impl<'a> Strings<'a> {
    fn new(text: &'a str) -> Self {
        Strings {
            rest: text,
            ascii: text.is_ascii(),
            debt: 0,
        }
    }

    fn take(&mut self, units: i32, i: usize) -> Result<&'a str, Error> {
        let too_long = || Error::Snapshot(format!("entry {i} runs past the end of the text"));
        let units = usize::try_from(units)
            .map_err(|_| Error::Snapshot(format!("entry {i} has a negative length")))?;
        let paid = units.min(self.debt);
        self.debt -= paid;
        let mut need = units - paid;
        let end = if self.ascii {
            if need > self.rest.len() {
                return Err(too_long());
            }
            need
        } else {
            let bytes = self.rest.as_bytes();
            let mut at = 0;
            while need > 0 {
                let lead = *bytes.get(at).ok_or_else(too_long)?;
                // UTF-8 lead byte -> width; a 4-byte character is two UTF-16 units.
                let (width, u) = match lead {
                    0..=0x7f => (1, 1),
                    0xc0..=0xdf => (2, 1),
                    0xe0..=0xef => (3, 1),
                    _ => (4, 2),
                };
                at += width;
                if u > need {
                    self.debt = u - need;
                    need = 0;
                } else {
                    need -= u;
                }
            }
            at
        };
        let (s, rest) = self.rest.split_at(end);
        self.rest = rest;
        Ok(s)
    }
}

impl Packed<'_> {
    /// Builds the document model, keeping at most `max_nodes` entries (the page's first ones);
    /// the same model [`Snapshot::to_doc_limited`] builds from the same entries.
    pub fn to_doc_limited(&self, max_nodes: Option<usize>) -> Result<Doc, Error> {
        let ints = self.ints;
        if ints.is_empty() {
            return Err(Error::Empty);
        }
        let mut strings = Strings::new(self.text);
        let mut it = ints.iter().copied();
        let next = |it: &mut std::iter::Copied<std::slice::Iter<'_, i32>>, i: usize| {
            it.next()
                .ok_or_else(|| Error::Snapshot(format!("entry {i} is cut short")))
        };
        // At least two integers per entry: a capacity the input cannot inflate.
        let mut b = DocBuilder::with_limit(ints.len() / 2, max_nodes);
        let mut i = 0;
        while it.len() > 0 {
            if b.is_full() {
                b.mark_truncated();
                break;
            }
            let head = i64::from(next(&mut it, i)?);
            place(&mut b, i, head.div_euclid(i64::from(PACKED_KINDS)) - 1)?;
            if head.rem_euclid(i64::from(PACKED_KINDS)) == i64::from(PACKED_ELEMENT) {
                let tag = strings.take(next(&mut it, i)?, i)?;
                let count = usize::try_from(next(&mut it, i)?)
                    .map_err(|_| Error::Snapshot(format!("entry {i} has a negative count")))?;
                let mut attrs = Vec::with_capacity(count.min(ints.len() / 2));
                for _ in 0..count {
                    let (k, v) = (next(&mut it, i)?, next(&mut it, i)?);
                    let k = strings.take(k, i)?;
                    attrs.push((k, strings.take(v, i)?));
                }
                // The builder lower-cases the names and keeps the attributes the core reads
                // (the walks send only those).
                let attrs = attrs
                    .into_iter()
                    .map(|(k, v)| (super::builder::name_of(k), super::Str::from_slice(v)));
                b.open_named(super::builder::name_of(tag), attrs);
            } else {
                root_is_element(i)?;
                b.text_node(strings.take(next(&mut it, i)?, i)?);
            }
            i += 1;
        }
        Ok(b.finish())
    }
}

impl Snapshot {
    /// This snapshot in the compact form: `(text, ints)` of a [`Packed`] (for tests, the fuzz
    /// target and anyone who holds a `Snapshot` but wants the extension's input).
    pub fn to_packed(&self) -> Result<(String, Vec<i32>), Error> {
        let len = |s: &str| {
            i32::try_from(s.encode_utf16().count())
                .map_err(|_| Error::Snapshot("a string over 2^31 units".into()))
        };
        let mut text = String::new();
        let mut ints = Vec::with_capacity(self.nodes.len() * 3);
        for (i, n) in self.nodes.iter().enumerate() {
            let parent = i32::try_from(n.p)
                .ok()
                .and_then(|p| p.checked_add(1)?.checked_mul(PACKED_KINDS))
                .ok_or_else(|| Error::Snapshot(format!("entry {i} has parent {}", n.p)))?;
            match (&n.t, &n.x) {
                (Some(tag), None) => {
                    ints.extend([parent + PACKED_ELEMENT, len(tag)?, n.a.len() as i32]);
                    text.push_str(tag);
                    for (k, v) in &n.a {
                        ints.extend([len(k)?, len(v)?]);
                        text.push_str(k);
                        text.push_str(v);
                    }
                }
                (None, Some(x)) => {
                    ints.extend([parent + PACKED_TEXT, len(x)?]);
                    text.push_str(x);
                }
                _ => {
                    return Err(Error::Snapshot(format!(
                        "entry {i} must have exactly one of t (tag) and x (text)"
                    )))
                }
            }
        }
        Ok((text, ints))
    }
}

/// Checks entry `i`'s parent and closes elements until that parent is the innermost open one.
fn place(b: &mut DocBuilder, i: usize, p: i64) -> Result<(), Error> {
    if i == 0 {
        if p != -1 {
            return Err(Error::Snapshot(
                "entry 0 must be the root (parent -1)".into(),
            ));
        }
        return Ok(());
    }
    let parent = NodeId::try_from(p).map_err(|_| {
        Error::Snapshot(format!(
            "entry {i} has parent {p} but only the first entry may be a root"
        ))
    })?;
    while b.open_ids().last().is_some_and(|&top| top != parent) {
        b.close();
    }
    if b.open_ids().is_empty() {
        return Err(Error::Snapshot(format!(
            "entry {i} names parent {parent}, which is not an open element before it"
        )));
    }
    Ok(())
}

fn root_is_element(i: usize) -> Result<(), Error> {
    if i == 0 {
        return Err(Error::Snapshot("the root entry must be an element".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_ids() {
        let doc = crate::dom::html::parse_str("<p>a<b>b</b></p><div><i>c</i>d</div>").unwrap();
        let snap = Snapshot::from_doc(&doc, None);
        let json = serde_json::to_string(&snap).unwrap();
        let back = Snapshot::from_json(&json).unwrap().to_doc().unwrap();
        assert_eq!(doc, back);
    }

    #[test]
    fn bad_parent_is_a_clear_error() {
        let s = Snapshot::from_json(r#"{"nodes":[{"p":-1,"t":"html"},{"p":5,"x":"t"}]}"#).unwrap();
        let err = s.to_doc().unwrap_err().to_string();
        assert!(err.contains("entry 1"), "{err}");
    }
    #[test]
    fn packed_form_gives_the_same_tree() {
        let html = "<html lang=fr><p class=x>a\u{1F600}b<b id=\"\u{e9}\">b</b></p><div><i>c</i>\u{5916}d</div>";
        let doc = crate::dom::html::parse_str(html).unwrap();
        let snap = Snapshot::from_doc(&doc, None);
        let (text, ints) = snap.to_packed().unwrap();
        let back = Packed {
            text: &text,
            ints: &ints,
        }
        .to_doc_limited(None)
        .unwrap();
        assert_eq!(doc, back);
        let cut = Packed {
            text: &text,
            ints: &ints,
        }
        .to_doc_limited(Some(3))
        .unwrap();
        assert_eq!(cut, snap.to_doc_limited(Some(3)).unwrap());
    }

    #[test]
    fn bad_packed_input_is_a_clear_error() {
        let bad: &[(&str, &[i32])] = &[
            ("html", &[0, 4]),            // cut short
            ("html", &[0, 9, 0]),         // past the end of the text
            ("htmlx", &[0, 4, 0, 21, 1]), // parent 9 is not open
            ("htmlx", &[1, 1]),           // the root is text
            ("html", &[0, -4, 0]),        // negative length
            ("html", &[0, 4, -1]),        // negative count
            ("html", &[0, 4, i32::MAX]),  // a count the input cannot hold
        ];
        for (text, ints) in bad {
            let e = Packed { text, ints }.to_doc_limited(None);
            assert!(
                matches!(e, Err(Error::Snapshot(_))),
                "{text} {ints:?}: {e:?}"
            );
        }
    }

    #[test]
    fn integer_lists_read_back() {
        assert_eq!(parse_ints("").unwrap(), Vec::<i32>::new());
        assert_eq!(
            parse_ints("0,-1,42,2147483647,-2147483648").unwrap(),
            [0, -1, 42, i32::MAX, i32::MIN]
        );
        for bad in [
            "1,",
            ",1",
            "1,,2",
            "-",
            "1 2",
            "2147483648",
            "-2147483649",
            "99999999999999999999",
        ] {
            assert!(parse_ints(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_surrogate_pair_split_across_strings_is_counted_once() {
        // "a" + high surrogate, then low surrogate + "b": one 4-byte character in the UTF-8 text.
        let text = "html\u{1F600}b";
        let ints = [0, 4, 0, 3, 1, 3, 2];
        let doc = Packed { text, ints: &ints }.to_doc_limited(None).unwrap();
        assert_eq!(doc.len(), 3);
        assert_eq!(
            doc.nodes()[1].data,
            crate::dom::NodeData::Text("\u{1F600}".into())
        );
        assert_eq!(doc.nodes()[2].data, crate::dom::NodeData::Text("b".into()));
    }
}
