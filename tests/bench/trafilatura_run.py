"""trafilatura over a list of pages, for the benchmarks.

Usage: python3 trafilatura_run.py LIST_FILE  (one path per line; extract.rs, timed per page)
Prints one line per page: "ms<TAB>bytes" (or "error<TAB>bytes"), then "vmhwm_kb<TAB>N".
Usage: python3 trafilatura_run.py --text FILE...  (the whole-process benchmark, tests/bench/peers)
Prints each page's text, as a command line would; failures go to stderr.
Exits with status 3 when trafilatura cannot be imported (the benchmark then skips it).
"""
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


def main():
    if sys.argv[1] == "--text":
        text(sys.argv[2:])
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
