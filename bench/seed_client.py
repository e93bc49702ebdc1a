#!/usr/bin/env python3
"""The seeds' HTTP health checker, as the seeds build it: the yardstick for bench/http-vs-python.sh.

    bench/seed_client.py BASE_URL OUTPUT.csv [--threads 1000] [--timeout 5]

Checks BASE_URL/aaa .. BASE_URL/zzz (17,576 URLs, the pattern {a-z}{a-z}{a-z}) with
concurrent.futures.ThreadPoolExecutor(max_workers=threads): one task per URL, each opening its own
http.client.HTTPConnection, sending HEAD, reading the status and closing; results are collected
with as_completed and written to CSV (url,status,latency_ms,error). A summary goes to stderr.

Only loopback bases are accepted (http://127.x.y.z:port), so this can never leave the machine.
"""
import argparse
import concurrent.futures
import csv
import http.client
import ipaddress
import itertools
import string
import sys
import time
import urllib.parse


def check(host, port, path, timeout):
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("HEAD", path)
        resp = conn.getresponse()
        resp.read()
        return path, resp.status, (time.perf_counter() - started) * 1000, ""
    except Exception as e:  # report every failure as a row, like the seeds do
        return path, "", (time.perf_counter() - started) * 1000, type(e).__name__
    finally:
        conn.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base")
    ap.add_argument("output")
    ap.add_argument("--threads", type=int, default=1000)
    ap.add_argument("--timeout", type=float, default=5.0)
    args = ap.parse_args()

    base = urllib.parse.urlsplit(args.base)
    if base.scheme != "http" or base.port is None or not ipaddress.ip_address(base.hostname).is_loopback:
        sys.exit("seed_client: BASE_URL must be http://127.x.y.z:PORT (loopback only)")
    prefix = base.path.rstrip("/")
    paths = [prefix + "/" + "".join(t) for t in itertools.product(string.ascii_lowercase, repeat=3)]

    started = time.perf_counter()
    counts = {}
    with open(args.output, "w", newline="") as f:
        out = csv.writer(f, quoting=csv.QUOTE_ALL)
        out.writerow(["url", "status", "latency_ms", "error"])
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.threads) as pool:
            futures = [pool.submit(check, base.hostname, base.port, p, args.timeout) for p in paths]
            for fut in concurrent.futures.as_completed(futures):
                path, status, ms, err = fut.result()
                out.writerow([f"http://{base.hostname}:{base.port}{path}", status, f"{ms:.1f}", err])
                key = status or err
                counts[key] = counts.get(key, 0) + 1
    wall = time.perf_counter() - started
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))
    print(f"seed_client: {len(paths)} URLs in {wall:.2f} s ({len(paths) / wall:,.0f}/s), "
          f"ThreadPoolExecutor x {args.threads}: {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
