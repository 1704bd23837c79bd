#!/usr/bin/env bash
# Extraction benchmark and quality figures on the full Reuters-21578 corpus (19,043 articles).
# Prints the load and extract times of three runs (median last) and the scorer's figures.
# Usage: bench/extract.sh [corpus]   (corpus: reuters21578 (default) or reuters-mini)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-reuters21578}
shared=$(cd ../shared && pwd)
cargo build --profile dist --quiet
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
mkdir -p "$site/content"
ln -s "$shared/corpora/$corpus/articles" "$site/content/articles"
# The corpus is linked in from outside the site folder, which a site must allow.
printf 'security:\n  outside_symlinks: true\n' >"$site/gazette.yaml"
echo "corpus: $corpus ($(find -L "$site/content/articles" -name '*.txt' | wc -l) articles), $(nproc) cores"
times=()
for run in 1 2 3; do
  line=$(./target/dist/gazette --root "$site" inspect --json --timings 2>&1 >"$site/index.json" | grep '^timings:')
  echo "run $run: ${line#timings: }"
  times+=("$(sed -E 's/.*extract ([0-9]+) ms.*/\1/' <<<"$line")")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
echo "extract median: ${median} ms"
python3 "$shared/eval/score.py" --gold "$shared/corpora/$corpus/gold.jsonl" --index "$site/index.json" | tail -1
