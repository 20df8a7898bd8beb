#!/usr/bin/env python3
"""Redis' CPU per fix for tracking-service's write script, and for variants of it.

tracking-service writes every fix into Redis with one Lua script call per 256 riders
(tracking-service/src/main/resources/scripts/write-fixes.lua). Under the seeds'
scenario Redis is the largest process per fix, so this measures the script alone,
against a Redis on this machine (a running stack's: `./ridertrack up --riders 0`):

    python3 bench/redis-write-script.py --redis localhost:6379 \\
        tracking-service/src/main/resources/scripts/write-fixes.lua /tmp/variant.lua

The name `plain` instead of a script measures the same writes as plain commands, Redis'
floor for them without Lua and without the seq check: HMSET of the hash with its marks,
RPUSH and LTRIM of the trail every second fix (10 s), the last-seen ZADD every sixth
(30 s), one GEOADD per 256 riders. (Tracking-service tried them for riders it knew, in
the ninth session: Redis' saving went to Lettuce's cost per command; performance.md.)

Each script gets its own key prefix and riders. Fixes are sent as tracking-service
sends them (RiderStore.keysAndArgs: the trail length, the last-seen score's and the trail's
spacing, then six arguments per fix, the GEO set refreshed about every sixth fix),
pipelined a poll at a time,
round after round, one fix per rider per round, five seconds of simulated time apart.
The first --fill rounds fill every trail to its steady length and are not measured;
then Redis' own CPU (/proc/<pid>/stat, the pid from INFO) is read over --rounds rounds
and printed per fix, beside the script's command time from INFO commandstats.
Scripts run alternately, --repeat times each, so a noisy machine hurts them alike.

Standard library only; reads /proc, so it runs on the machine Redis runs on.
"""

import argparse
import os
import random
import socket
import sys
import time

FIXES_PER_CALL = 256

PLAIN = b"plain"


class Redis:
    """A minimal RESP client: pipelined commands, replies read and checked."""

    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)))
        self.file = self.sock.makefile("rb", buffering=1 << 20)

    @staticmethod
    def encode(*args):
        parts = [b"*%d\r\n" % len(args)]
        for arg in args:
            if not isinstance(arg, bytes):
                arg = str(arg).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(arg), arg))
        return b"".join(parts)

    def send(self, payload):
        self.sock.sendall(payload)

    def reply(self):
        line = self.file.readline()
        kind, rest = line[:1], line[1:-2]
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind in (b"+", b":"):
            return rest
        if kind == b"$":
            length = int(rest)
            if length < 0:
                return None
            data = self.file.read(length + 2)
            return data[:-2]
        if kind == b"*":
            return [self.reply() for _ in range(int(rest))]
        raise RuntimeError("unexpected reply " + repr(line))

    def call(self, *args):
        self.send(self.encode(*args))
        return self.reply()


def info(redis, section):
    text = redis.call("INFO", section).decode()
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def evalsha_usec(redis):
    stats = info(redis, "commandstats").get("cmdstat_evalsha", "usec=0,")
    return int(stats.split("usec=")[1].split(",")[0])


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Fleet:
    """Riders moving about a city, each with its own key prefix per script."""

    def __init__(self, prefix, riders, seed, settings):
        self.settings = settings
        rng = random.Random(seed)
        self.prefix = prefix
        self.ids = ["rider-%06d" % i for i in range(riders)]
        self.keys = [((prefix + "rider:" + i).encode(), (prefix + "trail:" + i).encode()) for i in self.ids]
        self.lat = [12.9 + rng.random() * 0.2 for _ in range(riders)]
        self.lon = [77.5 + rng.random() * 0.2 for _ in range(riders)]
        self.rng = rng
        self.seq = 0
        self.at = 1_700_000_000_000

    def next_round(self):
        """Every rider's next fix, five seconds later: the seq, the time and each position, as text."""
        self.seq += 1
        self.at += 5000
        rng = self.rng
        positions = []
        for i in range(len(self.ids)):
            self.lat[i] += (rng.random() - 0.5) * 0.0005
            self.lon[i] += (rng.random() - 0.5) * 0.0005
            positions.append((repr(self.lat[i]).encode(), repr(self.lon[i]).encode()))
        return str(self.seq).encode(), str(self.at).encode(), positions

    def plain_calls(self):
        """One round as plain commands: the script's writes without its read or its Lua."""
        seq, at, positions = self.next_round()
        keep = self.settings[0]
        trail_due = self.seq % 2 == 0
        seen_due = self.seq % 6 == 0
        commands = []
        for start in range(0, len(self.ids), FIXES_PER_CALL):
            geo = []
            seen = []
            for i in range(start, min(len(self.ids), start + FIXES_PER_CALL)):
                lat, lon = positions[i]
                fields = [b"seq", seq, b"at", at, b"pos", lat + b"," + lon, b"motion",
                          b"6.5,182.25,8.0,order-%d" % (i % 997)]
                if seen_due:
                    fields += [b"seen", at]
                    seen += [at, self.ids[i].encode()]
                if trail_due:
                    fields += [b"trail", at]
                    commands.append(Redis.encode(b"RPUSH", self.keys[i][1], at + b"," + lat + b"," + lon))
                    commands.append(Redis.encode(b"LTRIM", self.keys[i][1], b"-" + keep, b"-1"))
                commands.append(Redis.encode(b"HMSET", self.keys[i][0], *fields))
                if (i + self.seq) % 6 == 0:
                    geo += [lon, lat, self.ids[i].encode()]
            if geo:
                commands.append(Redis.encode(b"GEOADD", (self.prefix + "geo").encode(), *geo))
            if seen:
                commands.append(Redis.encode(b"ZADD", (self.prefix + "seen").encode(), *seen))
        return b"".join(commands), len(commands)

    def round_calls(self, sha):
        """One round: every rider's next fix, as pipelined EVALSHA calls (or plain commands)."""
        if sha == PLAIN:
            return self.plain_calls()
        seq, at, positions = self.next_round()
        calls = []
        for start in range(0, len(self.ids), FIXES_PER_CALL):
            keys = [(self.prefix + "geo").encode(), (self.prefix + "seen").encode()]
            args = list(self.settings)
            for i in range(start, min(len(self.ids), start + FIXES_PER_CALL)):
                lat, lon = positions[i]
                keys.extend(self.keys[i])
                args.extend((self.ids[i].encode(), seq, at, lat + b"," + lon, b"6.5,182.25,8.0,order-%d" % (i % 997),
                             b"1" if (i + self.seq) % 6 == 0 else b""))
            calls.append(Redis.encode(b"EVALSHA", sha, str(len(keys)).encode(), *keys, *args))
        return b"".join(calls), len(calls)


