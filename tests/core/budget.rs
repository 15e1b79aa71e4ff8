//! The time and memory budget: past it, extraction ends cleanly with a partial (or empty)
//! result and a message. Limits here are deterministic (a zero time budget, node and byte
//! counts), so no test depends on how fast the machine is.

use declutter::internals::dom;
use declutter::Snapshot;
use declutter::{extract_html, extract_html_str, extract_snapshot, Options};

/// An article of `paras` paragraphs after a navigation list.
fn page(paras: usize) -> String {
    let mut s = String::from(
        "<html lang=en><head><title>Quarry pond reopens</title></head><body>\
         <nav><ul><li><a href=/a>Home</a></li><li><a href=/b>Town</a></li></ul></nav><article><h1>Quarry pond reopens</h1>",
    );
    for i in 0..paras {
        s.push_str(&format!(
            "<p>Paragraph {i}: the old quarry pond at Hallin opened again for swimmers this weekend, \
             after a summer of water tests and new wooden steps along the northern shore.</p>"
        ));
    }
    s.push_str("</article></body></html>");
    s
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn no_limit_hit_means_no_message() {
    let r = extract_html_str(&page(6), &Options::default()).unwrap();
    assert!(r.messages.is_empty(), "{:?}", r.messages);
    assert!(r.text.contains("Paragraph 5"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn zero_time_budget_gives_metadata_only_and_says_so() {
    let opts = Options {
        budget_ms: Some(0.0),
        ..Options::default()
    };
    let r = extract_html_str(&page(6), &opts).unwrap();
    assert_eq!(r.title.as_deref(), Some("Quarry pond reopens"));
    assert!(r.main.is_none() && r.text.is_empty() && r.hidden.is_empty());
    assert!(
        r.messages
            .iter()
            .any(|m| m.contains("time budget of 0 ms") && m.contains("finding the article")),
        "{:?}",
        r.messages
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn node_limit_keeps_the_first_nodes_with_their_ids() {
    let html = page(400);
    let full = dom::html::parse_str(&html).unwrap();
    let opts = Options {
        max_nodes: Some(300),
        ..Options::default()
    };
    let r = extract_html_str(&html, &opts).unwrap();
    assert!(
        r.messages.iter().any(|m| m.contains("300 node limit")),
        "{:?}",
        r.messages
    );
    // A partial article: the first paragraphs, not the last, and ids that name the same nodes.
    assert!(r.text.contains("Paragraph 3") && !r.text.contains("Paragraph 399"));
    let main = r
        .main
        .expect("the start of the article is still an article");
    assert!(main < 300);
    assert_eq!(
        full.tag(main),
        dom::html::parse_str_limited(&html, Some(300))
            .unwrap()
            .tag(main)
    );

    // The snapshot input applies the same limit to the snapshot.
    let snap = Snapshot::from_doc(&full, None);
    let rs = extract_snapshot(&snap, &opts).unwrap();
    assert_eq!(rs.main, r.main);
    assert!(rs.messages.iter().any(|m| m.contains("node limit")));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn byte_limit_reads_the_start_of_the_page() {
    let html = page(200);
    let opts = Options {
        max_bytes: Some(6_000),
        ..Options::default()
    };
    for r in [
        extract_html(html.as_bytes(), &opts).unwrap(),
        extract_html_str(&html, &opts).unwrap(),
    ] {
        assert!(
            r.messages.iter().any(|m| m.contains("6000 byte limit")),
            "{:?}",
            r.messages
        );
        assert!(r.text.contains("Paragraph 2") && !r.text.contains("Paragraph 150"));
    }
    // A cut inside a multi-byte character is moved back to a character boundary.
    let wide = page(3).replace("pond", "tjärn");
    let cut = wide.find('ä').unwrap() + 1;
    let r = extract_html_str(
        &wide,
        &Options {
            max_bytes: Some(cut),
            ..Options::default()
        },
    )
    .unwrap();
    assert!(r.messages.iter().any(|m| m.contains("byte limit")));
}
