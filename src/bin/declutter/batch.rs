//! Runs a batch on all cores, prints results in input order, reports failures.
//!
//! The batch is a stream of jobs: one per page file, one per record of a WARC file (read as
//! the batch goes, so a crawl file of any size is never held whole). Jobs go to the thread
//! pool a chunk at a time and their outputs are printed in order.
//!
//! With site memory (`json`/`jsonl` of several page files), every page is extracted once and
//! kept until the batch is read; then each site's furniture is hidden and the pages printed.

use crate::input::Input;
use crate::site_memory;
use declutter::{
    extract_html, extract_html_for_site, open_warc, Extraction, Format, Options, SitePage, Source,
    WarcError, WarcPage,
};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Jobs handed to the thread pool at once per core: enough to keep every core busy while
/// holding only a bounded number of finished outputs in memory before they are printed in order.
const CHUNK_PER_THREAD: usize = 8;

/// One page to process.
enum Job<'a> {
    /// A page file or stdin.
    Page { input: &'a Input },
    /// A page of a WARC file, or a record of it that could not be read.
    Record {
        file: String,
        record: Result<WarcPage, WarcError>,
    },
    /// A WARC file that could not be opened.
    BadWarc { file: String, message: String },
}

/// What a job gives: where the page came from, and its output or an error message.
struct Outcome {
    source: Source,
    /// For a broken WARC record: its number in the file and how it is named on stderr.
    record: Option<(usize, String)>,
    result: Result<String, String>,
}

/// All jobs in input order; WARC files are opened and read only when the batch reaches them.
fn jobs(inputs: &[Input]) -> impl Iterator<Item = Job<'_>> {
    inputs
        .iter()
        .flat_map(|input| -> Box<dyn Iterator<Item = Job<'_>>> {
            match input {
                Input::Warc(path) => {
                    let file = input.name();
                    match open_warc(path) {
                        Ok(pages) => Box::new(pages.map(move |record| Job::Record {
                            file: file.clone(),
                            record,
                        })),
                        Err(e) => Box::new(std::iter::once(Job::BadWarc {
                            file,
                            message: e.to_string(),
                        })),
                    }
                }
                _ => Box::new(std::iter::once(Job::Page { input })),
            }
        })
}

/// Runs the core on one page; a panic in the core becomes an error for this page only.
fn guarded<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|p| Err(format!("internal error: {}", panic_message(&*p))))
}

/// A page's outcome: its extraction rendered, or what went wrong.
fn extracted(
    source: Source,
    format: Format,
    work: impl FnOnce() -> Result<Extraction, String>,
) -> Outcome {
    let result = guarded(|| work().map(|r| format.render(&source, r)));
    Outcome {
        source,
        record: None,
        result,
    }
}

