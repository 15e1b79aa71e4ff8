//! Leaves out, before parsing, the text of `<script>` and `<style>` elements that the model
//! never keeps.
//!
//! Both inputs drop the text of scripts (but JSON-LD) and style sheets ([`super::Walk`]), yet
//! html5ever still tokenizes it and the tree builder still stores it: on news pages inline code and CSS
//! are a third of the bytes. This pass finds those elements the way the HTML tokenizer does
//! and removes their content, so the parser sees `<script ...></script>`; the tree, and so the
//! `Doc`, is the same.
//!
//! It only acts where the tokenizer's state is certain: in plain HTML content, with comments,
//! doctypes, bogus comments, quoted attribute values and raw-text elements (`title`,
//! `textarea`, `noscript`, ...) skipped exactly as the tokenizer does. At the first sign of a
//! context where the tree builder might not switch the tokenizer to script or raw-text data
//! (`<svg>`, `<math>`, `<select>`, `<template>`, `<frameset>`, `<plaintext>`) or of script
//! escapes (`<!--` inside a script), it stops and leaves the rest of the page as it is. A page
//! it cannot read this way is simply parsed in full.

use std::borrow::Cow;

/// Start tags after which the tree builder may leave a `<script>` or `<style>` as ordinary
/// markup (foreign content, select and frameset modes, template contents) or stop reading
/// tags at all (`plaintext`): the pass stops there.
const STOP_TAGS: &[&str] = &["svg", "math", "select", "template", "frameset", "plaintext"];
/// Elements whose content is text up to their end tag (RCDATA and, with scripting on as in
/// the HTML input's parser, RAWTEXT): skipped whole, their text kept.
const TEXT_TAGS: &[&str] = &[
    "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
];
/// Shortest content worth a cut (below it the copy costs more than the parser's work).
const MIN_ELIDED: usize = 64;

/// Returns `html` with the content of scripts (but JSON-LD) and style sheets removed where
/// that is certain not to change the parsed tree; borrowed when nothing was removed.
pub fn elide(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Byte ranges to remove (element contents).
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(off) = memchr::memchr(b'<', &b[pos..]) {
        let lt = pos + off;
        let Some(&next) = b.get(lt + 1) else { break };
        match next {
            b'!' => match markup_declaration_end(b, lt) {
                Some(end) => pos = end,
                None => break,
            },
            b'?' => match memchr::memchr(b'>', &b[lt..]) {
                Some(e) => pos = lt + e + 1,
                None => break,
            },
            b'/' => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => match tag_end(b, lt + 2) {
                    Some((_, end)) => pos = end,
                    None => break,
                },
                // `</>` is dropped; `</` + anything else opens a bogus comment.
                Some(b'>') => pos = lt + 3,
                Some(_) => match memchr::memchr(b'>', &b[lt..]) {
                    Some(e) => pos = lt + e + 1,
                    None => break,
                },
                None => break,
            },
            c if c.is_ascii_alphabetic() => {
                let Some((name_end, end)) = tag_end(b, lt + 1) else {
                    break;
                };
                let name = &html[lt + 1..name_end];
                pos = end;
                if STOP_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                    break;
                }
                let text_tag = TEXT_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
                let script = name.eq_ignore_ascii_case("script");
                let style = name.eq_ignore_ascii_case("style");
                if !(text_tag || script || style) {
                    continue;
                }
                let Some(close) = end_tag(b, end, name) else {
                    break;
                };
                let content = &b[end..close];
                if script && memchr::memmem::find(content, b"<!--").is_some() {
                    // Script escapes: where such a script ends is not worth guessing.
                    break;
                }
                // A script's type is read only to keep JSON-LD: any start tag that might say
                // so (the word, or a character reference that could spell it) keeps its text.
                let start_tag = &b[lt..end];
                let keeps_text = script
                    && (start_tag.contains(&b'&')
                        || start_tag
                            .windows(4)
                            .any(|w| w.eq_ignore_ascii_case(b"json")));
                if (script || style) && !keeps_text && content.len() >= MIN_ELIDED {
                    cuts.push((end, close));
                }
                // The end tag is read as a tag next.
                pos = close;
            }
            _ => pos = lt + 1,
        }
    }
    without_ranges(html, &cuts)
}

