#!/usr/bin/env bash
# Start-up and memory of the native (AOT) `coursebot run` on the sample course in Discord HTTP-interactions
# mode, side by side with the bare AOT endpoint (benchmarks/discord/bare-aot: signature check, constant
# answer). Each run starts a fresh process pinned to core 0 (fresh data/ folder for the bot); the timer
# (first_answer.py) runs on core 1 and polls every millisecond: process start -> /readyz 200 (bot) and
# -> first 200 answer to a signed /reading week:3 (both); VmRSS right after that answer and after 5 s idle.
# Runs alternate bot/bare (the order flips each run); medians are printed last.
# Usage: benchmarks/host/measure-startup.sh [runs]   (default 5)
#   COURSEBOT_DIR=dir / BARE_DIR=dir: use an existing publish instead of publishing;
#   SIMULATED_TERM=0: skip the simulated term at the end (it takes about two minutes);
#   SERVER_CPUS=0,1: let the server see both cores (the .NET runtime picks server GC only with more than one);
#   BOOST='': no real-time priority. By default the timer and the server run SCHED_FIFO (`chrt -f 10`, root
#   only), so that on a shared, busy machine they are not queued behind other work: each run is ~1 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
out=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"; }
trap cleanup EXIT
command -v taskset >/dev/null || { echo "needs taskset (util-linux)"; exit 1; }
boost=${BOOST-chrt -f 10}
cpus=${SERVER_CPUS:-0}
if [ -n "$boost" ] && ! $boost true 2>/dev/null; then echo "($boost not allowed here: running at normal priority)"; boost=""; fi

source benchmarks/native-builds.sh

eval "$("$bare/bare-interactions" keygen)"
"$bare/bare-interactions" sign "$PRIVATE_KEY" benchmarks/discord/reading-week3.json 1 1400000000000000001 "$out/week3.signed"
# Discord's REST API on loopback: the bot registers its commands at start-up as it would for real.
api_port=$(free_port)
python3 benchmarks/discord/fake_discord_api.py "$api_port" & pids+=($!)

measure() { # server run -> "ready first rss idle exit"
  local port; port=$(free_port)
  local work="$out/$1$2"; mkdir -p "$work"
  if [ "$1" = bot ]; then
    Discord__BotToken=load-test Discord__ApplicationId=1100000000000000001 Discord__PublicKey="$PUBLIC_KEY" \
    Discord__Mode=http Discord__ApiBaseUrl="http://127.0.0.1:$api_port/api/v10" Logging__LogLevel__Default=Warning \
      $boost taskset -c 1 python3 benchmarks/host/first_answer.py --port "$port" --signed "$out/week3.signed" --expect HybridFlow \
        --ready /readyz --cwd "$work" --log "$work/log" -- taskset -c "$cpus" "$bot/coursebot" run --config "$config" --urls "http://127.0.0.1:$port"
  else
    $boost taskset -c 1 python3 benchmarks/host/first_answer.py --port "$port" --signed "$out/week3.signed" --expect '"type":4' \
      --cwd "$work" --log "$work/log" -- taskset -c "$cpus" "$bare/bare-interactions" serve "$PUBLIC_KEY" "http://127.0.0.1:$port"
  fi
}

row='%-4s %-5s %9s %14s %15s %14s %5s %9s %9s %7s\n'
printf "$row" run what ready_ms first_answer_ms rss_answered_MiB rss_idle5s_MiB exit anon_MiB file_MiB threads
for i in $(seq 1 "$runs"); do
  order="bot bare"; [ $((i % 2)) -eq 0 ] && order="bare bot"
  for what in $order; do
    read -r ready first rss idle code anon file threads < <(measure "$what" "$i") || true
    [ -n "${threads:-}" ] || { echo "$what did not answer (above); its log:"; tail -30 "$out/$what$i/log"; exit 1; }
    printf "$row" "$i" "$what" "$ready" "$first" "$rss" "$idle" "$code" "$anon" "$file" "$threads"
    echo "$ready $first $rss $idle $code $anon $file $threads" >>"$out/$what.results"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$2" '{print $c}' "$out/$1.results" | median; }
