//! Page metadata: title, byline, published date, site, language, direction, lead image, excerpt.
//!
//! Phases:
//! 1. [`page::collect`]: one pass over the document gathering every signal (meta tags,
//!    JSON-LD texts, microdata, `<title>`, `<h1>`, bylines, `<time>`, `<base>`, `lang`/`dir`).
//! 2. [`jsonld::read`]: the publisher's schema.org description of the article.
//! 3. Per field, the first source that has a usable value, in the order given at each field
//!    below (structured data the publisher wrote for machines first, then the visible page).

mod byline;
mod date;
mod entities;
mod jsonld;
mod page;
mod title;

use crate::output::url;
pub use crate::output::url::resolve as resolve_url;
pub use date::normalize as normalize_date;

use crate::dom::{drop_soft_hyphens, Doc, NodeId};
use page::Signals;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// ISO 8601 (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[Z|±HH:MM]`).
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: Option<String>,
    /// Absolute when the page URL or a `<base href>` is known.
    pub lead_image: Option<String>,
    pub excerpt: Option<String>,
    /// The JSON-LD `articleBody` text, as written (never output: extraction takes it as a
    /// hint to which blocks are the article's).
    pub article_body: Option<String>,
    /// What kind of page the publisher says it is: the schema.org types of its JSON-LD
    /// (local names) and its Open Graph `og:type` (never output: the page-type step reads
    /// them).
    pub kinds: Vec<String>,
}

/// Reads what the page says about itself. `url` is the page's address (for the lead image).
pub fn read(doc: &Doc, url: Option<&str>) -> Metadata {
    if doc.is_empty() {
        return Metadata::default();
    }
    // Phase 1: every signal in one pass.
    let s = page::collect(doc);
    // Phase 2: structured data.
    let ld = jsonld::read(s.jsonld.iter().map(|&id| text_of_script(doc, id)));
    // Phase 3: choose per field.
    let site_name = site_name(&s, &ld);
    let byline = byline(&s, &ld);
    // The site's names in its addresses: where the page was read, and where it says it lives
    // (a copy read from a cache or a test server keeps its own `og:url`).
    let names: Vec<String> = [url, s.meta("og:url")]
        .into_iter()
        .flatten()
        .flat_map(title::site_names)
        .collect();
    let mut brands = vec![site_name.as_deref(), byline.as_deref()];
    brands.extend(names.iter().map(|n| Some(n.as_str())));
    let mut m = Metadata {
        title: title(&s, &ld, &brands),
        byline,
        published: published(&s, &ld),
        lang: lang(&s, &ld),
        dir: s.dir.clone(),
        lead_image: lead_image(&s, &ld, url),
        excerpt: excerpt(&s, &ld),
        site_name,
        article_body: (!ld.article_body.is_empty()).then_some(ld.article_body),
        kinds: ld
            .types
            .into_iter()
            .chain(
                s.meta("og:type")
                    .map(|t| format!("og:{}", t.trim().trim_start_matches("og:"))),
            )
            .collect(),
    };
    // The fields a reader sees are plain text, like the article's: no soft hyphens.
    for field in [
        &mut m.title,
        &mut m.byline,
        &mut m.excerpt,
        &mut m.site_name,
    ] {
        if let Some(v) = field.as_mut() {
            drop_soft_hyphens(v);
        }
    }
    m
}

/// The text direction in effect at `node`: the nearest `dir` attribute on it or an ancestor.
pub fn dir_at(doc: &Doc, node: NodeId) -> Option<String> {
    std::iter::once(node)
        .chain(doc.ancestors(node))
        .find_map(|a| page::dir_value(doc.attr(a, "dir")))
}

fn text_of_script(doc: &Doc, id: NodeId) -> &str {
    doc.children(id).find_map(|c| doc.text(c)).unwrap_or("")
}

/// Title: JSON-LD headline (the article's own name, no site branding), then OpenGraph and
/// other publisher title tags, then `<title>`, then the page's `<h1>`. Whatever wins, a
/// site-name suffix is cut when another source or the heading confirms the rest.
fn title(s: &Signals, ld: &jsonld::JsonLd, brands: &[Option<&str>]) -> Option<String> {
    let og = s.first_meta(&["og:title"]);
    let og = og.as_deref();
    let html_title = s.title.as_deref();
    // JSON-LD `name` is sometimes the site or section; of headline/name take the one that
    // another source repeats, else the headline.
    let ld_title = match (&ld.headline, &ld.name) {
        (Some(h), Some(n)) if h != n => {
            let others: Vec<String> = [og, html_title]
                .into_iter()
                .flatten()
                .map(title::key)
                .collect();
            let confirms = |t: &str| others.iter().any(|o| o.contains(&title::key(t)));
            if !confirms(h) && confirms(n) {
                Some(n.clone())
            } else {
                Some(h.clone())
            }
        }
        (Some(h), _) => Some(h.clone()),
        (None, n) => n.clone(),
    };
    let chosen = ld_title
        .or_else(|| {
            s.first_meta(&[
                "og:title",
                "dc.title",
                "twitter:title",
                "parsely-title",
                "title",
                "headline",
            ])
        })
        .or_else(|| s.title.clone())
        .or_else(|| s.microdata_headline.clone())
        .or_else(|| s.h1.first().cloned())?;
    // Headings confirm even the whole title; another source only confirms when it differs
    // from the chosen value (a value does not vouch for itself).
    let mut agree: Vec<&str> = s.h1.iter().map(String::as_str).collect();
    let chosen_key = title::key(&chosen);
    agree.extend(
        [og, ld.headline.as_deref()]
            .into_iter()
            .flatten()
            .filter(|a| title::key(a) != chosen_key),
    );
    let brands: Vec<&str> = brands.iter().flatten().copied().collect();
    let t = title::strip_site(&chosen, &agree, &brands);
    // The headline the reader sees on the page wins when it is the same title in the page's
    // own wording (without the SEO tail or site name title tags carry); when the title is
    // only the site's name, the page's first headline is the article's.
    if let Some(h) = title::page_headline(&t, &s.h1, &brands) {
        return Some(h);
    }
    (!t.is_empty()).then_some(t)
}

