#!/usr/bin/env python3
"""Live check of the dashboards and alert rules against the running suite (stdlib only; see live.sh).

Starts a real Prometheus on a free loopback port that scrapes the four services every second and loads
k8s/prometheus/rules.yaml, feeds data through the services' APIs (a system, observations, duplicates, a
refused item, two threshold rules whose alerts fire and pend, and, when the Kafka client jars are at hand,
a poison record that lands on a .dlq topic), waits until Prometheus has scraped it, then evaluates every
dashboard query (panels, annotations, variables, with Grafana's variables substituted) and every rule
expression through Prometheus's HTTP API.

A query fails when Prometheus refuses it (parse or evaluation error), when it names a metric that no service
exposes and that is not in ANNOUNCED, or when every vector selector it reads has series but the query
returns none (a wrong join, label or aggregation). A query may be empty only when one of its selectors has
no series yet (data not fed, or a metric still being built) or when it filters (> 0, == 0, ..., absent()).
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dashboards  # noqa: E402

SERVICES = {"metrics-service": 8081, "experiment-service": 8082, "feedback-service": 8083, "oversight-service": 8084}
# Metrics a query may name before any service exposes them. Every domain metric is fed below (drift, coverage,
# oversight, feedback included), so only a Kafka client metric remains: the client registers per-partition lag
# only after its first fetch from a partition, and a quick run may scrape before any service exposes it.
ANNOUNCED = {"kafka_consumer_fetch_manager_records_lag"}
# Series Prometheus makes itself from the rules.
SYNTHETIC = {"ALERTS", "ALERTS_FOR_STATE"}
COMPARISON = re.compile(r"(==|!=|>=|<=|(?<![=!<>])>(?!=)|(?<![=!<>])<(?!=))")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, token=None, timeout=10):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode(errors="replace")


class Prometheus:
    def __init__(self, root, workdir):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cfg = os.path.join(workdir, "prometheus.yml")
        jobs = "".join(
            f"  - job_name: {job}\n    metrics_path: /q/metrics\n    static_configs:\n"
            f"      - targets: ['127.0.0.1:{port}']\n" for job, port in SERVICES.items())
        with open(cfg, "w") as f:
            f.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                    f"rule_files:\n  - {os.path.join(root, 'k8s/prometheus/rules.yaml')}\nscrape_configs:\n{jobs}")
        self.log = open(os.path.join(workdir, "prometheus.log"), "w")
        self.proc = subprocess.Popen(
            ["prometheus", f"--config.file={cfg}", f"--storage.tsdb.path={os.path.join(workdir, 'data')}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=warn"],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.time() + 30
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"prometheus exited; see {self.log.name}")
            try:
                if urllib.request.urlopen(f"{self.base}/-/ready", timeout=1).status == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.time() > deadline:
                raise RuntimeError("prometheus not ready after 30 s")
            time.sleep(0.2)

    def query(self, expr):
        url = f"{self.base}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                body = json.loads(r.read())
        except urllib.error.HTTPError as e:
            body = json.loads(e.read())
        if body.get("status") != "success":
            return None, f'{body.get("errorType")}: {body.get("error")}'
        return body["data"]["result"], None

    def label_values(self, label):
        with urllib.request.urlopen(f"{self.base}/api/v1/label/{label}/values", timeout=10) as r:
            return json.loads(r.read())["data"]

    def has(self, expr):
        result, err = self.query(expr)
        return bool(result) and not err

    def wait_for(self, what, expr, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.has(expr):
                print(f"  fed: {what}")
                return True
            time.sleep(0.5)
        print(f"  NOT SEEN within {timeout} s: {what} ({expr})")
        return False

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def token(root, *roles):
    return subprocess.check_output([os.path.join(root, "bin/refinery"), "token", *roles, "--sub", "k8s-live-check",
                                    "--hours", "1"], text=True).strip()


def feed(root, prom, kafka_classpath, bootstrap):
    """Feeds the suite; returns the signals that must show up in Prometheus."""
    admin, ingest, viewer = token(root, "admin"), token(root, "ingest"), token(root, "viewer")
    key = f"k8s-live-{int(time.time())}"
    status, body = http("POST", "http://127.0.0.1:8084/api/v1/systems", {
        "key": key, "name": "k8s live check", "kind": "OTHER", "ownerTeam": "platform",
        "riskProfile": {"brandImpact": "MEDIUM", "financialImpact": "LOW", "customerImpact": "LOW"}}, admin)
    assert status == 201, f"register {key}: {status} {body}"
    deadline = time.time() + 30
    for job, port in SERVICES.items():
        while http("GET", f"http://127.0.0.1:{port}/api/v1/systems/{key}", token=viewer)[0] != 200:
            assert time.time() < deadline, f"{key} not visible on {job}"
            time.sleep(0.1)
    print(f"  registered {key}, visible on all four services")

    now = datetime.now(timezone.utc)
    yesterday = (now - timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    items = [{"id": f"{key}-{i}", "systemKey": key, "metric": "ctr", "value": 0.10 + i / 100, "observedAt": iso(yesterday)}
             for i in range(5)]
    items.append({"id": f"{key}-today", "systemKey": key, "metric": "ctr", "value": 0.2, "observedAt": iso(now)})
    items.append({"id": f"{key}-bad", "systemKey": key, "metric": "Not A Metric", "value": 1, "observedAt": iso(now)})
    status, body = http("POST", "http://127.0.0.1:8081/api/v1/observations", items, ingest)
    assert status < 300 and body["accepted"] == 6 and len(body["rejected"]) == 1, f"observations: {status} {body}"
    status, body = http("POST", "http://127.0.0.1:8081/api/v1/observations", items[:2], ingest)
    assert status < 300 and body["duplicates"] == 2, f"duplicates: {status} {body}"
    print("  posted 6 observations, 2 duplicates, 1 refused item")

    for consecutive, state in ((1, "FIRING"), (3, "PENDING")):
        status, rule = http("POST", "http://127.0.0.1:8081/api/v1/rules", {
            "systemKey": key, "metric": "ctr", "comparison": "BELOW", "baseline": {"type": "FIXED", "value": 0.5},
            "tolerance": {"relative": 0.1}, "period": "P1D", "consecutivePeriods": consecutive, "severity": "WARNING"}, admin)
        assert status == 201, f"rule: {status} {rule}"
        status, ev = http("POST", f"http://127.0.0.1:8081/api/v1/rules/{rule['id']}/evaluate?at={iso(now)}", None, admin)
        assert status == 200 and ev["state"] == state, f"evaluate: {status} {ev}"
    print("  two threshold rules evaluated: one alert FIRING, one PENDING")

    signals = [
        ("all four services scraped", f'count(up{{job=~"{"|".join(SERVICES)}"}} == 1) == 4'),
        ("requests on every service", 'count(count by (job) (http_server_requests_seconds_count)) == 4'),
        ("observations ingested", f'refinery_observations_ingested_total{{system="{key}"}}'),
        ("duplicates counted", f'refinery_observations_duplicates_total{{system="{key}"}} > 0'),
        ("refused observations counted", 'refinery_observations_rejected_total > 0'),
        ("outbox events published", 'refinery_outbox_published_total > 0'),
    ]
    if kafka_classpath:
        java = shutil.which("java")
        subprocess.run([java, "-cp", kafka_classpath, os.path.join(os.path.dirname(__file__), "KafkaSend.java"),
                        bootstrap, "refinery.metrics.observations", key, "{ this is not an observation"],
                       check=True, timeout=120)
        print("  sent a poison record to refinery.metrics.observations")
        signals.append(("poison record on the dead-letter topic",
                        'increase(kafka_producer_record_send_total{job="metrics-service", client_id=~".*(dlq|dead-letter).*"}[5m]) > 0'))
        signals.append(("RefineryDeadLetters alert firing", 'ALERTS{alertname="RefineryDeadLetters", alertstate="firing"}'))
    else:
        print("  no Kafka client jars (kafka-runtime/target/kafka-classpath.txt): dead-letter data not fed")
    signals += feed_domain(key, now, admin, ingest)
    # The domain gauges refresh every 30 s in the services (refinery.gauges.refresh-interval).
    signals += [
        ("metric value of the last closed day", f'refinery_ai_metric_value{{system="{key}", metric="ctr"}}'),
        ("firing alert", f'refinery_alerts{{system="{key}", state=~"FIRING|ACKNOWLEDGED"}}'),
        ("pending alert", f'refinery_alerts{{system="{key}", state="PENDING"}}'),
    ]
    return key, signals


def feed_domain(key, now, admin, ingest):
    """Drift, oversight and feedback data for the system, so that every dashboard panel is proven with data."""
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    # Drift: a monitor of one numerical feature whose current day moved well away from its reference week.
    status, monitor = http("POST", "http://127.0.0.1:8081/api/v1/drift/monitors", {
        "systemKey": key, "name": "live check inputs", "features": [{"name": "price", "type": "NUMERICAL"}],
        "reference": {"trailing": "P7D", "lag": "P0D"}, "current": "P1D", "method": "AUTO"}, admin)
    assert status == 201, f"drift monitor: {status} {monitor}"
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    samples = []
    for days_ago in range(8, 1, -1):
        at = today - timedelta(days=days_ago) + timedelta(hours=9)
        samples += [{"id": f"{key}-ref-{days_ago}-{i}", "systemKey": key, "observedAt": iso(at + timedelta(seconds=i)),
                     "features": {"price": 50 + (i % 21) - 10}} for i in range(60)]
    yesterday = today - timedelta(days=1) + timedelta(hours=9)
    samples += [{"id": f"{key}-cur-{i}", "systemKey": key, "observedAt": iso(yesterday + timedelta(seconds=i)),
                 "features": {"price": 80 + (i % 21) - 10}} for i in range(100)]
    status, body = http("POST", "http://127.0.0.1:8081/api/v1/drift/samples", samples, ingest)
    assert status == 202 and body["accepted"] == len(samples), f"drift samples: {status} {body}"
    status, run = http("POST", f"http://127.0.0.1:8081/api/v1/drift/monitors/{monitor['id']}/evaluate?at={iso(now)}",
                       None, admin)
    assert status == 200 and run["featuresDrifted"] == 1, f"drift evaluation: {status} {run}"
    print(f"  drift monitor evaluated on {len(samples)} samples: price drifted")
    # Performance estimation: a classifier's scored predictions, a labelled reference week, then a day without labels.
    rng = random.Random(22)
    scored = []
    for days_ago in range(8, 0, -1):
        at = today - timedelta(days=days_ago) + timedelta(hours=10)
        spread = 0.3 if days_ago <= 1 else 1.0
        for i in range(80):
            x = rng.gauss(0, spread)
            item = {"id": f"{key}-pred-{days_ago}-{i}", "systemKey": key, "observedAt": iso(at + timedelta(seconds=i)),
                    "prediction": round(1 / (1 + math.exp(-3 * x)), 6)}
            if days_ago > 1:
                item["outcome"] = 1 if rng.random() < 1 / (1 + math.exp(-2 * x)) else 0
            scored.append(item)
    status, body = http("POST", "http://127.0.0.1:8081/api/v1/drift/samples", scored, ingest)
    assert status == 202 and body["accepted"] == len(scored), f"scored predictions: {status} {body}"
    status, estimator = http("PUT", f"http://127.0.0.1:8081/api/v1/performance/estimators/{key}", {
        "referenceFrom": iso(today - timedelta(days=8)), "referenceTo": iso(today - timedelta(days=1))}, admin)
    assert status == 200, f"performance estimator: {status} {estimator}"
    status, estimated = http("POST", f"http://127.0.0.1:8081/api/v1/performance/estimators/{key}/estimate", None, admin)
    assert status == 200 and estimated["daysEstimated"] >= 8, f"performance estimate: {status} {estimated}"
    print(f"  performance estimator fitted on {estimator['reference']['labelled']} labelled predictions;"
          f" {estimated['daysEstimated']} days estimated")
    # Oversight: a low-confidence price change waits for a person (pending, with its overdue gauge beside it).
    status, review = http("POST", "http://127.0.0.1:8084/api/v1/reviews", {
        "id": str(uuid.uuid4()), "systemKey": key, "actionType": "PRICE_CHANGE", "summary": "live check: reprice",
        "payload": {"sku": "LIVE-1"}, "magnitude": 0.4, "amount": 20000, "confidence": 0.3}, ingest)
    assert status in (200, 201, 202) and review["state"] == "PENDING", f"review: {status} {review}"
    print(f"  oversight request pending ({review['tier']})")
    # Feedback: three survey answers, one of them angry.
    items = [{"id": str(uuid.uuid4()), "systemKey": key, "channel": "SURVEY", "customerSegment": "live",
              "text": text, "occurredAt": iso(now - timedelta(minutes=5))}
             for text in ("Great recommendations, found my shoes fast", "Terrible results, nothing relevant at all",
                          "Delivery was fine")]
    status, body = http("POST", "http://127.0.0.1:8083/api/v1/feedback", items, ingest)
    assert status == 202 and body["accepted"] == 3, f"feedback: {status} {body}"
    print("  posted 3 feedback items")
    return [
        ("drift score of the monitored feature", f'refinery_drift_score{{system="{key}", feature="price"}}'),
        ("drift detected", f'refinery_drift_detected{{system="{key}", kind="DATA"}} > 0'),
        ("estimated accuracy before the labels", f'refinery_performance{{system="{key}", metric="accuracy", source="ESTIMATED"}}'),
        ("estimate-to-realized gap", f'refinery_performance_estimate_gap{{system="{key}", metric="accuracy"}}'),
        ("coverage gap (no running experiment)", f'refinery_experiment_coverage_gap{{system="{key}"}} == 1'),
        ("oversight request pending", f'refinery_oversight_pending{{system="{key}"}} > 0'),
        ("oversight overdue gauge", f'refinery_oversight_overdue{{system="{key}"}}'),
        ("feedback items counted", f'refinery_feedback_items_total{{system="{key}"}} >= 3'),
        ("feedback sentiment", f'refinery_feedback_sentiment{{system="{key}"}}'),
    ]


def settle(prom, expr, seconds=8):
    """The query's result once it has some, asked again once a second for a few seconds: Micrometer registers a
    Kafka client's meters again when new ones appear (a topic fetched for the first time), and a series that has
    just come back holds fewer than the two samples a rate over [$__rate_interval] needs."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        time.sleep(1)
        result, err = prom.query(expr)
        if result and not err:
            return result
    return None


