//! What a caller may tune. Every field has a default, so `{}` is a valid options object.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Options {
    /// The page's URL: resolves relative links and images, and names the site.
    pub url: Option<String>,
    /// Look for blocks the page repeats and keep them out of the article.
    pub dedupe: bool,
    /// Produce the cleaned article HTML (the reader view needs it; in-place declutter does not).
    pub html: bool,
    /// Also render the article as Markdown (`Extraction::markdown`), exactly as the CLI's
    /// `--format markdown` does; the extension's "copy as Markdown" needs it.
    pub markdown: bool,
    /// Attach per-block scores and reasons (`Extraction::debug`) for the playground's overlays.
    pub debug: bool,
    /// Site memory: fingerprints (see `Extraction::fingerprints`) of blocks already seen on
    /// enough other pages of this site. Matching blocks outside the article are the site's
    /// furniture and hidden; the article is found without them and never loses a word.
    pub site_boilerplate: Vec<u32>,
    /// Time budget in milliseconds, counted from the call's start (parsing included). Past it,
    /// extraction stops at the next phase boundary with a partial (or empty) result and a
    /// message in `Extraction::messages`. `None`: no time limit.
    pub budget_ms: Option<f64>,
    /// Memory budget: at most this many nodes are read; the rest of the page is left out and
    /// a message says so. `None`: no limit.
    pub max_nodes: Option<usize>,
    /// Memory budget: at most this many bytes of HTML are read (the HTML input); the rest is left out
    /// and a message says so. `None`: no limit.
    pub max_bytes: Option<usize>,
    /// Render at most about this many words of the article in `html` and `markdown` (cut at
    /// the first block that starts after them; `text` and `words` stay whole, and
    /// `Extraction::shown_words` says how many were rendered). The reader view sets it, so a
    /// book-length page reaches the tab as a readable start, not megabytes. `None`: no cap.
    pub max_words: Option<usize>,
}

/// Site memory: a block fingerprint is a site's furniture for a page when at least this many
/// OTHER pages of the site had it outside their article: two pages sharing a block may be two
/// stories quoting each other; three are the site's layout. (Whatever it says, memory never
/// touches the article: the core hides remembered blocks only outside it.) The CLI's batch
/// memory and the extension's both apply it.
pub const MIN_OTHER_PAGES: u32 = 2;

/// Default node limit: a million-sibling page (two million nodes) still reads whole, while a
/// runaway page stops at about 250 MB of model.
pub const DEFAULT_MAX_NODES: usize = 4_000_000;
/// Default byte limit: a 50 MB page reads whole; beyond 64 MiB the tail is left out.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

impl Options {
    /// These options with `url` as the page's URL, unless they name one already (the caller's
    /// URL wins over the one the input carries).
    pub(crate) fn or_url(&self, url: Option<&String>) -> std::borrow::Cow<'_, Options> {
        match url {
            Some(u) if self.url.is_none() => {
                let mut o = self.clone();
                o.url = Some(u.clone());
                std::borrow::Cow::Owned(o)
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            dedupe: true,
            html: true,
            markdown: false,
            debug: false,
            site_boilerplate: Vec::new(),
            budget_ms: None,
            max_nodes: Some(DEFAULT_MAX_NODES),
            max_bytes: Some(DEFAULT_MAX_BYTES),
            max_words: None,
        }
    }
}
