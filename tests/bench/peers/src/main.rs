//! Whole processes, as users run them: `npm run bench [-- [PATH...] [--rounds N] [--limit N]
//! [--only NAME,NAME]]`.
//!
//! Each extractor runs as one command over the whole page set, with its default settings,
//! its output thrown away: `declutter extract FILE...` (the release CLI, default flags, and
//! again with `--no-site-memory`), dom_smoothie and rs-trafilatura (`peer`, this crate's
//! command line for them), trafilatura (python3, skipped when it cannot be imported) and
//! Readability.js + jsdom (node). What counts is CPU seconds (user + system, of the process
//! and every thread it ran, from wait4), the median of several rounds; each round runs every
//! command once, in an order that rotates from round to round. Prints the figures, the
//! ratios against declutter's default and the targets; asserts nothing.
//!
//! PATH defaults to `../shared/corpus` beside the repository: every `.html`/`.htm` below it
//! except `expected.html` (a reference output, not a page).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Target: declutter's CPU time at most this fraction of trafilatura's.
const TARGET_VS_TRAFILATURA: f64 = 15.0;
const DEFAULT_ROUNDS: usize = 3;

/// One command of the comparison.
struct Tool {
    name: &'static str,
    program: OsString,
    /// Arguments before the page paths.
    args: Vec<OsString>,
}

/// One run of one command.
#[derive(Clone, Copy)]
struct Sample {
    cpu: f64,
    wall: f64,
    /// Peak resident memory, bytes.
    rss: f64,
    ok: bool,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn collect_pages(root: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![root.to_path_buf()];
    if root.is_file() {
        out.push(root.to_path_buf());
        return;
    }
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let p = e.path();
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"))
                && p.file_name().is_some_and(|n| n != "expected.html")
            {
                out.push(p);
            }
        }
    }
}

/// Runs `tool` over `pages`; CPU time and peak memory of that process alone (wait4).
fn run(tool: &Tool, pages: &[PathBuf]) -> Sample {
    let started = Instant::now();
    let child = Command::new(&tool.program)
        .args(&tool.args)
        .args(pages)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(child) = child else {
        return Sample {
            cpu: f64::NAN,
            wall: f64::NAN,
            rss: f64::NAN,
            ok: false,
        };
    };
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, once; `status` and `usage` outlive the call.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Sample {
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        wall,
        rss: usage.ru_maxrss as f64 * 1024.0,
        ok: pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        f64::NAN
    } else {
        v[v.len() / 2]
    }
}

