#!/usr/bin/env bash
# Reports benchmark on the demo region, release build, SQLite: how long each report takes to generate as
# a page, an XLSX workbook and a PDF (headless Chromium), measured as the median of N sequential requests
# (curl's time_total, so connection set-up on loopback is included), with the size of each answer; then
# the weight and time of the public region page /portal/35.74.
#   usage: bash Benchmarks/reports.sh [requests per row, default 5]   (PILAR_BIN=<release binary> skips the build)
# Sequential on purpose: a PDF occupies a core with Chromium, and the question is how long one reader waits.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 1; }
if [ -n "${PILAR_BIN:-}" ]; then bin=$PILAR_BIN; else
  echo "== Building release (first time: 12-25 minutes)"
  swift build -c release --product pilar >/dev/null
  bin="$(swift build -c release --show-bin-path)/pilar"
fi
work=$(mktemp -d /tmp/pilar-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$work/bench.sqlite" LOG_LEVEL=warning PILAR_BCRYPT_COST=10
"$bin" seed demo --password bench-password-1 >/dev/null
"$bin" serve --hostname 127.0.0.1 --port "$port" --env production >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"

# A council member's session (reads all three reports of 35.74), the way a browser gets one.
jar="$work/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "email=dewan@probolinggo.pilar.test" \
  --data-urlencode "password=bench-password-1" --data-urlencode "csrf=$csrf" "$base/login"
cookie="pilar-session=$(awk '$6 == "pilar-session" { print $7 }' "$jar")"

# Probolinggo's latest published evaluation of a cycle (not a legacy total).
evaluation=$(curl -sf "$base/api/v1/regions/35.74/evaluations" | python3 -c '
import json, sys
entries = [e for e in json.load(sys.stdin) if not e["legacy"]]
print(max(entries, key=lambda e: e["period"])["id"])')
year=$(TZ=Asia/Jakarta date +%Y)   # the report's own default: the current year in Western Indonesia Time
curl -sf -H "Cookie: $cookie" "$base/reports/evaluations/$evaluation" | grep -q 'id="index"' \
  || { echo "evaluation report did not render" >&2; exit 1; }

measure() { # path [cookie] → "median_ms bytes http_status" over $runs sequential requests
  local path=$1 cookie=${2:-} times=() size=0 code=000 t s c
  for _ in $(seq 1 "$runs"); do
    read -r t s c < <(curl -s -o /dev/null ${cookie:+-H "Cookie: $cookie"} -w '%{time_total} %{size_download} %{http_code}\n' "$base$path")
    times+=("$t"); size=$s; code=$c
  done
  printf '%s\n' "${times[@]}" | sort -g | awk -v size="$size" -v code="$code" '{ a[NR] = $1 }
    END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f %s %s\n", m * 1000, size, code }'
}

row() { # label format path [cookie]
  local ms bytes code
  read -r ms bytes code < <(measure "$3" "${4:-}")
  printf "%-28s %-14s %12s %12s %7s\n" "$1" "$2" "$ms" "$bytes" "$code"
}

echo "Reports on the demo region 35.74, median of $runs sequential requests (Chromium: ${PILAR_CHROMIUM:-/usr/bin/chromium})"
printf "%-28s %-14s %12s %12s %7s\n" report format "median ms" bytes status
for report in "evaluation|/reports/evaluations/$evaluation|?" "annual $year|/regions/35.74/reports/annual?year=$year|&" "quick wins|/regions/35.74/reports/quick-wins|?"; do
  IFS='|' read -r label path join <<<"$report"
  row "$label" page "$path" "$cookie"
  row "$label" xlsx "$path${join}format=xlsx" "$cookie"
  row "$label" "pdf (notice)" "$path${join}format=pdf" "$cookie"
  row "$label" pdf "$path${join}format=pdf&ready=1" "$cookie"
done

# The public region page (anonymous), and its weight with the one stylesheet it loads.
read -r p_ms p_bytes p_code < <(measure /portal/35.74)
css_bytes=$(curl -s -o /dev/null -w '%{size_download}' "$base/css/pilar.css")
printf "%-28s %-14s %12s %12s %7s\n" "/portal/35.74 (public)" page "$p_ms" "$p_bytes" "$p_code"
if [ "$p_code" = 200 ]; then
  echo "page weight /portal/35.74: $p_bytes bytes HTML + $css_bytes bytes pilar.css = $((p_bytes + css_bytes)) bytes (uncompressed)"
else
  echo "/portal/35.74 answered $p_code: the public region page is not served by this build" >&2
fi
