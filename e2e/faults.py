#!/usr/bin/env python3
"""Fault tests of issue 16 against the running suite (`bin/refinery up`), with real faults and real traffic.

  1. Broker outage: `bin/refinery stop kafka`. Every service stays ready (readiness is what it can serve), the broker
     health group and gauge say DOWN, HTTP ingestion on every path (observations, exposures, outcomes, feedback,
     a review request) is accepted and stored, a system registered meanwhile waits in
     oversight's outbox, no relay holds a transaction open. `start kafka`: the system reaches the other three services,
     its outbox row is stamped at the broker's acknowledgement, every HTTP observation is stored once.
  2. A consumer killed: observations stream over Kafka while metrics-service is killed with -9 and started again;
     every observation is stored exactly once, the rollups equal the raw rows, nothing valid reaches the DLQ.
The database outage is tested by `./mvnw verify` (DatabaseOutageTest in metrics- and oversight-service, through a
TCP fault proxy), since this machine's PostgreSQL serves other work.

  3. Every outbox event the services wrote meanwhile is on its topic exactly once, in the order written per key.
Prints the figures (sent, stored, lost, duplicated, time to recover) and exits non-zero on the first broken promise.
Usage: python3 e2e/faults.py [--root DIR]
"""
import argparse
import json
import os
import threading
import time
import urllib.request
from datetime import datetime, timedelta, timezone

from suite import PORTS, Checks, Suite, http, iso, outbox_delivery, outbox_positions, run

CHECKS = Checks("faults")
FIGURES = CHECKS.figures
fail, until = CHECKS.fail, CHECKS.until


class FaultSuite(Suite):
    def ready(self, name):
        return super().ready(PORTS[name])

    def broker_group(self, name):
        status, body = http("GET", f"http://127.0.0.1:{PORTS[name]}/q/health/group/broker")
        return body.get("status") if isinstance(body, dict) else None

    def register(self, key):
        super().register(CHECKS, key)

    def known_everywhere(self, key):
        return self.known_on(key, (PORTS["metrics"], PORTS["experiment"], PORTS["feedback"]))


def broker_outage(s, key):
    http_items, batch = 2000, 500
    second = f"{key}-late"
    burst = EventBurst(s, key)  # events in flight while the broker goes down: each must still arrive exactly once
    burst.start()
    time.sleep(1)
    s.cmd("stop", "kafka")
    stopped = time.time()
    burst.finish()
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
    others = other_paths_during_outage(s, key, at)
    held = held_transactions(s)
    idle_in_tx = len(held)
    if held:
        fail(f"{idle_in_tx} connection(s) held a transaction open, idle, during the broker outage: {held}")
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
    stored_others = {path: s.count(query) for path, (sent, query) in others.items()}
    lost_others = {path: sent - stored_others[path] for path, (sent, query) in others.items()}
    FIGURES["broker_outage"] = {
        "outage_seconds": round(down_for, 1), "services_ready_during_outage": len(still_ready),
        "http_observations_sent": http_items, "stored": stored, "lost": http_items - stored,
        "other_paths": {path: {"sent": sent, "stored": stored_others[path], "lost": lost_others[path]}
                        for path, (sent, query) in others.items()},
        "events_written_around_the_stop": burst.written,
        "outbox_rows_held": pending, "outbox_rows_stamped_before_broker_back": early,
        "idle_in_transaction": idle_in_tx, "event_delivered_after_restart_seconds": round(propagated, 1)}
    if pending < 1 or early or stored != http_items or any(lost_others.values()) or len(still_ready) != len(PORTS):
        fail(f"broker outage: {FIGURES['broker_outage']}")
    until("every service to see the broker UP", lambda: all(s.broker_group(n) == "UP" for n in PORTS), 30)


def held_transactions(s, samples=6, gap=0.5, held_for="1 second"):
    """Connections that sit idle inside an open transaction for longer than `held_for` while the broker is down: what
    a relay waiting on the broker inside its transaction would look like (issue 16, point 8). A backend seen between
    two statements of a short transaction is also "idle in transaction", for microseconds; only one that stays so
    since its last statement for over a second holds a transaction open."""
    held = {}
    for _ in range(samples):
        time.sleep(gap)
        rows = s.sql("select pid || ' ' || coalesce(nullif(application_name, ''), '-') || ' idle '"
                     " || round(extract(epoch from now() - state_change)::numeric, 1) || ' s after: '"
                     " || left(regexp_replace(query, '\\s+', ' ', 'g'), 160)"
                     " from pg_stat_activity where datname = current_database()"
                     " and state like 'idle in transaction%'"
                     f" and now() - state_change > interval '{held_for}'")
        for row in filter(None, rows.splitlines()):
            held[row.split(" ", 1)[0]] = row
    return sorted(held.values())


class EventBurst(threading.Thread):
    """Registers systems back to back (each one an outbox event on oversight-service) from a second before the broker
    is stopped until it is down, so some events are in the producer or half-acknowledged at the moment it stops: the
    case where a producer that gives up too early would send a stored record a second time."""

    def __init__(self, s, key):
        super().__init__(daemon=True)
        self.s, self.key, self.written, self.done, self.error = s, key, 0, threading.Event(), None

    def run(self):
        while not self.done.is_set():
            status, _ = http("POST", f"http://127.0.0.1:{PORTS['oversight']}/api/v1/systems", {
                "key": f"{self.key}-burst-{self.written}", "name": "In flight at the broker stop", "kind": "PRICING",
                "ownerTeam": "platform",
                "riskProfile": {"brandImpact": "LOW", "financialImpact": "LOW", "customerImpact": "LOW"}}, self.s.admin)
            if status != 201:
                self.error = f"registering a system around the broker stop: HTTP {status}"
                return
            self.written += 1

    def finish(self):
        self.done.set()
        self.join(30)
        if self.error:
            fail(self.error)


