#!/usr/bin/env bash
# Evaluation benchmark: a release build of Pilar on SQLite with the demo (21 regions in two published
# cycles), driven by wrk over loopback. Measures the public national ranking page, the ranking API and
# the scoring simulation (POST, smart-city-2022) against /health of the same binary in the same run,
# and prints each as a ratio of /health throughput.
#   usage: bash Benchmarks/evaluation.sh [seconds per route, default 10] [connections, default 32]
#   PILAR_BIN=<release binary> skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ -n "${PILAR_BIN:-}" ]; then
  bin=$PILAR_BIN
else
  echo "== Building release (first time: 12-25 minutes)"
  swift build -c release --product pilar >/dev/null
  bin="$(swift build -c release --show-bin-path)/pilar"
fi

work=$(mktemp -d /tmp/pilar-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$work/bench.sqlite" LOG_LEVEL=warning
"$bin" seed demo --password bench-password-1 >/dev/null
"$bin" serve --hostname 127.0.0.1 --port "$port" --env production >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
cycle=$(curl -sf "$base/api/v1/cycles" | python3 -c 'import json,sys; print(max((c for c in json.load(sys.stdin) if c["published"] > 0), key=lambda c: c["period"])["id"])')

cat >"$work/simulate.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"scores":{"baseline":3.2,"output":3.5,"outcome":2.9,"impact":3.8,"quickWin":3.0}}'
LUA

run() { # url [lua script] → "requests/s p50 p99 non-2xx" (latencies in ms)
  wrk -t2 -c"$connections" -d"${duration}s" --latency ${2:+-s "$2"} "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}

printf "%-40s %12s %10s %10s %8s %8s\n" route "requests/s" "p50 ms" "p99 ms" non-2xx ratio
read -r h_rps h_p50 h_p99 h_bad < <(run "$base/health")
printf "%-40s %12s %10s %10s %8s %8s\n" /health "$h_rps" "$h_p50" "$h_p99" "$h_bad" 1.00
for route in "/ranking?cycle=$cycle" "/api/v1/cycles/$cycle/ranking" "/regions/35.74/evaluations"; do
  read -r rps p50 p99 bad < <(run "$base$route")
  printf "%-40s %12s %10s %10s %8s %8s\n" "$route" "$rps" "$p50" "$p99" "$bad" "$(python3 -c "print(f'{$rps / $h_rps:.3f}')")"
done
read -r rps p50 p99 bad < <(run "$base/api/v1/methods/smart-city-2022/simulate" "$work/simulate.lua")
printf "%-40s %12s %10s %10s %8s %8s\n" "POST /api/v1/methods/…/simulate" "$rps" "$p50" "$p99" "$bad" "$(python3 -c "print(f'{$rps / $h_rps:.3f}')")"
