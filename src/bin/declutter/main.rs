//! The `declutter` command line: extract articles from files, directories or stdin.
//!
//! Modules: [`input`] (paths, directory walk, stdin), [`batch`] (parallel run, progress,
//! ordered output, errors), [`format`] (text, markdown, html, json, jsonl), [`meta_eval`]
//! (metadata agreement with a readability-style corpus).

use clap::{Parser, Subcommand, ValueEnum};
use declutter::Options;
use std::path::PathBuf;
use std::process::ExitCode;

mod batch;
mod eval;
mod format;
mod input;
mod meta_eval;
mod site_memory;

#[derive(Parser)]
#[command(
    name = "declutter",
    version,
    about = "Find the article and the repeated clutter in HTML pages"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article from each page: files, directories (walked for .html/.htm) or `-` for stdin.
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The page's URL (resolves the lead image and relative links).
        #[arg(long)]
        url: Option<String>,
        /// Keep blocks the page repeats (no duplicate detection).
        #[arg(long)]
        no_dedupe: bool,
        /// Do not build site memory (blocks seen outside the article on several pages of one
        /// site in this batch are otherwise hidden as that site's furniture; the article's text
        /// is the same either way).
        #[arg(long)]
        no_site_memory: bool,
    },
    /// Metadata agreement with a readability-style corpus (<case>/source.html + expected-metadata.json).
    EvalMeta {
        corpus: PathBuf,
        /// List every disagreement before the summary.
        #[arg(long)]
        show_misses: bool,
    },
    /// Score extraction on evaluation corpora (readability, trafilatura or seedlike layout).
    Eval {
        corpora: Vec<PathBuf>,
        /// Path to score.py (default: ../shared/tools/score.py beside the repo or the corpus).
        #[arg(long)]
        scorer: Option<PathBuf>,
        /// Keep the predictions as DIR/<kind>.jsonl (for per-page analysis).
        #[arg(long)]
        keep: Option<PathBuf>,
    },
}

/// Output formats of `extract`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Eval {
            corpora,
            scorer,
            keep,
        } => eval::main(&corpora, scorer.as_deref(), keep.as_deref()),
        Command::Extract {
            paths,
            format,
            url,
            no_dedupe,
            no_site_memory,
        } => {
            let opts = Options {
                url,
                dedupe: !no_dedupe,
                html: format != Format::Text,
                ..Options::default()
            };
            let inputs = input::expand(&paths);
            batch::run(&inputs, &opts, format, !no_site_memory && !no_dedupe)
        }
        Command::EvalMeta { corpus, .. } if !meta_eval::is_readability_corpus(&corpus) => {
            eprintln!(
                "declutter: {}: not a readability-style corpus (no <case>/source.html with expected-metadata.json)",
                corpus.display()
            );
            ExitCode::FAILURE
        }
        Command::EvalMeta {
            corpus,
            show_misses,
        } => match if show_misses {
            meta_eval::report_with(&corpus, true)
        } else {
            meta_eval::report(&corpus)
        } {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("declutter: {}: {e}", corpus.display());
                ExitCode::FAILURE
            }
        },
    }
}
