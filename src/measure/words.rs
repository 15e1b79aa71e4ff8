//! Words as hashes, and runs of words (shingles), for comparing blocks of text.
//!
//! Words are runs of letters and digits, lower-cased; everything else (punctuation, spaces,
//! an ellipsis) only separates words, so copies that differ in white space or punctuation
//! compare equal. Hashes are FNV-1a, fixed across platforms and runs: fingerprints computed
//! natively, in wasm, or on another day must agree for site memory to work.

const FNV32_OFFSET: u32 = 0x811c_9dc5;
const FNV32_PRIME: u32 = 0x0100_0193;
const FNV64_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV64_PRIME: u64 = 0x0000_0100_0000_01b3;

/// [`BYTE_CLASS`] of white space (ends a word, not counted).
const SPACE: u8 = 0;
/// [`BYTE_CLASS`] of other non-word characters (ends a word, counted).
const PUNCT: u8 = 1;
/// [`BYTE_CLASS`] of a byte of a non-ASCII character (decoded and classified by Unicode).
const NON_ASCII: u8 = 2;
/// ASCII vertical tab: not white space for the word splitter (ASCII's definition), white
/// space for [`super::weigh`] (Unicode's), so counted apart.
const VERTICAL_TAB: u8 = 0x0b;
/// Per byte: [`SPACE`], [`PUNCT`], [`NON_ASCII`], or for an ASCII letter or digit its
/// lower-case form (every one above `NON_ASCII`). One table load instead of several range
/// tests per byte of page text.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else if b.is_ascii_whitespace() {
            SPACE
        } else {
            PUNCT
        };
        i += 1;
    }
    t
};

/// What one [`Tokenizer::feed`] call read, counted the way [`super::weigh`]
/// counts (so the scoring pass need not read the same text again).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TextCounts {
    /// Characters that are not white space (`char::is_whitespace`).
    pub non_space: u32,
    /// Of those, CJK characters ([`super::is_cjk`]).
    pub cjk: u32,
    /// Commas (`,` and the CJK and Arabic commas).
    pub commas: u32,
    /// Non-space characters outside words ([`super::Weight::loose`]).
    pub loose: u32,
}

/// Streams text into word hashes; keeps the state of a word cut across text nodes.
#[derive(Debug)]
pub struct Tokenizer {
    cur: u32,
    in_word: bool,
    /// [`seq_hash`] of `tokens`, kept up as they come: each word's step overlaps the next
    /// word's letters (hashed afterwards, the steps would wait on each other in one chain).
    pub seq: u64,
    /// Non-space characters seen.
    pub chars: u32,
    pub tokens: Vec<u32>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer {
            cur: 0,
            in_word: false,
            seq: FNV64_OFFSET,
            chars: 0,
            tokens: Vec::new(),
        }
    }
}

