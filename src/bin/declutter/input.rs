//! Turning command-line paths into an ordered list of inputs, and reading them (gzip included).

use std::io::Read;
use std::path::{Path, PathBuf};

use declutter::internals::contracts::HTML_FILE_EXTENSIONS;

/// File name endings read as WARC files, given or walked (case-insensitive).
const WARC_ENDINGS: &[&str] = &[".warc", ".warc.gz"];

/// The two bytes every gzip stream starts with (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The bytes of a page, gunzipped when they are a gzip stream (a saved `.html.gz`, or a
/// compressed page piped to stdin): the content decides, not the name, so a mislabelled file
/// still reads.
pub fn gunzip_if_gzip(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .map_err(|e| format!("not a valid gzip file: {e}"))?;
    Ok(out)
}

/// Reads a page file, gunzipped when it is gzip.
pub fn read_page(path: &Path) -> Result<Vec<u8>, String> {
    gunzip_if_gzip(std::fs::read(path).map_err(|e| e.to_string())?)
}

/// One page to process, in the order the user gave (directories expanded in sorted order).
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// A web archive: every HTML response in it is a page.
    Warc(PathBuf),
    /// A path that could not be listed; reported in its place in the output.
    Unreadable(PathBuf, String),
}

impl Input {
    /// How the input is named in output and errors.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) | Input::Warc(p) | Input::Unreadable(p, _) => p.display().to_string(),
        }
    }

    /// The input's bytes (gunzipped when gzip), or an error message (without the name).
    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Input::Stdin => {
                let mut b = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut b)
                    .map_err(|e| e.to_string())?;
                gunzip_if_gzip(b)
            }
            Input::File(p) => read_page(p),
            Input::Warc(p) => std::fs::read(p).map_err(|e| e.to_string()),
            Input::Unreadable(_, e) => Err(e.clone()),
        }
    }
}

/// Expands the arguments: `-` is stdin, a directory is walked (no symlinked directories, so no
/// cycles) for HTML and WARC files in sorted order, anything else is taken as a file.
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out);
        } else if is_warc(p) {
            out.push(Input::Warc(p.clone()));
        } else {
            out.push(Input::File(p.clone()));
        }
    }
    out
}

/// An HTML file by its name: `.html`/`.htm`, or either followed by `.gz`.
pub fn is_html(p: &Path) -> bool {
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    HTML_FILE_EXTENSIONS.iter().any(|h| {
        stem.len() > h.len() + 1
            && stem.ends_with(h)
            && stem.as_bytes()[stem.len() - h.len() - 1] == b'.'
    })
}

fn is_warc(p: &Path) -> bool {
    let name = p.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
    WARC_ENDINGS.iter().any(|end| {
        name.len() > end.len()
            && name[name.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
    })
}

/// Iterative walk (a deep directory tree cannot overflow the stack).
fn walk(root: &Path, out: &mut Vec<Input>) {
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                out.push(Input::Unreadable(dir, e.to_string()));
                continue;
            }
        };
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        for e in entries.filter_map(Result::ok) {
            let path = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => dirs.push(path),
                Ok(_) if is_html(&path) || is_warc(&path) => files.push(path),
                _ => {}
            }
        }
        files.sort();
        dirs.sort();
        out.extend(files.into_iter().map(|f| {
            if is_warc(&f) {
                Input::Warc(f)
            } else {
                Input::File(f)
            }
        }));
        // Reverse so the stack pops subdirectories in sorted order.
        stack.extend(dirs.into_iter().rev());
    }
}
