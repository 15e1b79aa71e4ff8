//! Declutter's core: finds a page's article and its clutter, including blocks the page repeats.
//!
//! One pure core with two inputs, both producing the same [`Doc`]:
//! - `extract_html`: HTML bytes in any charset, parsed by html5ever (CLI, playground, benchmarks;
//!   the default feature `html`, which the extension's wasm leaves out);
//! - [`extract_snapshot`] and [`extract_packed`]: the live page as a content script reads it
//!   (the compact [`Packed`] form is what the extension sends).
//!
//! The modules are private; this file is the API: the inputs above, [`Options`] in, an
//! [`Extraction`] (or an [`Error`] that says what was wrong with the input) out; for callers
//! that parse once and read a page several ways, [`parse_html`] and [`extract_doc`] over the
//! read-only [`Doc`]; and for a batch that applies site memory once it has read every page
//! (the CLI), [`extract_html_for_site`] and [`apply_site_memory`].
//!
//! Nothing in here knows about wasm-bindgen or web-sys; the wasm glue is one module alone.

mod budget;
mod contracts;
mod dedupe;
mod dom;
mod error;
mod extract;
mod measure;
mod meta;
mod options;
mod output;
mod render;
mod result;

// WARC input and the Python bindings are native only (the features' crates are native deps).
#[cfg(all(feature = "warc", not(target_arch = "wasm32")))]
mod archive;
#[cfg(all(feature = "python", not(target_arch = "wasm32")))]
mod python;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use dedupe::{SiteCandidate, SitePage};
pub use dom::snapshot::{Packed, SnapNode, Snapshot};
pub use dom::{Children, Doc, NodeId};
pub use error::Error;
pub use options::{Options, MIN_OTHER_PAGES};
pub use render::{Format, Source};
pub use result::{Block, BlockScore, Copy, DuplicateGroup, DuplicateKind, Extraction};

#[cfg(all(feature = "warc", not(target_arch = "wasm32")))]
pub use archive::{open_warc, read_warc, WarcError, WarcPage, WarcPages};

/// The modules behind the facade, for this package's own tests, benchmarks, fuzz targets and
/// evaluation commands. Not part of the API: anything in here may change at any time.
#[doc(hidden)]
pub mod internals {
    /// The definitions the JavaScript side shares with the core (the wasm `contracts()` call).
    pub mod contracts {
        pub use crate::contracts::*;
    }
    pub mod dedupe {
        pub use crate::dedupe::*;
    }
    pub mod dom {
        pub use crate::dom::*;
    }
    pub mod extract {
        pub use crate::extract::*;
    }
    pub mod meta {
        pub use crate::meta::*;
    }
    pub mod output {
        pub use crate::output::*;
    }
}

use budget::Budget;

/// The HTML input (feature `html`): extracts from HTML bytes in any charset (BOM, `<meta charset>`, else UTF-8/windows-1252).
#[cfg(feature = "html")]
pub fn extract_html(bytes: &[u8], options: &Options) -> Result<Extraction, Error> {
    extract_html_then(bytes, options, |_, r| r)
}

/// The HTML input for a batch with site memory: the extraction of [`extract_html`] (the article is
/// final: memory never changes it), and what site memory needs of the page, so the page itself
/// need not be kept: the URL it names as its own and the blocks memory may hide on it. Once the
/// batch is read and each site's fingerprints counted, [`apply_site_memory`] hides them.
#[cfg(feature = "html")]
pub fn extract_html_for_site(
    bytes: &[u8],
    options: &Options,
) -> Result<(Extraction, SitePage), Error> {
    extract_html_then(bytes, options, |doc, r| {
        let page = dedupe::site::page(doc, &r);
        (r, page)
    })
}

/// Parses within the options' limits, extracts, and hands the page and the result to `then`.
#[cfg(feature = "html")]
fn extract_html_then<T>(
    bytes: &[u8],
    options: &Options,
    then: impl FnOnce(&Doc, Extraction) -> T,
) -> Result<T, Error> {
    let started = web_time::Instant::now();
    let limit = options.max_bytes.unwrap_or(usize::MAX);
    let doc = dom::html::parse_bytes_limited(&bytes[..bytes.len().min(limit)], options.max_nodes)?;
    let r = run(&doc, options, started, bytes.len() > limit);
    Ok(then(&doc, r))
}

