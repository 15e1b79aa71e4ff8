//! Rendering one extraction in the chosen output format.

use crate::Format;
use declutter::dom::Doc;
use declutter::output::markdown::article_markdown;
use declutter::Extraction;

/// The output for one input. `doc` is the parsed page (Markdown renders from it); `url` is
/// the page's address, for Markdown's links.
pub fn render(format: Format, name: &str, r: &Extraction, doc: &Doc, url: Option<&str>) -> String {
    match format {
        Format::Text => r.text.clone(),
        Format::Html => r.html.clone(),
        Format::Markdown => article_markdown(r, doc, url),
        Format::Json => render_json(true, name, r),
        Format::Jsonl => render_json(false, name, r),
    }
}

/// The extraction as one JSON object with `"file"` first: pretty (`json`) or on one line
/// (`jsonl`). It needs no parsed page, so a batch can render it after the page is gone.
pub fn render_json(pretty: bool, name: &str, r: &Extraction) -> String {
    let json = if pretty {
        serde_json::to_string_pretty(r)
    } else {
        serde_json::to_string(r)
    };
    with_file(name, &json.unwrap_or_default())
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
