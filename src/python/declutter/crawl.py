"""An example crawl pipeline on Dask: a folder of WARC files to JSON lines, one task per file.

    python -m declutter.crawl CRAWL_DIR OUT_DIR                      # a local cluster
    python -m declutter.crawl CRAWL_DIR OUT_DIR --scheduler tcp://HOST:8786

Every ``*.warc`` and ``*.warc.gz`` file under CRAWL_DIR becomes one task: a worker extracts
all its HTML pages with ``declutter.extract_warc`` (on the worker's cores, the GIL released)
and writes ``OUT_DIR/<file name>.jsonl``, one line per page exactly as
``declutter extract --format jsonl FILE`` prints it (``file``, ``record_id``, ``url``, then the
extraction; a broken record gives an ``error`` line and the file goes on). The task returns
its counts, and the run prints the totals.

On a cluster, every worker needs this package installed (``pip install`` the same wheel), and
CRAWL_DIR and OUT_DIR must be the same paths on every worker (a shared file system). Start
the scheduler and workers the usual Dask way (``dask scheduler``, then on each machine
``dask worker tcp://HOST:8786 --nworkers 1 --nthreads 1``: one task at a time per machine,
whose extraction uses all the machine's cores; or a Kubernetes, Slurm or cloud deployment)
and pass the scheduler's address. The local cluster instead runs one single-threaded worker
per core. ``--engine trafilatura`` runs trafilatura instead, called the same way
(same files, same tasks, same output files, pages read by ``declutter.read_warc``), for
comparisons.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import declutter

WARC_SUFFIXES = (".warc", ".warc.gz")


def warc_files(crawl_dir: str) -> List[str]:
    """The WARC files under ``crawl_dir``, sorted."""
    found = []
    for root, _dirs, files in os.walk(crawl_dir):
        for name in files:
            if name.lower().endswith(WARC_SUFFIXES):
                found.append(os.path.join(root, name))
    return sorted(found)


def _rows_declutter(path: str) -> Any:
    return declutter.extract_warc(path)


def _rows_trafilatura(path: str) -> Any:
    import trafilatura

    for page in declutter.read_warc(path):
        text = trafilatura.extract(page.body, url=page.url)
        yield {"file": path, "record_id": page.record_id, "url": page.url, "text": text or ""}


ENGINES = {"declutter": _rows_declutter, "trafilatura": _rows_trafilatura}


def extract_file(path: str, out_dir: str, engine: str = "declutter") -> Dict[str, Any]:
    """One task: every page of one WARC file into ``out_dir/<name>.jsonl``; returns the counts."""
    name = os.path.basename(path)
    out = os.path.join(out_dir, name + ".jsonl")
    tmp = out + ".part"
    pages = errors = 0
    started = time.process_time()
    with open(tmp, "w", encoding="utf-8") as f:
        for row in ENGINES[engine](path):
            if "error" in row:
                errors += 1
            else:
                pages += 1
            f.write(json.dumps(row, ensure_ascii=False))
            f.write("\n")
    # A file is complete or absent: a task retried after a lost worker starts again.
    os.replace(tmp, out)
    return {"file": path, "out": out, "pages": pages, "errors": errors,
            "cpu_seconds": time.process_time() - started,
            "worker": f"{socket.gethostname()}:{os.getpid()}"}


def run(crawl_dir: str, out_dir: str, client: Any, engine: str = "declutter") -> Dict[str, Any]:
    """Extracts every WARC file under ``crawl_dir`` on the cluster ``client`` is connected to."""
    files = warc_files(crawl_dir)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    futures = client.map(extract_file, files, out_dir=out_dir, engine=engine, pure=False)
    results = client.gather(futures)
    return {
        "files": len(files),
        "pages": sum(r["pages"] for r in results),
        "errors": sum(r["errors"] for r in results),
        "seconds": time.perf_counter() - started,
        "tasks": results,
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m declutter.crawl", description=__doc__.split("\n")[0])
    parser.add_argument("crawl_dir", help="folder of .warc / .warc.gz files (walked)")
    parser.add_argument("out_dir", help="where the .jsonl files go")
    parser.add_argument("--scheduler", help="address of a Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="local cluster only: worker processes (default: one per core)")
    parser.add_argument("--engine", choices=sorted(ENGINES), default="declutter")
    args = parser.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        # One core per worker process, for either engine: the core's own thread pool in each
        # worker is one thread too (inherited by the worker processes).
        os.environ.setdefault("RAYON_NUM_THREADS", "1")
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        summary = run(args.crawl_dir, args.out_dir, client, engine=args.engine)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"{summary['pages']} pages, {summary['errors']} unreadable records, "
          f"{summary['files']} files in {summary['seconds']:.1f} s -> {args.out_dir}")
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
