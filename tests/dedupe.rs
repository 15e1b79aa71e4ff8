//! Duplicate detection on the seed-like fixtures (`tests/fixtures/dedupe`, invented pages that
//! model the structure of cluttered aggregator pages) and on the negative cases (repetition
//! that belongs to the article). `truth.json` gives per page the article's paragraphs
//! (`body`), what must not reach its text (`without`; of it, `pruned` is clutter inside the
//! marked root that pruning leaves out), and the repeated blocks to report with their kinds. Pages and `truth.json` are embedded, so this runs natively
//! and under wasm32 (see tests/wasm.rs for the dual-test convention).
//!
//! Dedupe is tested apart from the choice of the article: each fixture marks its article's
//! root with `data-fixture="article"` (read only here, see `root_of`), and the checks run `dedupe::resolve`
//! with that root. A separate check shows the weights make the article outscore every
//! container beside it, which the pipeline's choice relies on.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use declutter::internals::dom::{collapse_whitespace, html::parse_str, Doc, NodeId};
use declutter::internals::{dedupe, meta, output};
use declutter::{extract_html_str, DuplicateKind, Options};
use serde_json::Value;

macro_rules! case {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("fixtures/dedupe/html/", $name, ".html")),
        )
    };
}

const CASES: &[(&str, &str)] = &[
    case!("agg_semantic"),
    case!("agg_hashed_before"),
    case!("agg_divsoup_after"),
    case!("agg_divsoup_before"),
    case!("agg_teaser"),
    case!("promo_in_article"),
    case!("neg_pullquote"),
    case!("neg_table"),
    case!("neg_list"),
    case!("neg_liveblog"),
    case!("neg_recipe"),
    // Aggregator pages in the seeds' shape, in markup unlike the pages above: custom elements
    // and BEM classes, related cards pasting whole stories and the page's own (one site, four
    // pages: tests/site_memory.rs); utility classes with no class words and teaser cards
    // (two pages); bare tags with the widgets beside the paragraphs.
    case!("nook_tide"),
    case!("nook_bees"),
    case!("nook_trains"),
    case!("nook_divers"),
    case!("quill_glass"),
    case!("quill_ferry"),
    case!("pressbox_divers"),
];
const TRUTH: &str = include_str!("fixtures/dedupe/truth.json");

