#!/usr/bin/env python3
"""Two builds of one Kafka Streams service, side by side on a running stack: CPU per fix of each, and the ratio.

The host moves every process's CPU from run to run: in issue 14's eleventh session one build measured 76 and 94 µs
per fix within an hour, and processes no change had touched moved as much as those it had. A before/after pair of
stack runs cannot tell a change of a few per cent. This starts two more instances of one service beside a running
local stack, one from each jar, each under an application id (consumer group) of its own, so both read the same
fixes on the same machine in the same minutes, and prints what each costs per input fix.

    git worktree add /tmp/wt-base <before> && (cd /tmp/wt-base && ./mvnw -o -q package -DskipTests)
    ./ridertrack up --fresh --riders 50000 --data /tmp/ab --ports-from 21000
    python3 bench/side-by-side.py --stack http://localhost:21008 --tracking http://localhost:21010 \\
        --service eta-service --a /tmp/wt-base/eta-service/target/eta-service.jar \\
        --b eta-service/target/eta-service.jar

Each instance starts with the stack's own instance's JVM options and environment, its own state directory and
a random HTTP port, and reads from the end of its inputs (nothing to catch up; an eta instance learns orders as they
come, so fewer fixes are on an order in its first minutes, the same for both), or with --from-start from their
start (on a young stack, so both catch up within the warm-up). Both write to the service's output
topic as the stack's own instance does, so its readers see those records three times during the run. What they
leave behind: their internal topics (changelogs, repartition topics), prefixed with their application ids.

Standard library only; reads /proc, so it runs on the machine the stack runs on.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from stackprobe import cpu_seconds, get_json

STREAMS_SERVICES = ("eta-service", "analytics-service")


def running_instance(stack_url, service):
    """The command line and environment of the stack's own instance of the service."""
    for process in get_json(stack_url + "/api/stack")["processes"]:
        if process["name"] == service and process.get("pid"):
            pid = process["pid"]
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = [arg.decode() for arg in f.read().split(b"\0") if arg]
            with open(f"/proc/{pid}/environ", "rb") as f:
                environment = dict(entry.decode().split("=", 1) for entry in f.read().split(b"\0") if b"=" in entry)
            return command, environment
    sys.exit(f"{service} is not running in the stack at {stack_url}: start the stack first")


def variant_command(command, jar, application_id, state_dir, reset):
    """The stack's command with another jar, and what makes the instance a separate group."""
    jar_at = command.index("-jar") + 1
    return (command[:jar_at] + [os.path.abspath(jar)] + command[jar_at + 1:] + [
        f"--spring.kafka.streams.application-id={application_id}",
        f"--spring.kafka.client-id={application_id}",
        f"--ridertrack.streams.state-dir={state_dir}",
        f"--spring.kafka.streams.properties.main.consumer.auto.offset.reset={reset}",
        "--server.port=0",
    ])


def input_ends(tracking_url, token):
    """rider-locations' summed end offsets, from the Kafka page's API."""
    snapshot = get_json(tracking_url + "/api/v1/kafka", token)
    return sum(int(v) for v in snapshot["endOffsets"].values())


