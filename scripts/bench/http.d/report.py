#!/usr/bin/python3
"""Turns the runs of scripts/bench/http (one JSON line per wrk run) into results/http.json, an SVG chart of the
proxy's ratios, and docs/benchmarks.md (tables, issue 8 targets, and the hand-written notes of http.d/notes.md).

Usage: report.py RUNS.jsonl --json OUT --svg OUT [--md OUT] [--memory MEMORY.json] --duration S --load "1 5 15"
                 --java V --nginx V --wrk V
       report.py --render http.json --svg OUT --md OUT      (recompute figures and ratios of an existing results
                                                             file, then rewrite it, the chart and the page)
"""
import argparse
import datetime
import json
import os
import platform

CASE_TITLES = {
    "head": "HEAD (4 KiB object)",
    "get4k": "GET 4 KiB",
    "range1m": "ranged GET 1 MiB (Range: bytes=1048576-2097151 of the 64 MiB object)",
    "get64m": "GET 64 MiB",
    "list1000": "ListObjectsV2 of a 1,000-key prefix (one page)",
    "redirect307": "307 answer (proxy getMode presignedUrl vs nginx `return 307`)",
}
CONTENDERS = ["direct", "nginx", "nginx-nobuf", "jdk-noop", "proxy"]
BY_BYTES = ("get64m", "range1m")
GIB = 1 << 30
RSS_GOAL_MIB = 256
RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results")


def machine():
    mem_kib = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kib / 1048576, 1), "cpu": model,
            "kernel": platform.release()}


def figures(run):
    w = run["wrk"]
    secs = w["duration_us"] / 1e6
    gib = w["bytes"] / GIB
    cpu = run["cpu_s"]
    own = (cpu["nginx"] if run["contender"].startswith("nginx")
           else cpu["proxy"] if run["contender"] in ("proxy", "jdk-noop") else None)
    return {
        "req_s": w["requests"] / secs,
        "mib_s": w["bytes"] / secs / (1 << 20),
        "p50_ms": w["latency_us"]["p50"] / 1e3,
        "p99_ms": w["latency_us"]["p99"] / 1e3,
        "errors": sum(w["errors"].values()),
        "cpu_s_per_gib": (own / gib) if own is not None and run["case"] in BY_BYTES else None,
        "backend_cpu_s_per_gib": (cpu["backend"] / gib) if run["case"] in BY_BYTES else None,
        "cpu_us_per_req": (own / w["requests"] * 1e6) if own is not None and w["requests"] else None,
        "backend_cpu_us_per_req": (cpu["backend"] / w["requests"] * 1e6) if w["requests"] else None,
    }


def index(runs):
    return {(r["case"], r["connections"], r["contender"]): r for r in runs}


def ratio(a, b):
    return a / b if a and b else None


