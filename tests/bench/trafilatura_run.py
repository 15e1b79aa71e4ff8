"""trafilatura over a list of pages, for the benchmarks.

Usage: python3 trafilatura_run.py LIST_FILE  (one path per line; extract.rs, timed per page)
Prints one line per page: "ms<TAB>bytes" (or "error<TAB>bytes"), then "vmhwm_kb<TAB>N".
Usage: python3 trafilatura_run.py --text FILE...  (the whole-process benchmark, tests/bench/peers)
Prints each page's text, as a command line would; failures go to stderr.
Usage: python3 trafilatura_run.py --jsonl DIR  (trafilatura's figures in the README's accuracy table)
Prints {"file", "text"} per page under DIR (.html, .htm, also gzipped), on all cores, for score.py.
Exits with status 3 when trafilatura cannot be imported (the benchmark then skips it).
"""
import gzip
import json
import os
import sys
import time

try:
    import trafilatura
except Exception:  # any import failure means "not available"
    sys.exit(3)

WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))


def text(files):
    failed = 0
    for f in files:
        try:
            with open(f, "rb") as fh:
                sys.stdout.write((trafilatura.extract(fh.read()) or "") + "\n")
        except Exception as e:  # one bad page must not stop the rest
            failed += 1
            sys.stderr.write("trafilatura: %s: %s\n" % (f, e))
    sys.exit(1 if failed else 0)


def one_line(path):
    """One page's prediction line; a page trafilatura fails on gets an empty text."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = trafilatura.extract(data) or ""
    except Exception as e:  # one bad page must not stop the rest
        sys.stderr.write("trafilatura: %s: %s\n" % (path, e))
        text = ""
    return json.dumps({"file": path, "text": text})


def jsonl(folder):
    from concurrent.futures import ProcessPoolExecutor

    files = sorted(
        os.path.join(d, f)
        for d, _, names in os.walk(folder)
        for f in names
        if f.lower().endswith((".html", ".htm", ".html.gz", ".htm.gz"))
    )
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        for line in pool.map(one_line, files, chunksize=8):
            sys.stdout.write(line + "\n")
    sys.exit(0)


def main():
    if sys.argv[1] == "--text":
        text(sys.argv[2:])
    if sys.argv[1] == "--jsonl":
        jsonl(sys.argv[2])
    with open(sys.argv[1], encoding="utf-8") as fh:
        files = [line for line in fh.read().split("\n") if line]
    for f in files[:WARMUP]:
        try:
            with open(f, "rb") as fh:
                trafilatura.extract(fh.read())
        except Exception:
            pass
    out = sys.stdout
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        t0 = time.perf_counter()
        ok = True
        try:
            trafilatura.extract(data)
        except Exception:
            ok = False
        ms = (time.perf_counter() - t0) * 1000.0
        out.write(("%.3f" % ms if ok else "error") + "\t%d\n" % len(data))
    hwm = 0
    with open("/proc/self/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    out.write("vmhwm_kb\t%d\n" % hwm)


main()
