//! Rendering one extraction in the chosen output format.

use crate::Format;
use declutter::dom::Doc;
use declutter::output::markdown::markdown;
use declutter::Extraction;

/// The output for one input. `doc` is the parsed page (Markdown renders from it); `url` is
/// the page's address, for Markdown's links.
pub fn render(format: Format, name: &str, r: &Extraction, doc: &Doc, url: Option<&str>) -> String {
    match format {
        Format::Text => r.text.clone(),
        Format::Html => r.html.clone(),
        Format::Markdown => markdown_of(r, doc, url),
        Format::Json => with_file(name, &serde_json::to_string_pretty(r).unwrap_or_default()),
        Format::Jsonl => with_file(name, &serde_json::to_string(r).unwrap_or_default()),
    }
}

/// `{"file": NAME, "error": MESSAGE}` for a failed input (jsonl/json) or the message (others).
pub fn render_error(format: Format, name: &str, error: &str) -> Option<String> {
    matches!(format, Format::Json | Format::Jsonl)
        .then(|| serde_json::json!({ "file": name, "error": error }).to_string())
}

/// Puts `"file"` first in the serialized extraction object.
fn with_file(name: &str, json: &str) -> String {
    let name = serde_json::to_string(name).unwrap_or_default();
    match json.strip_prefix('{') {
        Some(rest) if rest.trim_start().starts_with('}') => format!("{{\"file\":{name}}}"),
        Some(rest) if rest.starts_with('\n') => format!("{{\n  \"file\": {name},{rest}"),
        Some(rest) => format!("{{\"file\":{name},{rest}"),
        None => json.to_string(),
    }
}

/// The title as a heading, then the article without the subtrees the pipeline left out
/// (hidden clutter and the dropped copies of repeated blocks).
fn markdown_of(r: &Extraction, doc: &Doc, url: Option<&str>) -> String {
    let Some(main) = r.main else {
        return String::new();
    };
    let mut skip = vec![false; doc.len()];
    let dropped_copies = r
        .duplicates
        .iter()
        .flat_map(|g| &g.copies)
        .filter(|c| !c.kept)
        .map(|c| c.node);
    for id in r.hidden.iter().map(|b| b.node).chain(dropped_copies) {
        if let Some(s) = skip.get_mut(id as usize) {
            *s = true;
        }
    }
    let base = declutter::output::base_url(doc, url);
    let body = markdown(doc, main, &skip, base.as_ref());
    match &r.title {
        Some(t) if !body.trim_start().starts_with("# ") => format!("# {}\n\n{body}", t.trim()),
        _ => body,
    }
}

#[cfg(test)]
mod tests {
    use super::with_file;

    #[test]
    fn file_goes_first() {
        assert_eq!(
            with_file("a\"b", "{\"x\":1}"),
            "{\"file\":\"a\\\"b\",\"x\":1}"
        );
        assert_eq!(
            with_file("f", "{\n  \"x\": 1\n}"),
            "{\n  \"file\": \"f\",\n  \"x\": 1\n}"
        );
    }
}
