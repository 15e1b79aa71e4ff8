//! Benchmark: declutter vs Readability.js + jsdom vs trafilatura on the same pages.
//!
//! `cargo bench --bench extract [-- [PATH] [--limit N] [--no-peers]]` (or `npm run bench`).
//! PATH defaults to `../shared` beside the repo (the shared corpora); every `.html`/`.htm`
//! below it is a page, except `expected.html` (a reference extraction, not a page).
//!
//! Prints, per extractor: median and p95 ms per page, median ms per 100 KB, throughput (MB/s
//! over the whole set) and peak memory; then the ratios against the targets. Everything runs
//! single-threaded, one page at a time, after the same few warm-up pages, in release mode.
//! Peers run as child processes (node, python3), each reporting its own VmHWM; ours uses a
//! counting allocator, so the peak heap of each page is known exactly.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Pages run once untimed before measuring (allocator, caches, JIT for node).
const WARMUP: usize = 5;
/// Target: median native time per 100 KB of page.
const TARGET_MS_PER_100KB: f64 = 2.0;
/// Target throughput ratios.
const TARGET_VS_TRAFILATURA: f64 = 15.0;
const TARGET_VS_READABILITY: f64 = 60.0;
/// Target peak memory: this many times the page size plus a fixed allowance.
const TARGET_MEM_FACTOR: f64 = 10.0;
const TARGET_MEM_FIXED: f64 = 20.0 * MB;
const MB: f64 = 1024.0 * 1024.0;
const KB100: f64 = 100.0 * 1024.0;

/// Counts live heap bytes and their high-water mark.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// One extractor's measurements over the page set.
struct Run {
    name: String,
    /// (ms, bytes) per page that succeeded.
    pages: Vec<(f64, usize)>,
    errors: usize,
    /// Peak memory of the process, bytes (VmHWM).
    vmhwm: Option<f64>,
}

impl Run {
    fn sorted_ms(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self.pages.iter().map(|p| p.0).collect();
        v.sort_by(f64::total_cmp);
        v
    }
    fn median(&self) -> f64 {
        percentile(&self.sorted_ms(), 50.0)
    }
    fn p95(&self) -> f64 {
        percentile(&self.sorted_ms(), 95.0)
    }
    fn ms_per_100kb(&self) -> f64 {
        let mut v: Vec<f64> = self
            .pages
            .iter()
            .map(|&(ms, b)| ms * KB100 / b.max(1) as f64)
            .collect();
        v.sort_by(f64::total_cmp);
        percentile(&v, 50.0)
    }
    fn mb_per_s(&self) -> f64 {
        let bytes: usize = self.pages.iter().map(|p| p.1).sum();
        let ms: f64 = self.pages.iter().map(|p| p.0).sum();
        bytes as f64 / MB / (ms / 1000.0).max(1e-9)
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p / 100.0 * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn collect_pages(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
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
    out.sort();
    out
}

fn vmhwm_self() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0)
}

/// Ours, in this process: per page time and peak heap above what was live before it.
fn run_ours(files: &[PathBuf]) -> (Run, Vec<(usize, usize)>) {
    let opts = declutter::Options::default();
    for f in files.iter().take(WARMUP) {
        if let Ok(b) = std::fs::read(f) {
            let _ = declutter::extract_html(&b, &opts);
        }
    }
    let mut run = Run {
        name: "declutter (native)".into(),
        pages: Vec::new(),
        errors: 0,
        vmhwm: None,
    };
    let mut mem = Vec::new();
    for f in files {
        let Ok(bytes) = std::fs::read(f) else {
            run.errors += 1;
            continue;
        };
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let t0 = Instant::now();
        let r = declutter::extract_html(&bytes, &opts);
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        let peak = PEAK.load(Ordering::Relaxed) - before;
        match r {
            Ok(_) => {
                run.pages.push((ms, bytes.len()));
                mem.push((peak, bytes.len()));
            }
            Err(_) => run.errors += 1,
        }
    }
    run.vmhwm = vmhwm_self();
    (run, mem)
}

