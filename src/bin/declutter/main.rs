//! The `declutter` command line: extract articles from files, directories or stdin.
//!
//! Modules: [`input`] (paths, directory walk, WARC files, stdin), [`batch`] (parallel run,
//! progress, ordered output, errors), [`meta_eval`] (metadata agreement with a
//! readability-style corpus). The output formats are the library's [`declutter::Format`].

use clap::{Parser, Subcommand};
use declutter::{Format, Options};
use std::path::PathBuf;
use std::process::ExitCode;

mod batch;
mod eval;
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
    /// Extract the article from each page: files, WARC files (.warc, .warc.gz), directories (walked for both) or `-` for stdin.
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
    /// Score extraction on evaluation corpora (wcxb, readability, trafilatura or seedlike
    /// layout), whole and in two halves split by site.
    Eval {
        corpora: Vec<PathBuf>,
        /// Path to score.py (default: ../shared/tools/score.py beside the repo or the corpus).
        #[arg(long)]
        scorer: Option<PathBuf>,
        /// Where the predictions are kept for per-page analysis: DIR/<corpus>.jsonl, one file
        /// per half, and for wcxb DIR/<corpus>.pages.tsv (per-page scores, worst first).
        #[arg(long, default_value = "target/eval")]
        keep: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Eval {
            corpora,
            scorer,
            keep,
        } => eval::main(&corpora, scorer.as_deref(), Some(&keep)),
        Command::Extract {
            paths,
            format,
            url,
            no_dedupe,
            no_site_memory,
        } => {
            let opts = format.options(Options {
                url,
                dedupe: !no_dedupe,
                ..Options::default()
            });
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