def evaluate(prom, queries):
    names = set(prom.label_values("__name__"))
    rows, failed = [], 0
    for source, title, expr, label in queries:
        if expr is None:  # label_values(label): Grafana asks the label API
            values = prom.label_values(label)
            status = f"data ({len(values)} values)" if values else "empty"
            rows.append((source, title, status, f"label API /{label}/values"))
            continue
        result, err = prom.query(expr)
        if err:
            failed += 1
            rows.append((source, title, "FAIL", f"{err} :: {expr}"))
            continue
        sels = dashboards.selectors(expr)
        unknown = sorted({dashboards.metric_name(s) for s in sels} - names - ANNOUNCED - SYNTHETIC)
        if unknown:
            failed += 1
            rows.append((source, title, "FAIL", f"no service exposes {', '.join(unknown)} :: {expr}"))
            continue
        if result:
            rows.append((source, title, f"data ({len(result)} series)", expr))
            continue
        missing = [s for s in sels if not prom.has(f"count({s})")]
        if missing:
            rows.append((source, title, "empty: not fed", f"no series for {missing[0]}"))
        elif COMPARISON.search(expr) or "absent(" in expr:
            rows.append((source, title, "empty: filtered", expr))
        elif (settled := settle(prom, expr)):
            rows.append((source, title, f"data ({len(settled)} series, on a retry)", expr))
        else:
            failed += 1
            rows.append((source, title, "FAIL", f"every selector has data, the query returns none :: {expr}"))
    return rows, failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")))
    ap.add_argument("--kafka-classpath", default=None, help="file with the Kafka client classpath")
    ap.add_argument("--bootstrap", default="127.0.0.1:9092")
    ap.add_argument("--wait", type=float, default=75, help="seconds to wait for the fed data in Prometheus")
    args = ap.parse_args()
    start = time.time()
    cp = None
    cp_file = args.kafka_classpath or os.path.join(args.root, "kafka-runtime/target/kafka-classpath.txt")
    if os.path.exists(cp_file):
        cp = open(cp_file).read().strip()

    boards = dashboards.load(os.path.join(args.root, "k8s/grafana"))
    queries = dashboards.queries(boards) + dashboards.rule_queries(os.path.join(args.root, "k8s/prometheus/rules.yaml"))
    workdir = tempfile.mkdtemp(prefix="refinery-live-")
    prom = Prometheus(args.root, workdir)
    try:
        print(f"prometheus on 127.0.0.1:{prom.port} scraping {', '.join(f'{j} :{p}' for j, p in SERVICES.items())}")
        prom.wait_for("first scrape of every service", f'count(up{{job=~"{"|".join(SERVICES)}"}} == 1) == 4', 20)
        time.sleep(2)  # counters need a sample before the feed for increase() to see it
        key, signals = feed(args.root, prom, cp, args.bootstrap)
        seen = [prom.wait_for(what, expr, args.wait) for what, expr in signals]
        time.sleep(3)  # a few more scrapes so that rate() windows hold two samples after the feed
        rows, failed = evaluate(prom, queries)
    finally:
        prom.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    width = max(len(f"{s} {t}") for s, t, _, _ in rows)
    print(f"\n{'query':<{width}}  result")
    for source, title, status, detail in rows:
        line = f"{source + ' ' + title:<{width}}  {status}"
        print(line + (f"  {detail}" if status == "FAIL" or status.startswith("empty") else ""))
    data = sum(1 for r in rows if r[2].startswith("data"))
    unfed = sum(1 for r in rows if r[2] == "empty: not fed")
    filtered = sum(1 for r in rows if r[2] == "empty: filtered")
    missing = sum(1 for s in seen if not s)
    print(f"\n{len(rows)} queries evaluated ({len(rows) - sum(1 for q in queries if q[0] == 'rules.yaml')} dashboard, "
          f"{sum(1 for q in queries if q[0] == 'rules.yaml')} rules): {data} returned data, {filtered} empty after a filter, "
          f"{unfed} empty because their metric has no data yet, {failed} failed; "
          f"{len(seen) - missing}/{len(seen)} fed signals seen; {time.time() - start:.0f} s")
    print(f"k8s-live: {len(rows) - failed - missing} passed, {failed + missing} failed")
    return 1 if failed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
