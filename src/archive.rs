//! WARC input: the HTML pages of a web archive, for the CLI and the Python package alike.
//!
//! A WARC file (WARC/1.0 or 1.1; plain, gzip per record as crawlers write it, or gzip as a
//! whole) is a series of records. A page is a `response` record whose HTTP message has an HTML
//! content type; its URL is the record's `WARC-Target-URI` and its charset the one the HTTP
//! `Content-Type` names. Every other record (requests, metadata, images, DNS) is skipped
//! without a word. A record that cannot be read gives a [`WarcError`] in its place and reading
//! goes on with the next one, so one broken record never costs the rest of the file.
//!
//! Records are parsed by the `warc` crate, the HTTP message inside by `httparse`, gzip by
//! `flate2`.

use crate::{Error, Extraction, Options};
use std::io::{BufRead, BufReader, Read};
use warc::{RawRecordHeader, WarcHeader};

/// Media types taken as HTML pages.
const HTML_TYPES: &[&str] = &["text/html", "application/xhtml+xml"];
/// The most HTTP header lines read before the body (real responses carry a few dozen).
const MAX_HTTP_HEADERS: usize = 256;
/// The gzip magic number: a file starting with it is read through a gzip decoder.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Read buffer: WARC files are read in large sequential blocks.
const READ_BUFFER: usize = 1 << 20;

/// One HTML page of a WARC file.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcPage {
    /// The record's `WARC-Record-ID` (`<urn:uuid:...>`).
    pub record_id: String,
    /// The record's `WARC-Target-URI`: the page's URL.
    pub url: Option<String>,
    /// The HTTP status code (200 for most pages; redirects and errors are kept too).
    pub status: u16,
    /// The charset the HTTP `Content-Type` names, if any.
    pub charset: Option<String>,
    /// The HTTP body: the page's bytes (chunked transfer and gzip/deflate content coding undone).
    pub body: Vec<u8>,
}

/// A record that could not be read: which one and why.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcError {
    /// The record's position in the file (1 for the first record).
    pub record: usize,
    /// Its `WARC-Record-ID`, when its header could be read.
    pub record_id: Option<String>,
    pub message: String,
}

impl std::fmt::Display for WarcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "record {}", self.record)?;
        if let Some(id) = &self.record_id {
            write!(f, " {id}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for WarcError {}

impl WarcPage {
    /// Extracts the page: its URL is `options.url` unless that is set, and the HTTP charset is
    /// honoured (a byte-order mark still wins, as in browsers; without either, the page's own
    /// `<meta charset>` or the core's guess decides).
    pub fn extract(&self, options: &Options) -> Result<Extraction, Error> {
        let options = &*options.or_url(self.url.as_ref());
        let encoding = self
            .charset
            .as_deref()
            .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
        match encoding {
            Some(enc) if encoding_rs::Encoding::for_bom(&self.body).is_none() => {
                let (text, _) = enc.decode_without_bom_handling(&self.body);
                crate::extract_html_str(&text, options)
            }
            _ => crate::extract_html(&self.body, options),
        }
    }
}

/// The pages of a WARC file in file order, each either a page or a record that could not be
/// read. Build it with [`read_warc`].
pub struct WarcPages {
    records: warc::RawRecordIter<Box<dyn BufRead + Send>>,
    /// Records seen so far (pages, skipped and broken ones).
    seen: usize,
}

/// Reads WARC data from any source: plain, or gzip (per record or whole; told by its first
/// bytes). Fails only when the source cannot be read at all.
pub fn read_warc<R: Read + Send + 'static>(source: R) -> std::io::Result<WarcPages> {
    let mut source = BufReader::with_capacity(READ_BUFFER, source);
    let gzip = source.fill_buf()?.starts_with(&GZIP_MAGIC);
    let reader: Box<dyn BufRead + Send> = if gzip {
        // A multi-member decoder reads one member per record and a whole-file member alike.
        let decoder = flate2::bufread::MultiGzDecoder::new(source);
        Box::new(BufReader::with_capacity(READ_BUFFER, decoder))
    } else {
        Box::new(source)
    };
    Ok(WarcPages {
        records: warc::WarcReader::new(reader).iter_raw_records(),
        seen: 0,
    })
}

/// [`read_warc`] on a file.
pub fn open_warc(path: &std::path::Path) -> std::io::Result<WarcPages> {
    read_warc(std::fs::File::open(path)?)
}

impl Iterator for WarcPages {
    type Item = Result<WarcPage, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let record = self.records.next()?;
            self.seen += 1;
            let error = |record_id: Option<String>, message: String| WarcError {
                record: self.seen,
                record_id,
                message,
            };
            let (header, block) = match record {
                Ok(r) => r,
                Err(e) => return Some(Err(error(None, record_message(&e)))),
            };
            match page(&header, block) {
                Ok(Some(p)) => return Some(Ok(p)),
                Ok(None) => continue,
                Err(message) => return Some(Err(error(record_id(&header), message))),
            }
        }
    }
}

