//! One pass over the document collecting every metadata signal the page carries.
//!
//! Linear in the page: subtrees are only read as text when they are small (a byline, a
//! heading), and "inside X" questions are answered with the arena's ranges, not by walking
//! ancestors.

use crate::dom::{collapse_whitespace, Doc, NodeId};

/// Words in `class`/`id` that sites use for the byline element (generic words, not site names).
const BYLINE_HINTS: &[&str] = &["byline", "author", "writtenby"];
/// Words in `class`/`id` marking reader comments: their authors are not the article's.
const COMMENT_HINTS: &[&str] = &["comment", "reply", "disqus"];
/// Largest subtree (in nodes) read as a byline candidate: a byline is a name, maybe a link.
const MAX_BYLINE_NODES: u32 = 24;
/// How many `<h1>` texts are kept to confirm the title (a page has one or two).
const MAX_HEADINGS: usize = 3;
/// A paragraph at least this long is prose, so its direction is the article's direction.
const DIR_PARAGRAPH_MIN_CHARS: usize = 40;
/// Nodes read when probing a paragraph's length (a prose paragraph has few children).
const MAX_PROBE_NODES: usize = 64;
/// A class-less byline: a short element whose text starts with this ("By Jane Doe").
const BY_PREFIXES: &[&str] = &["By ", "BY ", "By: ", "BY: "];
/// Longest class-less "By ..." line, in words, before it reads as a sentence.
const MAX_BY_LINE_WORDS: usize = 8;

#[derive(Debug, Default)]
pub struct Signals {
    /// `<meta>` key (lower-case name/property/itemprop/http-equiv, Dublin Core prefixes
    /// unified to `dc.`) and content, in document order.
    metas: Vec<(String, String)>,
    pub jsonld: Vec<NodeId>,
    pub title: Option<String>,
    pub h1: Vec<String>,
    pub microdata_headline: Option<String>,
    pub microdata_author: Option<String>,
    pub microdata_date: Option<String>,
    pub microdata_image: Option<String>,
    pub rel_author: Option<String>,
    pub byline_hint: Option<String>,
    /// Candidates seen after the first `<h1>`, preferred: a byline follows its headline,
    /// while author names before it sit in menus and teasers.
    rel_author_after_h1: Option<String>,
    byline_hint_after_h1: Option<String>,
    pub time: Option<String>,
    pub base_href: Option<String>,
    pub image_src: Option<String>,
    pub html_lang: Option<String>,
    pub dir: Option<String>,
}

impl Signals {
    /// Content of the first non-empty `<meta>` with this key.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// The first key (in the given priority order) that has a value, whitespace-collapsed.
    pub fn first_meta(&self, keys: &[&str]) -> Option<String> {
        self.meta_all(keys).next()
    }

    /// Every key's value, in the given priority order.
    pub fn meta_all<'a>(&'a self, keys: &'a [&'a str]) -> impl Iterator<Item = String> + 'a {
        keys.iter()
            .filter_map(|k| self.meta(k))
            // Pages often escape meta content twice (`&amp;#39;`); the parser undid one level.
            .map(|v| collapse_whitespace(&super::entities::decode(v)))
            .filter(|v| !v.is_empty())
    }
}

/// `rtl`/`ltr` from a `dir` attribute value (`auto` says nothing).
pub fn dir_value(v: Option<&str>) -> Option<String> {
    let v = v?.trim().to_ascii_lowercase();
    (v == "rtl" || v == "ltr").then_some(v)
}

/// Lower-cases and unifies Dublin Core spellings (`DC.title`, `dc:title`, `dcterms.title`).
fn meta_key(k: &str) -> String {
    let k = k.trim().to_ascii_lowercase();
    for p in ["dcterms:", "dcterms.", "dcterm:", "dcterm.", "dc:"] {
        if let Some(rest) = k.strip_prefix(p) {
            return format!("dc.{rest}");
        }
    }
    k
}

fn has_token(list: Option<&str>, word: &str) -> bool {
    list.is_some_and(|l| {
        l.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case(word))
    })
}

fn hint_in<'a>(doc: &'a Doc, id: NodeId, words: &[&str], memo: &mut HintMemo<'a>) -> bool {
    [doc.attr(id, "class"), doc.attr(id, "id")]
        .into_iter()
        .flatten()
        .any(|v| {
            *memo
                .entry(v)
                .or_insert_with(|| words.iter().any(|w| contains_ignore_case(v, w)))
        })
}

/// [`hint_in`]'s answers per distinct attribute value, for one word list and one page: pages
/// repeat a few class strings on thousands of elements.
type HintMemo<'a> = rustc_hash::FxHashMap<&'a str, bool>;