/// Does `program args` run and exit 0 (a peer's runtime is there)?
fn available(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn main() {
    let mut roots = Vec::new();
    let mut rounds = DEFAULT_ROUNDS;
    let mut limit = usize::MAX;
    let mut only: Option<Vec<String>> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        };
        match a.as_str() {
            "--rounds" => rounds = value("--rounds").parse().expect("--rounds N"),
            "--limit" => limit = value("--limit").parse().expect("--limit N"),
            "--only" => only = Some(value("--only").split(',').map(String::from).collect()),
            _ => roots.push(PathBuf::from(a)),
        }
    }
    let repo = repo();
    if roots.is_empty() {
        roots.push(repo.join("../shared/corpus"));
    }
    let mut pages = Vec::new();
    for r in &roots {
        collect_pages(r, &mut pages);
    }
    pages.sort();
    if pages.len() > limit {
        // Evenly spread over the sorted set, so a limited run still mixes the corpora.
        let step = pages.len() as f64 / limit as f64;
        pages = (0..limit)
            .map(|i| pages[(i as f64 * step) as usize].clone())
            .collect();
    }
    if pages.is_empty() {
        eprintln!("bench: no .html pages under {roots:?}");
        std::process::exit(2);
    }
    let bytes: u64 = pages
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();

    let cli = repo.join("target/release/declutter");
    let peer = std::env::current_exe()
        .expect("own path")
        .with_file_name("peer");
    // The peers' command line is this crate's other binary: without it every peer would
    // "fail" on every page.
    for (program, build) in [
        (&cli, "cargo build --release --bin declutter"),
        (&peer, "cargo build --release --manifest-path tests/bench/peers/Cargo.toml --target-dir target/bench --bins"),
    ] {
        if !program.exists() {
            eprintln!("bench: {} is missing: build it first ({build}; `npm run bench` does both)", program.display());
            std::process::exit(2);
        }
    }
    let os = |s: &str| OsString::from(s);
    let path = |p: PathBuf| p.into_os_string();
    let mut tools = vec![
        Tool {
            name: "declutter",
            program: path(cli.clone()),
            args: vec![os("extract")],
        },
        Tool {
            name: "declutter --no-site-memory",
            program: path(cli.clone()),
            args: vec![os("extract"), os("--no-site-memory")],
        },
        Tool {
            name: "dom_smoothie",
            program: path(peer.clone()),
            args: vec![os("dom-smoothie")],
        },
        Tool {
            name: "rs-trafilatura",
            program: path(peer),
            args: vec![os("rs-trafilatura")],
        },
    ];
    if available("python3", &["-c", "import trafilatura"]) {
        tools.push(Tool {
            name: "trafilatura",
            program: os("python3"),
            args: vec![
                path(repo.join("tests/bench/trafilatura_run.py")),
                os("--text"),
            ],
        });
    } else {
        println!("trafilatura: skipped (python3 -c 'import trafilatura' fails; pip install trafilatura lxml_html_clean)");
    }
    if repo.join("node_modules/jsdom").exists() {
        tools.push(Tool {
            name: "Readability.js + jsdom",
            program: os("node"),
            args: vec![path(repo.join("tests/bench/readability.mjs")), os("--text")],
        });
    } else {
        println!("Readability.js: skipped (node_modules/jsdom missing; npm ci)");
    }
    if let Some(only) = &only {
        tools.retain(|t| {
            t.name == "declutter" || only.iter().any(|o| t.name.starts_with(o.as_str()))
        });
    }
    if !cli.exists() {
        eprintln!("bench: {} missing (cargo build --release)", cli.display());
        std::process::exit(2);
    }

    println!(
        "{} pages, {:.1} MB, {} rounds; {} cores; load average {} at the start",
        pages.len(),
        bytes as f64 / 1e6,
        rounds,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average()
    );
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); tools.len()];
    for round in 0..rounds {
        for k in 0..tools.len() {
            let i = (k + round) % tools.len();
            let s = run(&tools[i], &pages);
            eprintln!(
                "round {}: {:<28} cpu {:7.2} s  wall {:7.2} s{}",
                round + 1,
                tools[i].name,
                s.cpu,
                s.wall,
                if s.ok { "" } else { "  (exit status not 0)" }
            );
            samples[i].push(s);
        }
    }
    println!("load average {} at the end", load_average());

    let cpu = |i: usize| median(samples[i].iter().map(|s| s.cpu).collect());
    let ours = cpu(0);
    println!(
        "\n| command | CPU s (median of {rounds}) | range | wall s | pages/CPU s | peak RSS | CPU vs declutter |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (i, t) in tools.iter().enumerate() {
        let c = cpu(i);
        let lo = samples[i]
            .iter()
            .map(|s| s.cpu)
            .fold(f64::INFINITY, f64::min);
        let hi = samples[i].iter().map(|s| s.cpu).fold(0.0, f64::max);
        let wall = median(samples[i].iter().map(|s| s.wall).collect());
        let rss = samples[i].iter().map(|s| s.rss).fold(0.0, f64::max);
        let failed = samples[i].iter().filter(|s| !s.ok).count();
        println!(
            "| {}{} | {:.2} | {:.2}-{:.2} | {:.2} | {:.0} | {:.0} MB | {:.2}x |",
            t.name,
            if failed > 0 {
                " (some pages failed)"
            } else {
                ""
            },
            c,
            lo,
            hi,
            wall,
            pages.len() as f64 / c,
            rss / 1e6,
            c / ours
        );
    }
    let by_name = |n: &str| tools.iter().position(|t| t.name == n).map(cpu);
    println!();
    if let Some(t) = by_name("trafilatura") {
        let ratio = t / ours;
        println!(
            "target: declutter's CPU <= 1/{TARGET_VS_TRAFILATURA} of trafilatura's: {ratio:.1}x ({})",
            if ratio >= TARGET_VS_TRAFILATURA { "met" } else { "not met" }
        );
    }
    if let Some(d) = by_name("dom_smoothie") {
        println!(
            "target: declutter's CPU below dom_smoothie's: {ours:.2} vs {d:.2} s ({})",
            if ours < d { "met" } else { "not met" }
        );
    }
}