/// `html` with the byte ranges `cuts` (in order, not overlapping, on character boundaries)
/// left out; borrowed when there are none. Shared by the pre-parse passes.
pub(super) fn without_ranges<'a>(html: &'a str, cuts: &[(usize, usize)]) -> Cow<'a, str> {
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out =
        String::with_capacity(html.len() - cuts.iter().map(|(s, e)| e - s).sum::<usize>());
    let mut from = 0;
    for &(s, e) in cuts {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// HTML's white space inside tags (after the input stream turned `\r` into `\n`).
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// End of a `<!...` construct starting at `lt`: a comment, a doctype or a bogus comment.
/// `None` when it runs to the end of the page.
fn markup_declaration_end(b: &[u8], lt: usize) -> Option<usize> {
    if b[lt..].starts_with(b"<!--") {
        // `-->` may use the opening dashes (`<!-->`, `<!--->`); `--!>` may not.
        let close = memchr::memmem::find(&b[lt + 2..], b"-->").map(|e| lt + 2 + e + 3);
        // Only a `--!>` ending before that `-->` ends the comment earlier: looking further
        // would read the rest of the page for every comment.
        let bang_window = &b[lt + 4..close.unwrap_or(b.len())];
        let bang = memchr::memmem::find(bang_window, b"--!>").map(|e| lt + 4 + e + 4);
        return match (close, bang) {
            (Some(a), Some(c)) => Some(a.min(c)),
            (a, c) => a.or(c),
        };
    }
    // A doctype ends at the first `>` (quoted identifiers included); so does a bogus comment
    // (`<![CDATA[` outside SVG and MathML is one).
    memchr::memchr(b'>', &b[lt..]).map(|e| lt + e + 1)
}

/// Reads a tag whose name starts at `at` as the tokenizer does: returns where the name ends
/// and the index just past the closing `>`, or `None` at the end of the page.
fn tag_end(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut i = at;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name_end = i;
    // Between attributes, in a name, after a name, before a value, or in an unquoted value:
    // only `>` ends the tag, and a quote opens a value only right after `=` (spaces allowed).
    enum S {
        Between,
        Name,
        AfterName,
        BeforeValue,
        Unquoted,
    }
    let mut s = S::Between;
    while i < b.len() {
        let c = b[i];
        // Outside a quoted value (which the `BeforeValue` arm skips whole), `>` ends the tag.
        if c == b'>' {
            return Some((name_end, i + 1));
        }
        match s {
            S::Between => {
                if !is_space(c) && c != b'/' {
                    s = S::Name;
                }
            }
            S::Name => {
                if is_space(c) || c == b'/' {
                    s = if c == b'/' { S::Between } else { S::AfterName };
                } else if c == b'=' {
                    s = S::BeforeValue;
                }
            }
            S::AfterName => {
                if c == b'=' {
                    s = S::BeforeValue;
                } else if c == b'/' {
                    s = S::Between;
                } else if !is_space(c) {
                    s = S::Name;
                }
            }
            S::BeforeValue => {
                if c == b'"' || c == b'\'' {
                    let close = memchr::memchr(c, &b[i + 1..])?;
                    i += 1 + close;
                    s = S::Between;
                } else if !is_space(c) {
                    s = S::Unquoted;
                }
            }
            S::Unquoted => {
                if is_space(c) {
                    s = S::Between;
                }
            }
        }
        i += 1;
    }
    None
}

/// Start of the end tag `</name` (any case) followed by white space, `/` or `>`: where the
/// tokenizer leaves raw text, script data (without escapes) or RCDATA. `None` if there is none.
fn end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let n = name.len();
    let mut pos = from;
    while let Some(off) = memchr::memmem::find(&b[pos..], b"</") {
        let at = pos + off;
        let after = at + 2 + n;
        if after < b.len()
            && b[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && (is_space(b[after]) || b[after] == b'/' || b[after] == b'>')
        {
            return Some(at);
        }
        pos = at + 2;
    }
    None
}