/// ASCII case-insensitive substring test without allocating (`needle` is lower-case).
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    // Only windows starting with the needle's first letter (either case) are compared.
    let mut from = 0;
    while let Some(off) = memchr::memchr2(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &hay[from..],
    ) {
        let at = from + off;
        if hay.len() - at < needle.len() {
            return false;
        }
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Does the subtree hold at least `min` non-space characters? Reads at most
/// `MAX_PROBE_NODES` nodes, so nested empty paragraphs cannot make this quadratic.
fn has_prose(doc: &Doc, id: NodeId, min: usize) -> bool {
    let mut len = 0;
    for d in doc.descendants(id).take(MAX_PROBE_NODES) {
        if let Some(t) = doc.text(d) {
            len += t.split_whitespace().map(str::len).sum::<usize>();
            if len >= min {
                return true;
            }
        }
    }
    false
}

fn small(doc: &Doc, id: NodeId, max: u32) -> bool {
    doc.node(id).end - id <= max
}

/// Can the subtree's collapsed text start with one of `prefixes`? Compares only the first
/// non-space character (the collapsed text starts there), so a `false` is certain.
fn starts_like_any(doc: &Doc, id: NodeId, prefixes: &[&str]) -> bool {
    for d in doc.descendants(id) {
        if let Some(first) = doc.text(d).and_then(|t| t.trim_start().chars().next()) {
            return prefixes.iter().any(|p| p.starts_with(first));
        }
    }
    false
}

fn text(doc: &Doc, id: NodeId) -> Option<String> {
    Some(collapse_whitespace(&doc.subtree_text(id))).filter(|t| !t.is_empty())
}

/// A byline candidate's text: its text nodes joined by [`super::byline::SEGMENT`], so the
/// name can be told from a label, date or role the markup glues to it.
fn byline_text(doc: &Doc, id: NodeId) -> Option<String> {
    let sep = super::byline::SEGMENT.to_string();
    let parts: Vec<&str> = doc
        .descendants(id)
        .filter_map(|d| doc.text(d))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    Some(collapse_whitespace(&parts.join(&sep))).filter(|t| !t.is_empty())
}

/// A candidate that gives a name: one that does not ("Share", "By continuing, you agree")
/// must not keep a later, real byline out.
fn names_someone(t: &str) -> bool {
    super::byline::clean(t).is_some()
}

/// A microdata property's value: the attribute the spec names for the element, else its text.
fn item_value(doc: &Doc, id: NodeId) -> Option<String> {
    let attr = match doc.tag(id) {
        "meta" => doc.attr(id, "content"),
        "time" => doc.attr(id, "datetime"),
        "img" | "source" | "video" | "audio" | "iframe" | "embed" => doc.attr(id, "src"),
        "a" | "link" | "area" => doc.attr(id, "href"),
        "data" | "meter" => doc.attr(id, "value"),
        _ => doc.attr(id, "content"),
    };
    match attr {
        Some(a) => Some(collapse_whitespace(a)).filter(|a| !a.is_empty()),
        None if small(doc, id, MAX_BYLINE_NODES) => text(doc, id),
        None => None,
    }
}

/// Records the first value seen, and separately the first seen after the headline.
fn offer(
    first: &mut Option<String>,
    after: &mut Option<String>,
    is_after: bool,
    value: impl FnOnce() -> Option<String>,
) {
    if first.is_some() && (after.is_some() || !is_after) {
        return;
    }
    if let Some(v) = value() {
        if is_after && after.is_none() {
            *after = Some(v.clone());
        }
        first.get_or_insert(v);
    }
}

pub fn collect(doc: &Doc) -> Signals {
    let mut s = Signals::default();
    if doc.tag(0) == "html" {
        s.html_lang = doc
            .attr(0, "lang")
            .or_else(|| doc.attr(0, "xml:lang"))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
    }
    // End of the current svg / article / comment-section subtree (ranges nest, so the
    // outermost one's end is all we need).
    let (mut svg_end, mut article_end, mut comment_end) = (0, 0, 0);
    let mut time_in_article = None;
    let mut prose_dir_checked = false;
    let (mut comment_memo, mut byline_memo) = (HintMemo::default(), HintMemo::default());
    for i in 0..doc.len() as NodeId {
        let Some(el) = doc.element(i) else {
            continue;
        };
        let tag = &*el.tag;
        let end = doc.node(i).end;
        if tag == "svg" && i >= svg_end {
            svg_end = end;
        }
        if tag == "article" && i >= article_end {
            article_end = end;
        }
        if i >= comment_end && hint_in(doc, i, COMMENT_HINTS, &mut comment_memo) {
            comment_end = end;
        }
        let in_comments = i < comment_end;
        match tag {
            "meta" => {
                let content = el.attr("content").unwrap_or("");
                let keys = [
                    el.attr("property"),
                    el.attr("name"),
                    el.attr("itemprop"),
                    el.attr("http-equiv"),
                ];
                // `property` may list several names ("og:title dc:title").
                for k in keys
                    .into_iter()
                    .flatten()
                    .flat_map(str::split_ascii_whitespace)
                {
                    s.metas.push((meta_key(k), content.to_string()));
                }
            }
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                s.jsonld.push(i);
            }
            "title" if s.title.is_none() && i >= svg_end => s.title = text(doc, i),
            "h1" if s.h1.len() < MAX_HEADINGS => s.h1.extend(text(doc, i)),
            "base" if s.base_href.is_none() => s.base_href = el.attr("href").map(str::to_string),
            "link" if has_token(el.attr("rel"), "image_src") && s.image_src.is_none() => {
                s.image_src = el.attr("href").map(str::to_string);
            }
            "time" if el.attr("datetime").is_some() => {
                // `pubdate` marks the publication time outright; otherwise the first time
                // inside an <article> (outside comments) is its date line.
                if el.attr("pubdate").is_some() && s.time.is_none() {
                    s.time = el.attr("datetime").map(str::to_string);
                } else if i < article_end && !in_comments && time_in_article.is_none() {
                    time_in_article = el.attr("datetime").map(str::to_string);
                }
            }
            "p" if !prose_dir_checked && has_prose(doc, i, DIR_PARAGRAPH_MIN_CHARS) => {
                prose_dir_checked = true;
                s.dir = super::dir_at(doc, i);
            }
            _ => {}
        }
        if let Some(props) = el.attr("itemprop").filter(|_| tag != "meta") {
            for p in props.split_ascii_whitespace() {
                match p.to_ascii_lowercase().as_str() {
                    "headline" if s.microdata_headline.is_none() => {
                        s.microdata_headline = item_value(doc, i)
                    }
                    "author" | "creator" if s.microdata_author.is_none() && !in_comments => {
                        // An author item usually names itself in a nested `itemprop=name`.
                        let name = doc
                            .descendants(i)
                            .take(MAX_BYLINE_NODES as usize)
                            .find(|&d| has_token(doc.attr(d, "itemprop"), "name"))
                            .and_then(|d| item_value(doc, d));
                        s.microdata_author =
                            name.or_else(|| item_value(doc, i).filter(|v| !v.contains("://")));
                    }
                    "datepublished" if s.microdata_date.is_none() => {
                        s.microdata_date = item_value(doc, i)
                    }
                    "image" if s.microdata_image.is_none() => {
                        s.microdata_image = item_value(doc, i)
                    }
                    _ => {}
                }
            }
        }
        let readable = !in_comments
            && small(doc, i, MAX_BYLINE_NODES)
            && !matches!(tag, "meta" | "link" | "script" | "img" | "html" | "body");
        let after_h1 = !s.h1.is_empty() && tag != "h1";
        if readable && has_token(el.attr("rel"), "author") {
            offer(
                &mut s.rel_author,
                &mut s.rel_author_after_h1,
                after_h1,
                || byline_text(doc, i).filter(|t| names_someone(t)),
            );
        }
        if readable && hint_in(doc, i, BYLINE_HINTS, &mut byline_memo) {
            offer(
                &mut s.byline_hint,
                &mut s.byline_hint_after_h1,
                after_h1,
                || {
                    byline_text(doc, i).filter(|t| {
                        t.chars().count() <= super::byline::MAX_BYLINE_CHARS && names_someone(t)
                    })
                },
            );
        }
        if readable && matches!(tag, "p" | "span" | "div" | "address") {
            offer(
                &mut s.byline_hint,
                &mut s.byline_hint_after_h1,
                after_h1,
                || {
                    // Cheap test first: the text is only built for the few blocks that can match.
                    if !starts_like_any(doc, i, BY_PREFIXES) {
                        return None;
                    }
                    byline_text(doc, i).filter(|t| {
                        let plain = t.replace(super::byline::SEGMENT, " ");
                        BY_PREFIXES.iter().any(|p| plain.starts_with(p))
                            && t.split_whitespace().count() <= MAX_BY_LINE_WORDS
                            && names_someone(t)
                    })
                },
            );
        }
    }
    s.rel_author = s.rel_author_after_h1.take().or(s.rel_author.take());
    s.byline_hint = s.byline_hint_after_h1.take().or(s.byline_hint.take());
    if s.time.is_none() {
        s.time = time_in_article;
    }
    if !prose_dir_checked || s.dir.is_none() {
        s.dir = s
            .dir
            .take()
            .or_else(|| dir_value(doc.attr(0, "dir")))
            .or_else(|| {
                doc.find_tag("body")
                    .and_then(|b| dir_value(doc.attr(b, "dir")))
            });
    }
    s
}