fn process(job: Job<'_>, opts: &Options, format: Format) -> Outcome {
    match job {
        Job::Page { input } => extracted(Source::file(input.name()), format, || {
            extract_html(&input.read()?, opts).map_err(|e| e.to_string())
        }),
        Job::Record {
            file,
            record: Ok(page),
        } => {
            let source = Source {
                file,
                record: Some((page.record_id.clone(), page.url.clone())),
            };
            extracted(source, format, || {
                page.extract(opts).map_err(|e| e.to_string())
            })
        }
        Job::Record {
            file,
            record: Err(e),
        } => Outcome {
            source: Source {
                file,
                record: e.record_id.clone().map(|id| (id, None)),
            },
            record: Some((e.record, e.to_string())),
            result: Err(e.message),
        },
        Job::BadWarc { file, message } => Outcome {
            source: Source::file(file),
            record: None,
            result: Err(message),
        },
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

fn progress(inputs: &[Input]) -> ProgressBar {
    // A bar only for a person watching: not when stderr is a file or pipe, not for one page.
    let warc = inputs.iter().any(|i| matches!(i, Input::Warc(_)));
    if (inputs.len() < 2 && !warc) || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    // The pages of a WARC file are not known before it is read: a count, no bar.
    let (bar, template) = if warc {
        (ProgressBar::no_length(), "{pos} pages  {per_sec}")
    } else {
        (
            ProgressBar::new(inputs.len() as u64),
            "{bar:40} {pos}/{len} pages  {per_sec}  eta {eta}",
        )
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Writes outcomes in order, counting the failures.
struct Printer<W: Write> {
    out: W,
    format: Format,
    /// Text-like formats name each page when there are several.
    headers: bool,
    failed: usize,
    total: usize,
}

impl<W: Write> Printer<W> {
    /// Prints one outcome; `Err` carries the exit status when the output broke off.
    fn print(&mut self, bar: &ProgressBar, o: Outcome) -> Result<(), ExitCode> {
        self.total += 1;
        let written = match o.result {
            Ok(s) if self.headers => writeln!(self.out, "{}\n{s}\n", o.source.header()),
            Ok(s) => writeln!(self.out, "{s}"),
            Err(e) => {
                self.failed += 1;
                let name = &o.source.file;
                let what = o.record.as_ref().map_or(&e, |(_, said)| said);
                bar.suspend(|| eprintln!("declutter: {name}: {what}"));
                match self
                    .format
                    .render_error(&o.source, o.record.map(|(n, _)| n), &e)
                {
                    Some(line) => writeln!(self.out, "{line}"),
                    None => Ok(()),
                }
            }
        };
        written.map_err(|e| {
            // Stdout closed (e.g. piped into `head`): stop quietly, like other tools.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                ExitCode::SUCCESS
            } else {
                eprintln!("declutter: writing output: {e}");
                ExitCode::FAILURE
            }
        })
    }
}

/// Processes every page; returns failure when any page failed (the rest still run).
///
/// With `site_memory`, blocks seen outside the article on several pages of one site are
/// hidden as its furniture. That changes only the hidden blocks and duplicate groups, never
/// the article, so only `json`/`jsonl` show it, and only for page files (WARC files are
/// streamed, never held); those formats then print once the batch is read.
pub fn run(inputs: &[Input], opts: &Options, format: Format, site_memory: bool) -> ExitCode {
    let bar = progress(inputs);
    let stdout = std::io::stdout();
    let several = inputs.len() > 1 || inputs.iter().any(|i| matches!(i, Input::Warc(_)));
    let mut printer = Printer {
        out: std::io::BufWriter::new(stdout.lock()),
        format,
        headers: several && matches!(format, Format::Text | Format::Markdown | Format::Html),
        failed: 0,
        total: 0,
    };
    let remembering = site_memory
        && inputs.len() > 1
        && matches!(format, Format::Json | Format::Jsonl)
        && !inputs.iter().any(|i| matches!(i, Input::Warc(_)));
    let printed = if remembering {
        with_site_memory(inputs, opts, format, &bar, &mut printer)
    } else {
        streaming(inputs, opts, format, &bar, &mut printer)
    };
    if let Err(code) = printed {
        return code;
    }
    bar.finish_and_clear();
    if printer.out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if printer.failed > 0 {
        eprintln!(
            "declutter: {} of {} inputs failed",
            printer.failed, printer.total
        );
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Jobs a chunk at a time, each page printed as soon as its chunk is done.
fn streaming<W: Write>(
    inputs: &[Input],
    opts: &Options,
    format: Format,
    bar: &ProgressBar,
    printer: &mut Printer<W>,
) -> Result<(), ExitCode> {
    let chunk = rayon::current_num_threads().max(1) * CHUNK_PER_THREAD;
    let mut jobs = jobs(inputs).peekable();
    while jobs.peek().is_some() {
        let batch: Vec<Job<'_>> = jobs.by_ref().take(chunk).collect();
        let outcomes: Vec<Outcome> = batch
            .into_par_iter()
            .map(|job| {
                let o = process(job, opts, format);
                bar.inc(1);
                o
            })
            .collect();
        for o in outcomes {
            printer.print(bar, o)?;
        }
    }
    Ok(())
}

/// Every page file extracted once, keeping what site memory needs of it; then the batch's
/// memory applied to all, and the pages printed in order.
fn with_site_memory<W: Write>(
    inputs: &[Input],
    opts: &Options,
    format: Format,
    bar: &ProgressBar,
    printer: &mut Printer<W>,
) -> Result<(), ExitCode> {
    let results: Vec<Result<(Extraction, SitePage, String), String>> = inputs
        .par_iter()
        .map(|input| {
            let r = guarded(|| {
                let (r, page) =
                    extract_html_for_site(&input.read()?, opts).map_err(|e| e.to_string())?;
                let site = site_memory::site_of(&page, input);
                Ok((r, page, site))
            });
            bar.inc(1);
            r
        })
        .collect();
    let mut errors: Vec<Option<String>> = Vec::with_capacity(results.len());
    let mut pages: Vec<Option<(Extraction, SitePage, String)>> = results
        .into_iter()
        .map(|r| match r {
            Ok(p) => {
                errors.push(None);
                Some(p)
            }
            Err(e) => {
                errors.push(Some(e));
                None
            }
        })
        .collect();
    site_memory::apply(&mut pages);
    for ((input, page), error) in inputs.iter().zip(pages).zip(errors) {
        let source = Source::file(input.name());
        let result = match (page, error) {
            (Some((r, _, _)), _) => Ok(format.render(&source, r)),
            (None, e) => Err(e.unwrap_or_default()),
        };
        printer.print(
            bar,
            Outcome {
                source,
                record: None,
                result,
            },
        )?;
    }
    Ok(())
}
