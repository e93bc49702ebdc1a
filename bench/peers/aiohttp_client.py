#!/usr/bin/python3
"""The asyncio + aiohttp peer of bench/http-vs-peers.sh: HEAD-checks URLs with at most N requests
in flight (an asyncio.Semaphore), one shared keep-alive connection pool, a deadline per request.

    /usr/bin/python3 bench/peers/aiohttp_client.py --pattern 'http://127.0.0.1:PORT/{a-z}{a-z}{a-z}' \
        --output out.csv [--concurrency 1000] [--timeout 5]
    /usr/bin/python3 bench/peers/aiohttp_client.py --urls urls.txt --output out.csv

Writes url,status,latency_ms,error as CSV (every field quoted) and a summary line on stderr.
Only loopback URLs are accepted (127.0.0.0/8, ::1, localhost): anything else is refused before a
request is sent. Needs aiohttp: `apt-get install -y python3-aiohttp` (Debian's, for /usr/bin/python3).
"""
import argparse
import asyncio
import collections
import csv
import ipaddress
import itertools
import re
import sys
import time
import urllib.parse

import aiohttp


def fail(message):
    print(f"aiohttp_client: error: {message}", file=sys.stderr)
    sys.exit(2)


def expand(pattern):
    """Every {x-y} (single characters) becomes each character from x to y, in order."""
    parts = re.split(r"(\{[^}]*\})", pattern)
    choices = []
    for part in parts:
        if part.startswith("{"):
            m = re.fullmatch(r"\{(.)-(.)\}", part)
            if not m or m.group(1) > m.group(2):
                fail(f"pattern {pattern!r}: want {{x-y}} with x <= y, got {part}")
            choices.append([chr(c) for c in range(ord(m.group(1)), ord(m.group(2)) + 1)])
        elif "{" in part or "}" in part:
            fail(f"pattern {pattern!r}: unbalanced braces")
        else:
            choices.append([part])
    return ["".join(t) for t in itertools.product(*choices)]


def check_loopback(url):
    """Refuses any URL whose host is not a loopback address or 'localhost'; looks up nothing."""
    u = urllib.parse.urlsplit(url)
    host = u.hostname or ""
    if u.scheme != "http":
        fail(f"refused {url!r}: only http:// URLs")
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    fail(f"refused {url!r}: not a loopback address (127.0.0.0/8, ::1, localhost)")


async def check_all(urls, concurrency, timeout):
    results = [None] * len(urls)
    sem = asyncio.Semaphore(concurrency)
    # limit=concurrency: keep-alive connections for every request in flight (the default pool is 100)
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
    per_request = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=per_request, trust_env=False) as session:

        async def one(i, url):
            async with sem:
                began = time.perf_counter()
                try:
                    async with session.head(url, allow_redirects=False) as resp:
                        results[i] = (url, resp.status, (time.perf_counter() - began) * 1000, "")
                except asyncio.TimeoutError:
                    results[i] = (url, "", (time.perf_counter() - began) * 1000, "timeout")
                except aiohttp.ClientError as e:
                    results[i] = (url, "", (time.perf_counter() - began) * 1000, type(e).__name__)

        await asyncio.gather(*(one(i, u) for i, u in enumerate(urls)))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--pattern")
    src.add_argument("--urls")
    ap.add_argument("--output", required=True)
    ap.add_argument("--concurrency", type=int, default=1000)
    ap.add_argument("--timeout", type=float, default=5.0)
    args = ap.parse_args()
    if args.concurrency < 1 or args.timeout <= 0:
        fail("--concurrency >= 1, --timeout > 0")
    if args.pattern:
        urls = expand(args.pattern)
    else:
        with open(args.urls) as f:
            urls = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    for url in urls:
        check_loopback(url)

    started = time.perf_counter()
    results = asyncio.run(check_all(urls, args.concurrency, args.timeout))
    elapsed = time.perf_counter() - started
    counts = collections.Counter()
    with open(args.output, "w", newline="") as f:
        out = csv.writer(f, quoting=csv.QUOTE_ALL)
        out.writerow(["url", "status", "latency_ms", "error"])
        for url, status, ms, err in results:
            counts[str(status) if status != "" else "failed"] += 1
            out.writerow([url, status, f"{ms:.1f}", err])
    summary = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    print(f"aiohttp_client: {len(urls)} URLs in {elapsed:.3f} s, concurrency {args.concurrency}: {summary}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
