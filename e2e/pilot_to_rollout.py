#!/usr/bin/env python3
"""End-to-end check of issue 9 across the four running services and the real broker (stdlib only).

Runs against the local suite of `bin/refinery up` (ports 8081-8084) and follows the seed's path from a pilot to
scale, with every decision made by a person through oversight-service:

  pilot experiment concluded SHIP -> rollout with its readiness assessment -> phase 1 gate approved by a reviewer
  -> phase 2 asked for and approved -> a FIRING alert (a real threshold rule on metrics-service) pauses phase 2
  -> a reviewer approves resuming it -> the system timeline and the learnings report (JSON and Markdown) over the
  period contain those facts.

Usage: python3 e2e/pilot_to_rollout.py [--root DIR]. Exits non-zero with the step that failed.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

METRICS, EXPERIMENTS, OVERSIGHT = "http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8084"


def http(method, url, body=None, token=None, accept="application/json", timeout=15):
    headers = {"Content-Type": "application/json", "Accept": accept}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read().decode()
            return r.status, (json.loads(raw) if raw and accept == "application/json" else raw)
    except urllib.error.HTTPError as e:
        raw = e.read().decode(errors="replace")
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw


def expect(what, status, body, *ok):
    if status not in ok:
        sys.exit(f"e2e: FAILED at '{what}': HTTP {status}: {json.dumps(body)[:800] if not isinstance(body, str) else body[:800]}")
    return body


def until(what, fn, timeout=45):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(0.3)
    sys.exit(f"e2e: FAILED waiting for {what} ({timeout} s)")


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Suite:
    def __init__(self, root):
        tok = lambda sub, *roles: subprocess.check_output(  # noqa: E731
            [os.path.join(root, "bin/refinery"), "token", *roles, "--sub", sub, "--hours", "1"], text=True).strip()
        self.admin = tok("e2e-admin", "admin")
        self.ingest = tok("e2e-shop", "ingest")
        self.viewer = tok("e2e-viewer", "viewer")
        self.reviewers = [tok("rita", "reviewer"), tok("bob", "approver")]
        self.key = f"e2e-reco-{int(time.time())}"

    def decide(self, request_id, what):
        """A person approves the oversight request (a second approver when the tier asks for two)."""
        review = until(f"oversight review of {what}", lambda: (lambda s, b: b if s == 200 else None)(
            *http("GET", f"{OVERSIGHT}/api/v1/reviews/{request_id}", token=self.viewer)))
        if review["state"] == "AUTO_APPROVED":
            sys.exit(f"e2e: FAILED: {what} was auto-approved (tier {review['tier']}); a reviewer must decide it")
        for token in self.reviewers[: review["requiredApprovals"]]:
            status, body = http("POST", f"{OVERSIGHT}/api/v1/reviews/{request_id}/decision",
                                {"outcome": "APPROVE", "rationale": f"e2e: evidence for {what} reviewed"}, token)
            expect(f"decide {what}", status, body, 200)
        print(f"  {what}: request {request_id} ({review['tier']}, {review['requiredApprovals']} approval(s)) approved")

    def rollout(self):
        return expect("get rollout", *http("GET", f"{EXPERIMENTS}/api/v1/rollouts/{self.key}-eu", token=self.viewer), 200)

    def wait_rollout(self, what, state, phase):
        return until(what, lambda: (lambda r: r if r["state"] == state and r["currentPhase"] == phase else None)(
            self.rollout()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    s = Suite(parser.parse_args().root)
    started = datetime.now(timezone.utc)
    print(f"e2e: pilot to phased rollout on {s.key}")

    expect("register", *http("POST", f"{OVERSIGHT}/api/v1/systems", {
        "key": s.key, "name": "E2E recommendations", "kind": "RECOMMENDATION", "ownerTeam": "e2e",
        "riskProfile": {"brandImpact": "MEDIUM", "financialImpact": "LOW", "customerImpact": "LOW"}}, s.admin), 201)
    for base in (METRICS, EXPERIMENTS):
        until(f"{s.key} on {base}", lambda: http("GET", f"{base}/api/v1/systems/{s.key}", token=s.viewer)[0] == 200)

    pilot = f"{s.key}-pilot"
    expect("create pilot", *http("POST", f"{EXPERIMENTS}/api/v1/experiments", {
        "key": pilot, "systemKey": s.key, "kind": "MODEL_VARIANT", "hypothesis": "Ranker v7 lifts conversion",
        "unitType": "USER", "variants": [{"key": "control", "weight": 0.5, "control": True},
                                         {"key": "treatment", "weight": 0.5, "control": False}],
        "primaryMetric": {"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                          "minimumDetectableEffect": 0.1, "baselineRate": 0.05}, "maxDuration": "P28D"}, s.admin), 201)
    for action, body in (("start", None), ("stop", {"reason": "pilot done"}),
                         ("conclude", {"decision": "SHIP:treatment", "rationale": "+9 % conversion in the pilot"})):
        expect(f"pilot {action}", *http("POST", f"{EXPERIMENTS}/api/v1/experiments/{pilot}/{action}", body, s.admin), 200)
    print(f"  pilot {pilot} concluded SHIP:treatment")

    assessment = {d: {"score": 4, "evidence": "e2e assessment"} for d in
                  ("dataInfrastructure", "technicalResources", "changeManagement", "systemDependencies")}
    assessment["financialProjections"] = {"score": 4, "expectedCost": 12000, "expectedReturn": 90000, "horizon": "P12M"}
    rollout = expect("create rollout", *http("POST", f"{EXPERIMENTS}/api/v1/rollouts", {
        "key": f"{s.key}-eu", "systemKey": s.key, "experimentKey": pilot, "variant": "treatment",
        "phases": [{"name": "shoes", "scope": {"categories": ["shoes"]}, "trafficPercent": 10, "minDuration": "P0D"},
                   {"name": "shoes and bags", "scope": {"categories": ["shoes", "bags"]}, "trafficPercent": 50,
                    "minDuration": "P0D"},
                   {"name": "everything", "trafficPercent": 100, "minDuration": "P7D"}],
        "readiness": assessment}, s.admin), 201)
    assert rollout["state"] == "AWAITING_GATE" and rollout["readiness"]["passed"], rollout
    print(f"  rollout {rollout['key']} created, readiness passed, phase 1 gate asked for")

    s.decide(rollout["pendingRequest"]["id"], "phase 1 gate")
    s.wait_rollout("phase 1 running", "RUNNING", 0)
    rollout = expect("advance", *http("POST", f"{EXPERIMENTS}/api/v1/rollouts/{s.key}-eu/advance", None, s.admin), 200)
    s.decide(rollout["pendingRequest"]["id"], "phase 2 gate")
    s.wait_rollout("phase 2 running", "RUNNING", 1)

    # A real alert: conversion well below a fixed baseline yesterday, a one-period rule evaluated now.
    now = datetime.now(timezone.utc)
    yesterday = (now - timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
    items = [{"id": f"{s.key}-c{i}", "systemKey": s.key, "metric": "conversion_rate", "value": 0.01,
              "numerator": 10, "denominator": 1000, "observedAt": iso(yesterday)} for i in range(5)]
    expect("observations", *http("POST", f"{METRICS}/api/v1/observations", items, s.ingest), 202)
    rule = expect("rule", *http("POST", f"{METRICS}/api/v1/rules", {
        "systemKey": s.key, "metric": "conversion_rate", "comparison": "BELOW", "baseline": {"type": "FIXED", "value": 0.03},
        "tolerance": {"relative": 0.1}, "period": "P1D", "consecutivePeriods": 1, "minSamplesPerPeriod": 1,
        "severity": "CRITICAL"}, s.admin), 201)
    alert = expect("evaluate", *http("POST", f"{METRICS}/api/v1/rules/{rule['id']}/evaluate?at={iso(now)}", None, s.admin), 200)
    assert alert["state"] == "FIRING", alert
    paused = s.wait_rollout("the FIRING alert to pause phase 2", "PAUSED", 1)
    print(f"  alert FIRING on conversion_rate; rollout paused: {paused['pauseReason']}")

    # Issue 16, point 5: the alert's review carries evidence gathered from the other three running services.
    review_url = f"{OVERSIGHT}/api/v1/reviews/{alert['alert']['oversightRequestId']}"
    until("the alert's review", lambda: http("GET", review_url, token=s.viewer)[0] == 200)

    def evidence_complete():
        status, bundle = http("GET", f"{review_url}/evidence", token=s.viewer)
        parts = {p["name"]: p for p in bundle.get("parts", [])} if status == 200 else {}
        return parts if parts and all(p["status"] == "AVAILABLE" for p in parts.values()) else None
    parts = until("every evidence part to be AVAILABLE (metrics, experiments and feedback answering)", evidence_complete, 30)
    assert parts["alert"]["data"]["id"] == alert["alert"]["id"], parts["alert"]
    assert parts["metricSeries"]["data"], parts["metricSeries"]
    assert isinstance(parts["runningExperiments"]["data"]["items"], list), parts["runningExperiments"]
    summary = ", ".join(f"{name} {part['status']}" for name, part in parts.items())
    print(f"  evidence of the alert's review: {summary}")
    until("the resume request", lambda: s.rollout().get("pendingRequest"))
    s.decide(s.rollout()["pendingRequest"]["id"], "resuming phase 2")
    resumed = s.wait_rollout("phase 2 resumed", "RUNNING", 1)
    steps = [h["step"] for h in resumed["history"]]
    for step in ("phase-approved", "paused", "resumed"):
        assert step in steps, steps
    print(f"  phase 2 resumed; rollout history: {', '.join(steps)}")

    window = {"from": iso(started - timedelta(minutes=5)), "to": iso(datetime.now(timezone.utc) + timedelta(minutes=5))}
    timeline_url = f"{OVERSIGHT}/api/v1/systems/{s.key}/timeline?" + urllib.parse.urlencode({**window, "limit": 500})

    def timeline_has_all():
        status, page = http("GET", timeline_url, token=s.viewer)
        types = [e["type"] for e in page["items"]] if status == 200 else []
        wanted = ("io.refinery.experiments.experiment.concluded.v1", "io.refinery.metrics.alert.fired.v1",
                  "io.refinery.experiments.rollout.paused.v1", "io.refinery.experiments.rollout.resumed.v1")
        return page if all(w in types for w in wanted) else None
    page = until("the timeline to hold the experiment, the alert and the rollout steps", timeline_has_all)
    print(f"  timeline: {len(page['items'])} entries, e.g. " + "; ".join(
        e["summary"] for e in page["items"] if e["category"] in ("ROLLOUT", "ALERT"))[:400])

    report = expect("report", *http("GET", f"{OVERSIGHT}/api/v1/reports/learnings?" + urllib.parse.urlencode(window),
                                    token=s.viewer), 200)
    own = next(x["numbers"] for x in report["systems"] if x["systemKey"] == s.key)
    checks = {
        "experiments concluded": own["experiments"]["concluded"] == 1 and own["experiments"]["shipped"] == 1,
        "alert fired": own["alerts"]["fired"] == 1,
        "one rollout": own["rollouts"]["rollouts"] == 1,
        "two phases approved": own["rollouts"]["events"].get("phase-approved") == 2,
        "paused and resumed": own["rollouts"]["events"].get("paused") == 1 and own["rollouts"]["events"].get("resumed") == 1,
        "requests decided by people": own["oversight"]["decided"] >= 3,
    }
    failed = [k for k, ok in checks.items() if not ok]
    if failed:
        sys.exit(f"e2e: FAILED: the report lacks {failed}: {json.dumps(own)}")
    status, markdown = http("GET", f"{OVERSIGHT}/api/v1/reports/learnings?" + urllib.parse.urlencode(window),
                            token=s.viewer, accept="text/markdown")
    expect("markdown report", status, markdown, 200)
    row = next((line for line in markdown.splitlines() if line.startswith(f"| {s.key} |")), None)
    if not markdown.startswith("# Learnings report") or "| --- |" not in markdown or row is None:
        sys.exit(f"e2e: FAILED: the Markdown report has no table row for {s.key}:\n{markdown[:1500]}")
    print(f"  learnings report: {', '.join(checks)}; Markdown renders ({len(markdown.splitlines())} lines)")
    print("e2e: passed")


if __name__ == "__main__":
    main()
