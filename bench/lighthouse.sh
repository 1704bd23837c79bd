#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) of seven pages of a built
# site: home, newest day, an article of that day, a person, a topic, a note and the search page
# with a query. The site is built into a temporary folder and served on 127.0.0.1.
# Usage: bench/lighthouse.sh [site-folder] [base-url-mode]
#   site-folder: default `.` (the example site in content/)
#   QUERY (env): the search page's query, default `strike`
#   base-url-mode: `relative` (default: base_url as the site sets it) or `absolute` (built
#                  with --base-url http://127.0.0.1:PORT/, as a published site has a host)
# Needs python3, node/npm and Chromium (CHROME_PATH, default /usr/bin/chromium). Lighthouse
# 12.2.3 is installed once into ${XDG_CACHE_HOME:-~/.cache}/gazette-bench/node.
set -euo pipefail
cd "$(dirname "$0")/.."
site=$(cd "${1:-.}" && pwd)
mode=${2:-relative}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
node_dir=${XDG_CACHE_HOME:-$HOME/.cache}/gazette-bench/node
lighthouse=$node_dir/node_modules/.bin/lighthouse
if [ ! -x "$lighthouse" ] || ! "$lighthouse" --version | grep -qx 12.2.3; then
  npm install --silent --no-audit --no-fund --prefix "$node_dir" lighthouse@12.2.3 >/dev/null
fi
cargo build --release --quiet

work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
args=()
[ "$mode" = absolute ] && args=(--base-url "http://127.0.0.1:$port/")
./target/release/gazette --root "$site" build --quiet --output "$work/out" "${args[@]}"
python3 -m http.server --bind 127.0.0.1 --directory "$work/out" "$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done

# The pages (as tests/validators.rs picks them): the newest day and its first article, the
# person and the topic with the longest page, the first note.
out=$work/out
first_dir() { find "$1" -mindepth 1 -maxdepth 1 -type d ! -name page | sort | head -1; }
biggest_dir() { find "$1" -mindepth 2 -maxdepth 2 -name index.html -printf '%s %h\n' | sort -k1,1nr -k2 | head -1 | cut -d' ' -f2-; }
day=$(find "$out" -regextype posix-extended -regex '.*/[0-9]{4}/[0-9]{2}/[0-9]{2}' -type d | sort | tail -1)
pages=(
  "home /"
  "day ${day#"$out"}/"
  "article $(first_dir "$day" | sed "s|^$out||")/"
  "person $(biggest_dir "$out/people" | sed "s|^$out||")/"
  "topic $(biggest_dir "$out/topics" | sed "s|^$out||")/"
)
note=$( [ -d "$out/notes" ] && first_dir "$out/notes" | sed "s|^$out||")
[ -n "$note" ] && pages+=("note $note/")
pages+=("search /search/?q=${QUERY:-strike}")

printf '%-8s %5s %5s %5s %5s  %-6s %s\n' page perf a11y best seo CLS url
for entry in "${pages[@]}"; do
  name=${entry%% *}
  path=${entry#* }
  report=$work/$name.json
  "$lighthouse" "http://127.0.0.1:$port$path" --quiet --output=json --output-path="$report" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    >/dev/null 2>&1 || { echo "$name: lighthouse failed"; continue; }
  python3 - "$report" "$name" "$path" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
s = [round(r["categories"][c]["score"] * 100) for c in ("performance", "accessibility", "best-practices", "seo")]
cls = r["audits"]["cumulative-layout-shift"].get("numericValue", 0)
print(f"{sys.argv[2]:<8} {s[0]:>5} {s[1]:>5} {s[2]:>5} {s[3]:>5}  {cls:<6.3f} {sys.argv[3]}")
for cat in r["categories"].values():
    for ref in cat["auditRefs"]:
        a = r["audits"][ref["id"]]
        if ref["weight"] > 0 and a["score"] is not None and a["score"] < 1:
            print(f"         {cat['id']}: {ref['id']} {a['score']} {a.get('displayValue', '')} {a.get('explanation', '')}")
EOF
done
