//! Page metadata: title, byline, dates, site, language, direction, lead image, excerpt.

use crate::dom::{collapse_whitespace, Doc, NodeId};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub lead_image: Option<String>,
    pub excerpt: Option<String>,
}

/// Reads what the head and the root element say.
pub fn read(doc: &Doc, _url: Option<&str>) -> Metadata {
    let mut m = Metadata::default();
    if doc.is_empty() {
        return m;
    }
    m.lang = doc
        .attr(0, "lang")
        .map(str::to_string)
        .filter(|s| !s.is_empty());
    m.dir = doc
        .attr(0, "dir")
        .map(str::to_ascii_lowercase)
        .filter(|s| s == "rtl" || s == "ltr");
    m.title = meta_content(doc, "og:title")
        .or_else(|| {
            doc.find_tag("title")
                .map(|t| collapse_whitespace(&doc.subtree_text(t)))
        })
        .filter(|s| !s.is_empty());
    m.site_name = meta_content(doc, "og:site_name");
    m.byline = meta_content(doc, "author");
    m.excerpt = meta_content(doc, "og:description").or_else(|| meta_content(doc, "description"));
    m.lead_image = meta_content(doc, "og:image");
    m.published = meta_content(doc, "article:published_time");
    m
}

/// The `content` of the first `<meta>` whose name or property is `key`.
fn meta_content(doc: &Doc, key: &str) -> Option<String> {
    (0..doc.len() as NodeId)
        .filter(|&i| doc.tag(i) == "meta")
        .find(|&i| {
            doc.attr(i, "property")
                .or_else(|| doc.attr(i, "name"))
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
        })
        .and_then(|i| doc.attr(i, "content"))
        .map(collapse_whitespace)
        .filter(|s| !s.is_empty())
}