for what in bot bare; do
  printf "$row" med "$what" "$(col "$what" 1)" "$(col "$what" 2)" "$(col "$what" 3)" "$(col "$what" 4)" "" "$(col "$what" 6)" "$(col "$what" 7)" "$(col "$what" 8)"
done
bot_size=$(stat -c %s "$bot/coursebot"); bare_size=$(stat -c %s "$bare/bare-interactions")
awk -v br="$(col bot 1)" -v bf="$(col bot 2)" -v ba="$(col bare 2)" -v bi="$(col bot 4)" -v ai="$(col bare 4)" -v bs="$bot_size" -v as="$bare_size" 'BEGIN {
  printf "goal: idle RSS <= 2x bare:            %.1f / %.1f MiB = %.2fx  %s\n", bi, ai, bi / ai, (bi <= 2 * ai ? "met" : "NOT met")
  printf "goal: start->/readyz <= 4x bare first: %.1f / %.1f ms = %.2fx  %s\n", br, ba, br / ba, (br <= 4 * ba ? "met" : "NOT met")
  printf "      start->first answer (bot):       %.1f ms = %.2fx the bare endpoint'\''s\n", bf, bf / ba
  printf "goal: executable <= 40 MB:             coursebot %.1f MB (%.1f MiB), bare %.1f MB  %s\n", bs / 1e6, bs / 1048576, as / 1e6, (bs <= 40e6 ? "met" : "NOT met")
}'
ls -la "$bot" | awk 'NR > 1 && $1 !~ /^d/ {printf "  %s %s\n", $5, $9}' | grep -v '\.dbg$' | sort -k2 | head -20 >"$out/files"
echo "files beside coursebot (without config/ and .dbg symbols):"; cat "$out/files"

[ "${SIMULATED_TERM:-1}" = 0 ] && exit 0
# A simulated term of posts through the real scheduler, ledger and console delivery: a copy of the
# sample course whose 16 weeks ended today, and a grace period long enough that every missed post is
# sent at start-up. RSS is read once all posts went out.
term="$out/term"; mkdir -p "$term/config"
monday=$(date -d "$(date +%F) -$(( ($(date +%u) + 6) % 7 )) days -15 weeks" +%F)
sed -e "s/^firstMonday: .*/firstMonday: $monday/" -e "s/^lastDay: .*/lastDay: $(date +%F)/" \
    -e "s#^readingList: .*#readingList: $config/cs395t/reading_list.md#" -e "s#^papers: .*#papers: $config/cs395t/papers.yaml#" \
    -e "/^holidays:/,/^numberHolidayWeeks/{/^  - /d}" config/cs395t.yaml > "$term/config/term.yaml"
port=$(free_port)
(cd "$term" && Posting__GracePeriod=180.00:00:00 exec taskset -c 0 "$bot/coursebot" run --config "$term/config" --urls "http://127.0.0.1:$port" </dev/null >"$term/log" 2>&1) &
pid=$!; pids+=($pid)
until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do
  kill -0 "$pid" 2>/dev/null || { echo "the bot exited; log:"; cat "$term/log"; exit 1; }
  sleep 0.05
done
# Missed posts fire when Quartz's misfire scan finds them (about a minute after start).
until planned=$(grep -oE '[0-9]+ posts planned' "$term/log" | grep -oE '^[0-9]+'); do sleep 0.2; done
posts=0; waited=0
while [ "$posts" -lt "$planned" ] && [ "$waited" -lt 180 ]; do sleep 1; waited=$((waited + 1)); posts=$(grep -c '── post to' "$term/log" || true); done
rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status")
kill -TERM "$pid"; wait "$pid" || true
echo "simulated term: $posts of $planned planned posts sent in ${waited} s, RSS afterwards ${rss} MiB"
