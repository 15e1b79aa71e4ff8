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
    /// Attach per-block scores and reasons (`Extraction::debug`) for the playground's overlays.
    pub debug: bool,
    /// Site memory: fingerprints (see `Extraction::fingerprints`) of blocks already seen on
    /// enough other pages of this site. Matching short blocks are boilerplate: hidden, never
    /// article text.
    pub site_boilerplate: Vec<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            dedupe: true,
            html: true,
            debug: false,
            site_boilerplate: Vec::new(),
        }
    }
}