/// What went wrong with a record, in words (the crate's own errors carry raw bytes).
fn record_message(e: &warc::Error) -> String {
    match e {
        warc::Error::ParseHeaders(_) => "malformed WARC header".to_string(),
        warc::Error::ReadOverflow => {
            "the record is longer than its Content-Length (the next record may be lost too)"
                .to_string()
        }
        warc::Error::UnexpectedEOB => "the file ends inside the record".to_string(),
        warc::Error::ReadData(io) => format!("could not read the record: {io}"),
        other => other.to_string(),
    }
}

fn header_str<'a>(header: &'a RawRecordHeader, name: &WarcHeader) -> Option<&'a str> {
    let v = header.headers.get(name)?;
    std::str::from_utf8(v).ok().map(str::trim)
}

fn record_id(header: &RawRecordHeader) -> Option<String> {
    header_str(header, &WarcHeader::RecordID).map(str::to_string)
}

/// The page in a record: `Ok(None)` for a record that is not an HTML response.
fn page(header: &RawRecordHeader, block: Vec<u8>) -> Result<Option<WarcPage>, String> {
    if !header_str(header, &WarcHeader::WarcType)
        .is_some_and(|t| t.eq_ignore_ascii_case("response"))
    {
        return Ok(None);
    }
    // A response record holds an HTTP message (`application/http`); other payloads (DNS) are
    // not pages.
    let http = header_str(header, &WarcHeader::ContentType)
        .is_none_or(|t| t.to_ascii_lowercase().starts_with("application/http"));
    if !http {
        return Ok(None);
    }
    let record_id = record_id(header).ok_or("the record has no WARC-Record-ID")?;
    // WARC/1.0 examples wrote the URI in angle brackets; 1.1 does not.
    let url = header_str(header, &WarcHeader::TargetURI)
        .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string())
        .filter(|u| !u.is_empty());
    let mut headers = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let body_start = match response.parse(&block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("the HTTP header is cut short".to_string()),
        Err(e) => return Err(format!("malformed HTTP header: {e}")),
    };
    let field = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .and_then(|h| std::str::from_utf8(h.value).ok())
            .map(str::trim)
    };
    let Some((media_type, charset)) = field("content-type").map(media_type) else {
        return Ok(None);
    };
    if !HTML_TYPES.contains(&media_type.as_str()) {
        return Ok(None);
    }
    let mut body = block[body_start..].to_vec();
    if field("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body).ok_or("malformed chunked transfer encoding")?;
    }
    if let Some(coding) = field("content-encoding") {
        body = decode_content(coding, body)?;
    }
    Ok(Some(WarcPage {
        record_id,
        url,
        status: response.code.unwrap_or(0),
        charset,
        body,
    }))
}

/// `text/html; charset="UTF-8"` -> (`text/html`, `Some("UTF-8")`).
fn media_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|c| !c.is_empty())
    });
    (media, charset)
}

/// Undoes HTTP/1.1 chunked transfer coding; `None` when the chunks are malformed. A body cut
/// short in its last chunk (a truncated record) keeps what arrived.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_field = std::str::from_utf8(&data[..line_end]).ok()?;
        let size_hex = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        let take = size.min(data.len());
        out.extend_from_slice(&data[..take]);
        if take < size {
            return Some(out);
        }
        data = data[take..].strip_prefix(b"\r\n").unwrap_or(&data[take..]);
    }
}

/// Undoes gzip or deflate content coding (`identity` is none).
fn decode_content(coding: &str, body: Vec<u8>) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let read = match coding.trim().to_ascii_lowercase().as_str() {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(&body[..]).read_to_end(&mut out),
        "deflate" => flate2::read::ZlibDecoder::new(&body[..])
            .read_to_end(&mut out)
            .or_else(|_| {
                // Some servers send raw deflate without the zlib wrapper.
                out.clear();
                flate2::read::DeflateDecoder::new(&body[..]).read_to_end(&mut out)
            }),
        other => return Err(format!("unsupported content encoding: {other}")),
    };
    read.map(|_| out)
        .map_err(|e| format!("could not decode the {coding} body: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_and_charsets() {
        assert_eq!(
            media_type("Text/HTML; Charset=\"ISO-8859-1\""),
            ("text/html".to_string(), Some("ISO-8859-1".to_string()))
        );
        assert_eq!(media_type("text/plain"), ("text/plain".to_string(), None));
    }

    #[test]
    fn chunks() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"zz\r\nWiki").as_deref(), None);
        assert_eq!(dechunk(b"8\r\nWiki").as_deref(), Some(&b"Wiki"[..]));
    }
}
