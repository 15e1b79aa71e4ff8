//! Rendering one extraction in the chosen output format.

use crate::Format;
use declutter::Extraction;

/// The output for one input, from an extraction made with `Options::markdown` on for
/// [`Format::Markdown`].
pub fn render(format: Format, name: &str, r: Extraction) -> String {
    match format {
        Format::Text => r.text,
        Format::Html => r.html,
        Format::Markdown => r.markdown.unwrap_or_default(),
        Format::Json => with_file(name, &serde_json::to_string_pretty(&r).unwrap_or_default()),
        Format::Jsonl => with_file(name, &serde_json::to_string(&r).unwrap_or_default()),
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
