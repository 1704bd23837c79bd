#!/usr/bin/env python3
"""Incremental builds: a day's articles added to a built archive, with and without the cache.

    python3 bench/incremental.py [SIZES...] [--add 100] [--runs 3] [--work DIR] [--disk]

For each size (default: 10000) the synthetic corpus of bench/vs_hugo.py is used (generated
with ../shared/bench/gen_corpus.py when missing). A site links the corpus in as
content/articles/base/; the new day's articles go into content/articles/new/: copies of the
first --add articles, dated the day after the corpus's last day, so they are new items with
new actors' mentions, not edits. Printed, each the median of --runs:

  cold         a build into an empty output folder, without a cache (--no-cache);
  unchanged    a rebuild over that output with nothing changed;
  +N articles  a rebuild after adding the day's articles, with the cache;
  +N no cache  the same rebuild with --no-cache (every page rendered).

Every run starts from the same state: the day's articles are removed and the site rebuilt
before each "+N" run. Output goes to /dev/shm unless --disk. Figures are wall times of the
whole command; the last line gives the incremental rebuild as a share of the cold build.
"""

import argparse
import datetime
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vs_hugo  # noqa: E402  (the corpus and the binary are the same as vs_hugo's)

REPO = Path(__file__).resolve().parent.parent
DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})", re.I)


def site_for(n, work):
    corpus, _ = vs_hugo.corpus(n, work)
    site = work / f"incremental-{n}"
    arts = site / "content" / "articles"
    arts.mkdir(parents=True, exist_ok=True)
    if not (arts / "base").exists():
        (arts / "base").symlink_to(corpus / "raw")
    (site / "gazette.yaml").write_text("security:\n  outside_symlinks: true\n")
    return site, corpus / "raw"


def last_day(raw):
    days = []
    for f in sorted(raw.iterdir())[-200:]:
        m = DATE.match(f.read_text(errors="replace"))
        if m:
            days.append(m.group(1))
    return datetime.date.fromisoformat(max(days))


def add_day(site, raw, count):
    new = site / "content" / "articles" / "new"
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir()
    day = (last_day(raw) + datetime.timedelta(days=1)).isoformat()
    for i, f in enumerate(sorted(raw.iterdir())[:count]):
        text = DATE.sub(f" date {day}", f.read_text(errors="replace"), count=1)
        (new / f"new-{i:04}-{f.name}").write_text(text)


def remove_day(site):
    shutil.rmtree(site / "content" / "articles" / "new", ignore_errors=True)


def run(site, out, *extra):
    cmd = [str(vs_hugo.GAZETTE), "--root", str(site), "build", "--output", str(out), *extra]
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    m = re.search(r"^(\d+) unchanged pages carried over", r.stdout, re.M)
    return wall, int(m.group(1)) if m else 0, r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10000])
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("/tmp/gazette-bench"))
    ap.add_argument("--disk", action="store_true", help="write the output to the work folder")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--profile", "dist", "--quiet"], cwd=REPO, check=True)
    args.work.mkdir(parents=True, exist_ok=True)
    out_root = args.work if args.disk else Path("/dev/shm/gazette-bench")
    out_root.mkdir(parents=True, exist_ok=True)
    print(f"gazette {vs_hugo.GAZETTE}; outputs in {out_root}", flush=True)
    for n in args.sizes:
        site, raw = site_for(n, args.work)
        out = out_root / f"incremental-out-{n}"
        remove_day(site)
        rows = {"cold": [], "unchanged": [], f"+{args.add} articles": [],
                f"+{args.add} no cache": []}
        pages = {}
        for _ in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            rows["cold"].append(run(site, out, "--no-cache")[0])
            wall, kept, _ = run(site, out)
            rows["unchanged"].append(wall)
            pages["unchanged"] = kept
            for key, extra in ((f"+{args.add} articles", ()),
                               (f"+{args.add} no cache", ("--no-cache",))):
                remove_day(site)
                run(site, out)  # back to the state before the day's articles
                add_day(site, raw, args.add)
                wall, kept, stdout = run(site, out, *extra)
                rows[key].append(wall)
                pages[key] = kept
                built = re.search(r"^built (\d+) HTML pages", stdout, re.M)
                pages["total"] = int(built.group(1)) if built else 0
            remove_day(site)
        print(f"\n{n:,} articles ({pages.get('total', 0):,} HTML pages after the additions)")
        med = {k: statistics.median(v) for k, v in rows.items()}
        for k, v in med.items():
            kept = f", {pages[k]:,} pages carried over" if k in pages else ""
            print(f"  {k:<18} {v:7.2f} s{kept}  (runs: {', '.join(f'{x:.2f}' for x in rows[k])})")
        inc = med[f"+{args.add} articles"]
        print(f"  the rebuild after +{args.add} takes {inc / med['cold']:.0%} of a cold build")
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
