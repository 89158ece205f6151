#!/usr/bin/python3
"""Reads ApacheBench's output on stdin and prints the same JSON shape as wrk.lua's BENCHJSON line (HEAD runs of
scripts/bench/http). ab's percentiles are whole milliseconds."""
import json
import re
import sys

text = sys.stdin.read()


def number(pattern, default=0.0):
    m = re.search(pattern, text, re.MULTILINE)
    return float(m.group(1)) if m else default


def pct(p):
    return int(number(rf"^\s+{p}%\s+(\d+)") * 1000)


if "Complete requests" not in text:
    sys.exit(1)
result = {
    "requests": int(number(r"^Complete requests:\s+(\d+)")),
    "bytes": int(number(r"^Total transferred:\s+(\d+)")),
    "duration_us": int(number(r"^Time taken for tests:\s+([\d.]+)") * 1e6),
    "errors": {"failed": int(number(r"^Failed requests:\s+(\d+)")),
               "status": int(number(r"^Non-2xx responses:\s+(\d+)"))},
    "latency_us": {"p50": pct(50), "p90": pct(90), "p99": pct(99), "max": pct(100),
                   "mean": number(r"^Time per request:\s+([\d.]+) \[ms\] \(mean\)") * 1000},
    "keep_alive_requests": int(number(r"^Keep-Alive requests:\s+(\d+)")),
    "tool": "ab",
}
print(json.dumps(result))
