#!/usr/bin/env python3
"""Fault tests of issue 16 against the running suite (`bin/refinery up`), with real faults and real traffic.

  1. Broker outage: `bin/refinery stop kafka`. Every service stays ready (readiness is what it can serve), the broker
     health group and gauge say DOWN, HTTP ingestion is accepted, a system registered meanwhile waits in
     oversight's outbox, no relay holds a transaction open. `start kafka`: the system reaches the other three services,
     its outbox row is stamped at the broker's acknowledgement, every HTTP observation is stored once.
  2. A consumer killed: observations stream over Kafka while metrics-service is killed with -9 and started again;
     every observation is stored exactly once, the rollups equal the raw rows, nothing valid reaches the DLQ.
The database outage is tested by `./mvnw verify` (DatabaseOutageTest in metrics- and oversight-service, through a
TCP fault proxy), since this machine's PostgreSQL serves other work.

Prints the figures (sent, stored, lost, duplicated, time to recover) and exits non-zero on the first broken promise.
Usage: python3 e2e/faults.py [--root DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

PORTS = {"metrics": 8081, "experiment": 8082, "feedback": 8083, "oversight": 8084}
FIGURES = {}


def http(method, url, body=None, token=None, timeout=10):
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
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


def fail(what):
    print(json.dumps({"faults": FIGURES}, indent=2))
    sys.exit(f"faults: FAILED: {what}")


def until(what, fn, timeout=60, every=0.25):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(every)
    fail(f"waiting for {what} ({timeout} s)")


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Suite:
    def __init__(self, root):
        self.root = root
        self.refinery = os.path.join(root, "bin/refinery")
        tok = lambda sub, *roles: subprocess.check_output(  # noqa: E731
            [self.refinery, "token", *roles, "--sub", sub, "--hours", "1"], text=True).strip()
        self.admin, self.ingest, self.viewer = tok("faults", "admin"), tok("faults-shop", "ingest"), tok("faults", "viewer")
        self.psql_args = ["psql", "-h", os.environ.get("REFINERY_PG_HOST", "127.0.0.1"),
                          "-p", os.environ.get("REFINERY_PG_PORT", "5432"), "-U", os.environ.get("REFINERY_PG_USER", "postgres"),
                          "-d", os.environ.get("REFINERY_DB_NAME", "refinery"), "-Atqc"]
        home = os.environ.get("REFINERY_HOME", os.path.join(root, ".refinery"))
        self.pids = os.path.join(home, "pids")
        with open(os.path.join(root, "kafka-runtime/target/kafka-classpath.txt")) as f:
            self.kafka_cp = os.path.join(root, "platform-testing/target/classes") + ":" + f.read().strip()

    def sql(self, query):
        return subprocess.check_output(self.psql_args + [query], text=True).strip()

    def cmd(self, *args):
        subprocess.run([self.refinery, *args], check=True, stdout=subprocess.DEVNULL)

    def ready(self, name):
        return http("GET", f"http://127.0.0.1:{PORTS[name]}/q/health/ready")[0] == 200

    def broker_group(self, name):
        status, body = http("GET", f"http://127.0.0.1:{PORTS[name]}/q/health/group/broker")
        return body.get("status") if isinstance(body, dict) else None

    def register(self, key):
        status, body = http("POST", f"http://127.0.0.1:{PORTS['oversight']}/api/v1/systems", {
            "key": key, "name": "Fault test", "kind": "RECOMMENDATION", "ownerTeam": "platform",
            "riskProfile": {"brandImpact": "LOW", "financialImpact": "LOW", "customerImpact": "LOW"}}, self.admin)
        if status != 201:
            fail(f"registering {key}: HTTP {status} {body}")

    def known_everywhere(self, key):
        return all(http("GET", f"http://127.0.0.1:{PORTS[n]}/api/v1/systems/{key}", token=self.viewer)[0] == 200
                   for n in ("metrics", "experiment", "feedback"))

    def traffic(self, *args):
        return subprocess.Popen(["java", "-cp", self.kafka_cp, "io.refinery.testing.tools.KafkaTraffic", *args],
                                stdout=subprocess.PIPE, text=True)


def broker_outage(s, key):
    http_items, batch = 2000, 500
    second = f"{key}-late"
    s.cmd("stop", "kafka")
    stopped = time.time()
    until("every service to see the broker DOWN (health group broker)",
          lambda: all(s.broker_group(n) == "DOWN" for n in PORTS), 30)
    with urllib.request.urlopen("http://127.0.0.1:8081/q/metrics", timeout=10) as r:
        if "refinery_kafka_broker_up 0.0" not in r.read().decode():
            fail("gauge refinery_kafka_broker_up is not 0 during the outage")
    not_ready = [n for n in PORTS if not s.ready(n)]
    if not_ready:
        fail(f"broker down made {not_ready} not ready")
    at = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    for b in range(http_items // batch):
        items = [{"id": f"{key}-http-{b}-{i}", "systemKey": key, "metric": "fault_http", "value": 1.0,
                  "observedAt": iso(at + timedelta(milliseconds=b * batch + i))} for i in range(batch)]
        status, body = http("POST", "http://127.0.0.1:8081/api/v1/observations", items, s.ingest, timeout=30)
        if status != 202:
            fail(f"HTTP ingestion during the broker outage: {status} {body}")
    s.register(second)
    idle_in_tx = 0
    for _ in range(3):  # a relay waiting on the broker must not hold a transaction (issue 16, point 8)
        time.sleep(1)
        idle_in_tx = max(idle_in_tx, int(s.sql("select count(*) from pg_stat_activity where datname = current_database()"
                                                " and state like 'idle in transaction%'")))
    if idle_in_tx:
        fail(f"{idle_in_tx} connection(s) idle in a transaction during the broker outage")
    pending = int(s.sql(f"select count(*) from oversight.outbox where record_key = '{second}' and published_at is null"))
    still_ready = [n for n in PORTS if s.ready(n)]
    down_for = time.time() - stopped
    s.cmd("start", "kafka")
    restarted_db = s.sql("select now()")
    restarted = time.time()
    until("the late system on metrics, experiment and feedback", lambda: s.known_everywhere(second), 90)
    propagated = time.time() - restarted
    early = int(s.sql(f"select count(*) from oversight.outbox where record_key = '{second}'"
                      f" and (published_at is null or published_at < '{restarted_db}')"))
    stored = int(s.sql(f"select count(*) from metrics.observations where id like '{key}-http-%'"))
    FIGURES["broker_outage"] = {
        "outage_seconds": round(down_for, 1), "services_ready_during_outage": len(still_ready),
        "http_observations_sent": http_items, "stored": stored, "lost": http_items - stored,
        "outbox_rows_held": pending, "outbox_rows_stamped_before_broker_back": early,
        "idle_in_transaction": idle_in_tx, "event_delivered_after_restart_seconds": round(propagated, 1)}
    if pending < 1 or early or stored != http_items or len(still_ready) != len(PORTS):
        fail(f"broker outage: {FIGURES['broker_outage']}")
    until("every service to see the broker UP", lambda: all(s.broker_group(n) == "UP" for n in PORTS), 30)


def consumer_killed(s, key):
    count, rate = 20000, 2000
    prefix = f"{key}-kafka"
    producer = s.traffic("produce-observations", "127.0.0.1:9092", key, prefix, str(count), str(rate))
    time.sleep(3)
    with open(os.path.join(s.pids, "metrics.pid")) as f:
        pid = int(f.read().strip())
    os.kill(pid, 9)
    killed = time.time()
    until("the killed process to be gone", lambda: not os.path.exists(f"/proc/{pid}") or
          open(f"/proc/{pid}/stat").read().split(")")[-1].split()[0] == "Z", 10, 0.05)
    stored_at_kill = int(s.sql(f"select count(*) from metrics.observations where id like '{prefix}-%'"))
    s.cmd("start", "metrics")
    ready = time.time()
    stored_at_ready = int(s.sql(f"select count(*) from metrics.observations where id like '{prefix}-%'"))
    until("consumption to resume after the restart", lambda: int(s.sql(
        f"select count(*) from metrics.observations where id like '{prefix}-%'")) > stored_at_ready, 60, 0.1)
    resumed = time.time()
    produced = json.loads(producer.communicate(timeout=120)[0])
    until(f"all {count} observations stored", lambda: int(s.sql(
        f"select count(*) from metrics.observations where id like '{prefix}-%'")) >= count, 120)
    time.sleep(2)
    stored = int(s.sql(f"select count(*) from metrics.observations where id like '{prefix}-%'"))
    distinct = int(s.sql(f"select count(distinct id) from metrics.observations where id like '{prefix}-%'"))
    rollup = int(s.sql(f"select coalesce(sum(count), 0) from metrics.rollups where system_key = '{key}'"
                       f" and metric = 'fault_ctr' and step = 'PT1H' and segment = ''"))
    dlq = subprocess.check_output(["java", "-cp", s.kafka_cp, "io.refinery.testing.tools.KafkaTraffic", "count-dlq",
                                   "127.0.0.1:9092", "refinery.metrics.observations.dlq", prefix], text=True)
    dead = json.loads(dlq)["matching"]
    FIGURES["consumer_killed"] = {
        "kafka_observations_sent": produced["produced"], "stored_when_killed": stored_at_kill, "stored": stored,
        "lost": count - distinct, "duplicated": stored - distinct, "rollup_count": rollup, "dead_lettered": dead,
        "restart_to_ready_seconds": round(ready - killed, 1), "ready_to_consuming_seconds": round(resumed - ready, 1)}
    if stored != count or distinct != count or rollup != count or dead:
        fail(f"consumer killed: {FIGURES['consumer_killed']}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    s = Suite(os.path.abspath(parser.parse_args().root))
    key = f"fault-{int(time.time())}"
    s.register(key)
    until(f"{key} on the other three services", lambda: s.known_everywhere(key), 30)
    print("faults: broker outage ...", flush=True)
    broker_outage(s, key)
    print("faults: metrics-service killed with -9 mid-stream ...", flush=True)
    consumer_killed(s, key)
    print(json.dumps({"faults": FIGURES}, indent=2))
    print("faults: passed")


if __name__ == "__main__":
    main()
