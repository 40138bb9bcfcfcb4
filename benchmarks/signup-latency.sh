#!/usr/bin/env bash
# Sign-up latency (issue 13): p50/p95/p99 of one claim through the CLI path and through a signed Discord interaction,
# on SQLite and on PostgreSQL (benchmarks/SignupLatencyBenchmarks.cs; a throwaway PostgreSQL on 127.0.0.1 per case,
# or a fresh database on the server in COURSEBOT_BENCH_POSTGRES). Prints the load average before and after (the
# figures mean little on a busy machine) and the results as a Markdown table to paste into docs/benchmarks.md.
# Usage: benchmarks/signup-latency.sh [extra BenchmarkDotNet arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores), $(date -u '+%Y-%m-%d %H:%M UTC')"
dotnet run -c Release --project benchmarks -- --filter '*SignupLatency*' --artifacts "$out" "$@" >"$out/run.log" 2>&1 \
  || { tail -50 "$out/run.log"; exit 1; }
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
grep '^// PostgreSQL:' "$out/run.log" | sed 's/:[0-9]*,/,/' | sort -u
grep '^// Discord answers:' "$out/run.log" || true
# BenchmarkDotNet's GitHub table, reduced to the columns that matter here.
python3 - "$out"/results/*SignupLatency*-report-github.md <<'PY'
import html, sys
rows = [l.strip().strip('|').split('|') for l in open(sys.argv[1]) if l.startswith('|')]
head = [c.strip() for c in rows[0]]
pick = [head.index(c) for c in ('Method', 'Database', 'Median', 'P95', 'P99', 'Max')]
print('| claim | database | p50 | p95 | p99 | max |')
print('|---|---|---:|---:|---:|---:|')
for row in rows[2:]:
    print('| ' + ' | '.join(html.unescape(row[i]).replace('**', '').strip().strip("'") for i in pick) + ' |')
PY