def fmt(x, digits=1):
    if x is None:
        return "–"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def case_table(case, runs, conns):
    out = [f"### {CASE_TITLES[case]}", "",
           "| c | contender | req/s | MiB/s | p50 ms | p99 ms | errors | own CPU µs/req | backend CPU µs/req |"
           + (" own CPU s/GiB | backend CPU s/GiB |" if case in BY_BYTES else ""),
           "|---:|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if case in BY_BYTES else "")]
    for c in conns:
        for who in CONTENDERS:
            r = runs.get((case, c, who))
            if r is None:
                continue
            f = r["figures"]
            out.append(f"| {c} | {who} | {fmt(f['req_s'])} | {fmt(f['mib_s'])} | {fmt(f['p50_ms'], 2)} | "
                       f"{fmt(f['p99_ms'], 2)} | {f['errors']} | {fmt(f['cpu_us_per_req'], 0)} | "
                       f"{fmt(f['backend_cpu_us_per_req'], 0)} |"
                       + (f" {fmt(f['cpu_s_per_gib'], 2)} | {fmt(f['backend_cpu_s_per_gib'], 2)} |"
                          if case in BY_BYTES else ""))
    return out + [""]


def ratios(runs, cases, conns):
    rows = []
    for case in cases:
        for c in conns:
            d, n, nb, noop, p = (runs.get((case, c, w)) for w in CONTENDERS)
            if p is None:
                continue
            # Large bodies: bytes read (wrk counts a response cut off by the end of the run), else answers.
            key = "mib_s" if case in BY_BYTES else "req_s"
            pr = p["figures"][key]
            rows.append({"case": case, "connections": c, "measure": key,
                         "proxy_over_nginx": ratio(pr, n and n["figures"][key]),
                         "proxy_over_nginx_nobuf": ratio(pr, nb and nb["figures"][key]),
                         # GET and HEAD: the no-op has no backend to ask, so only its CPU per answer compares
                         "proxy_over_jdk_noop": ratio(pr, noop and case == "redirect307" and noop["figures"][key]),
                         "proxy_over_direct": ratio(pr, d and d["figures"][key])})
    return rows


TARGETS = [
    ("get64m", "proxy_over_nginx", 0.95, "64 MiB GET throughput ≥ 0.95× nginx"),
    ("get64m", "proxy_over_direct", 0.90, "64 MiB GET throughput ≥ 0.9× direct"),
    ("get4k", "proxy_over_nginx", 0.80, "4 KiB GET req/s ≥ 0.8× nginx"),
    ("head", "proxy_over_nginx", 0.80, "HEAD req/s ≥ 0.8× nginx"),
    ("list1000", "proxy_over_nginx", 1.00, "ListObjectsV2 of 1,000 keys req/s ≥ 1.0× nginx"),
    ("redirect307", "proxy_over_nginx", 0.50, "307 req/s ≥ 0.5× nginx `return 307`"),
]


def targets(rows):
    out = []
    for case, key, goal, text in TARGETS:
        got = {r["connections"]: r[key] for r in rows if r["case"] == case and r[key] is not None}
        if not got:
            continue
        out.append({"target": text, "case": case, "goal": goal, "by_connections": got,
                    "met_at_all": all(v >= goal for v in got.values()),
                    "met_at": sorted(c for c, v in got.items() if v >= goal)})
    return out


def memory_target(mem):
    """The issue 8 memory target, from the memory run (run_memory in scripts/bench/http)."""
    peak = mem["rss_hwm_kib"] / 1024
    return {"target": f"{mem['streams']} × {mem['object_mib'] // 1024} GiB concurrent streams: peak RSS ≤ "
                      f"{RSS_GOAL_MIB} MiB", "case": "memory", "goal": RSS_GOAL_MIB,
            "value": f"{peak:.0f} MiB ({mem['complete']} of {mem['streams']} complete)",
            "met_at_all": peak <= RSS_GOAL_MIB and mem["complete"] == mem["streams"]}


def memory_section(mem):
    gib = mem["streams"] * mem["object_mib"] / 1024
    return ["## Memory: concurrent large GETs", "",
            f"{mem['streams']} `curl` processes each GET the same {mem['object_mib']} MiB object at once through a proxy "
            "started for this run alone (`getMode proxy`, `s3` store, JVM options of the image: "
            f"`{mem['jvm_options']}`); its RSS is sampled every 0.2 s and the kernel's high-water mark (`VmHWM`) is "
            "read at the end.", "",
            "| streams | object | complete | failed | seconds | GiB/s | RSS after start-up | peak RSS (VmHWM) | "
            "peak RSS (sampled) |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {mem['streams']} | {mem['object_mib']} MiB | {mem['complete']} | {mem['failed']} | {mem['seconds']} | "
            f"{gib / float(mem['seconds']):.2f} | {mem['rss_start_kib'] / 1024:.0f} MiB | "
            f"{mem['rss_hwm_kib'] / 1024:.0f} MiB | {mem['rss_peak_sampled_kib'] / 1024:.0f} MiB |", "",
            "For comparison, the peak RSS of the proxy that served the request-rate runs above (same JVM options; "
            "G1 grows the heap under a high allocation rate although the live set stays small, see the notes): "
            f"{mem.get('rss_hwm_rate_runs_kib', 0) / 1024:.0f} MiB.", ""]


def index_section():
    """The latest index-scale and filtered-log results (scripts/bench/index-scale and filtered-log write them)."""
    lines = []
    for name in ("index-scale.md", "index-scale-all-commits.md"):
        path = os.path.join(RESULTS, name)
        if os.path.exists(path):
            with open(path) as f:
                text = f.read().rstrip()
            lines += [text.replace("# Index scale", "## Index scale", 1), ""]
    if lines:
        lines[:0] = ["Written by `scripts/bench/index-scale` (`--keep-old-commits` for the second table) into "
                     "`scripts/bench/results/index-scale*.md`, copied here when this page is generated.", ""]
    path = os.path.join(RESULTS, "filtered-log.md")
    if os.path.exists(path):
        with open(path) as f:
            text = f.read().rstrip()
        lines += [text.replace("# Filtered log", "## Filtered log", 1), "",
                  "Written by `scripts/bench/filtered-log` into `scripts/bench/results/filtered-log.{md,json}`, "
                  "copied here when this page is generated; what the figures say is in the notes below.", ""]
    return lines


def svg(rows, path):
    bar_w, gap, height, top, left = 14, 10, 260, 30, 50
    groups = [r for r in rows]
    width = left + len(groups) * (3 * bar_w + gap) + 20
    series = (("proxy_over_nginx", "#d62728"), ("proxy_over_nginx_nobuf", "#ff7f0e"), ("proxy_over_direct", "#1f77b4"))
    vmax = max([1.2] + [r.get(k) for r in rows for k, _ in series if r.get(k)])
    y = lambda v: top + height - v / vmax * height
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + height + 110}" '
             f'font-family="sans-serif" font-size="10">',
             f'<text x="{left}" y="16" font-size="12">delta-s3-proxy throughput ratio: '
             f'<tspan fill="#d62728">proxy/nginx</tspan>, <tspan fill="#ff7f0e">proxy/nginx (buffering off)</tspan>, '
             f'<tspan fill="#1f77b4">proxy/direct</tspan></text>']
    for v in (0.5, 1.0):
        if v <= vmax:
            parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#999" '
                         f'stroke-dasharray="4 3"/><text x="{left - 28}" y="{y(v) + 3:.1f}">{v:.1f}×</text>')
    x = left
    for r in groups:
        for key, color in series:
            v = r.get(key)
            if v:
                parts.append(f'<rect x="{x}" y="{y(v):.1f}" width="{bar_w - 1}" height="{top + height - y(v):.1f}" '
                             f'fill="{color}"><title>{r["case"]} c={r["connections"]} {key} {v:.2f}</title></rect>')
            x += bar_w
        label = f'{r["case"]} c={r["connections"]}'
        parts.append(f'<text transform="translate({x - bar_w + 3},{top + height + 6}) rotate(60)">{label}</text>')
        x += gap
    parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{top + height}" y2="{top + height}" stroke="#000"/></svg>')
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def markdown(result, path, svg_rel):
    m, runs = result["meta"], index(result["runs"])
    conns = sorted({r["connections"] for r in result["runs"]})
    cases = [c for c in CASE_TITLES if any(r["case"] == c for r in result["runs"])]
    lines = ["# Benchmarks", "",
             "Generated by `scripts/bench/http` (issue 8); do not edit by hand — the notes come from",
             "`scripts/bench/http.d/notes.md`. Raw figures: `scripts/bench/results/http.json` (HTTP and memory) and",
             "`scripts/bench/results/index-scale*.json` (index, from `scripts/bench/index-scale`, copied in at the end).",
             "How each benchmark works: `scripts/bench/README.md`.", "",
             "## HTTP: delta-s3-proxy vs nginx vs the backend", "",
             f"- Run: {m['date']}, {m['duration_s']} s per wrk run (`wrk -t 2 -c N --latency`, `-t 1` for c=1), "
             f"load average after the runs: {m['load_average']} (shared machine: other processes may have run).",
             f"- Machine: {m['machine']['cores']} cores ({m['machine']['cpu']}), {m['machine']['memory_gib']} GiB, "
             f"Linux {m['machine']['kernel']}. Everything on 127.0.0.1: wrk, nginx, the proxy and the backend share "
             "the same cores.",
             f"- Proxy: the jlinked image's runtime ({m['java']}), `getMode proxy`, SigV4 presigned URLs verified "
             "for a configured user, authorization via grants and `allowedPartitions` (MIC=XLON), `s3` store.",
             f"- nginx: {m['nginx']} (`proxy_pass`, `proxy_buffering` default, upstream keep-alive 64; for the large "
             "bodies also `nginx-nobuf`, the same with `proxy_buffering off`, the streaming reference). "
             f"wrk: {m['wrk']}.",
             "- Backend for all: S3Proxy (the testkit's, filesystem store, in-process Java).",
             "- `jdk-noop` (307, 4 KiB GET and HEAD cases): `com.sun.net.httpserver` on virtual threads with the proxy's "
             "JVM options answering a constant 307 or a constant 4 KiB object (`http.d/NoopRedirect.java`): the HTTP "
             "server the design fixes, doing no work. Its 307 is the ceiling of the proxy's; for GET and HEAD it asks "
             "no backend, so only its own CPU per answer compares (the JDK server's share of the proxy's).",
             "- `own CPU`: user+system CPU of the nginx workers or of the proxy JVM (from `/proc/<pid>/stat`, "
             "before/after each run) per answer, and per GiB read by wrk for the large bodies; `backend CPU`: the "
             "same for S3Proxy (for all contenders, since every request reaches it, except nginx's 307).", ""]
    lines += ["## Targets (issues 8 and 19)", "", "| target | ratio by connections | met |", "|---|---|---|"]
    for t in result["targets"]:
        if "value" in t:
            lines.append(f"| {t['target']} | {t['value']} | {'yes' if t['met_at_all'] else 'no'} |")
            continue
        by = ", ".join(f"c={c}: {v:.2f}" for c, v in sorted(t["by_connections"].items(), key=lambda kv: int(kv[0])))
        met = "yes" if t["met_at_all"] else ("at c=" + ", ".join(map(str, t["met_at"])) if t["met_at"] else "no")
        lines.append(f"| {t['target']} | {by} | {met} |")
    lines += ["", "Ratios are of MiB/s for the 64 MiB and the ranged GET (wrk counts the bytes of answers cut off at the end "
              "of a run, not their requests), of req/s otherwise. Each target is checked at every concurrency.", "",
              f"![proxy/nginx and proxy/direct req/s ratios]({svg_rel})", "", "## Ratios", "",
              "| case | c | of | proxy/nginx | proxy/nginx (buffering off) | proxy/direct | proxy/JDK server no-op |",
              "|---|---:|---|---:|---:|---:|---:|"]
    for r in result["ratios"]:
        lines.append(f"| {r['case']} | {r['connections']} | {r.get('measure', 'req_s')} | {fmt(r['proxy_over_nginx'], 2)} | "
                     f"{fmt(r.get('proxy_over_nginx_nobuf'), 2)} | {fmt(r['proxy_over_direct'], 2)} | "
                     f"{fmt(r.get('proxy_over_jdk_noop'), 2)} |")
    lines += ["", "## Figures", ""]
    for case in cases:
        lines += case_table(case, runs, conns)
    if result.get("memory"):
        lines += memory_section(result["memory"])
    lines += index_section()
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
    if os.path.exists(notes):
        with open(notes) as f:
            lines += [f.read().rstrip(), ""]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="?")
    ap.add_argument("--render")
    ap.add_argument("--json")
    ap.add_argument("--svg", required=True)
    ap.add_argument("--md")
    ap.add_argument("--memory")
    for name in ("duration", "load", "java", "nginx", "wrk"):
        ap.add_argument("--" + name, default="")
    a = ap.parse_args()
    if a.render:
        with open(a.render) as f:
            result = json.load(f)
        for r in result["runs"]:
            r["figures"] = figures(r)
        result["ratios"] = ratios(index(result["runs"]), list(CASE_TITLES),
                                  sorted({r["connections"] for r in result["runs"]}))
        result["targets"] = targets(result["ratios"])
        if result.get("memory"):
            result["targets"].append(memory_target(result["memory"]))
        with open(a.render, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    else:
        with open(a.runs) as f:
            runs = [json.loads(line) for line in f if line.strip()]
        for r in runs:
            r["figures"] = figures(r)
        rows = ratios(index(runs), list(CASE_TITLES), sorted({r["connections"] for r in runs}))
        result = {"meta": {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                           "duration_s": int(a.duration), "load_average": a.load, "java": a.java,
                           "nginx": a.nginx, "wrk": a.wrk, "machine": machine()},
                  "runs": runs, "ratios": rows, "targets": targets(rows)}
        if a.memory:
            with open(a.memory) as f:
                result["memory"] = json.load(f)
            result["targets"].append(memory_target(result["memory"]))
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    svg(result["ratios"], a.svg)
    if a.md:
        rel = os.path.relpath(os.path.abspath(a.svg), os.path.dirname(os.path.abspath(a.md)))
        markdown(result, a.md, rel)


if __name__ == "__main__":
    main()
