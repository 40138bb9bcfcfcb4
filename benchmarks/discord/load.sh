#!/usr/bin/env bash
# Load test of the Discord HTTP interactions endpoint, native (AOT) builds side by side: `coursebot run` in
# HTTP mode answering signed /reading week:3 interactions, and the bare AOT endpoint (bare-aot/: the same
# Ed25519 check with NSec, then a constant). Three servers, all pinned to core 0; Debian's wrk (installed
# when missing) on core 1, one thread:
#   bare        the bare endpoint;
#   bot         coursebot, answers from its per-version answer cache (every ask after the first);
#   bot-first   coursebot whose answer cache was first filled to its limit (1024 other /paper lookups),
#               so every /reading week:3 takes the full path, as the first answer of a course version does.
# Every request has its own interaction id (the bot refuses a repeated one with 409): each run signs 8192.
# Runs alternate the order of the three; medians of the runs are printed last, with the goals.
# Usage: benchmarks/discord/load.sh [runs] [seconds per run] [connections]   (defaults 5, 10, 32)
#   COURSEBOT_DIR=dir / BARE_DIR=dir: use an existing publish instead of publishing;
#   BOOST='': normal priority. By default servers and wrk run at `nice -n -20` (root), so that on a shared,
#   busy machine they get most of their core.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
duration=${2:-10}
connections=${3:-32}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v taskset >/dev/null || { echo "needs taskset (util-linux)"; exit 1; }
boost=${BOOST-nice -n -20}
if [ -n "$boost" ] && ! $boost true 2>/dev/null; then echo "($boost not allowed here: running at normal priority)"; boost=""; fi
out=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"; }
trap cleanup EXIT

source benchmarks/native-builds.sh
sign() { "$bare/bare-interactions" sign "$PRIVATE_KEY" "$@"; }

eval "$("$bare/bare-interactions" keygen)"
api_port=$(free_port)
python3 benchmarks/discord/fake_discord_api.py "$api_port" & pids+=($!)

declare -A port
for what in bot bot-first; do
  port[$what]=$(free_port); mkdir -p "$out/$what"
  (cd "$out/$what" && Discord__BotToken=load-test Discord__ApplicationId=1100000000000000001 \
    Discord__PublicKey="$PUBLIC_KEY" Discord__Mode=http Discord__ApiBaseUrl="http://127.0.0.1:$api_port/api/v10" \
    Logging__LogLevel__Default=Warning \
    exec $boost taskset -c 0 "$bot/coursebot" run --config "$config" --urls "http://127.0.0.1:${port[$what]}" </dev/null >"$out/$what.log" 2>&1) &
  pids+=($!)
done
port[bare]=$(free_port)
$boost taskset -c 0 "$bare/bare-interactions" serve "$PUBLIC_KEY" "http://127.0.0.1:${port[bare]}" >"$out/bare.log" 2>&1 & pids+=($!)
for what in bot bot-first; do
  for _ in $(seq 1 1200); do curl -fs -o /dev/null "http://127.0.0.1:${port[$what]}/readyz" && break; sleep 0.05; done
  curl -fs -o /dev/null "http://127.0.0.1:${port[$what]}/readyz" || { echo "$what is not ready:"; cat "$out/$what.log"; exit 1; }
done

post() { # port signed-file [line] -> the answer
  python3 - "$@" <<'PY'
import http.client, sys
port, path = int(sys.argv[1]), sys.argv[2]
lines = open(path).read().splitlines()
if len(sys.argv) > 3: lines = [lines[int(sys.argv[3])]]
for line in lines:
    signature, timestamp, body = line.split("\t", 2)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("POST", "/discord/interactions", body=body.encode(), headers={"Content-Type": "application/json", "X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp})
    r = c.getresponse(); text = r.read().decode()
    if r.status != 200: sys.exit(f"HTTP {r.status}: {text[:200]}")
print(text)
PY
}
# Fill bot-first's answer cache with 1024 other cacheable answers (AnswerCache.MaxPerVersion).
sign benchmarks/discord/paper-lookup.json 1024 1300000000000000000 "$out/fill.signed"
post "${port[bot-first]}" "$out/fill.signed" >/dev/null
sign benchmarks/discord/reading-week3.json 3 1390000000000000000 "$out/check.signed"
for what in bot bot-first; do
  post "${port[$what]}" "$out/check.signed" 0 | grep -q HybridFlow || { echo "$what did not answer /reading week:3 with week 3:"; post "${port[$what]}" "$out/check.signed" 1; exit 1; }
done
post "${port[bare]}" "$out/check.signed" 0 | grep -q '"type":4' || { echo "the bare endpoint did not answer"; cat "$out/bare.log"; exit 1; }

ms() { awk '{v=$1; if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else printf "%.3f", v*1000}'; }
load() { # what seconds signed-file -> prints "req/s p99_ms errors"
  SIGNED_FILE=$3 $boost taskset -c 1 wrk -t1 -c"$connections" -d"$2"s --latency -s benchmarks/discord/signed.lua "http://127.0.0.1:${port[$1]}/discord/interactions" >"$out/wrk.txt"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$out/wrk.txt" | ms)
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$out/wrk.txt" | tr -s ' \n' ' ')
  echo "$rps $p99 ${errors:-none}"
}

echo "warming up..."
for what in bare bot bot-first; do
  sign benchmarks/discord/reading-week3.json 8192 "$((1380000000000000000 + ${#what} * 10000))" "$out/warm.signed"
  load "$what" 3 "$out/warm.signed" >/dev/null
done
printf '%-4s %-10s %10s %9s   %s\n' run endpoint req/s p99_ms errors
targets=(bare bot bot-first)
for i in $(seq 1 "$runs"); do
  # Fresh ids and timestamps each run (the bot takes timestamps up to 5 minutes old).
  sign benchmarks/discord/reading-week3.json 8192 "$((1400000000000000000 + i * 100000))" "$out/run.signed"
  order=("${targets[@]}"); [ $((i % 2)) -eq 0 ] && order=(bot-first bot bare)
  for what in "${order[@]}"; do
    read -r rps p99 errors < <(load "$what" "$duration" "$out/run.signed")
    printf '%-4s %-10s %10s %9s   %s\n' "$i" "$what" "$rps" "$p99" "$errors"
    echo "$rps $p99" >>"$out/$what.results"
    [ "$errors" = none ] || { echo "errors: the run does not count"; cat "$out/wrk.txt"; exit 1; }
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$2" '{print $c}' "$out/$1.results" | median; }
for what in "${targets[@]}"; do printf '%-4s %-10s %10s %9s\n' med "$what" "$(col "$what" 1)" "$(col "$what" 2)"; done
for what in bot bot-first; do
  awk -v w="$what" -v r="$(col "$what" 1)" -v p="$(col "$what" 2)" -v br="$(col bare 1)" -v bp="$(col bare 2)" 'BEGIN {
    printf "goal %-9s throughput >= 0.9x bare: %.2fx  %s;  p99 <= 1.25x bare: %.2fx  %s\n", w, r / br, (r >= 0.9 * br ? "met" : "NOT met"), p / bp, (p <= 1.25 * bp ? "met" : "NOT met")
  }'
done