impl Tokenizer {
    /// Reads `s` into the block's words; returns its counts for the scoring pass.
    pub fn feed(&mut self, s: &str) -> TextCounts {
        // The state lives in locals for the loop (a field updated per byte would be stored back
        // to memory every time): this runs over every character of the page's text.
        let bytes = s.as_bytes();
        // Room for the words of typical prose (about one per six bytes) at once, rather than
        // growing the vector word by word.
        self.tokens.reserve(bytes.len() / 6);
        let (mut cur, mut in_word, mut chars, mut seq) =
            (self.cur, self.in_word, self.chars, self.seq);
        let (mut vertical_tabs, mut cjk, mut commas) = (0u32, 0u32, 0u32);
        // Letter runs for the loose count, as `measure::weigh` counts them (they end with the
        // text node, unlike the words the hashes read).
        let mut loose = super::Loose::default();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let class = BYTE_CLASS[usize::from(b)];
            if class > NON_ASCII {
                // An ASCII word: its letters in a tight loop, no word-state test per letter.
                if !in_word {
                    cur = FNV32_OFFSET;
                    in_word = true;
                }
                let start = i;
                let mut class = class;
                loop {
                    cur = (cur ^ u32::from(class)).wrapping_mul(FNV32_PRIME);
                    // Lower-case letters sort above the digits in the class table.
                    if class >= b'a' {
                        loose.letter();
                    } else {
                        loose.digit();
                    }
                    i += 1;
                    match bytes.get(i) {
                        Some(&b) if BYTE_CLASS[usize::from(b)] > NON_ASCII => {
                            class = BYTE_CLASS[usize::from(b)];
                        }
                        _ => break,
                    }
                }
                chars += (i - start) as u32;
                continue;
            }
            if class == NON_ASCII {
                let c = s[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                if c.is_alphanumeric() {
                    if !in_word {
                        cur = FNV32_OFFSET;
                        in_word = true;
                    }
                    for l in c.to_lowercase() {
                        cur = (cur ^ l as u32).wrapping_mul(FNV32_PRIME);
                    }
                    chars += 1;
                    cjk += u32::from(super::is_cjk(c));
                    if c.is_numeric() {
                        loose.other(true);
                    } else {
                        loose.other_letter();
                    }
                } else {
                    if in_word {
                        self.tokens.push(cur);
                        seq = seq_step(seq, cur);
                        in_word = false;
                    }
                    if c.is_whitespace() {
                        loose.other(false);
                    } else {
                        chars += 1;
                        // (The CJK blocks also hold marks and punctuation: `・`, `゛`.)
                        cjk += u32::from(super::is_cjk(c));
                        commas += u32::from(matches!(c, '\u{3001}' | '\u{FF0C}' | '\u{060C}'));
                        // Outside ASCII, marks and punctuation join words (`measure::Loose`).
                        loose.other_letter();
                    }
                }
                continue;
            }
            i += 1;
            if in_word {
                self.tokens.push(cur);
                seq = seq_step(seq, cur);
                in_word = false;
            }
            loose.other(class == PUNCT && b != VERTICAL_TAB);
            if class == PUNCT {
                chars += 1;
                commas += u32::from(b == b',');
                vertical_tabs += u32::from(b == VERTICAL_TAB);
            }
        }
        loose.end();
        let counts = TextCounts {
            non_space: chars - self.chars - vertical_tabs,
            cjk,
            commas,
            loose: loose.loose,
        };
        (self.cur, self.in_word, self.chars, self.seq) = (cur, in_word, chars, seq);
        counts
    }

    /// Ends the current word, if any.
    pub fn flush(&mut self) {
        if self.in_word {
            self.tokens.push(self.cur);
            self.seq = seq_step(self.seq, self.cur);
            self.in_word = false;
        }
    }
}

/// Lower-case words (runs of letters and digits) of a text, for comparing two texts word for
/// word (a title with a heading, a block with the page's description).
pub fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words of a string (the page title).
pub fn tokens(s: &str) -> Vec<u32> {
    let mut t = Tokenizer::default();
    t.feed(s);
    t.flush();
    t.tokens
}

/// The title's distinct words, sorted.
pub fn title_tokens(title: &str) -> Vec<u32> {
    let mut t = tokens(title);
    t.sort_unstable();
    t.dedup();
    t
}

/// Does a block with these words read as the title? Most of its words are the title's, and
/// it has most of them (a title often carries the site's name after a separator).
pub fn title_like(block: &[u32], title: &[u32], share: f32) -> bool {
    if title.len() < 3 || block.is_empty() {
        return false;
    }
    // The common words are the title's, so a block with more distinct words than
    // `title.len() / share` cannot pass: a long block is turned down at its first words beyond
    // that (the same test in the same arithmetic), without sorting them all.
    let mut b: Vec<u32> = Vec::with_capacity(2 * title.len());
    for &w in block {
        if !b.contains(&w) {
            if share * (b.len() + 1) as f32 > title.len() as f32 {
                return false;
            }
            b.push(w);
        }
    }
    let common = b.iter().filter(|w| title.binary_search(w).is_ok()).count() as f32;
    common >= share * b.len() as f32 && b.len() as f32 >= 0.5 * title.len() as f32
}

/// Hash of a word sequence (order matters).
pub fn seq_hash(tokens: &[u32]) -> u64 {
    tokens.iter().fold(FNV64_OFFSET, |h, &t| seq_step(h, t))
}

/// One word of [`seq_hash`]: FNV-1a over its hash's four bytes.
fn seq_step(mut h: u64, t: u32) -> u64 {
    for b in t.to_le_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV64_PRIME);
    }
    h
}

