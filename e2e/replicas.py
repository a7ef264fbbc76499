#!/usr/bin/env python3
"""Two replicas of every service against one database and one broker (DESIGN.md section 7), as the chart's HPA runs
them. Starts a second replica of each service (`bin/refinery replicas up`, ports 8091-8094) beside the running suite
and checks, with real processes and real traffic:

  1. State each replica needs is everywhere: a system registered once is served by all six consumer replicas.
  2. Assignment answers agree: 400 units asked on both experiment-service replicas get the same variant.
  3. Consumer groups spread the work: 10,000 observations over Kafka are consumed by both metrics replicas and stored
     exactly once, rollups equal to the raw rows.
  4. Each clocked job fires once while both replicas run it: a due threshold rule gives one evaluation and one alert,
     an experiment past its max duration is stopped and concluded once, an overdue review is escalated once (with
     the on-demand SLA pass called 20 times on both oversight replicas at the same moment).
  5. Every event the services wrote meanwhile is published once, in order per key (one relay at a time).
Stops the second replicas at the end; the first ones must still be ready.
Usage: python3 e2e/replicas.py [--root DIR]
"""
import argparse
import json
import os
import re
import threading
import time
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

from suite import PORTS, Checks, Suite, http, iso, outbox_delivery, outbox_positions, run

CHECKS = Checks("replicas")
FIGURES = CHECKS.figures
fail, until = CHECKS.fail, CHECKS.until
SECOND = {name: port + 10 for name, port in PORTS.items()}


def base(port):
    return f"http://127.0.0.1:{port}"


def expect(what, status, body, *ok):
    if status not in ok:
        fail(f"{what}: HTTP {status} {body}")
    return body


def assigned_partitions(port, client):
    with urllib.request.urlopen(f"{base(port)}/q/metrics", timeout=10) as r:
        text = r.read().decode()
    found = re.search(r'kafka_consumer_coordinator_assigned_partitions\{client_id="kafka-consumer-' + client
                      + r'"[^}]*\} ([0-9.]+)', text)
    return int(float(found.group(1))) if found else 0


def projections(s, key):
    started = time.time()
    consumers = [PORTS["metrics"], SECOND["metrics"], PORTS["experiment"], SECOND["experiment"],
                 PORTS["feedback"], SECOND["feedback"]]
    until(f"{key} on all six consumer replicas", lambda: s.known_on(key, consumers), 30)
    FIGURES["system_on_all_replicas_seconds"] = round(time.time() - started, 1)