/// A peer in a child process; `None` when it is not installed (exit status 3 or no runtime).
fn run_peer(name: &str, cmd: &str, script: &Path, list: &Path) -> Option<Run> {
    let out = Command::new(cmd)
        .arg(script)
        .arg(list)
        .env("BENCH_WARMUP", WARMUP.to_string())
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            let why = String::from_utf8_lossy(&o.stderr);
            let why = why.lines().last().unwrap_or("not installed");
            println!("{name}: skipped ({why})");
            return None;
        }
        Err(e) => {
            println!("{name}: skipped ({cmd}: {e})");
            return None;
        }
    };
    let mut run = Run {
        name: name.into(),
        pages: Vec::new(),
        errors: 0,
        vmhwm: None,
    };
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut parts = line.split('\t');
        match (
            parts.next(),
            parts.next().and_then(|b| b.parse::<f64>().ok()),
        ) {
            (Some("vmhwm_kb"), Some(kb)) => run.vmhwm = Some(kb * 1024.0),
            (Some("error"), Some(_)) => run.errors += 1,
            (Some(ms), Some(bytes)) => {
                if let Ok(ms) = ms.parse::<f64>() {
                    run.pages.push((ms, bytes as usize));
                }
            }
            _ => {}
        }
    }
    Some(run)
}

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut root = manifest.join("../shared");
    let mut limit = usize::MAX;
    let mut peers = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            // cargo passes --bench to harness = false targets.
            "--bench" => {}
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).unwrap_or(limit),
            "--no-peers" => peers = false,
            p if !p.starts_with("--") => root = PathBuf::from(p),
            other => eprintln!("bench: ignoring {other}"),
        }
    }
    let mut files = collect_pages(&root);
    files.truncate(limit);
    if files.is_empty() {
        eprintln!("bench: no .html pages under {} (pass the corpus folder: cargo bench --bench extract -- PATH)", root.display());
        std::process::exit(1);
    }
    let sizes: Vec<usize> = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len() as usize))
        .collect();
    let total: usize = sizes.iter().sum();
    let mut sorted_sizes = sizes.clone();
    sorted_sizes.sort_unstable();
    println!(
        "{} pages under {} ({:.1} MB, median {:.0} KB, largest {:.0} KB); single-threaded, {} warm-up pages",
        files.len(),
        root.display(),
        total as f64 / MB,
        sorted_sizes[sorted_sizes.len() / 2] as f64 / 1024.0,
        *sorted_sizes.last().unwrap_or(&0) as f64 / 1024.0,
        WARMUP
    );

    let (ours, mem) = run_ours(&files);
    let mut runs = vec![ours];
    if peers {
        let list = std::env::temp_dir().join(format!("declutter-bench-{}.txt", std::process::id()));
        let text: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
        if std::fs::write(&list, text).is_ok() {
            let bench = manifest.join("tests/bench");
            runs.extend(run_peer(
                "Readability.js+jsdom",
                "node",
                &bench.join("readability.mjs"),
                &list,
            ));
            runs.extend(run_peer(
                "trafilatura",
                "python3",
                &bench.join("trafilatura_run.py"),
                &list,
            ));
            let _ = std::fs::remove_file(&list);
        }
    }

    println!(
        "\n{:<22} {:>6} {:>10} {:>9} {:>12} {:>9} {:>12}",
        "extractor", "pages", "median ms", "p95 ms", "ms/100KB", "MB/s", "peak RSS MB"
    );
    for r in &runs {
        println!(
            "{:<22} {:>6} {:>10.2} {:>9.2} {:>12.3} {:>9.2} {:>12.1}{}",
            r.name,
            r.pages.len(),
            r.median(),
            r.p95(),
            r.ms_per_100kb(),
            r.mb_per_s(),
            r.vmhwm.unwrap_or(f64::NAN) / MB,
            if r.errors > 0 {
                format!("  ({} failed)", r.errors)
            } else {
                String::new()
            }
        );
    }

    let ours = &runs[0];
    println!("\ntargets:");
    let m = ours.ms_per_100kb();
    println!(
        "  median ms per 100 KB: {m:.3} (target <= {TARGET_MS_PER_100KB}): {}",
        verdict(m <= TARGET_MS_PER_100KB)
    );
    for (peer, target) in [
        ("trafilatura", TARGET_VS_TRAFILATURA),
        ("Readability.js+jsdom", TARGET_VS_READABILITY),
    ] {
        match runs.iter().find(|r| r.name == peer) {
            Some(p) => {
                let ratio = ours.mb_per_s() / p.mb_per_s();
                println!(
                    "  throughput vs {peer}: {ratio:.1}x (target >= {target}x): {}",
                    verdict(ratio >= target)
                );
            }
            None => println!("  throughput vs {peer}: not measured (peer unavailable)"),
        }
    }
    // Peak heap per page against 10x page + 20 MB; the worst page by ratio and by excess.
    let over = mem
        .iter()
        .filter(|&&(peak, size)| peak as f64 > TARGET_MEM_FACTOR * size as f64 + TARGET_MEM_FIXED)
        .count();
    let worst = mem
        .iter()
        .map(|&(peak, size)| (peak as f64 / size.max(1) as f64, peak, size))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let largest = mem.iter().max_by_key(|m| m.1);
    if let (Some(w), Some(l)) = (worst, largest) {
        println!(
            "  peak heap per page: worst {:.1}x its page ({:.2} MB for {:.1} KB); largest page {:.0} KB -> {:.1} MB ({:.1}x)",
            w.0,
            w.1 as f64 / MB,
            w.2 as f64 / 1024.0,
            l.1 as f64 / 1024.0,
            l.0 as f64 / MB,
            l.0 as f64 / l.1.max(1) as f64
        );
    }
    println!(
        "  peak heap <= 10x page + 20 MB: {} of {} pages over: {}",
        over,
        mem.len(),
        verdict(over == 0)
    );
    for r in runs.iter().skip(1) {
        if let Some(h) = r.vmhwm {
            println!(
                "  {} process peak RSS {:.0} MB = {:.0}x the largest page",
                r.name,
                h / MB,
                h / (*sorted_sizes.last().unwrap_or(&1)).max(1) as f64
            );
        }
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}