/// Site memory on a page read by [`extract_html_for_site`]: hides the blocks whose fingerprint
/// is in `known` (sorted: those the site's other pages share) and the boxes made mostly of
/// them, outside the article only, exactly as [`Options::site_boilerplate`] does in one call.
pub fn apply_site_memory(r: &mut Extraction, page: &SitePage, known: &[u32]) {
    dedupe::site::apply(r, &page.candidates, known);
}

/// The HTML input for text that is already decoded (pasted HTML, a JS string).
#[cfg(feature = "html")]
pub fn extract_html_str(html: &str, options: &Options) -> Result<Extraction, Error> {
    let started = web_time::Instant::now();
    let mut cut = options.max_bytes.unwrap_or(usize::MAX).min(html.len());
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    let doc = dom::html::parse_str_limited(&html[..cut], options.max_nodes)?;
    Ok(run(&doc, options, started, cut < html.len()))
}

/// The snapshot input: extracts from the live page's snapshot; node ids in the result are snapshot indexes.
pub fn extract_snapshot(snapshot: &Snapshot, options: &Options) -> Result<Extraction, Error> {
    let started = web_time::Instant::now();
    let doc = snapshot.to_doc_limited(options.max_nodes)?;
    Ok(run(
        &doc,
        &options.or_url(snapshot.url.as_ref()),
        started,
        false,
    ))
}

/// The snapshot input, compact form (the extension's): the same result as [`extract_snapshot`] on the same
/// entries. The page's URL, if any, comes in `options.url`.
pub fn extract_packed(packed: &Packed, options: &Options) -> Result<Extraction, Error> {
    let started = web_time::Instant::now();
    let doc = packed.to_doc_limited(options.max_nodes)?;
    Ok(run(&doc, options, started, false))
}

/// Parses HTML bytes in any charset (as [`extract_html`] does, without its limits) into a page
/// that can be read several ways: [`extract_doc`], the [`Doc`] accessors.
#[cfg(feature = "html")]
pub fn parse_html(bytes: &[u8]) -> Result<Doc, Error> {
    dom::html::parse_bytes(bytes)
}

/// Runs the heuristics on a page already parsed (no time budget, no notes on limits).
pub fn extract_doc(doc: &Doc, options: &Options) -> Extraction {
    extract::run(doc, options, &Budget::unlimited())
}

/// Where an extraction of `doc` breaks the one-decision rule, in words (empty when it holds):
/// every rendering is the article's container without exactly the subtrees left out
/// ([`Extraction::left_out`]), and no block in [`Extraction::hidden`] holds the article or sits
/// inside its kept text. `url` is the one the extraction had. `declutter eval` runs it on
/// every corpus page.
pub fn decision_violations(doc: &Doc, result: &Extraction, url: Option<&str>) -> Vec<String> {
    extract::decision::violations(doc, result, url)
}

/// The message for a page that is not an article (a homepage, search results, a web app).
pub const NO_ARTICLE: &str =
    "no article found: the page has too little connected prose; the text is only a best guess";

/// The heuristics within the time budget, then the notes on what the limits left out.
fn run(doc: &Doc, options: &Options, started: web_time::Instant, bytes_cut: bool) -> Extraction {
    let mut r = extract::run(doc, options, &Budget::new(started, options.budget_ms));
    if options.markdown && r.markdown.is_none() {
        // Rendered from the same tree and result as the CLI's `--format markdown`.
        r.markdown = Some(output::markdown::article_markdown(
            &r,
            doc,
            options.url.as_deref(),
        ));
    }
    if !r.is_article && !doc.is_empty() && r.messages.is_empty() {
        // Callers (the reader view, the CLI) say this instead of presenting a best guess as an article.
        r.messages.push(NO_ARTICLE.to_string());
    }
    if bytes_cut {
        r.messages.push(format!(
            "page larger than the {} byte limit: only its start was read",
            options.max_bytes.unwrap_or(0)
        ));
    }
    if doc.truncated() {
        r.messages.push(format!(
            "page has more than the {} node limit: only its first nodes were read",
            options.max_nodes.unwrap_or(0)
        ));
    }
    r.ms = started.elapsed().as_secs_f64() * 1000.0;
    r
}
