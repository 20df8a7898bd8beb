#!/usr/bin/env python3
"""Who keeps an idle stack awake: every thread of every process of a running local stack, by CPU and wake-ups.

An idle process costs what its threads do when nothing comes: timers, poll loops, heartbeats. Over a window this reads
each thread's CPU time and its voluntary context switches from /proc/<pid>/task/<tid>/ (each switch is a thread
going to sleep, so one wake-up), sums threads of one name (a pool's numbered threads as one row, the brokers' rows
per broker) and prints the largest first:

    ./ridertrack up --fresh --riders 0 --data /tmp/idle --ports-from 21000
    python3 bench/idle-threads.py --stack http://localhost:21008 --seconds 120

CPU time is counted in clock ticks (10 ms), so a row under a few hundredths of a per cent is one or two ticks: compare
wake-ups there. Standard library only; reads /proc, so it runs on the machine the stack runs on.
"""

import argparse
import collections
import os
import re
import time

from stackprobe import get_json

Thread = collections.namedtuple("Thread", "row cpu_ticks wakeups")


def threads(processes):
    """Every live thread of the given {pid: process name}, keyed by (pid, tid)."""
    found = {}
    for pid, process in processes.items():
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                    text = stat.read()
                with open(f"/proc/{pid}/task/{tid}/status") as status:
                    wakeups = next(int(line.split()[1]) for line in status
                                   if line.startswith("voluntary_ctxt_switches"))
            except (FileNotFoundError, ProcessLookupError, StopIteration):
                continue
            name = re.sub(r"[-_ ]?\d+$", "", text[text.index("(") + 1:text.rindex(")")])
            fields = text[text.rindex(")") + 2:].split()
            row = f"{name}  [{process}]" if process.startswith("kafka") else name
            found[(pid, tid)] = Thread(row, int(fields[11]) + int(fields[12]), wakeups)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stack", default="http://localhost:8090", help="the local stack's control API")
    parser.add_argument("--seconds", type=float, default=120, help="how long to watch")
    parser.add_argument("--rows", type=int, default=40, help="how many thread rows to print")
    args = parser.parse_args()

    processes = {p["pid"]: p["name"] for p in get_json(args.stack + "/api/stack")["processes"] if p.get("pid")}
    before, start = threads(processes), time.time()
    print(f"watching {len(before)} threads of {len(processes)} processes for {args.seconds:.0f} s")
    time.sleep(args.seconds)
    after, elapsed = threads(processes), time.time() - start
    ticks = os.sysconf("SC_CLK_TCK")

    rows = collections.defaultdict(lambda: [0.0, 0.0, 0])
    per_process = collections.defaultdict(lambda: [0.0, 0.0])
    for key, now in after.items():
        then = before.get(key)
        if then is None:
            continue
        cpu = (now.cpu_ticks - then.cpu_ticks) / ticks / elapsed * 100
        wakeups = (now.wakeups - then.wakeups) / elapsed
        row = rows[now.row]
        row[0], row[1], row[2] = row[0] + cpu, row[1] + wakeups, row[2] + 1
        total = per_process[processes[key[0]]]
        total[0], total[1] = total[0] + cpu, total[1] + wakeups

    print("\n| process | CPU (% of one core) | wake-ups/s |\n| --- | --- | --- |")
    for name, (cpu, wakeups) in sorted(per_process.items(), key=lambda item: -item[1][0]):
        print(f"| {name} | {cpu:.2f} % | {wakeups:.1f} |")
    print(f"| all | {sum(v[0] for v in per_process.values()):.2f} % | "
          f"{sum(v[1] for v in per_process.values()):.0f} |")
    print("\n| thread (threads of one name summed) | threads | CPU (% of one core) | wake-ups/s |\n| --- | --- | --- | --- |")
    for name, (cpu, wakeups, count) in sorted(rows.items(), key=lambda item: -item[1][0])[:args.rows]:
        print(f"| {name} | {count} | {cpu:.3f} % | {wakeups:.1f} |")


if __name__ == "__main__":
    main()
