"""Helpers shared by the end-to-end checks of the running suite (`bin/refinery up`): HTTP, waiting, tokens, SQL,
Kafka traffic, and the outbox delivery check (every event published once, in order per key)."""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict

PORTS = {"metrics": 8081, "experiment": 8082, "feedback": 8083, "oversight": 8084}
OUTBOX_SCHEMAS = ("metrics", "experiments", "feedback", "oversight")
# Compaction may drop older events of a key from these topics, so an event missing there is not a loss.
COMPACTED_TOPICS = {"refinery.systems"}


class CheckFailed(SystemExit):
    pass


class Checks:
    """The figures a check gathers, printed with the verdict; fail() ends the run with the broken promise."""

    def __init__(self, name):
        self.name = name
        self.figures = {}

    def fail(self, what):
        print(json.dumps({self.name: self.figures}, indent=2))
        raise CheckFailed(f"{self.name}: FAILED: {what}")

    def until(self, what, fn, timeout=60, every=0.25):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = fn()
            if value:
                return value
            time.sleep(every)
        self.fail(f"waiting for {what} ({timeout} s)")

    def passed(self):
        print(json.dumps({self.name: self.figures}, indent=2))
        print(f"{self.name}: passed")


def http(method, url, body=None, token=None, timeout=10, accept="application/json"):
    headers = {"Content-Type": "application/json", "Accept": accept}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read().decode()
            try:
                return r.status, (json.loads(raw) if raw else None)
            except ValueError:
                return r.status, raw
    except urllib.error.HTTPError as e:
        raw = e.read().decode(errors="replace")
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw
    except (urllib.error.URLError, OSError) as e:
        return 0, str(e)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Suite:
    """The running suite: tokens signed with the dev key, psql on its database, bin/refinery, Kafka tools."""

    def __init__(self, root):
        self.root = root
        self.refinery = os.path.join(root, "bin/refinery")
        self.admin, self.ingest, self.viewer = (self.token("e2e", "admin"), self.token("e2e-shop", "ingest"),
                                                self.token("e2e", "viewer"))
        self.psql_args = ["psql", "-h", os.environ.get("REFINERY_PG_HOST", "127.0.0.1"),
                          "-p", os.environ.get("REFINERY_PG_PORT", "5432"), "-U", os.environ.get("REFINERY_PG_USER", "postgres"),
                          "-d", os.environ.get("REFINERY_DB_NAME", "refinery"), "-Atqc"]
        home = os.environ.get("REFINERY_HOME", os.path.join(root, ".refinery"))
        self.pids = os.path.join(home, "pids")
        with open(os.path.join(root, "kafka-runtime/target/kafka-classpath.txt")) as f:
            self.kafka_cp = os.path.join(root, "platform-testing/target/classes") + ":" + f.read().strip()

    def token(self, sub, *roles):
        return subprocess.check_output([self.refinery, "token", *roles, "--sub", sub, "--hours", "1"], text=True).strip()

    def sql(self, query):
        return subprocess.check_output(self.psql_args + [query], text=True).strip()

    def count(self, query):
        return int(self.sql(query) or 0)

    def cmd(self, *args):
        subprocess.run([self.refinery, *args], check=True, stdout=subprocess.DEVNULL)

    def ready(self, port):
        return http("GET", f"http://127.0.0.1:{port}/q/health/ready")[0] == 200

    def register(self, checks, key, kind="RECOMMENDATION"):
        status, body = http("POST", f"http://127.0.0.1:{PORTS['oversight']}/api/v1/systems", {
            "key": key, "name": "End-to-end check", "kind": kind, "ownerTeam": "platform",
            "riskProfile": {"brandImpact": "LOW", "financialImpact": "LOW", "customerImpact": "LOW"}}, self.admin)
        if status != 201:
            checks.fail(f"registering {key}: HTTP {status} {body}")

    def known_on(self, key, ports):
        return all(http("GET", f"http://127.0.0.1:{p}/api/v1/systems/{key}", token=self.viewer)[0] == 200 for p in ports)

    def traffic(self, *args):
        return subprocess.Popen(["java", "-cp", self.kafka_cp, "io.refinery.testing.tools.KafkaTraffic", *args],
                                stdout=subprocess.PIPE, text=True)

    def traffic_output(self, *args):
        return subprocess.check_output(["java", "-cp", self.kafka_cp, "io.refinery.testing.tools.KafkaTraffic", *args],
                                       text=True)


def outbox_delivery(s, checks, since_seq=None):
    """Every outbox row of the four services is published, appears on its topic exactly once, and the events of one
    key (per service and topic) sit on the topic in the order the service wrote them. Returns the figures."""
    checks.until("every outbox to be published", lambda: sum(
        s.count(f"select count(*) from {schema}.outbox where published_at is null") for schema in OUTBOX_SCHEMAS) == 0, 60)
    rows = []
    for schema in OUTBOX_SCHEMAS:
        floor = (since_seq or {}).get(schema, 0)
        for line in s.sql(f"select id, topic, record_key, seq from {schema}.outbox where seq > {floor} order by seq"
                          ).splitlines():
            event_id, topic, key, seq = line.split("|")
            rows.append((schema, event_id, topic, key, int(seq)))
    topics = sorted({r[2] for r in rows})
    on_topic = defaultdict(list)
    if topics:
        for line in s.traffic_output("event-ids", "127.0.0.1:9092", *topics).splitlines():
            record = json.loads(line)
            on_topic[record["id"]].append((record["topic"], record["partition"], record["offset"]))
    missing, duplicated, wrong_topic, out_of_order = [], [], [], []
    last = {}
    for schema, event_id, topic, key, seq in rows:
        seen = on_topic.get(event_id, [])
        if not seen:
            if topic not in COMPACTED_TOPICS:
                missing.append(event_id)
            continue
        if len(seen) > 1:
            duplicated.append(event_id)
        if any(t != topic for t, _, _ in seen):
            wrong_topic.append(event_id)
        position = (seen[0][1], seen[0][2])
        group = (schema, topic, key)
        if group in last and (last[group][0] != position[0] or last[group][1] >= position[1]):
            out_of_order.append(event_id)
        last[group] = position
    figures = {"outbox_events": len(rows), "topics": len(topics), "missing": len(missing),
               "published_more_than_once": len(duplicated), "on_another_topic": len(wrong_topic),
               "out_of_order_in_key": len(out_of_order), "keys": len(last)}
    if missing or duplicated or wrong_topic or out_of_order:
        checks.figures["outbox_delivery"] = figures
        checks.fail(f"outbox delivery: {figures}; first ids: missing {missing[:3]}, twice {duplicated[:3]}, "
                    f"out of order {out_of_order[:3]}")
    return figures


def outbox_positions(s):
    """The highest outbox seq of each service now, to check only what a run adds."""
    return {schema: s.count(f"select coalesce(max(seq), 0) from {schema}.outbox") for schema in OUTBOX_SCHEMAS}


def run(main):
    try:
        main()
    except CheckFailed as e:
        sys.exit(str(e))
