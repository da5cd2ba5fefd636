#!/usr/bin/env bash
# Monitoring benchmark on the demo region (30 programmes, 60 indicators), release build, SQLite:
#   1. the region dashboard (4 queries + status assessment + SVG) against /health of the same binary;
#   2. pushing realisations through the bulk API: rows/s for 10 requests of 1,000 values each,
#      then every value read back so none is lost.
#   usage: bash Benchmarks/monitoring.sh [seconds per route, default 10]   (PILAR_BIN skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ -n "${PILAR_BIN:-}" ]; then bin=$PILAR_BIN; else
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

# A council member's session, the way a browser gets one (form token, then sign-in).
jar="$work/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "email=dewan@probolinggo.pilar.test" \
  --data-urlencode "password=bench-password-1" --data-urlencode "csrf=$csrf" "$base/login"
cookie="pilar-session=$(awk '$6 == "pilar-session" { print $7 }' "$jar")"
curl -sf -H "Cookie: $cookie" "$base/regions/35.74/dashboard" | grep -q "<svg" || { echo "dashboard did not render" >&2; exit 1; }

run() { # route [cookie] → "requests/s p50 p99 non2xx"
  wrk -t2 -c16 -d"${duration}s" --latency ${2:+-H "Cookie: $2"} "$base$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}
printf "%-34s %12s %10s %10s %8s\n" route "requests/s" "p50 ms" "p99 ms" non-2xx
read -r h_rps h_p50 h_p99 h_bad < <(run /health)
printf "%-34s %12s %10s %10s %8s\n" /health "$h_rps" "$h_p50" "$h_p99" "$h_bad"
read -r d_rps d_p50 d_p99 d_bad < <(run /regions/35.74/dashboard "$cookie")
printf "%-34s %12s %10s %10s %8s\n" /regions/35.74/dashboard "$d_rps" "$d_p50" "$d_p99" "$d_bad"
python3 -c "print(f'ratio dashboard / health: {$d_rps / $h_rps:.3f} (throughput)')"

python3 - "$base" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)
token = call("POST", "/api/v1/tokens", {"email": "diskominfo@probolinggo.pilar.test", "password": "bench-password-1", "name": "bench"})["token"]
programmes = call("GET", "/api/v1/regions/35.74/programmes", token=token)["programmes"]
indicators = [i for p in programmes for plan in call("GET", f"/api/v1/programmes/{p['id']}/action-plans", token=token)["actionPlans"] for i in plan["indicatorIDs"]]
periods = [f"{year}S{half}" for year in range(2040, 2100) for half in (1, 2)]   # far-future periods no demo value uses
pairs = [(i, p) for p in periods for i in indicators][:10_000]
started = time.perf_counter()
for chunk in range(0, len(pairs), 1000):
    body = {"values": [{"indicatorId": i, "period": p, "value": (n % 97) + 0.5, "note": "bench"} for n, (i, p) in enumerate(pairs[chunk:chunk + 1000])]}
    assert call("POST", "/api/v1/values", body, token)["count"] == len(body["values"])
elapsed = time.perf_counter() - started
stored = sum(1 for i in indicators for v in call("GET", f"/api/v1/indicators/{i}/values", token=token) if v["note"] == "bench")
print(f"bulk values: {len(pairs)} rows in {elapsed:.2f} s = {len(pairs) / elapsed:.0f} rows/s; read back {stored} of {len(pairs)} (lost {len(pairs) - stored})")
PY
