"""Benchmark: pages per second per core from Python, declutter against trafilatura, called the
same way in the same run.

    npm run bench:python [-- PAGES_DIR] [-- --limit N]

(`node tests/python/run.mjs --bench`: a release wheel and trafilatura 2.3.1 in the
virtualenv under target/, then this script.) PAGES_DIR (default: the trafilatura-dev corpus
beside the repository, ../shared/corpus/trafilatura-dev/html) holds .html or .html.gz pages.

Three ways, each run for both extractors on the same pages, in alternation:
1. the Python API, one page per call in one thread (`declutter.extract(html)` /
   `trafilatura.extract(html)`);
2. a batch on all cores (`declutter.extract_many(pages)` / a `multiprocessing.Pool` of one
   process per core mapping `trafilatura.extract`);
3. the Dask pipeline (`declutter.crawl`) over WARC files written from the same pages, on a
   local cluster of one single-threaded worker process per core (`--engine declutter` /
   `--engine trafilatura`, pages read by `declutter.read_warc`).

Printed per way and extractor: wall-clock pages/s divided by the cores used, and pages per
CPU-second (CPU time of every process involved: steadier than wall clock on a shared machine).
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import declutter
import trafilatura
from declutter import crawl

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PAGES = ROOT.parent / "shared" / "corpus" / "trafilatura-dev" / "html"
WARC_FILES = 8


def load_pages(folder: Path, limit: int):
    files = sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".htm", ".html.gz")))
    pages = []
    for p in files[:limit] if limit else files:
        data = p.read_bytes()
        pages.append(gzip.decompress(data) if p.name.endswith(".gz") else data)
    return pages


def cpu_now() -> float:
    """CPU seconds of this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn):
    cpu, wall = cpu_now(), time.perf_counter()
    fn()
    return time.perf_counter() - wall, cpu_now() - cpu


def traf(html):
    return trafilatura.extract(html)


def traf_cpu(html) -> float:
    """trafilatura on one page in a pool process; returns the CPU seconds it took."""
    t = time.process_time()
    trafilatura.extract(html)
    return time.process_time() - t


def write_warcs(pages, folder: Path):
    """The pages as WARC/1.1 response records, gzip per record, spread over WARC_FILES files."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(WARC_FILES):
        with open(folder / f"bench-{f}.warc.gz", "wb") as out:
            for n in range(f, len(pages), WARC_FILES):
                http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + pages[n]
                head = (f"WARC/1.1\r\nWARC-Type: response\r\n"
                        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\n"
                        f"WARC-Date: 2024-05-01T10:00:00Z\r\n"
                        f"WARC-Target-URI: https://bench.example/{n}\r\n"
                        f"Content-Type: application/http; msgtype=response\r\n"
                        f"Content-Length: {len(http)}\r\n\r\n").encode()
                out.write(gzip.compress(head + http + b"\r\n\r\n"))


def dask_run(engine: str, warc_dir: Path, cores: int):
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=cores, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None,
                           env={"RAYON_NUM_THREADS": "1"})
    client = Client(cluster)
    try:
        # Warm every worker (imports, first page) outside the timing.
        client.run(lambda: (declutter.extract(b"<p>warm</p>"), trafilatura.extract("<p>warm</p>")))
        with tempfile.TemporaryDirectory() as out:
            summary = crawl.run(str(warc_dir), out, client, engine=engine)
    finally:
        client.close()
        cluster.close()
    cpu = sum(t["cpu_seconds"] for t in summary["tasks"])
    return summary["seconds"], cpu, summary["pages"]


def report(rows):
    print(f"{'way':<34} {'extractor':<12} {'pages/s/core':>12} {'pages/CPU-s':>12}")
    for way, name, per_core, per_cpu in rows:
        print(f"{way:<34} {name:<12} {per_core:>12.1f} {per_cpu:>12.1f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages", nargs="?", default=str(DEFAULT_PAGES))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    folder = Path(args.pages)
    if not folder.is_dir():
        sys.exit(f"no pages at {folder}: give a folder of .html pages")
    pages = load_pages(folder, args.limit)
    cores = os.cpu_count() or 1
    n = len(pages)
    print(f"{n} pages ({sum(map(len, pages)) / 1e6:.1f} MB) from {folder}, {cores} cores, "
          f"declutter release wheel, trafilatura {trafilatura.__version__}")
    rows = []

    # Warm-up: imports, lazy tables.
    for p in pages[:5]:
        declutter.extract(p)
        traf(p)

    # 1. One page per call, one thread.
    wall, cpu = timed(lambda: [declutter.extract(p) for p in pages])
    rows.append(("API, one call per page, 1 thread", "declutter", n / wall, n / cpu))
    wall, cpu = timed(lambda: [traf(p) for p in pages])
    rows.append(("API, one call per page, 1 thread", "trafilatura", n / wall, n / cpu))

    # 2. A batch on all cores.
    wall, cpu = timed(lambda: declutter.extract_many(pages))
    rows.append((f"batch on {cores} cores", "declutter", n / wall / cores, n / cpu))
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(traf, pages[:cores])  # start the workers before timing
        wall0 = time.perf_counter()
        cpu = sum(pool.map(traf_cpu, pages, chunksize=8))
        wall = time.perf_counter() - wall0
    rows.append((f"batch on {cores} cores", "trafilatura", n / wall / cores, n / cpu))

    # 3. The Dask pipeline over WARC files.
    with tempfile.TemporaryDirectory() as tmp:
        warc_dir = Path(tmp) / "warc"
        write_warcs(pages, warc_dir)
        for engine in ("declutter", "trafilatura"):
            wall, cpu, done = dask_run(engine, warc_dir, cores)
            assert done == n, (engine, done, n)
            rows.append((f"Dask, {cores} workers x 1 thread", engine, n / wall / cores, n / cpu))
    report(rows)
    for way in dict.fromkeys(r[0] for r in rows):
        d = next(r for r in rows if r[0] == way and r[1] == "declutter")
        t = next(r for r in rows if r[0] == way and r[1] == "trafilatura")
        print(f"{way}: declutter {d[2] / t[2]:.1f}x trafilatura's pages/s/core")


if __name__ == "__main__":
    main()
