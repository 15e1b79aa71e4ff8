//! Errors a caller can show a person: each says what was wrong with the input.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The input holds no markup at all.
    Empty,
    /// The input is not text (a binary file signature, or control bytes all through its start,
    /// and no UTF-16 byte-order mark).
    Binary,
    /// The live-page snapshot is malformed; the text says where.
    Snapshot(String),
    /// The options could not be read; the text says which.
    Options(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => f.write_str("empty input: no HTML to read"),
            Error::Binary => {
                f.write_str("binary input: this is not an HTML page (a binary file signature or control bytes throughout its start)")
            }
            Error::Snapshot(m) => write!(f, "invalid page snapshot: {m}"),
            Error::Options(m) => write!(f, "invalid options: {m}"),
        }
    }
}

impl std::error::Error for Error {}