def assignments_agree(s, key):
    experiment = f"{key}-ab"
    expect("create experiment", *http("POST", f"{base(PORTS['experiment'])}/api/v1/experiments", {
        "key": experiment, "systemKey": key, "kind": "MODEL_VARIANT", "hypothesis": "Replicas agree on variants",
        "unitType": "USER", "variants": [{"key": "control", "weight": 0.5, "control": True},
                                         {"key": "treatment", "weight": 0.5, "control": False}],
        "primaryMetric": {"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                          "minimumDetectableEffect": 0.1, "baselineRate": 0.05}, "maxDuration": "P28D"}, s.admin), 201)
    # Started on the second replica: the first learns it from the database, as a pod behind the Service would.
    expect("start experiment", *http("POST", f"{base(SECOND['experiment'])}/api/v1/experiments/{experiment}/start",
                                     None, s.admin), 200)

    def variant(port, unit):
        status, body = http("POST", f"{base(port)}/api/v1/assignments", {"unitId": unit, "systemKey": key}, s.ingest)
        if status != 200:
            fail(f"assignment on :{port}: HTTP {status} {body}")
        mine = [a for a in body["assignments"] if a["experimentKey"] == experiment]
        return (mine[0]["variant"] if mine[0]["inExperiment"] else "-") if mine else None

    until("both replicas to serve the started experiment",
          lambda: variant(PORTS["experiment"], "u-probe") and variant(SECOND["experiment"], "u-probe"), 30)
    units = [f"user-{i}" for i in range(400)]
    first = {u: variant(PORTS["experiment"], u) for u in units}
    second = {u: variant(SECOND["experiment"], u) for u in units}
    disagree = [u for u in units if first[u] != second[u]]
    split = {v: sum(1 for u in units if first[u] == v) for v in set(first.values())}
    FIGURES["assignment"] = {"units": len(units), "disagreements": len(disagree), "variants": split}
    if disagree or len(split) < 2:
        fail(f"assignment answers: {FIGURES['assignment']}, first disagreements {disagree[:5]}")
    return experiment


def observations_spread(s, key):
    count = 10000
    prefix = f"{key}-obs"
    spread = {"first": assigned_partitions(PORTS["metrics"], "observations"),
              "second": assigned_partitions(SECOND["metrics"], "observations")}
    producer = s.traffic("produce-observations", "127.0.0.1:9092", key, prefix, str(count), "2500")
    produced = json.loads(producer.communicate(timeout=120)[0])
    stored_q = f"select count(*) from metrics.observations where id like '{prefix}-%'"
    until(f"all {count} observations stored", lambda: s.count(stored_q) >= count, 120)
    time.sleep(2)
    stored = s.count(stored_q)
    distinct = s.count(f"select count(distinct id) from metrics.observations where id like '{prefix}-%'")
    rollup = s.count(f"select coalesce(sum(count), 0) from metrics.rollups where system_key = '{key}'"
                     f" and metric = 'fault_ctr' and step = 'PT1H' and segment = ''")
    FIGURES["kafka_observations"] = {"sent": produced["produced"], "stored": stored, "lost": count - distinct,
                                     "duplicated": stored - distinct, "rollup_count": rollup,
                                     "observation_partitions": spread}
    if stored != count or distinct != count or rollup != count or min(spread.values()) == 0:
        fail(f"observations with two metrics replicas: {FIGURES['kafka_observations']}")


def rule_fires_once(s, key):
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    items = [{"id": f"{key}-conv-{i}", "systemKey": key, "metric": "conversion_rate", "value": 0.01,
              "numerator": 10, "denominator": 1000, "observedAt": iso(yesterday)} for i in range(5)]
    expect("observations", *http("POST", f"{base(SECOND['metrics'])}/api/v1/observations", items, s.ingest), 202)
    rule = expect("rule", *http("POST", f"{base(PORTS['metrics'])}/api/v1/rules", {
        "systemKey": key, "metric": "conversion_rate", "comparison": "BELOW", "baseline": {"type": "FIXED", "value": 0.03},
        "tolerance": {"relative": 0.1}, "period": "P1D", "consecutivePeriods": 1, "minSamplesPerPeriod": 1,
        "severity": "WARNING"}, s.admin), 201)
    # Due now: both replicas' jobs (every 30 s) race for it.
    s.sql(f"update metrics.rules set next_evaluation_at = now() - interval '1 minute' where id = '{rule['id']}'")
    until("the rule to be evaluated by a replica's job",
          lambda: s.count(f"select count(*) from metrics.alerts where rule_id = '{rule['id']}'") > 0, 75, 1)
    time.sleep(3)
    alerts = s.count(f"select count(*) from metrics.alerts where rule_id = '{rule['id']}'")
    fired = s.count(f"select count(*) from metrics.outbox where record_key = '{key}'"
                    f" and event_type = 'io.refinery.metrics.alert.fired.v1'")
    FIGURES["rule_job"] = {"alerts": alerts, "fired_events": fired}
    if alerts != 1 or fired != 1:
        fail(f"rule evaluated by two replicas: {FIGURES['rule_job']}")


def max_duration_once(s, key, experiment):
    s.sql(f"update experiments.experiments set ends_at = now() - interval '1 minute',"
          f" next_check_at = now() - interval '1 minute' where key = '{experiment}'")
    until("the experiment past its max duration to be concluded by a replica's job", lambda: http(
        "GET", f"{base(PORTS['experiment'])}/api/v1/experiments/{experiment}", token=s.viewer)[1].get("state")
        == "CONCLUDED", 75, 1)
    time.sleep(3)
    counts = {t: s.count(f"select count(*) from experiments.outbox where record_key = '{key}'"
                         f" and event_type = 'io.refinery.experiments.experiment.{t}.v1'") for t in ("stopped", "concluded")}
    FIGURES["max_duration_job"] = counts
    if counts != {"stopped": 1, "concluded": 1}:
        fail(f"max duration enforced by two replicas: {counts}")


def escalation_once(s, key):
    review_id = str(uuid.uuid4())
    review = expect("review request", *http("POST", f"{base(PORTS['oversight'])}/api/v1/reviews", {
        "id": review_id, "systemKey": key, "actionType": "PRICE_CHANGE", "summary": "Replica check: one escalation",
        "magnitude": 0.4, "amount": 50000}, s.admin), 201, 200)
    if review.get("state") != "PENDING":
        fail(f"the review request should wait for a person: {review}")
    s.sql(f"update oversight.reviews set due_at = now() - interval '1 minute' where id = '{review_id}'")
    answers = []

    def sla_pass(port):
        answers.append(http("POST", f"{base(port)}/api/v1/reviews/escalations", None, s.admin)[0])

    callers = [threading.Thread(target=sla_pass, args=(port,)) for port in
               (PORTS["oversight"], SECOND["oversight"]) * 10]
    for t in callers:
        t.start()
    for t in callers:
        t.join()
    time.sleep(1)
    audit = s.count(f"select count(*) from oversight.audit_log where action = 'REVIEW_ESCALATED'"
                    f" and subject_id = '{review_id}'")
    events = s.count(f"select count(*) from oversight.outbox where event_type = 'io.refinery.oversight.review.overdue.v1'"
                     f" and payload like '%{review_id}%'")
    FIGURES["sla_escalation"] = {"concurrent_passes": len(callers), "answered_200": answers.count(200),
                                 "audit_entries": audit, "overdue_events": events}
    if audit != 1 or events != 1 or answers.count(200) != len(callers):
        fail(f"escalation by two replicas: {FIGURES['sla_escalation']}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    s = Suite(os.path.abspath(parser.parse_args().root))
    before = outbox_positions(s)
    started = time.time()
    s.cmd("replicas", "up")
    FIGURES["second_replicas_ready_seconds"] = round(time.time() - started, 1)
    try:
        key = f"replicas-{int(time.time())}"
        status, body = http("POST", f"{base(PORTS['oversight'])}/api/v1/systems", {
            "key": key, "name": "Replica check", "kind": "PRICING", "ownerTeam": "platform",
            "riskProfile": {"brandImpact": "HIGH", "financialImpact": "HIGH", "customerImpact": "HIGH"}}, s.admin)
        if status != 201:
            fail(f"registering {key}: HTTP {status} {body}")
        print("replicas: one system on every replica ...", flush=True)
        projections(s, key)
        print("replicas: assignment answers agree ...", flush=True)
        experiment = assignments_agree(s, key)
        print("replicas: Kafka observations spread over both metrics replicas ...", flush=True)
        observations_spread(s, key)
        print("replicas: clocked jobs fire once ...", flush=True)
        rule_fires_once(s, key)
        max_duration_once(s, key, experiment)
        escalation_once(s, key)
        print("replicas: every event published once, in order per key ...", flush=True)
        FIGURES["outbox_delivery"] = outbox_delivery(s, CHECKS, before)
    finally:
        s.cmd("replicas", "down")
    not_ready = [n for n, p in PORTS.items() if not s.ready(p)]
    if not_ready:
        fail(f"after stopping the second replicas, not ready: {not_ready}")
    CHECKS.passed()


if __name__ == "__main__":
    run(main)
