#!/usr/bin/env bash
# Measures `coursebot run` on the sample course: time from process start to /readyz answering 200,
# resident memory (VmRSS) right after ready and after 5 s idle. Release build, fresh data/ each run.
# Usage: benchmarks/host/measure-startup.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Ready-to-run, as the Dockerfile publishes it.
dotnet publish src/Bot -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/bin" >/dev/null
config=$(pwd)/config

printf '%-4s %12s %14s %14s\n' run ready_ms rss_ready_MiB rss_idle_MiB
ready_all=(); rss_all=(); idle_all=()
for i in $(seq 1 "$runs"); do
  work="$out/work$i"; mkdir -p "$work"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  (cd "$work" && exec "$out/bin/coursebot" run --config "$config" --urls "http://127.0.0.1:$port" </dev/null >"$work/log" 2>&1) &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do
    kill -0 "$pid" 2>/dev/null || { echo "the bot exited; log:"; cat "$work/log"; exit 1; }
    sleep 0.01
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status")
  sleep 5
  idle=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  printf '%-4s %12s %14s %14s\n' "$i" "$ready" "$rss" "$idle"
  ready_all+=("$ready"); rss_all+=("$rss"); idle_all+=("$idle")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-4s %12s %14s %14s\n' med "$(median "${ready_all[@]}")" "$(median "${rss_all[@]}")" "$(median "${idle_all[@]}")"

# A simulated term of posts through the real scheduler, ledger and console delivery: a copy of the
# sample course whose 16 weeks ended today, and a grace period long enough that every missed post is
# sent at start-up. RSS is read once all posts went out.
term="$out/term"; mkdir -p "$term/config"
monday=$(date -d "$(date +%F) -$(( ($(date +%u) + 6) % 7 )) days -15 weeks" +%F)
sed -e "s/^firstMonday: .*/firstMonday: $monday/" -e "s/^lastDay: .*/lastDay: $(date +%F)/" \
    -e "s#^readingList: .*#readingList: $config/cs395t/reading_list.md#" -e "s#^papers: .*#papers: $config/cs395t/papers.yaml#" \
    -e "/^holidays:/,/^numberHolidayWeeks/{/^  - /d}" config/cs395t.yaml > "$term/config/term.yaml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$term" && Posting__GracePeriod=180.00:00:00 exec "$out/bin/coursebot" run --config "$term/config" --urls "http://127.0.0.1:$port" </dev/null >"$term/log" 2>&1) &
pid=$!
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
