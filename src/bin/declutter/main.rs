//! The `declutter` command line: extract articles from files, directories or stdin.

use clap::{Parser, Subcommand, ValueEnum};
use declutter::{extract_html, Options};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod eval;

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
    /// Extract the article from each page (`-` reads stdin).
    Extract {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Html,
    Json,
    Jsonl,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { paths, format } => extract(&paths, format),
        Command::Eval {
            corpora,
            scorer,
            keep,
        } => eval::main(&corpora, scorer.as_deref(), keep.as_deref()),
    }
}

fn extract(paths: &[PathBuf], format: Format) -> ExitCode {
    let opts = Options::default();
    let mut failed = 0;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for p in paths {
        let name = p.display().to_string();
        let bytes = if name == "-" {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).map(|_| b)
        } else {
            std::fs::read(p)
        };
        let result = bytes
            .map_err(|e| e.to_string())
            .and_then(|b| extract_html(&b, &opts).map_err(|e| e.to_string()));
        match result {
            Ok(r) => {
                let s = match format {
                    Format::Text => r.text.clone(),
                    Format::Html => r.html.clone(),
                    Format::Json => serde_json::to_string_pretty(&r).unwrap_or_default(),
                    Format::Jsonl => {
                        let mut v = serde_json::to_value(&r).unwrap_or_default();
                        v["file"] = serde_json::Value::String(name.clone());
                        serde_json::to_string(&v).unwrap_or_default()
                    }
                };
                let _ = writeln!(out, "{s}");
            }
            Err(e) => {
                failed += 1;
                eprintln!("declutter: {name}: {e}");
            }
        }
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
