//! Hostile pages through the library (tests/hostile.rs drives the CLI), written here: none may panic, hang or give garbage. Each either yields a
//! result or a clear error; pages with no article say "no article found". Native only (the
//! pages are generated at up to tens of megabytes).
#![cfg(not(target_arch = "wasm32"))]

use declutter::Snapshot;
use declutter::{
    extract_html, extract_snapshot, parse_html, Error, Extraction, Options, NO_ARTICLE,
};

const ARTICLE: &str = "<article><h1>Ferry timetable changes</h1>\
    <p>The island ferry will leave the harbour twenty minutes earlier from Monday, the operator said on Friday.</p>\
    <p>Morning commuters asked for the change last winter, when the late boat missed the first train twice a week.</p>\
    <p>The evening crossing keeps its old time, and the weekend service is not affected by the new timetable.</p>\
    <p>Cyclists may still board at the front ramp, though the crew asks them to arrive ten minutes before departure.</p>\
    <p>The operator expects the earlier boat to carry about forty more passengers a day once the school term starts.</p>\
    <p>Shop owners on the quay welcomed the news, saying the first hour of trade had always been the quietest of the day.</p>\
    <p>A review of the timetable is planned for the spring, when the operator will count passengers on every crossing again.</p></article>";

fn run(html: &[u8]) -> Extraction {
    extract_html(html, &Options::default()).expect("a hostile page still gets a result")
}

/// The HTML input and the snapshot input give the same result on the same tree (timings aside).
fn inputs_agree(html: &[u8]) {
    let doc = parse_html(html).unwrap();
    let mut a = extract_html(html, &Options::default()).unwrap();
    let mut b = extract_snapshot(&Snapshot::from_doc(&doc, None), &Options::default()).unwrap();
    a.ms = 0.0;
    b.ms = 0.0;
    assert_eq!(a, b);
}

fn has_article(r: &Extraction) {
    assert!(r.is_article, "not taken for an article: {:?}", r.messages);
    assert!(
        r.text.contains("twenty minutes earlier") && r.text.contains("weekend service"),
        "{}",
        r.text
    );
}

#[test]
fn nesting_100000_deep_reads_the_article_below_it() {
    let mut html = "<div>".repeat(100_000);
    html.push_str(ARTICLE);
    let r = run(html.as_bytes());
    has_article(&r);
}

#[test]
fn a_million_siblings_is_no_article_and_no_hang() {
    let html = format!("<body><ul>{}</ul></body>", "<li>x</li>".repeat(1_000_000));
    let r = run(html.as_bytes());
    assert!(!r.is_article);
    assert!(
        r.messages.iter().any(|m| m == NO_ARTICLE),
        "{:?}",
        r.messages
    );
}

#[test]
fn giant_text_node_and_enormous_attributes() {
    let giant = "lorem ".repeat(3_000_000); // 18 MB in one text node
    let attr = "c".repeat(5_000_000);
    let many_attrs: String = (0..50_000).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
    let html =
        format!("<body class=\"{attr}\"><div{many_attrs}>{ARTICLE}</div><pre>{giant}</pre></body>");
    let r = run(html.as_bytes());
    assert!(r.text.contains("twenty minutes earlier") || r.text.contains("lorem"));
}

#[test]
fn invalid_and_unknown_encodings_decode_without_loss_of_the_rest() {
    // Invalid UTF-8 with no declaration: read as windows-1252, the article still found.
    let mut bytes = b"<html><body>\xff\xfe\xc3(".to_vec();
    bytes.extend_from_slice(ARTICLE.as_bytes());
    has_article(&run(&bytes));
    // An unknown charset label falls back to the default rules.
    let html = format!("<meta charset=x-unknown-charset>{ARTICLE}");
    has_article(&run(html.as_bytes()));
    // UTF-16 with a byte-order mark.
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes));
    has_article(&run(&utf16));
    // Binary and empty input are clear errors, not results.
    assert_eq!(
        extract_html(b"\x7fELF\x02\x01\x01\0\0\0\0", &Options::default()),
        Err(Error::Binary)
    );
    assert_eq!(extract_html(b"", &Options::default()), Err(Error::Empty));
}

#[test]
fn bidi_overrides_and_zero_width_characters() {
    let html = ARTICLE
        .replace("ferry", "fe\u{200b}rry\u{202e}")
        .replace("harbour", "\u{2066}harbour\u{2069}\u{feff}");
    let r = run(html.as_bytes());
    assert!(r.is_article);
    inputs_agree(html.as_bytes());
}

#[test]
fn framesets_iframes_and_shadow_templates_are_no_article() {
    for html in [
        "<html><frameset cols=\"50%,50%\"><frame src=a.html><frame src=b.html></frameset></html>",
        "<body><iframe srcdoc=\"<p>hidden story text that lives in another document</p>\"></iframe></body>",
        "<body><my-card><template shadowrootmode=open><p>Shadow text the page renders inside a component.</p></template></my-card></body>",
    ] {
        let r = run(html.as_bytes());
        assert!(!r.is_article, "{html}");
        assert!(r.messages.iter().any(|m| m == NO_ARTICLE));
        inputs_agree(html.as_bytes());
    }
}

#[test]
fn svg_and_mathml_heavy_article_keeps_its_prose_and_math() {
    let icons: String = (0..2_000)
        .map(|i| {
            format!(
                "<svg viewBox=\"0 0 10 10\"><path d=\"M{i} 0L10 10\"/><text>icon {i}</text></svg>"
            )
        })
        .collect();
    let html = format!(
        "<body><header>{icons}</header>{}</body>",
        ARTICLE.replace(
            "</article>",
            "<p>The fare rises by <math><mfrac><mn>1</mn><mn>20</mn></mfrac></math> of the old price, the operator said in its notice.</p></article>"
        )
    );
    let r = run(html.as_bytes());
    has_article(&r);
    assert!(
        r.html.contains("<math") && r.html.contains("<mfrac>"),
        "{}",
        r.html
    );
    assert!(!r.text.contains("icon 7"));
    inputs_agree(html.as_bytes());
}

#[test]
fn homepage_search_results_and_web_app_are_no_article() {
    let teasers: String = (0..30)
        .map(|i| format!("<li><a href=\"/story/{i}\">Story number {i} about the town council and the harbour</a></li>"))
        .collect();
    let results: String = (0..20)
        .map(|i| format!("<div class=result><a href=\"/r{i}\">Result {i}: ferry timetable</a><span>example.test/r{i}</span></div>"))
        .collect();
    for html in [
        format!("<body><nav><a href=/>Home</a></nav><ul>{teasers}</ul><footer>About us</footer></body>"),
        format!("<body><form><input name=q value=ferry><button>Search</button></form>{results}</body>"),
        "<body><div id=root><button>New</button><button>Open</button><div role=grid><div>A1</div><div>B1</div></div><noscript>You need to enable JavaScript to run this app.</noscript></div></body>".to_string(),
    ] {
        let r = run(html.as_bytes());
        assert!(!r.is_article, "{html}");
        assert!(r.messages.iter().any(|m| m == NO_ARTICLE), "{:?}", r.messages);
    }
}