/// Byline: JSON-LD authors (named people, joined), then author meta tags, then microdata and
/// `rel=author` on the page, then an element the page labels as the byline.
fn byline(s: &Signals, ld: &jsonld::JsonLd) -> Option<String> {
    let from_ld = (!ld.authors.is_empty()).then(|| ld.authors.join(", "));
    from_ld
        .into_iter()
        // Dublin Core is chosen deliberately by a site; a bare `author` is often a CMS default.
        .chain(s.meta_all(&[
            "dc.creator",
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "byl",
        ]))
        .chain(s.microdata_author.clone())
        .chain(s.rel_author.clone())
        .chain(s.byline_hint.clone())
        .find_map(|b| byline::clean(&b))
}

/// Published: JSON-LD `datePublished`, then publish-date meta tags (OpenGraph article,
/// Dublin Core, Parse.ly), then microdata, then a `<time datetime>` inside the article.
/// The first value that parses as a date wins (a garbled one does not block the rest).
fn published(s: &Signals, ld: &jsonld::JsonLd) -> Option<String> {
    ld.published
        .clone()
        .into_iter()
        .chain(s.meta_all(&[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "parsely-pub-date",
            "dc.date.issued",
            "dc.date",
            "dc.date.created",
            "sailthru.date",
            "pubdate",
            "publishdate",
        ]))
        .chain(s.microdata_date.clone())
        .chain(s.time.clone())
        .find_map(|d| date::normalize(&d))
}

/// Site name: the JSON-LD publisher (the brand alone; `og:site_name` often carries a
/// tagline or a domain suffix), then `og:site_name`, then the JSON-LD WebSite node, then
/// `application-name`.
fn site_name(s: &Signals, ld: &jsonld::JsonLd) -> Option<String> {
    ld.publisher
        .clone()
        .or_else(|| s.first_meta(&["og:site_name"]))
        .or_else(|| ld.site_name.clone())
        .or_else(|| s.first_meta(&["application-name"]))
        .filter(|n| !n.is_empty())
}

/// Language: `<html lang>` (what browsers use), then the HTTP-equiv header, then
/// OpenGraph locale (`en_US` -> `en-US`), then JSON-LD `inLanguage`.
fn lang(s: &Signals, ld: &jsonld::JsonLd) -> Option<String> {
    s.html_lang
        .clone()
        .or_else(|| s.meta("content-language").map(str::to_string))
        .or_else(|| s.meta("og:locale").map(|l| l.replace('_', "-")))
        .or_else(|| ld.language.clone())
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l.len() <= 35 && !l.contains(char::is_whitespace))
}

/// Lead image: OpenGraph, then Twitter card, then JSON-LD, then `rel=image_src` and
/// microdata; resolved against `<base href>` (itself resolved against the page URL).
fn lead_image(s: &Signals, ld: &jsonld::JsonLd, url: Option<&str>) -> Option<String> {
    let raw = s
        .first_meta(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
        .or_else(|| ld.image.clone())
        .or_else(|| s.image_src.clone())
        .or_else(|| s.microdata_image.clone())
        // Inline data images are placeholders, not a picture anyone can link to.
        .filter(|i| !i.trim_start().starts_with("data:"))?;
    let base = match (&s.base_href, url) {
        (Some(b), u) => Some(url::resolve(u, b)),
        (None, u) => u.map(str::to_string),
    };
    Some(url::resolve(base.as_deref(), &raw))
}

/// Excerpt: the publisher's summary: JSON-LD description (written for the article, like
/// the headline), then Dublin Core, OpenGraph, the description meta and the Twitter card.
/// (The pipeline falls back to the first paragraph when none exists.)
fn excerpt(s: &Signals, ld: &jsonld::JsonLd) -> Option<String> {
    ld.description
        .clone()
        .or_else(|| {
            s.first_meta(&[
                "dc.description",
                "og:description",
                "description",
                "twitter:description",
            ])
        })
        .filter(|e| !e.is_empty())
}
