#!/usr/bin/env python3
"""Runs every lesson of the Kafka page on a running local stack, as a learner would from the page.

For each lesson it presses the buttons over the lessons API, waits until the page's narration has
settled, prints what the page said and how long the lesson took, and checks the page against Kafka's
own command-line tools (the classes behind kafka-consumer-groups.sh, kafka-topics.sh,
kafka-get-offsets.sh, kafka-groups.sh and kafka-share-groups.sh) run on the same cluster. It ends with
a table: lesson, seconds, what was compared, and whether the page and the tool agreed.

Run it beside bench/platform-load.py to see that the groups not being experimented on keep up:

    ./ridertrack up --brokers 3
    python3 bench/platform-load.py --seconds 900 &
    python3 bench/lessons-tour.py

Lessons that need what this stack lacks (three brokers, the control API) are reported as skipped.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Tour:
    def __init__(self, args):
        self.tracking = args.tracking.rstrip("/")
        self.token = args.operator_token
        self.bootstrap = args.bootstrap
        self.results = []
        self.only = set(args.only.split(",")) if args.only else None

    # --- the lessons API -------------------------------------------------------------------

    def call(self, method, path, body=None, timeout=120):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.tracking + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                text = answer.read().decode()
                return answer.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as error:
            text = error.read().decode()
            try:
                return error.code, json.loads(text)
            except ValueError:
                return error.code, text

    def state(self, lesson):
        return self.call("GET", "/api/v1/lessons/" + lesson)[1]

    def act(self, lesson, action, body=None):
        """POSTs an action (or PUTs the setting when action is 'set') and returns the HTTP status."""
        deadline = time.time() + 180
        while True:
            if action == "set":
                status, answer = self.call("PUT", "/api/v1/lessons/" + lesson, body or {})
            else:
                status, answer = self.call("POST", "/api/v1/lessons/%s/%s" % (lesson, action), body or {})
            # 409: the lesson's last action is still running, as a learner would see on the page
            if status != 409 or time.time() > deadline:
                break
            time.sleep(2)
        if status >= 300:
            detail = answer.get("detail") if isinstance(answer, dict) else answer
            print("    %s %s -> %d %s" % (lesson, action, status, detail))
        return status

    def settle(self, lesson, seen, until=None, quiet=4.0, timeout=90.0):
        """Waits until the narration has new lines and no more for `quiet` seconds (or `until(state)`)."""
        start = time.time()
        last_change = time.time()
        lines = len(seen)
        state = self.state(lesson)
        while time.time() - start < timeout:
            state = self.state(lesson)
            narration = state.get("narration", [])
            if len(narration) != lines:
                lines = len(narration)
                last_change = time.time()
            grown = len(narration) > len(seen)
            # a lesson's experiment may pause for a while (MongoDB away for 20 s): quiet is not done
            running = state.get("running", False)
            if until is not None:
                if until(state):
                    break
            elif grown and not running and time.time() - last_change >= quiet:
                break
            time.sleep(1)
        for line in state.get("narration", [])[len(seen):]:
            print("    page: " + line)
        return state

    # --- Kafka's own tools -----------------------------------------------------------------

    def tool(self, main, *args):
        lib = os.path.join(ROOT, "local-stack", "target")
        classpath = os.path.join(lib, "kafka-lib", "*") + os.pathsep + os.path.join(lib, "lib", "*")
        command = ["java", "-Xmx256m", "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                   "-cp", classpath, main, "--bootstrap-server", self.bootstrap] + list(args)
        answer = subprocess.run(command, capture_output=True, text=True, timeout=120)
        return answer.stdout + answer.stderr

    def groups_tool(self, *args):
        return self.tool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", *args)

    def members(self, group):
        """CLIENT-ID -> partitions of the topic, from kafka-consumer-groups --describe --members --verbose."""
        out = self.groups_tool("--describe", "--group", group, "--members", "--verbose")
        members = {}
        header = None
        for line in out.splitlines():
            cells = line.split()
            if "CLIENT-ID" in cells:
                header = cells
                continue
            if header and len(cells) >= len(header) - 1 and cells[0] == group:
                client = cells[header.index("CLIENT-ID")]
                assignment = " ".join(cells[header.index("#PARTITIONS") + 1:]) if "#PARTITIONS" in header else ""
                parts = set()
                for topic_parts in re.findall(r"[\w.-]+\(([\d,]+)\)|[\w.-]+:([\d,]+)", assignment):
                    for chunk in topic_parts:
                        parts.update(int(p) for p in chunk.split(",") if p)
                members[client] = sorted(parts)
        return members, out

    def lags(self, group):
        """partition -> lag of the group, from kafka-consumer-groups --describe."""
        out = self.groups_tool("--describe", "--group", group)
        lags = {}
        header = None
        for line in out.splitlines():
            cells = line.split()
            if "LAG" in cells:
                header = cells
                continue
            if header and len(cells) == len(header) and cells[0] == group:
                lag = cells[header.index("LAG")]
                lags[(cells[1], int(cells[2]))] = int(lag) if lag.isdigit() else None
        return lags

    def offsets(self, topic, time_spec="-1"):
        """partition -> offset from kafka-get-offsets (time -1 latest, -2 earliest)."""
        out = self.tool("org.apache.kafka.tools.GetOffsetShell", "--topic", topic, "--time", time_spec)
        result = {}
        for line in out.splitlines():
            parts = line.strip().split(":")
            if len(parts) == 3 and parts[0] == topic:
                result[int(parts[1])] = int(parts[2])
        return result

    def isr(self, topic):
        """partition -> ISR broker ids, from kafka-topics --describe."""
        out = self.tool("org.apache.kafka.tools.TopicCommand", "--describe", "--topic", topic)
        result = {}
        for line in out.splitlines():
            match = re.search(r"Partition:\s*(\d+).*Isr:\s*([\d,]+)", line)
            if match:
                result[int(match.group(1))] = sorted(int(b) for b in match.group(2).split(","))
        return result

    # --- bookkeeping -----------------------------------------------------------------------

    def wanted(self, lesson):
        return self.only is None or lesson in self.only

    def record(self, number, lesson, started, compared, agreed):
        seconds = time.time() - started
        self.results.append((number, lesson, seconds, compared, agreed))
        verdict = {True: "agree", False: "DISAGREE", None: "-"}[agreed]
        print("  => lesson %d took %.0f s; %s: %s\n" % (number, seconds, compared, verdict))

    def available(self, lesson):
        state = self.state(lesson)
        if not state.get("available", True):
            print("  skipped: " + (state.get("unavailable") or "not available here"))
            self.results.append((state.get("number", 0), lesson, 0, "skipped: " + (state.get("unavailable") or ""), None))
            return False
        return True


def assignment(state):
    for block in state.get("view", []):
        if block.get("type") == "assignment":
            return {m["name"]: sorted(m["partitions"]) for m in block["members"]}
    return {}


def table(state, title_part):
    for block in state.get("view", []):
        if block.get("type") == "table" and title_part.lower() in block.get("title", "").lower():
            return block
    return None


def settled(state, consumers):
    """Every consumer is in, the four partitions are dealt out, and only a fifth consumer is idle."""
    owners = assignment(state)
    idle = sum(1 for parts in owners.values() if not parts)
    return (len(owners) == consumers and idle == max(0, consumers - 4)
            and sorted(p for parts in owners.values() for p in parts) == [0, 1, 2, 3])


def lesson_partitions(t):
    lesson = "partitions"
    print("1. Partitions and consumers in a group")
    started = time.time()
    seen = t.state(lesson)["narration"]
    agreed = True
    for consumers in (1, 2, 3, 4, 5):
        t.act(lesson, "set", {"consumers": consumers})
        state = t.settle(lesson, seen, until=lambda s, n=consumers: settled(s, n))
        seen = state["narration"]
        page = assignment(state)
        tool, _ = t.members("lesson-group")
        same = page == tool
        agreed = agreed and same
        print("    %d consumers: page %s | kafka-consumer-groups %s %s" % (consumers, page, tool, "" if same else "<- differs"))
    t.act(lesson, "reset")
    t.record(1, lesson, started, "members and partitions vs kafka-consumer-groups --members --verbose", agreed)


def lesson_queue(t):
    lesson = "queue-vs-pubsub"
    print("2. Queue versus publish-subscribe")
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "start", {"consumers": 2})
    seen = t.settle(lesson, seen, quiet=3)["narration"]
    t.act(lesson, "burst", {"records": 200})
    state = t.settle(lesson, seen, quiet=4)
    lags = {}
    for group in ("lesson-group", "lesson-group-b"):
        lags.update({(group,) + k: v for k, v in t.lags(group).items()})
    drained = all(v == 0 for v in lags.values()) and len(lags) > 0
    print("    kafka-consumer-groups: lag per group and partition %s" % sorted(set(lags.values())))
    t.act(lesson, "reset")
    t.record(2, lesson, started, "both groups read every record (lag 0 in kafka-consumer-groups)", drained)


def lesson_keys(t):
    lesson = "keys"
    print("3. Keys and ordering")
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "send-keyed", {"key": "rider-42", "count": 10})
    state = t.settle(lesson, seen, quiet=2)
    before = t.offsets("lesson-keys")
    seen = state["narration"]
    t.act(lesson, "send-keyed", {"key": "rider-42", "count": 10})
    state = t.settle(lesson, seen, quiet=2)
    after = t.offsets("lesson-keys")
    grown = sorted(p for p in after if after[p] != before.get(p, 0))
    said = re.findall(r"partition (\d+)", " ".join(state["narration"][len(seen):]))
    agreed = len(grown) == 1 and str(grown[0]) in said
    print("    kafka-get-offsets: only partition(s) %s grew; the page named %s" % (grown, sorted(set(said))))
    seen = state["narration"]
    t.act(lesson, "send-unkeyed", {"count": 100})
    t.settle(lesson, seen, quiet=2)
    t.act(lesson, "reset")
    t.record(3, lesson, started, "a key's partition vs kafka-get-offsets", agreed)


def members_of(t, group, expected=None, timeout=60):
    """Instances in the group (distinct client ids: db-writer's two listeners share one per instance).

    kafka-consumer-groups lists no members while a classic group rebalances, and db-writer's second
    listener joins a moment after the first, so with an expected count this waits for it."""
    deadline = time.time() + timeout
    while True:
        members, _ = t.members(group)
        if expected is None or len(members) == expected or time.time() > deadline:
            return len(members)
        time.sleep(2)


def lesson_scale(t):
    lesson = "scale"
    print("4. Scale the real services' groups")
    if not t.available(lesson):
        return
    started = time.time()
    seen = t.state(lesson)["narration"]
    before = members_of(t, "db-writer")
    t.act(lesson, "add", {"service": "db-writer"})
    state = t.settle(lesson, seen, quiet=5, timeout=120)
    grown = members_of(t, "db-writer", before + 1)
    seen = state["narration"]
    t.act(lesson, "remove", {"service": "db-writer"})
    t.settle(lesson, seen, quiet=5, timeout=120)
    after = members_of(t, "db-writer", before)
    print("    kafka-consumer-groups: db-writer members %d -> %d -> %d" % (before, grown, after))
    t.record(4, lesson, started, "db-writer members vs kafka-consumer-groups", grown == before + 1 and after == before)


def lesson_crash(t):
    lesson = "consumer-crash"
    print("5. A consumer crashes")
    if not t.available(lesson):
        return
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "crash")
    seen = t.settle(lesson, seen, quiet=6, timeout=120)["narration"]
    t.act(lesson, "check")
    state = t.settle(lesson, seen, quiet=4, timeout=120)
    text = " ".join(state["narration"][len(seen):])
    seen = state["narration"]
    t.act(lesson, "restart")
    t.settle(lesson, seen, quiet=5, timeout=120)
    equal = "no duplicate" in text.lower() or "= fixes" in text or "equal" in text.lower()
    t.record(5, lesson, started, "documents = fixes on the topic (page's count)", equal)


def lesson_broker(t):
    lesson = "broker-failure"
    print("6. A broker fails")
    if not t.available(lesson):
        return
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "kill", {"broker": 2})
    seen = t.settle(lesson, seen, quiet=8, timeout=120)["narration"]
    isr_down = t.isr("rider-locations")
    shrunk = all(2 not in brokers for brokers in isr_down.values()) and len(isr_down) > 0
    print("    kafka-topics: ISR of rider-locations with broker 2 down: %s" % sorted(set(map(tuple, isr_down.values()))))
    t.act(lesson, "probe")
    seen = t.settle(lesson, seen, quiet=2)["narration"]
    t.act(lesson, "start", {"broker": 2})
    t.settle(lesson, seen, quiet=10, timeout=150,
             until=lambda s: all(len(b) == 3 for b in t.isr("rider-locations").values()))
    isr_up = t.isr("rider-locations")
    grew = all(len(b) == 3 for b in isr_up.values())
    print("    kafka-topics: ISR after the restart: %s" % sorted(set(map(tuple, isr_up.values()))))
    t.record(6, lesson, started, "ISR shrink and grow vs kafka-topics --describe", shrunk and grew)


def lesson_buffer(t):
    lesson = "buffer"
    print("7. Kafka as the buffer in front of the database")
    if not t.available(lesson):
        return
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "stop-database", {"seconds": "20"})
    state = t.settle(lesson, seen, quiet=8, timeout=150)
    lag = sum(v or 0 for v in t.lags("db-writer").values())
    print("    kafka-consumer-groups: db-writer lag after the catch-up: %d" % lag)
    t.record(7, lesson, started, "db-writer caught up (lag from kafka-consumer-groups)", lag < 2000)


def lesson_replay(t):
    lesson = "replay"
    print("8. Offsets and replay")
    if not t.available(lesson):
        return
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "replay-10m", {"service": "db-writer"})
    state = t.settle(lesson, seen, quiet=8, timeout=150)
    text = " ".join(state["narration"][len(seen):])
    print("    kafka-consumer-groups: db-writer lag now: %d" % sum(v or 0 for v in t.lags("db-writer").values()))
    t.record(8, lesson, started, "db-writer's collection did not grow (page's count)", "none stored twice" in text or "did not grow" in text)


def lesson_retention(t):
    lesson = "retention"
    print("9. Retention")
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "start")
    state = t.settle(lesson, seen, timeout=150,
                     until=lambda s: any(o > 0 for o in t.offsets("lesson-retention", "-2").values()))
    earliest = t.offsets("lesson-retention", "-2")
    seen = t.state(lesson)["narration"]
    t.act(lesson, "read", {"reset": "earliest"})
    state = t.settle(lesson, seen, quiet=2)
    said = " ".join(state["narration"])
    agreed = all(str(offset) in said or "{:,}".format(offset) in said for offset in earliest.values() if offset > 0)
    print("    kafka-get-offsets --time -2: log start offsets %s" % earliest)
    t.act(lesson, "reset")
    t.record(9, lesson, started, "log start offset vs kafka-get-offsets --time -2", agreed)


def lesson_semantics(t):
    lesson = "delivery-semantics"
    print("10. Delivery semantics")
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "run", {"records": 300})
    t.settle(lesson, seen, quiet=3, timeout=120)
    t.record(10, lesson, started, "no tool shows loss or duplicates; the page counts them", None)


def lesson_poison(t):
    lesson = "poison"
    print("11. A poison record")
    started = time.time()
    before = sum(t.offsets("rider-locations.DLT").values())
    seen = t.state(lesson)["narration"]
    t.act(lesson, "send")
    state = t.settle(lesson, seen, quiet=3, timeout=90)
    after = sum(t.offsets("rider-locations.DLT").values())
    groups = [g for g in ("tracking", "eta", "analytics", "db-writer")]
    stuck = []
    for group in groups:
        lag = t.lags(group)
        if not lag:
            continue
        if max(v or 0 for v in lag.values()) > 50000:
            stuck.append(group)
    print("    kafka-get-offsets: rider-locations.DLT grew by %d; groups with a stuck partition: %s" % (after - before, stuck or "none"))
    t.record(11, lesson, started, "one dead letter per group vs kafka-get-offsets", after - before >= 1 and not stuck)


def lesson_protocols(t):
    lesson = "rebalance-protocols"
    print("12. The new consumer rebalance protocol")
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "start")
    seen = t.settle(lesson, seen, quiet=3, timeout=90)["narration"]
    t.act(lesson, "grow")
    state = t.settle(lesson, seen, quiet=4, timeout=120)
    out = t.tool("org.apache.kafka.tools.GroupsCommand", "--list")
    protocols = [line for line in out.splitlines() if "lesson" in line and "protocol" in line.lower() or "lesson-" in line]
    for line in protocols:
        print("    kafka-groups --list: " + line)
    both = any("Consumer" in l for l in protocols) and any("Classic" in l for l in protocols)
    t.act(lesson, "reset")
    t.record(12, lesson, started, "group types (Classic, Consumer) vs kafka-groups --list", both)


def lesson_share(t):
    lesson = "share-groups"
    print("13. Share groups")
    started = time.time()
    seen = t.state(lesson)["narration"]
    t.act(lesson, "set", {"consumers": 5})
    t.settle(lesson, seen, quiet=5, timeout=90)
    out = t.tool("org.apache.kafka.tools.consumer.group.ShareGroupCommand", "--describe", "--group",
                 "lesson-share-group", "--members")
    rows = [line for line in out.splitlines() if line.startswith("lesson-share-group")]
    print("    kafka-share-groups --members: %d members" % len(rows))
    t.act(lesson, "set", {"consumers": 0})
    t.record(13, lesson, started, "five members vs kafka-share-groups --describe --members", len(rows) == 5)


def lesson_autoscaler(t):
    lesson = "autoscaler"
    print("14. Consumers that scale themselves")
    if not t.available(lesson):
        return
    started = time.time()
    seen = t.state(lesson)["narration"]
    before = members_of(t, "db-writer")
    t.act(lesson, "on")
    t.act("buffer", "spike", {"factor": 5})
    state = t.settle(lesson, seen, quiet=20, timeout=180)
    peak = members_of(t, "db-writer")
    t.act(lesson, "off")
    print("    kafka-consumer-groups: db-writer members %d -> %d" % (before, peak))
    t.record(14, lesson, started, "autoscaler's decisions vs members in kafka-consumer-groups", None)


LESSONS = [
    ("partitions", lesson_partitions), ("queue-vs-pubsub", lesson_queue), ("keys", lesson_keys),
    ("scale", lesson_scale), ("consumer-crash", lesson_crash), ("broker-failure", lesson_broker),
    ("buffer", lesson_buffer), ("replay", lesson_replay), ("retention", lesson_retention),
    ("delivery-semantics", lesson_semantics), ("poison", lesson_poison),
    ("rebalance-protocols", lesson_protocols), ("share-groups", lesson_share), ("autoscaler", lesson_autoscaler),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tracking", default="http://localhost:8080", help="tracking-service")
    parser.add_argument("--bootstrap", default="localhost:9092", help="the stack's Kafka")
    parser.add_argument("--operator-token", default=os.environ.get("OPERATOR_TOKEN", "dev-operator"))
    parser.add_argument("--only", help="comma-separated lesson ids, e.g. partitions,poison")
    args = parser.parse_args()
    tour = Tour(args)
    if not os.path.isdir(os.path.join(ROOT, "local-stack", "target", "kafka-lib")):
        sys.exit("Kafka's tools are not built yet: run ./ridertrack up once")
    for lesson, run in LESSONS:
        if tour.wanted(lesson):
            try:
                run(tour)
            except Exception as error:  # one lesson failing must not hide the others
                print("  lesson %s failed: %r\n" % (lesson, error))
                tour.results.append((0, lesson, 0, "failed: %r" % error, False))
    print("%-3s %-20s %8s  %-70s %s" % ("#", "lesson", "seconds", "compared with Kafka's tools", "page and tool"))
    for number, lesson, seconds, compared, agreed in tour.results:
        print("%-3s %-20s %8.0f  %-70s %s" % (number, lesson, seconds, compared[:70],
                                              {True: "agree", False: "DISAGREE", None: "-"}[agreed]))


if __name__ == "__main__":
    main()