/// Calls `f` with the hash of every run of `k` consecutive words (once for a block shorter
/// than `k`); repeats are not removed.
pub fn for_each_shingle(tokens: &[u32], k: usize, mut f: impl FnMut(u32)) {
    if tokens.len() <= k {
        f(fold(seq_hash(tokens)));
    } else {
        tokens.windows(k).for_each(|w| f(window_hash(w)));
    }
}

/// How many hashes [`for_each_shingle`] gives for a block of `len` words.
pub fn shingle_count(tokens: &[u32], k: usize) -> usize {
    if tokens.len() <= k {
        1
    } else {
        tokens.len() - k + 1
    }
}

/// Distinct hashes of every run of `k` consecutive words (one for a block shorter than `k`).
#[cfg(test)]
pub fn shingles(tokens: &[u32], k: usize) -> Vec<u32> {
    let mut out: Vec<u32> = if tokens.len() <= k {
        vec![fold(seq_hash(tokens))]
    } else {
        tokens.windows(k).map(window_hash).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Order-sensitive hash of a few word hashes: one multiply-rotate step per word.
fn window_hash(w: &[u32]) -> u32 {
    let mut h = FNV64_OFFSET;
    for &t in w {
        h = (h ^ u64::from(t)).wrapping_mul(FNV64_PRIME).rotate_left(29);
    }
    fold(h)
}

/// A 64-bit hash folded to 32 bits.
pub fn fold(h: u64) -> u32 {
    (h >> 32) as u32 ^ h as u32
}

#[cfg(test)]
/// A block's fingerprint for site memory: its words, in order, hashed to 32 bits (safe as a
/// JSON/JS number).
pub fn fingerprint(tokens: &[u32]) -> u32 {
    fold(seq_hash(tokens))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_case_do_not_matter() {
        assert_eq!(tokens("The  Council, voted!"), tokens("the council voted"));
        assert_ne!(tokens("council voted"), tokens("voted council"));
        assert_eq!(fingerprint(&tokens("A b")), fingerprint(&tokens("a, B.")));
    }

    #[test]
    fn counts_agree_with_the_scoring_weigh() {
        // Whatever the script: the scoring pass takes these counts instead of reading the text.
        for s in [
            "Council, voted\u{b}! 42 times",
            "\u{4eca}\u{65e5}\u{306f}\u{30fb}\u{3044}\u{3044}\u{3001}\u{309b} \u{30fc}",
            "caf\u{e9} \u{60c} \u{ff0c}x\u{3000}y \u{a0}z",
            "r12345c0 r12345c1 0x3f9a 1,234.5 a I\u{b}ab 3\u{6708}",
            "\u{0e27}\u{0e31}\u{0e19}\u{0e17}\u{0e35}\u{0e48} 15 \u{0e21}\u{0e35}.\u{0e04}. \u{0663}\u{0664}",
            "",
        ] {
            let counts = Tokenizer::default().feed(s);
            assert_eq!(
                crate::measure::weigh_counted(counts),
                crate::measure::weigh(s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn running_sequence_hash_is_the_plain_one() {
        let mut t = Tokenizer::default();
        t.feed("The Council, voted ");
        t.feed("again\u{e9}t\u{e9} on ");
        t.flush();
        t.feed("the lighthouse");
        t.flush();
        assert_eq!(t.seq, seq_hash(&t.tokens));
        assert_eq!(Tokenizer::default().seq, seq_hash(&[]));
    }

    #[test]
    fn shingles_of_a_prefix_are_contained() {
        let long = tokens("one two three four five six seven eight nine ten");
        let short = tokens("one two three four five six");
        let (l, s) = (shingles(&long, 4), shingles(&short, 4));
        assert!(s.iter().all(|x| l.contains(x)));
        assert_eq!(l.len(), 7);
    }

    #[test]
    fn title_with_site_suffix_matches() {
        let t = title_tokens("Council rebuilds the lighthouse stairs | Harbour News");
        assert!(title_like(
            &tokens("Council rebuilds the lighthouse stairs"),
            &t,
            0.8
        ));
        assert!(!title_like(&tokens("Weather for the weekend"), &t, 0.8));
    }
}