fn norm(s: &str) -> String {
    collapse_whitespace(s)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The id of the fixture's article root. The model keeps only the attributes the core reads
/// (`dom::READ_ATTRS`), which `data-fixture` is not; so the marker is found in a copy where it
/// is a kept attribute (`lang`, not otherwise on the marked elements). Attributes never change
/// the tree, so the id names the same node in the page's own parse.
fn root_of(html: &str) -> NodeId {
    let marked = html.replace(r#"data-fixture="article""#, r#"lang="x-fixture-article""#);
    let doc = parse_str(&marked).unwrap();
    (0..doc.len() as NodeId)
        .find(|&i| doc.attr(i, "lang") == Some("x-fixture-article"))
        .expect("fixture marks its article")
}

/// The kind as the JSON output names it.
fn kind_name(k: DuplicateKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// One group per repeated block: the kept original first (when one stays), then its hidden
/// copies, each listed once, and the count exact.
fn readable(g: &declutter::DuplicateGroup) -> Result<(), String> {
    let kept = g.copies.iter().filter(|c| c.kept).count();
    if kept > 1 || (kept == 1 && !g.copies[0].kept) {
        return Err(format!("{kept} kept, or the kept one not first"));
    }
    if g.copies.len() < 2 - kept || g.count != g.copies.len() {
        return Err(format!(
            "{} listed for a count of {}",
            g.copies.len(),
            g.count
        ));
    }
    let mut nodes: Vec<_> = g.copies.iter().map(|c| c.node).collect();
    nodes.dedup();
    if nodes.len() != g.copies.len() || g.text.is_empty() {
        return Err("a copy listed twice, or no text".into());
    }
    Ok(())
}

/// Runs dedupe with the fixture's article root; returns the text and the groups.
fn run(html: &str) -> (Doc, NodeId, String, Vec<declutter::DuplicateGroup>) {
    let doc = parse_str(html).unwrap();
    let root = root_of(html);
    let title = meta::read(&doc, None).title;
    let analysis = dedupe::analyze(&doc, title.as_deref());
    let resolved = dedupe::resolve(&doc, &analysis, Some(root));
    let mut skip = vec![false; doc.len()];
    for &id in &resolved.removed {
        assert!(
            !doc.contains(id, root),
            "a removed copy holds the article itself"
        );
        skip[id as usize] = true;
    }
    let text = output::text(&doc, root, &skip);
    (doc, root, text, resolved.groups)
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn fixtures_keep_the_article_once_and_report_every_copy() {
    let truth: Value = serde_json::from_str(TRUTH).unwrap();
    let mut failures = Vec::new();
    for &(name, html) in CASES {
        let t = &truth[name];
        let (_, _, text, groups) = run(html);
        let text = norm(&text);
        let body = norm(&strings(&t["body"]).join("\n"));
        for b in strings(&t["body"]) {
            let want = body.matches(&norm(&b)).count();
            let got = text.matches(&norm(&b)).count();
            if got != want {
                failures.push(format!("{name}: {want}x expected, {got}x found: {b:.60}"));
            }
        }
        // Clutter inside the article's root that pruning, not dedupe, leaves out is checked
        // by the whole pipeline below.
        let pruned = strings(&t["pruned"]);
        for w in strings(&t["without"])
            .iter()
            .filter(|w| !pruned.contains(w))
        {
            if text.contains(&norm(w)) {
                failures.push(format!("{name}: clutter in the text: {w:.60}"));
            }
        }
        let kinds = strings(&t["duplicate_kinds"]);
        for (d, kind) in strings(&t["duplicates"]).iter().zip(&kinds) {
            let key: String = norm(d).chars().take(40).collect();
            let found = groups
                .iter()
                .find(|g| kind_name(g.kind) == *kind && norm(&g.text).contains(&key));
            if found.is_none() {
                let seen: Vec<String> = groups
                    .iter()
                    .map(|g| format!("{} {:.50}", kind_name(g.kind), g.text))
                    .collect();
                failures.push(format!(
                    "{name}: not reported as {kind}: {key} (reported: {seen:?})"
                ));
            }
        }
        for g in &groups {
            if let Err(e) = readable(g) {
                failures.push(format!("{name}: {:.40}: {e}", g.text));
            }
        }
        // Negative cases: nothing the page repeats inside its article is reported.
        if kinds.is_empty() && !groups.is_empty() {
            failures.push(format!(
                "{name}: legitimate repetition reported: {:.60}",
                groups[0].text
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn whole_pipeline_keeps_the_article_and_drops_the_copies() {
    // The same checks through `extract_html_str`: the pipeline chooses the article itself,
    // helped by dedupe's weights (with dedupe off, related boxes end up in the text).
    let truth: Value = serde_json::from_str(TRUTH).unwrap();
    let mut failures = Vec::new();
    let mut leaks_without_dedupe = 0;
    for &(name, html) in CASES {
        let t = &truth[name];
        let r = extract_html_str(html, &Options::default()).unwrap();
        let text = norm(&r.text);
        let body = norm(&strings(&t["body"]).join("\n"));
        if name.starts_with("neg_") {
            // What the pipeline prunes there (a byline, a label) is its own business; dedupe
            // must not have cut anything from the article.
            if let Some(g) = r.duplicates.first() {
                failures.push(format!("{name}: reported {:.60}", g.text));
            }
            continue;
        }
        for b in strings(&t["body"]) {
            let (want, got) = (
                body.matches(&norm(&b)).count(),
                text.matches(&norm(&b)).count(),
            );
            if got != want {
                failures.push(format!("{name}: {want}x expected, {got}x found: {b:.60}"));
            }
        }
        for w in strings(&t["without"]) {
            if text.contains(&norm(&w)) {
                failures.push(format!("{name}: clutter in the text: {w:.60}"));
            }
        }
        let off = Options {
            dedupe: false,
            ..Options::default()
        };
        let plain = norm(&extract_html_str(html, &off).unwrap().text);
        leaks_without_dedupe += strings(&t["without"])
            .iter()
            .filter(|w| plain.contains(&norm(w)))
            .count();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(leaks_without_dedupe > 0, "fixtures no longer need dedupe");
}

/// Non-space characters of text under each node, each text scaled by its parent's weight.
fn prose(doc: &Doc, weight: &[f32]) -> Vec<f32> {
    let mut sum = vec![0f32; doc.len()];
    for id in (0..doc.len() as NodeId).rev() {
        if let Some(t) = doc.text(id) {
            let p = doc.parent(id).unwrap_or(id);
            let w = weight.get(p as usize).copied().unwrap_or(1.0);
            sum[id as usize] = t.chars().filter(|c| !c.is_whitespace()).count() as f32 * w;
        }
        if let Some(p) = doc.parent(id) {
            sum[p as usize] += sum[id as usize];
        }
    }
    sum
}

/// The largest weighted prose of an element beside the article (neither inside nor above it).
fn best_rival(doc: &Doc, root: NodeId, prose: &[f32]) -> f32 {
    (0..doc.len() as NodeId)
        .filter(|&i| doc.text(i).is_none() && !doc.contains(i, root) && !doc.contains(root, i))
        .map(|i| prose[i as usize])
        .fold(0.0, f32::max)
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn weights_let_the_article_outscore_a_box_of_copies() {
    for &(name, html) in CASES.iter().filter(|c| !c.0.starts_with("neg_")) {
        let doc = parse_str(html).unwrap();
        let root = root_of(html);
        let title = meta::read(&doc, None).title;
        let a = dedupe::analyze(&doc, title.as_deref());
        let weighted = prose(&doc, &a.weight);
        let rival = best_rival(&doc, root, &weighted);
        assert!(
            weighted[root as usize] > rival,
            "{name}: article {} vs best rival {rival}",
            weighted[root as usize]
        );
        // Where the related box holds the article plus other stories, it wins without weights:
        // the check above is what dedupe adds.
        if matches!(
            name,
            "agg_semantic" | "agg_divsoup_after" | "agg_hashed_before"
        ) {
            let plain = prose(&doc, &[]);
            assert!(
                best_rival(&doc, root, &plain) > plain[root as usize],
                "{name}: fixture no longer models a related box bigger than the article"
            );
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn site_memory_hides_furniture_outside_the_article_and_never_its_text() {
    let (_, html) = CASES[5];
    let plain = extract_html_str(html, &Options::default()).unwrap();
    assert!(plain.fingerprints.windows(2).all(|w| w[0] < w[1]));
    // Another page of the site: its own story, this page's paragraphs quoted in a box beside
    // it, and the same footer. What it teaches the site is what lies outside its article.
    let doc = parse_str(html).unwrap();
    let root = root_of(html);
    let paragraphs: Vec<String> = doc
        .descendants(root)
        .filter(|&i| {
            doc.tag(i) == "p"
                && doc
                    .parent(i)
                    .is_some_and(|p| doc.attr(p, "class") == Some("article-body"))
        })
        .map(|i| doc.subtree_text(i))
        .collect();
    assert_eq!(paragraphs.len(), 5);
    let footer = "© 2026 Daily Lantern Media. All rights reserved. Reproduction without written permission is prohibited.";
    let other = format!(
        "<body><article><h1>Ferry fares</h1><p>{}</p><p>{}</p></article><aside class=\"related\"><h3>Also today</h3>{}</aside><footer><p>{footer}</p></footer></body>",
        "The island ferry will keep its winter fares until the end of March, the operator said on Monday, after a quieter season than it had expected.",
        "Passengers with a season ticket will be offered a free return crossing for every ten they make before the summer timetable begins.",
        paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    let learned = extract_html_str(&other, &Options::default())
        .unwrap()
        .fingerprints;
    assert!(
        learned.len() > 3,
        "the quoted paragraphs and the footer are learned"
    );
    let opts = Options {
        site_boilerplate: learned,
        ..Options::default()
    };
    let r = extract_html_str(html, &opts).unwrap();
    // The article is found without the memory and keeps every word.
    assert_eq!((r.text.as_str(), r.main), (plain.text.as_str(), plain.main));
    let main = r.main.unwrap();
    let remembered: Vec<_> = r
        .hidden
        .iter()
        .filter(|h| h.reason.starts_with("site_boilerplate"))
        .collect();
    assert!(!remembered.is_empty());
    for h in &remembered {
        assert!(
            !doc.contains(main, h.node) && !doc.contains(h.node, main),
            "{h:?}"
        );
    }
    let g = r
        .duplicates
        .iter()
        .find(|g| g.kind == DuplicateKind::SiteBoilerplate)
        .expect("a site_boilerplate group");
    // The footer's remembered line takes the footer with it (its links are too short to be
    // remembered themselves).
    assert!(g.text.starts_with(footer), "{}", g.text);
    assert_eq!(doc.tag(g.copies[0].node), "footer");
    assert_eq!((g.count, g.copies.len(), g.copies[0].kept), (1, 1, false));
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn dedupe_off_reports_nothing() {
    let (_, html) = CASES[0];
    let opts = Options {
        dedupe: false,
        ..Options::default()
    };
    let r = extract_html_str(html, &opts).unwrap();
    assert!(r.duplicates.is_empty() && r.fingerprints.is_empty());
    let on = extract_html_str(html, &Options::default()).unwrap();
    assert!(!on.duplicates.is_empty());
}