def start_experiment(s, key):
    """A running experiment of the system, so exposures and outcomes have somewhere to go during the outage."""
    experiment = f"{key}-ab"
    for what, method, path, body, ok in (
            ("create", "POST", "/api/v1/experiments", {
                "key": experiment, "systemKey": key, "kind": "MODEL_VARIANT", "hypothesis": "Faults lose nothing",
                "unitType": "USER", "variants": [{"key": "control", "weight": 0.5, "control": True},
                                                 {"key": "treatment", "weight": 0.5, "control": False}],
                "primaryMetric": {"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                                  "minimumDetectableEffect": 0.1, "baselineRate": 0.05}, "maxDuration": "P28D"}, 201),
            ("start", "POST", f"/api/v1/experiments/{experiment}/start", None, 200)):
        status, answer = http(method, f"http://127.0.0.1:{PORTS['experiment']}{path}", body, s.admin)
        if status != ok:
            fail(f"experiment {what}: HTTP {status} {answer}")
    return experiment


def other_paths_during_outage(s, key, at):
    """Every other HTTP ingestion path while the broker is down: exposures and outcomes, feedback items, a review
    request. Returns, per path, how many were sent and the query that counts them stored."""
    experiment = s.experiment
    paths = {}
    sends = (
        ("exposures", 8082, "/api/v1/exposures", [
            {"id": f"{key}-exp-{i}", "experimentKey": experiment, "unitId": f"u{i}"} for i in range(300)],
         f"select count(*) from experiments.exposure_ids where id like '{key}-exp-%'"),
        ("outcomes", 8082, "/api/v1/outcomes", [
            {"id": f"{key}-out-{i}", "experimentKey": experiment, "unitId": f"u{i}", "metric": "conversion",
             "value": 1.0} for i in range(0, 300, 3)],
         f"select count(*) from experiments.outcome_ids where id like '{key}-out-%'"),
        ("feedback", 8083, "/api/v1/feedback", [
            {"id": f"{key}-fb-{i}", "systemKey": key, "channel": "SUPPORT_REVIEW", "text":
             f"Order {i}: the recommendations kept showing me winter boots in July", "rating": 3,
             "occurredAt": iso(at)} for i in range(100)],
         f"select count(*) from feedback.feedback_items where client_id like '{key}-fb-%'"),
        ("review_request", 8084, "/api/v1/reviews", {
            "id": f"{key}-review", "systemKey": key, "actionType": "PRICE_CHANGE",
            "summary": "Asked for while the broker was down", "magnitude": 0.2},
         f"select count(*) from oversight.reviews where client_id = '{key}-review'"))
    for path, port, url, body, query in sends:
        status, answer = http("POST", f"http://127.0.0.1:{port}{url}", body, s.ingest if path != "review_request"
                              else s.admin, timeout=30)
        if status not in (200, 201, 202) or (isinstance(answer, dict) and answer.get("rejected")):
            fail(f"{path} during the broker outage: HTTP {status} {answer}")
        paths[path] = (len(body) if isinstance(body, list) else 1, query)
    return paths


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
    # the new process's consumer may join the group and drain the backlog before the readiness poll sees it ready,
    # so consumption has resumed as soon as anything was stored after the old process was gone
    until("consumption to resume after the restart", lambda: int(s.sql(
        f"select count(*) from metrics.observations where id like '{prefix}-%'")) > stored_at_kill, 60, 0.1)
    resumed = time.time()
    produced = json.loads(producer.communicate(timeout=120)[0])
    until(f"all {count} observations stored", lambda: int(s.sql(
        f"select count(*) from metrics.observations where id like '{prefix}-%'")) >= count, 120)
    time.sleep(2)
    stored = int(s.sql(f"select count(*) from metrics.observations where id like '{prefix}-%'"))
    distinct = int(s.sql(f"select count(distinct id) from metrics.observations where id like '{prefix}-%'"))
    rollup = int(s.sql(f"select coalesce(sum(count), 0) from metrics.rollups where system_key = '{key}'"
                       f" and metric = 'fault_ctr' and step = 'PT1H' and segment = ''"))
    dlq = s.traffic_output("count-dlq", "127.0.0.1:9092", "refinery.metrics.observations.dlq", prefix)
    dead = json.loads(dlq)["matching"]
    FIGURES["consumer_killed"] = {
        "kafka_observations_sent": produced["produced"], "stored_when_killed": stored_at_kill, "stored": stored,
        "lost": count - distinct, "duplicated": stored - distinct, "rollup_count": rollup, "dead_lettered": dead,
        "restart_to_ready_seconds": round(ready - killed, 1), "kill_to_consuming_seconds": round(resumed - killed, 1)}
    if stored != count or distinct != count or rollup != count or dead:
        fail(f"consumer killed: {FIGURES['consumer_killed']}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    s = FaultSuite(os.path.abspath(parser.parse_args().root))
    before = outbox_positions(s)
    key = f"fault-{int(time.time())}"
    s.register(key)
    until(f"{key} on the other three services", lambda: s.known_everywhere(key), 30)
    s.experiment = start_experiment(s, key)
    print("faults: broker outage ...", flush=True)
    broker_outage(s, key)
    print("faults: metrics-service killed with -9 mid-stream ...", flush=True)
    consumer_killed(s, key)
    print("faults: every outbox event written during the faults published once, in order per key ...", flush=True)
    FIGURES["outbox_delivery"] = outbox_delivery(s, CHECKS, before)
    CHECKS.passed()


if __name__ == "__main__":
    run(main)
