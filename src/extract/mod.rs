//! The extraction pipeline: score blocks, pick the article's container, collect clutter.
//!
//! Phases (each a function below):
//! 1. `meta::read`: title, byline, dates and the rest from the head and structured data.
//! 2. `dedupe::analyze`: blocks the page repeats, so their copies do not inflate a container.
//! 3. `score_containers`: prose per element, bottom-up in one reverse pass.
//! 4. `pick_main`: the container that holds most of the page's prose.
//! 5. `dedupe::resolve`: keep the article's own copy of each repeated block, drop the others.
//! 6. `output`: text and clean HTML of the chosen container, without the dropped copies.

use crate::dom::{Doc, NodeId};
use crate::{dedupe, meta, output, Extraction, Options};

/// Tags whose content is never article text.
const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "button",
    "select", "svg", "iframe",
];
/// Paragraph-like tags whose text counts as prose.
const PROSE_TAGS: &[&str] = &[
    "p",
    "pre",
    "blockquote",
    "li",
    "td",
    "h2",
    "h3",
    "figcaption",
];
/// A paragraph shorter than this many characters is likely a label, not prose.
const MIN_PROSE_CHARS: usize = 25;
/// Words read per minute, for the reading time (an adult's silent reading rate).
const WORDS_PER_MINUTE: usize = 230;

pub fn run(doc: &Doc, options: &Options) -> Extraction {
    let mut r = Extraction::default();
    // Phase 1: metadata.
    let m = meta::read(doc, options.url.as_deref());
    r.title = m.title;
    r.byline = m.byline;
    r.published = m.published;
    r.site_name = m.site_name;
    r.lang = m.lang;
    r.dir = m.dir;
    r.lead_image = m.lead_image;
    r.excerpt = m.excerpt;
    // Phase 2: repeated blocks, weighed so copies count once.
    let analysis = if options.dedupe {
        dedupe::analyze(doc, options, r.title.as_deref())
    } else {
        dedupe::Analysis::default()
    };
    // Phases 3-4: find the article's container.
    let prose = score_containers(doc, &analysis.weight);
    r.main = pick_main(doc, &prose);
    // Phase 5: the article keeps its own copy of each repeated block; the others go.
    let resolved = dedupe::resolve(doc, &analysis, r.main);
    let mut skip = vec![false; doc.len()];
    for &id in &resolved.removed {
        skip[id as usize] = true;
    }
    r.duplicates = resolved.groups;
    r.hidden.extend(resolved.hidden);
    r.fingerprints = analysis.fingerprints;
    // Phase 6: render it.
    if let Some(main) = r.main {
        r.text = output::text(doc, main, &skip);
        if options.html {
            r.html = output::html(doc, main, &skip);
        }
    }
    r.words = r.text.split_whitespace().count();
    r.reading_minutes = r.words.div_ceil(WORDS_PER_MINUTE) as u32;
    r.is_article = r.words >= 100;
    if r.excerpt.is_none() {
        r.excerpt = r
            .text
            .split("\n\n")
            .find(|p| p.len() >= MIN_PROSE_CHARS)
            .map(str::to_string);
    }
    r
}

/// Prose characters each element holds in its subtree (paragraph text outside never-content
/// tags, each block scaled by its dedupe weight), filled bottom-up by walking the arena backwards.
fn score_containers(doc: &Doc, weight: &[f32]) -> Vec<u32> {
    let n = doc.len();
    let mut prose = vec![0u32; n];
    let mut excluded = vec![false; n];
    for i in 0..n as NodeId {
        let inherited = doc.parent(i).is_some_and(|p| excluded[p as usize]);
        excluded[i as usize] = inherited || NEVER_CONTENT.contains(&doc.tag(i));
    }
    for i in (0..n as NodeId).rev() {
        if excluded[i as usize] {
            continue;
        }
        if PROSE_TAGS.contains(&doc.tag(i)) {
            let t = doc.subtree_text(i);
            let chars = t.split_whitespace().map(str::len).sum::<usize>();
            if chars >= MIN_PROSE_CHARS {
                let w = weight.get(i as usize).copied().unwrap_or(1.0);
                prose[i as usize] = prose[i as usize].max((chars as f32 * w) as u32);
            }
        }
        if let Some(p) = doc.parent(i) {
            if !PROSE_TAGS.contains(&doc.tag(p)) {
                prose[p as usize] += prose[i as usize];
            }
        }
    }
    prose
}

/// The deepest element that still holds most of the best-scoring subtree's prose: a wrapper
/// above the article scores the same, so descend while one child keeps 80% of it.
fn pick_main(doc: &Doc, prose: &[u32]) -> Option<NodeId> {
    let body = doc.find_tag("body").unwrap_or(0);
    if prose[body as usize] == 0 {
        return None;
    }
    let mut cur = body;
    loop {
        let total = prose[cur as usize];
        let best = doc.children(cur).max_by_key(|&c| prose[c as usize])?;
        if prose[best as usize] * 5 >= total * 4
            && doc.element(best).is_some()
            && !PROSE_TAGS.contains(&doc.tag(best))
        {
            cur = best;
        } else {
            return Some(cur);
        }
    }
}