def run_rounds(redis, fleet, sha, rounds):
    fixes = 0
    for _ in range(rounds):
        payload, calls = fleet.round_calls(sha)
        redis.send(payload)
        for _ in range(calls):
            redis.reply()
        fixes += len(fleet.ids)
    return fixes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scripts", nargs="+",
                        help="Lua scripts with write-fixes.lua's keys and arguments, or plain")
    parser.add_argument("--redis", default="localhost:6379", help="host:port of a Redis on this machine")
    parser.add_argument("--riders", type=int, default=20000)
    parser.add_argument("--fill", type=int, default=125, help="rounds that fill the trails first")
    parser.add_argument("--trail-length", type=int, default=30, help="positions a trail keeps (tracking's default)")
    parser.add_argument("--trail-spacing-ms", type=int, default=10000,
                        help="a position joins a trail this much after the last one kept (fixes are 5 s apart)")
    parser.add_argument("--rounds", type=int, default=30, help="rounds measured per repetition")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    redis = Redis(options.redis)
    pid = int(info(redis, "server")["process_id"])
    shas = [PLAIN if path == "plain" else redis.call("SCRIPT", "LOAD", open(path, "rb").read())
            for path in options.scripts]
    settings = (str(options.trail_length).encode(), b"30000", str(options.trail_spacing_ms).encode())
    fleets = [Fleet("bench%d:" % n, options.riders, seed=n, settings=settings) for n in range(len(options.scripts))]
    for n, path in enumerate(options.scripts):
        print(f"filling {options.riders} riders' trails for {path} ({options.fill} rounds)", flush=True)
        run_rounds(redis, fleets[n], shas[n], options.fill)

    totals = [[0.0, 0.0, 0] for _ in options.scripts]
    for repetition in range(options.repeat):
        for n, path in enumerate(options.scripts):
            cpu, usec = cpu_seconds(pid), evalsha_usec(redis)
            fixes = run_rounds(redis, fleets[n], shas[n], options.rounds)
            cpu, usec = cpu_seconds(pid) - cpu, evalsha_usec(redis) - usec
            totals[n][0] += cpu
            totals[n][1] += usec
            totals[n][2] += fixes
            print(f"  {repetition + 1}/{options.repeat} {os.path.basename(path)}: "
                  f"{cpu * 1e6 / fixes:5.1f} µs of Redis CPU per fix, script {usec / fixes:5.1f} µs", flush=True)

    print()
    print("| script | fixes | Redis CPU per fix | EVALSHA time per fix (plain: none) |")
    print("| --- | --- | --- | --- |")
    for n, path in enumerate(options.scripts):
        cpu, usec, fixes = totals[n]
        print(f"| {path} | {fixes:,} | {cpu * 1e6 / fixes:.1f} µs | {usec / fixes:.1f} µs |")
    for n in range(len(options.scripts)):
        cursor = b"0"
        while True:
            cursor, keys = redis.call("SCAN", cursor, "MATCH", "bench%d:*" % n, "COUNT", 10000)
            if keys:
                redis.call("UNLINK", *keys)
            if cursor == b"0":
                break


if __name__ == "__main__":
    sys.exit(main())
