#!/usr/bin/env python3
"""Starts one server and times it: process start -> first 200 of a probe, -> first 200 answer to a signed
interaction, then resident memory (VmRSS) right after and after IDLE seconds idle; then SIGTERM.
Prints one line: ready_ms first_ms rss_first_MiB rss_idle_MiB exit_code, then (where the idle memory is)
anon_MiB file_MiB threads: the idle resident set's anonymous (heaps, stacks) and file-backed (code) parts.

usage: first_answer.py --port P --signed FILE --expect TEXT [--ready PATH] [--idle S] [--cwd DIR] -- command...
--ready PATH: wait for GET PATH to answer 200 first (the bot's /readyz); without it ready = first answer.
Polls every millisecond; gives up (killing the server) after 60 s."""
import argparse, http.client, os, signal, subprocess, sys, time

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--signed", required=True)
p.add_argument("--expect", required=True)
p.add_argument("--ready")
p.add_argument("--idle", type=float, default=5)
p.add_argument("--cwd")
p.add_argument("--log", default=os.devnull)
p.add_argument("command", nargs=argparse.REMAINDER)
a = p.parse_args()
command = a.command[1:] if a.command[:1] == ["--"] else a.command
signature, timestamp, body = open(a.signed).readline().rstrip("\n").split("\t", 2)


def status(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as lines:
        for line in lines:
            if line.startswith(field + ":"):
                value = int(line.split()[1])
                return value / 1024 if line.rstrip().endswith("kB") else value
    return float("nan")


rss = status


def ask(method, path, payload=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5)
    try:
        connection.request(method, path, body=payload, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def until_200(server, method, path, payload=None, headers=None):
    deadline = time.monotonic() + 60
    while True:
        try:
            status, text = ask(method, path, payload, headers)
            if status == 200:
                return time.monotonic(), text
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit(f"the server exited ({server.returncode}) before answering {path}; log: {a.log}")
        if time.monotonic() > deadline:
            server.kill()
            sys.exit(f"no 200 from {path} within 60 s; log: {a.log}")
        time.sleep(0.001)


log = open(a.log, "wb")
start = time.monotonic()
server = subprocess.Popen(command, cwd=a.cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
try:
    ready = until_200(server, "GET", a.ready)[0] if a.ready else None
    headers = {"Content-Type": "application/json", "X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp}
    first, text = until_200(server, "POST", "/discord/interactions", body.encode(), headers)
    if a.expect not in text:
        sys.exit(f"the first answer lacks {a.expect!r}: {text[:300]}")
    rss_first = rss(server.pid)
    time.sleep(a.idle)
    rss_idle = rss(server.pid)
    anon, file, threads = status(server.pid, "RssAnon"), status(server.pid, "RssFile"), status(server.pid, "Threads")
    server.send_signal(signal.SIGTERM)
    code = server.wait(timeout=30)
finally:
    if server.poll() is None:
        server.kill()
        server.wait()
ms = lambda t: (t - start) * 1000
print(f"{ms(ready if ready else first):.1f} {ms(first):.1f} {rss_first:.1f} {rss_idle:.1f} {code} {anon:.1f} {file:.1f} {threads}")