def input_lag(bootstrap, group):
    """A group's lag on rider-locations, in records, from ./ridertrack kafka groups (None if unknown)."""
    ridertrack = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ridertrack")
    out = subprocess.run([ridertrack, "kafka", "groups", "--bootstrap-server", bootstrap, "--group", group],
                         capture_output=True, text=True, timeout=120).stdout
    lags = [int(line.split()[5]) for line in out.splitlines()
            if line.split()[:2] == [group, "rider-locations"]]
    return sum(lags) if lags else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", default="http://localhost:8090", help="local stack control API")
    parser.add_argument("--tracking", default="http://localhost:8080", help="tracking-service (the Kafka page's API)")
    parser.add_argument("--operator-token", default=os.environ.get("RIDERTRACK_OPERATOR_TOKEN", "dev-operator"))
    parser.add_argument("--service", choices=STREAMS_SERVICES, required=True)
    parser.add_argument("--a", required=True, help="jar of the first build (say, before a change)")
    parser.add_argument("--b", required=True, help="jar of the second build")
    parser.add_argument("--warmup", type=float, default=120, help="seconds after the start before counting "
                        "(start-up, the JIT's first minutes)")
    parser.add_argument("--seconds", type=float, default=240, help="how long to measure")
    parser.add_argument("--every", type=float, default=5, help="sampling interval (at least the Kafka page's 5 s)")
    parser.add_argument("--from-start", action="store_true",
                        help="read the inputs from their start (an eta instance then knows every open order), on a "
                             "stack young enough that both catch up within the warm-up")
    args = parser.parse_args()

    for jar in (args.a, args.b):
        if not os.path.isfile(jar):
            sys.exit(f"no jar at {jar}: build it first (./mvnw -o -q package -DskipTests)")
    command, environment = running_instance(args.stack, args.service)
    stamp = time.strftime("%H%M%S")
    work = tempfile.mkdtemp(prefix="side-by-side-")
    variants = {}
    try:
        for name, jar in (("a", args.a), ("b", args.b)):
            application_id = f"ab-{args.service.split('-')[0]}-{name}-{stamp}"
            log = open(os.path.join(work, f"{name}.log"), "w")
            process = subprocess.Popen(variant_command(command, jar, application_id, os.path.join(work, name),
                                                       "earliest" if args.from_start else "latest"),
                                       env=environment, stdout=log, stderr=subprocess.STDOUT)
            variants[name] = {"jar": jar, "group": application_id, "process": process, "samples": []}
            print(f"{name}: {application_id} from {jar} (pid {process.pid}, log {log.name})", flush=True)
        rate = measure(args, variants)
        bootstrap = environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
        for variant in variants.values():
            variant["lag"] = input_lag(bootstrap, variant["group"])
        report(args, variants, rate)
    finally:
        for variant in variants.values():
            variant["process"].send_signal(signal.SIGTERM)
        for variant in variants.values():
            try:
                variant["process"].wait(timeout=30)
            except subprocess.TimeoutExpired:
                variant["process"].kill()
        shutil.rmtree(work, ignore_errors=True)


def measure(args, variants):
    started = time.monotonic()
    before = {name: cpu_seconds(v["process"].pid) for name, v in variants.items()}
    ends_before = input_ends(args.tracking, args.operator_token)
    t_before = started
    rates = []
    print(f"{args.warmup:.0f} s warm-up, then {args.seconds:.0f} s counted", flush=True)
    while time.monotonic() - started < args.warmup + args.seconds:
        time.sleep(args.every)
        for name, variant in variants.items():
            if variant["process"].poll() is not None:
                sys.exit(f"{name} stopped (exit {variant['process'].returncode}): see its log above")
        now = time.monotonic()
        try:
            ends = input_ends(args.tracking, args.operator_token)
        except OSError as ex:
            print(f"{now - started:6.0f} s  tracking-service did not answer ({ex}); sample skipped", flush=True)
            continue
        dt = now - t_before
        rate = (ends - ends_before) / dt
        cpu = {name: cpu_seconds(v["process"].pid) for name, v in variants.items()}
        percent = {name: (cpu[name] - before[name]) / dt * 100 for name in variants}
        warm = now - started > args.warmup
        if warm:
            rates.append(rate)
            for name, variant in variants.items():
                variant["samples"].append(percent[name])
        print(f"{now - started:6.0f} s {'     ' if warm else 'warm '} in {rate:8,.0f} fixes/s | "
              + " | ".join(f"{name} cpu {percent[name]:4.0f}%" for name in variants), flush=True)
        before, ends_before, t_before = cpu, ends, now
    if not rates:
        sys.exit("nothing measured: --seconds too short")
    return sum(rates) / len(rates)


def report(args, variants, rate):
    print()
    print(f"input: {rate:,.0f} fixes/s on rider-locations; load average {os.getloadavg()[0]:.1f}")
    print()
    # CPU per input fix is a cost per fix only for an instance that kept up: the lag at the end says whether it did
    print(f"| {args.service} | jar | mean CPU (% of one core) | CPU per input fix | lag at the end (fixes) |")
    print("| --- | --- | --- | --- | --- |")
    per_fix = {}
    for name, variant in variants.items():
        mean = sum(variant["samples"]) / len(variant["samples"])
        per_fix[name] = mean / 100 * 1e6 / rate if rate > 0 else 0.0
        print(f"| {name} | {variant['jar']} | {mean:.1f} % | {per_fix[name]:.2f} µs | {lag_text(variant['lag'])} |")
    if per_fix["a"] > 0:
        print(f"\nb costs {per_fix['b'] / per_fix['a']:.3f} × a per fix ({per_fix['b'] - per_fix['a']:+.2f} µs)")


def lag_text(lag):
    return "unknown" if lag is None else f"{lag:,}"


if __name__ == "__main__":
    main()
