#!/usr/bin/env python3
"""Watch a running local stack under load: consumer lag per group and CPU per process.

Start the stack with the load you want to measure, for example the seed scenario
(100,000 riders, a fix every 5 s = 20,000 fixes/s):

    ./ridertrack up --riders 100000 --mongo-memory --fresh --data /tmp/platform-load
    python3 bench/platform-load.py --seconds 180 --warmup 60

Every --every seconds it reads the stack's control API (process ids), /proc (CPU time
of each process) and tracking-service's Kafka panel API (end offsets of
rider-locations and the committed lag of each consumer group), prints one line, and at
the end a summary: the input rate, each group's maximum lag (in fixes and in seconds of
input) and each process's CPU. Kafka Streams and the listeners commit about once a
second, so a group that keeps up shows a lag of about one second of input.

Standard library only; reads /proc, so it runs on the machine the stack runs on.
"""

import argparse
import os
import sys
import time

from stackprobe import cpu_seconds, get_json

GROUPS = ("eta", "analytics", "tracking", "db-writer")


def processes(stack_url):
    return {p["name"]: p["pid"] for p in get_json(stack_url + "/api/stack")["processes"]
            if p.get("pid") and p.get("state") == "running"}


def kafka_panel(tracking_url, token):
    panel = get_json(tracking_url + "/api/v1/kafka", token)
    ends = sum(int(v) for v in panel["endOffsets"].values())
    lags = {g["group"]: g.get("totalLag") for g in panel["groups"]}
    return ends, lags


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", default="http://localhost:8090", help="local stack control API")
    parser.add_argument("--tracking", default="http://localhost:8080", help="tracking-service")
    parser.add_argument("--operator-token", default=os.environ.get("RIDERTRACK_OPERATOR_TOKEN", "dev-operator"))
    parser.add_argument("--seconds", type=float, default=180, help="how long to measure, after the warm-up")
    parser.add_argument("--warmup", type=float, default=30, help="seconds to watch before counting")
    # tracking-service's Kafka panel is read from the Kafka page's snapshot, taken every 5 s:
    # sampling faster reads the same end offsets twice and the rate alternates 0 / twice
    parser.add_argument("--every", type=float, default=5, help="sampling interval (at least the Kafka page's 5 s)")
    parser.add_argument("--project", type=float, default=20000,
                        help="input rate (fixes/s) to project the measured CPU per fix to")
    parser.add_argument("--unwatched", action="store_true",
                        help="CPU only: do not read tracking-service's Kafka API (no lag, no input rate), so the "
                             "stack is measured as nobody watches it (the Kafka page's poll slows down then)")
    args = parser.parse_args()
    panel = (lambda: (0, {})) if args.unwatched else (lambda: kafka_panel(args.tracking, args.operator_token))

    pids = processes(args.stack)
    names = sorted(pids)
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    ends_before, _ = panel()
    t_before = time.monotonic()
    started = t_before
    rates, cpu_samples = [], {name: [] for name in names}
    max_lag = {g: 0 for g in GROUPS}
    lag_at_max = {g: 0.0 for g in GROUPS}
    counted = 0
    print(f"watching {len(names)} processes for {args.warmup:.0f} s warm-up + {args.seconds:.0f} s", flush=True)
    while time.monotonic() - started < args.warmup + args.seconds:
        time.sleep(args.every)
        now = time.monotonic()
        dt = now - t_before
        try:
            ends, lags = panel()
        except OSError as ex:
            # tracking-service restarting (a lesson, a scale-down): skip the sample, keep watching
            print(f"{now - started:6.0f} s  tracking-service did not answer ({ex}); sample skipped", flush=True)
            continue
        rate = (ends - ends_before) / dt
        cpu_now = {name: cpu_seconds(pid) for name, pid in pids.items()}
        cpu = {name: ((cpu_now[name] - cpu_before[name]) / dt * 100)
               for name in names if cpu_now[name] is not None and cpu_before[name] is not None}
        warm = now - started > args.warmup
        if warm:
            counted += 1
            rates.append(rate)
            for name, percent in cpu.items():
                cpu_samples[name].append(percent)
            for group in GROUPS:
                lag = lags.get(group) or 0
                if lag > max_lag[group]:
                    max_lag[group] = lag
                    lag_at_max[group] = lag / rate if rate > 0 else 0.0
        busiest = sorted(cpu.items(), key=lambda kv: -kv[1])[:4]
        print(f"{now - started:6.0f} s {'     ' if warm else 'warm '} in {rate:8,.0f} fixes/s | lag "
              + " ".join(f"{g} {lags.get(g) or 0:,}" for g in GROUPS)
              + " | cpu " + " ".join(f"{n} {p:.0f}%" for n, p in busiest), flush=True)
        cpu_before, ends_before, t_before = cpu_now, ends, now

    if not counted:
        sys.exit("nothing measured: --seconds too short")
    mean_rate = sum(rates) / len(rates)
    print()
    print(f"input: {mean_rate:,.0f} fixes/s on rider-locations (mean of {counted} samples, "
          f"min {min(rates):,.0f}, max {max(rates):,.0f}); load average {os.getloadavg()[0]:.1f}")
    print()
    print("| group | max lag (fixes) | max lag (seconds of input) |")
    print("| --- | --- | --- |")
    for group in GROUPS:
        print(f"| {group} | {max_lag[group]:,} | {lag_at_max[group]:.1f} s |")
    print()
    # CPU per fix: a process's mean CPU over the mean input rate. It is the process's
    # real cost per fix only while every group keeps up (a process that falls behind
    # does less work than the input asks for); the projection is then what the same
    # platform would need at --project fixes/s, if the cost per fix stayed the same.
    print(f"| process | mean CPU (% of one core) | max | CPU per fix | at {args.project:,.0f} fixes/s |")
    print("| --- | --- | --- | --- | --- |")
    total = 0.0
    for name in sorted(names, key=lambda n: -(sum(cpu_samples[n]) / max(1, len(cpu_samples[n])))):
        samples = cpu_samples[name]
        if samples:
            mean = sum(samples) / len(samples)
            total += mean
            print(f"| {name} | {mean:.1f} % | {max(samples):.0f} % | {per_fix(mean, mean_rate):.1f} µs "
                  f"| {projected(mean, mean_rate, args.project)} |")
    print(f"| all | {total:.1f} % of one core ({os.cpu_count()} cores) | | {per_fix(total, mean_rate):.1f} µs "
          f"| {projected(total, mean_rate, args.project)} |")
    behind = [g for g in GROUPS if lag_at_max[g] > 5]
    if behind:
        print(f"\n{', '.join(behind)} fell more than 5 s behind: their processes' CPU per fix is a lower bound.")


def projected(percent, rate, target):
    """The CPU at `target` fixes/s if the cost per fix stayed the same ('-' when idle)."""
    if rate <= 0:
        return "–"
    at = percent * target / rate
    return f"{at:.0f} % = {at / 100:.1f} cores"


def per_fix(percent, rate):
    """Microseconds of CPU per input fix, from % of one core at `rate` fixes/s."""
    return percent / 100 * 1e6 / rate if rate > 0 else 0.0


if __name__ == "__main__":
    main()
