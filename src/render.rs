//! One page's output in the form asked for, the same for the CLI (`--format`) and the Python
//! package (`output=`): the options the form needs, the rendering, and the JSON line of a page
//! of a batch or a WARC file (`file`, then `record_id` and `url`, then the extraction).

use crate::{Extraction, Options};

/// The output forms of a page: the CLI's `--format`, the Python package's `output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    all(feature = "cli", not(target_arch = "wasm32")),
    derive(clap::ValueEnum)
)]
pub enum Format {
    /// The article's plain text, paragraphs separated by blank lines.
    Text,
    /// The article as Markdown (GFM tables).
    Markdown,
    /// Clean article HTML.
    Html,
    /// The whole extraction as pretty JSON (one object per input).
    Json,
    /// One compact JSON object per line per input (see README "JSON output schema").
    Jsonl,
}

impl Format {
    /// `base` with what this form needs from the core: clean HTML unless only text is asked
    /// for, Markdown for markdown.
    pub fn options(self, base: Options) -> Options {
        Options {
            html: self != Format::Text,
            markdown: self == Format::Markdown,
            ..base
        }
    }

    /// The output for one page, from an extraction made with [`Format::options`].
    pub fn render(self, source: &Source, r: Extraction) -> String {
        match self {
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

    /// `{"file": NAME, "error": MESSAGE}` for a failed page (json/jsonl; a broken WARC record
    /// also gets its number and, when known, its id), `None` for the other forms (the caller
    /// reports the message its own way).
    pub fn render_error(
        self,
        source: &Source,
        record: Option<usize>,
        error: &str,
    ) -> Option<String> {
        matches!(self, Format::Json | Format::Jsonl).then(|| {
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
}

/// Where a page came from: a file (or `-`), or a record of a WARC file.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The input as given.
    pub file: String,
    /// For a page of a WARC file: its `WARC-Record-ID` and its URL (`WARC-Target-URI`).
    pub record: Option<(String, Option<String>)>,
}

impl Source {
    /// A page read from a file (or `-` for stdin).
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
