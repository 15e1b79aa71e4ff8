//! Rendering one extraction in the chosen output format.

use crate::Format;
use declutter::Extraction;

/// Where a page came from: a file (or `-`), or a record of a WARC file.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The input as given.
    pub file: String,
    /// For a page of a WARC file: its `WARC-Record-ID` and its URL (`WARC-Target-URI`).
    pub record: Option<(String, Option<String>)>,
}

impl Source {
    pub fn file(name: String) -> Source {
        Source {
            file: name,
            record: None,
        }
    }

    /// The line naming the page before its text in a batch (`==> NAME <==`).
    pub fn header(&self) -> String {
        match &self.record {
            None => format!("==> {} <==", self.file),
            Some((id, url)) => format!(
                "==> {} {id}{}{} <==",
                self.file,
                if url.is_some() { " " } else { "" },
                url.as_deref().unwrap_or("")
            ),
        }
    }

    /// The fields that come first in a JSON object: `file`, then for a WARC page `record_id`
    /// and `url`.
    fn fields(&self) -> Vec<(&'static str, serde_json::Value)> {
        let mut out = vec![("file", self.file.clone().into())];
        if let Some((id, url)) = &self.record {
            out.push(("record_id", id.clone().into()));
            out.push(("url", url.clone().into()));
        }
        out
    }
}

/// The output for one page, from an extraction made with `Options::markdown` on for
/// [`Format::Markdown`].
pub fn render(format: Format, source: &Source, r: Extraction) -> String {
    match format {
        Format::Text => r.text,
        Format::Html => r.html,
        Format::Markdown => r.markdown.unwrap_or_default(),
        Format::Json => with_fields(
            &source.fields(),
            &serde_json::to_string_pretty(&r).unwrap_or_default(),
        ),
        Format::Jsonl => with_fields(
            &source.fields(),
            &serde_json::to_string(&r).unwrap_or_default(),
        ),
    }
}

/// `{"file": NAME, "error": MESSAGE}` for a failed input (jsonl/json; a WARC record also gets
/// its number and id), nothing for the other formats (the message goes to stderr).
pub fn render_error(
    format: Format,
    source: &Source,
    record: Option<usize>,
    error: &str,
) -> Option<String> {
    matches!(format, Format::Json | Format::Jsonl).then(|| {
        let mut o = serde_json::Map::new();
        o.insert("file".into(), source.file.clone().into());
        if let Some(n) = record {
            o.insert("record".into(), n.into());
        }
        if let Some((id, _)) = &source.record {
            o.insert("record_id".into(), id.clone().into());
        }
        o.insert("error".into(), error.into());
        serde_json::Value::Object(o).to_string()
    })
}

/// Puts `fields` first in the serialized extraction object.
fn with_fields(fields: &[(&str, serde_json::Value)], json: &str) -> String {
    let pretty = json.starts_with("{\n");
    let mut head = String::new();
    for (k, v) in fields {
        let v = v.to_string();
        if pretty {
            head.push_str(&format!("\n  \"{k}\": {v},"));
        } else {
            head.push_str(&format!("\"{k}\":{v},"));
        }
    }
    match json.strip_prefix('{') {
        Some(rest) if rest.trim_start().starts_with('}') => {
            format!("{{{}}}", head.trim_end_matches(','))
        }
        Some(rest) if pretty => format!("{{{head}{rest}"),
        Some(rest) => format!("{{{head}{rest}"),
        None => json.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::with_fields;

    #[test]
    fn fields_go_first() {
        assert_eq!(
            with_fields(&[("file", "a\"b".into())], "{\"x\":1}"),
            "{\"file\":\"a\\\"b\",\"x\":1}"
        );
        assert_eq!(
            with_fields(&[("file", "f".into())], "{\n  \"x\": 1\n}"),
            "{\n  \"file\": \"f\",\n  \"x\": 1\n}"
        );
        assert_eq!(
            with_fields(
                &[("file", "w".into()), ("record_id", "<urn:uuid:1>".into())],
                "{\"x\":1}"
            ),
            "{\"file\":\"w\",\"record_id\":\"<urn:uuid:1>\",\"x\":1}"
        );
    }
}
