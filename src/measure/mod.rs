//! Measuring text: how much a string weighs as prose (its characters, CJK counted heavier,
//! its commas, the characters outside words) and its words as hashes ([`words`]).
//!
//! Both the choice of the article (`extract::score`) and the search for repeated blocks
//! (`dedupe`) read every text node of the page; they measure it here, with one definition, and
//! dedupe's word splitter counts what [`weigh`] counts in the same pass so the text is read once.

pub mod words;

pub use words::TextCounts;

/// A word is a run of at least this many letters (a lone letter between signs is an initial or
/// a label, and the few one-letter words of prose are a small share of it).
pub const MIN_WORD_LETTERS: u32 = 2;
/// A CJK character carries about as much meaning as this many Latin letters.
pub const CJK_CHAR_WEIGHT: u32 = 3;

/// What [`weigh`] measures of one text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weight {
    /// Non-space characters, CJK counted [`CJK_CHAR_WEIGHT`] times.
    pub chars: u32,
    /// Commas (`,` and the CJK and Arabic commas).
    pub commas: u32,
    /// Non-space characters outside words (see [`Loose`]): digits, punctuation, lone letters
    /// and every character of a code. Each counts once, CJK or not.
    pub loose: u32,
}

/// Counts the characters of a text that lie outside words, one character at a time.
///
/// Letters are ASCII letters and every character outside ASCII that is neither space nor a
/// digit: every other script (and its combining marks, which split letters in Thai or
/// Devanagari) counts as letters, because the rule is after codes and numbers and a script it
/// does not know must never lose its prose to it. A word is a run of at least
/// [`MIN_WORD_LETTERS`] letters. A run of ASCII letters and digits with a digit in it is a
/// code (`r12345c0`, a hex digest, `0x3f9a`), not a word: all its characters are loose.
#[derive(Default)]
pub struct Loose {
    /// Letters of the current run, not yet counted.
    run: u32,
    /// The current ASCII letter-and-digit run has had a digit.
    code: bool,
    /// Loose characters so far.
    pub loose: u32,
}

impl Loose {
    /// An ASCII letter.
    #[inline]
    pub fn letter(&mut self) {
        if self.code {
            self.loose += 1;
        } else {
            self.run += 1;
        }
    }

    /// An ASCII digit: the letters of the run so far belong to a code.
    #[inline]
    pub fn digit(&mut self) {
        self.loose += self.run + 1;
        self.run = 0;
        self.code = true;
    }

    /// A letter outside ASCII (it also ends an ASCII run).
    #[inline]
    pub fn other_letter(&mut self) {
        self.code = false;
        self.run += 1;
    }

    /// Anything else: space (`counted` false), or punctuation and other digits (`counted`).
    #[inline]
    pub fn other(&mut self, counted: bool) {
        self.end();
        self.loose += u32::from(counted);
    }

    /// Ends the current run (space, punctuation, the end of the text).
    #[inline]
    pub fn end(&mut self) {
        if self.run < MIN_WORD_LETTERS {
            self.loose += self.run;
        }
        self.run = 0;
        self.code = false;
    }
}

/// Weighted length of a string: non-space characters, CJK counted heavier; its commas; and
/// how many of its characters lie outside words.
pub fn weigh(s: &str) -> Weight {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let mut loose = Loose::default();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII byte by byte (most text; the same rules without decoding or Unicode tables).
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphabetic() {
                chars += 1;
                loose.letter();
            } else if b.is_ascii_digit() {
                chars += 1;
                loose.digit();
            } else if matches!(b, b' ' | b'\t'..=b'\r') {
                // `char::is_whitespace` on ASCII: space, \t, \n, vertical tab, form feed, \r.
                loose.other(false);
            } else {
                chars += 1;
                commas += u32::from(b == b',');
                loose.other(true);
            }
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_whitespace() {
            loose.other(false);
            continue;
        }
        chars += if is_cjk(c) { CJK_CHAR_WEIGHT } else { 1 };
        if c.is_numeric() {
            loose.other(true);
        } else {
            loose.other_letter();
        }
        if matches!(c, ',' | '\u{3001}' | '\u{FF0C}' | '\u{060C}') {
            commas += 1;
        }
    }
    loose.end();
    Weight {
        chars,
        commas,
        loose: loose.loose,
    }
}

/// [`weigh`]'s result from counts another pass made over the same text (dedupe's word
/// splitter, which reads every text node anyway).
pub fn weigh_counted(c: TextCounts) -> Weight {
    Weight {
        chars: c.non_space + c.cjk * (CJK_CHAR_WEIGHT - 1),
        commas: c.commas,
        loose: c.loose,
    }
}

/// Han, kana and hangul: scripts that write words without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}
