#!/usr/bin/env bash
# Load test of the Discord HTTP interactions endpoint: `coursebot run` in HTTP mode answering a
# pre-signed /reading week:3, side by side with a bare ASP.NET Core endpoint that only verifies the
# signature and returns a constant. Needs Debian's wrk (installed when missing).
# Usage: benchmarks/discord/load.sh [seconds per run] [connections]   (defaults 20, 32)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}
connections=${2:-32}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
out=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"; }
trap cleanup EXIT

dotnet publish src/Bot -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/bot" >/dev/null
dotnet publish benchmarks/discord/baseline -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/bare" >/dev/null

config=$(pwd)/config
export BODY_FILE=$(pwd)/benchmarks/discord/reading-week3.json
eval "$("$out/bare/InteractionsBaseline" sign "$BODY_FILE")"
export SIGNATURE TIMESTAMP

mkdir -p "$out/work"
# Commands are registered against a closed loopback port: the bot retries in the background and
# answers interactions meanwhile, which is all this test needs.
(cd "$out/work" && Discord__BotToken=load-test Discord__ApplicationId=1100000000000000001 \
  Discord__PublicKey="$PUBLIC_KEY" Discord__Mode=http Discord__ApiBaseUrl=http://127.0.0.1:9/api/v10 \
  Logging__LogLevel__Default=Warning \
  exec "$out/bot/coursebot" run --config "$config" --urls http://127.0.0.1:8091 </dev/null >"$out/bot.log" 2>&1) &
pids+=($!)
"$out/bare/InteractionsBaseline" serve "$PUBLIC_KEY" http://127.0.0.1:8092 >"$out/bare.log" 2>&1 &
pids+=($!)

for port in 8091 8092; do
  for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.05; done
done

check() {
  curl -s -X POST "http://127.0.0.1:$1/discord/interactions" -H 'Content-Type: application/json' \
    -H "X-Signature-Ed25519: $SIGNATURE" -H "X-Signature-Timestamp: $TIMESTAMP" --data-binary @"$BODY_FILE"
}
check 8091 | grep -q HybridFlow || { echo "the bot did not answer /reading week:3 with week 3:"; check 8091; cat "$out/bot.log"; exit 1; }
check 8092 | grep -q '"type":4' || { echo "the baseline did not answer"; cat "$out/bare.log"; exit 1; }

run() { # name port
  wrk -t2 -c"$connections" -d"$duration"s --latency -s benchmarks/discord/request.lua "http://127.0.0.1:$2/discord/interactions" >"$out/$1.txt"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$out/$1.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$out/$1.txt" | tr '\n' ' ')
  printf '%-10s %12s %10s   %s\n' "$1" "$rps" "$p99" "${errors:-no errors}"
  echo "$rps" >"$out/$1.rps"
}

echo "warming up..."
wrk -t2 -c"$connections" -d5s -s benchmarks/discord/request.lua http://127.0.0.1:8091/discord/interactions >/dev/null
wrk -t2 -c"$connections" -d5s -s benchmarks/discord/request.lua http://127.0.0.1:8092/discord/interactions >/dev/null
printf '%-10s %12s %10s   %s\n' endpoint req/s p99 errors
run bare 8092
run coursebot 8091
run bare2 8092
run coursebot2 8091
awk -v a="$(cat "$out/coursebot.rps")" -v b="$(cat "$out/coursebot2.rps")" -v c="$(cat "$out/bare.rps")" -v d="$(cat "$out/bare2.rps")" \
  'BEGIN { printf "coursebot / bare throughput: %.0f%%\n", 100 * (a + b) / (c + d) }'
