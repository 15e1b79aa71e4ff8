//! What extraction returns. Field names are the CLI's JSON schema (see README).

use crate::dom::NodeId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Extraction {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: Option<String>,
    pub lead_image: Option<String>,
    pub excerpt: Option<String>,
    /// Plain text of the article: paragraphs separated by blank lines.
    pub text: String,
    /// Clean, safe article HTML (empty when `Options::html` is off).
    pub html: String,
    /// The article as Markdown, the CLI's `--format markdown` output (only with
    /// `Options::markdown`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    pub words: usize,
    /// With `Options::max_words`, when the article is longer: the words `html` and
    /// `markdown` hold (the article's first blocks); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown_words: Option<usize>,
    /// Where the rendering stopped (the first node left out), with `shown_words`.
    #[serde(skip)]
    pub cut: Option<NodeId>,
    pub reading_minutes: u32,
    /// Does the page look like an article at all?
    pub is_article: bool,
    /// The element holding the article, if one was found.
    pub main: Option<NodeId>,
    /// Blocks to hide in place (clutter), each with the reason.
    pub hidden: Vec<Block>,
    /// Groups of blocks the page repeats.
    pub duplicates: Vec<DuplicateGroup>,
    /// Fingerprints of this page's blocks outside the article (32-bit, sorted, distinct), for
    /// site memory: the caller counts on how many pages of a site each one shows up and passes
    /// the frequent ones back in `Options::site_boilerplate`.
    pub fingerprints: Vec<u32>,
    /// The blocks behind `fingerprints`, in document order: what a caller applying site
    /// memory later needs (`dedupe::site::candidates`, then `dedupe::site::apply`).
    #[serde(skip)]
    pub site_blocks: Vec<crate::dedupe::SiteBlock>,
    /// Notes for the caller (budget hits, fallbacks taken).
    pub messages: Vec<String>,
    /// Time spent, in milliseconds.
    pub ms: f64,
    /// Candidate blocks with their scores and the decisions taken (only with `Options::debug`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub debug: Vec<BlockScore>,
}

/// One scored block, for debugging overlays: why it was (not) taken.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct BlockScore {
    pub node: NodeId,
    pub score: f32,
    pub reason: String,
    /// Part of the article's text.
    pub kept: bool,
}

/// One element of the page, by id (index in document order) and CSS path.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Block {
    pub node: NodeId,
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// A copy or teaser of the main article's own text (a "Related" card pasting the story).
    ArticleCopy,
    /// The page's headline shown again (a breadcrumb, a "Top stories" card title).
    HeadlineRepeat,
    /// The same promo, newsletter box or other block pasted more than once.
    #[default]
    RepeatedPromo,
    /// A list (most read, related) shown more than once.
    RepeatedList,
    /// A block site memory has seen on other pages of the site (menus, promos, footers),
    /// outside the article.
    SiteBoilerplate,
}

/// One block the page repeats: the occurrence that stays (when one does) and its copies.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DuplicateGroup {
    /// The opening words of the first hidden copy (white space collapsed, at most 200
    /// characters).
    pub text: String,
    /// Occurrences in the group, the kept one included (exact even past the listing cap).
    pub count: usize,
    pub kind: DuplicateKind,
    /// The kept original first (when one stays), then each hidden copy in document order.
    pub copies: Vec<Copy>,
    /// Lowest text similarity between a copy and what it copies (1 = same words; a teaser
    /// is contained).
    pub similarity: f32,
    /// Why the copies were hidden, in words.
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Copy {
    pub node: NodeId,
    pub path: String,
    /// True for the original that stays (the article's own, or the element holding the
    /// parts of the article a copy repeats); the copies are hidden.
    pub kept: bool,
}
