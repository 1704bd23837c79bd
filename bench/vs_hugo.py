#!/usr/bin/env python3
"""Gazette against Hugo, side by side, on the same synthetic corpus.

    python3 bench/vs_hugo.py [SIZES...] [--runs 3] [--work DIR] [--no-hugo]

For each size (default: 10000) the corpus is generated once with
../shared/bench/gen_corpus.py (plain-text articles for Gazette, the equivalent Hugo site for
Hugo), then, after one untimed warm-up run of each, clean builds to disk alternate Gazette, Hugo,
Gazette, Hugo, ... `--runs` times each. Every run writes a new output folder after `sync`, so no
run pays for the last one's writes. Printed per tool: median wall time, median CPU time (user + system), median peak
resident memory, files written; then the ratio of Hugo's median wall time to Gazette's.

Output folders are deleted only once every size has run. On a journal-less ext4 disk (this
machine's), a file created within about six minutes of deleting many others makes the kernel
check each recently freed inode before reusing it; deleting one size's builds before timing the
next made those runs several times slower in kernel time. Leave a few minutes between
invocations for the same reason.

Gazette's build includes extraction (it reads untagged text and finds the people and topics
itself); Hugo's reads front matter that already lists them.

Hugo is installed with apt when missing (the Debian package, 0.111 on this machine kind).
Sizes whose articles would run past today are generated with an earlier start date, since
both tools leave out future-dated items by default.
"""

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
GAZETTE = REPO / "target" / "dist" / "gazette"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def ensure_hugo():
    if shutil.which("hugo"):
        return
    print("hugo not found: installing the Debian package", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    sh(sudo + ["apt-get", "update", "-qq"])
    sh(sudo + ["apt-get", "install", "-y", "-qq", "hugo"])


def hugo_version():
    out = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout
    return out.split()[1] if out else "?"


def start_date(n):
    """gen_corpus spreads N articles over N/40 days; keep them all in the past."""
    days = n // 40 + 1
    start = datetime.date(2024, 1, 1)
    latest_ok = datetime.date.today() - datetime.timedelta(days=2)
    if start + datetime.timedelta(days=days) > latest_ok:
        start = latest_ok - datetime.timedelta(days=days)
        start = start.replace(month=1, day=1)
    return start.isoformat()


def corpus(n, work):
    d = work / f"corpus-{n}"
    if not (d / "raw").is_dir() or not (d / "hugo").is_dir():
        print(f"generating {n} articles into {d} ...", flush=True)
        sh([sys.executable, str(GEN), str(n), str(d), "--force", "--start", start_date(n)],
           stdout=subprocess.DEVNULL)
    site = work / f"gazette-{n}"
    (site / "content").mkdir(parents=True, exist_ok=True)
    link = site / "content" / "articles"
    if not link.exists():
        link.symlink_to(d / "raw")
    # The corpus is linked in from outside the site folder, which a site must allow.
    config = site / "gazette.yaml"
    if not config.exists():
        config.write_text("security:\n  outside_symlinks: true\n")
    return d, site


def timed(cmd, out_dirs):
    """One clean build into folders that do not exist yet; returns wall, cpu, rss MiB."""
    for o in out_dirs:
        shutil.rmtree(o, ignore_errors=True)
    sh(["sync"])
    time.sleep(1)
    t = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    user, sys_, rss_kb = r.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(sys_), int(rss_kb) / 1024


def files_in(d):
    return sum(len(f) for _, _, f in os.walk(d))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed runs of each tool first (file cache, CPU frequency)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/gazette-bench"))
    ap.add_argument("--no-hugo", action="store_true", help="time Gazette only")
    args = ap.parse_args()

    sh(["cargo", "build", "--profile", "dist", "--quiet"], cwd=REPO)
    if not args.no_hugo:
        ensure_hugo()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; gazette {GAZETTE}"
          + ("" if args.no_hugo else f"; hugo {hugo_version()}"), flush=True)

    rows = []
    # Every run writes a new folder; all are deleted at the end (see the note above).
    written = []
    for n in args.sizes:
        d, site = corpus(n, args.work)
        outs = {"gazette": [], "hugo": []}

        def tool_cmd(name, run):
            out = args.work / f"out-{name}-{n}-{run}"
            outs[name].append(out)
            if name == "gazette":
                return [str(GAZETTE), "--root", str(site), "--quiet", "build",
                        "--output", str(out)], [out]
            return (["hugo", "--quiet", "--source", str(d / "hugo"), "--destination", str(out)],
                    [out, d / "hugo" / "resources"])

        names = ["gazette"] + ([] if args.no_hugo else ["hugo"])
        results = {k: [] for k in names}
        for run in range(-args.warmup, args.runs):
            for name in names:
                cmd, fresh = tool_cmd(name, run)
                wall, cpu, rss = timed(cmd, fresh)
                if run < 0:
                    print(f"  {n:>9,} {name:<8} warm-up: {wall:7.2f} s wall", flush=True)
                    continue
                results[name].append((wall, cpu, rss))
                print(f"  {n:>9,} {name:<8} run {run + 1}: {wall:7.2f} s wall, "
                      f"{cpu:7.2f} s cpu, {rss:7.0f} MiB", flush=True)
        med = {k: tuple(statistics.median(x[i] for x in v) for i in range(3))
               for k, v in results.items()}
        files = {k: files_in(v[-1]) for k, v in outs.items() if v}
        if not args.no_hugo and files.get("hugo", 0) == 0:
            sys.exit("hugo wrote no files")
        rows.append((n, med, files))
        written += [o for v in outs.values() for o in v]

    print()
    print(f"{'articles':>9}  {'tool':<8} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} "
          f"{'files':>9}  {'MiB/1k art':>10}")
    for n, med, files in rows:
        for name, (wall, cpu, rss) in med.items():
            print(f"{n:>9,}  {name:<8} {wall:8.2f} {cpu:8.2f} {rss:9.0f} {files[name]:>9,}"
                  f"  {rss / (n / 1000):10.1f}")
        if "hugo" in med:
            ratio = med["hugo"][0] / med["gazette"][0]
            print(f"{'':>9}  Gazette is {ratio:.2f}x Hugo's speed (wall, median of {args.runs})")
    for o in written:
        shutil.rmtree(o, ignore_errors=True)


if __name__ == "__main__":
    main()
