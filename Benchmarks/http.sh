#!/usr/bin/env bash
# HTTP benchmark: a release build of Pilar on SQLite, driven by wrk over loopback.
# Prints requests/s and latency for a plain route (/health) and a database read
# (GET /api/v1/regions/{code}), and their ratio. Figures from one run on one machine are
# only comparable with each other, which is why the ratio is the number to quote.
#   usage: bash Benchmarks/http.sh [seconds per route, default 10] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

# PILAR_BIN runs an already built release binary (its resource bundle must sit beside it).
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

run() { # route → "requests/s p50 p99" (latencies in ms)
  wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}

printf "%-32s %12s %10s %10s %8s\n" route "requests/s" "p50 ms" "p99 ms" non-2xx
read -r h_rps h_p50 h_p99 h_bad < <(run /health)
printf "%-32s %12s %10s %10s %8s\n" /health "$h_rps" "$h_p50" "$h_p99" "$h_bad"
read -r r_rps r_p50 r_p99 r_bad < <(run /api/v1/regions/35.74)
printf "%-32s %12s %10s %10s %8s\n" /api/v1/regions/35.74 "$r_rps" "$r_p50" "$r_p99" "$r_bad"
python3 -c "print(f'ratio region read / health: {$r_rps / $h_rps:.2f} (throughput)')"
