#!/usr/bin/env python3
"""What the Kafka page costs tracking-service: CPU at rest and with browsers open.

Against a running local stack (`./ridertrack up`, any load), in one run:
  1. at rest: nobody has the page open, --seconds long;
  2. the same with --browsers signed-in headless Chromium pages open on /kafka
     (bench/kafka-page-open.mjs; needs node, Debian's chromium and
     `npm ci --prefix tracking-service/src/test/browser`).
For each phase it prints tracking-service's whole CPU, and the CPU of the page's own
threads (the watcher thread that runs the one Admin poll loop, and the Admin client's
network thread), as a percentage of one core. The browsers' requests are served on
shared (virtual) threads, so their cost shows as the difference of the process's CPU
between the two phases.

    python3 bench/kafka-page-cpu.py --seconds 60 --browsers 2

Standard library only; reads /proc, so it runs on the machine the stack runs on.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request

PAGE_THREADS = ("kafka-page-watc", "kafka-admin-cli")  # /proc comm names are cut to 15 characters


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def tracking_pid(stack_url):
    for process in get_json(stack_url + "/api/stack")["processes"]:
        if process["name"] == "tracking-service" and process.get("pid"):
            return process["pid"]
    sys.exit("tracking-service is not running in the stack at " + stack_url)


def ticks(path):
    try:
        with open(path) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def sample(pid):
    """CPU ticks of the whole process and of the page's threads."""
    page = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as comm:
                name = comm.read().strip()
        except FileNotFoundError:
            continue
        if name.startswith(PAGE_THREADS):
            page += ticks(f"/proc/{pid}/task/{tid}/stat")
    return ticks(f"/proc/{pid}/stat"), page


def measure(pid, seconds):
    hz = os.sysconf("SC_CLK_TCK")
    start, began = sample(pid), time.monotonic()
    time.sleep(seconds)
    end, elapsed = sample(pid), time.monotonic() - began
    return tuple(100.0 * (e - s) / hz / elapsed for s, e in zip(start, end))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack-url", default="http://localhost:8090")
    parser.add_argument("--tracking-url", default="http://localhost:8080")
    parser.add_argument("--token", default="dev-operator", help="the operator token (local profile: dev-operator)")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--browsers", type=int, default=2)
    args = parser.parse_args()

    pid = tracking_pid(args.stack_url)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    print(f"tracking-service pid {pid}; {args.seconds} s per phase")

    rest = measure(pid, args.seconds)
    print(f"at rest            process {rest[0]:5.1f} %   page threads {rest[1]:4.2f} %  (of one core)")

    opener = subprocess.Popen(["node", os.path.join(root, "bench", "kafka-page-open.mjs"), args.tracking_url,
                               args.token, str(args.browsers), str(args.seconds + 30)],
                              stdout=subprocess.PIPE, text=True)
    line = opener.stdout.readline().strip()
    if "open" not in line:
        opener.kill()
        sys.exit("could not open the Kafka page in Chromium: " + (line or "no output"))
    print(line)
    time.sleep(10)  # let the pages load and settle into their polling
    browsing = measure(pid, args.seconds)
    opener.wait()
    print(f"{args.browsers} browsers open    process {browsing[0]:5.1f} %   page threads {browsing[1]:4.2f} %")
    print(f"the browsers' requests cost tracking-service {browsing[0] - rest[0]:+.1f} % of one core")


if __name__ == "__main__":
    main()
