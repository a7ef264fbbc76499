"""Acts of experimentation and scaling: an A/B test running on every system (the seed's "at least one active
experiment at all times"), the recommendations' pilot concluding SHIP on a significant lift, and its phased rollout,
gated by reviewers in oversight, paused by a real alert and resumed by a person. Exposures and outcomes go in as the
shop's services send them; every number printed comes back from experiment-service's results."""
from common import EXPERIMENTS, METRICS, OVERSIGHT, iso, quote, rng

CONTROL, TREATMENT = "control", "treatment"


class Trial:
    """An experiment's design and the traffic the quarter sends it: `rates` are the control's and the treatment's true
    conversion rates, `share` how much of the required sample per variant the shop sends (below 1 the test keeps
    running; above 1 it reaches its planned sample)."""

    def __init__(self, name, system, kind, hypothesis, unit_type, metric, baseline, mde, rates, share, arms):
        self.name, self.system, self.kind, self.hypothesis = name, system, kind, hypothesis
        self.unit_type, self.metric, self.baseline, self.mde = unit_type, metric, baseline, mde
        self.rates, self.share, self.arms = rates, share, arms
        self.key = f"{system}-{name}"

    def body(self):
        return {"key": self.key, "systemKey": self.system, "kind": self.kind, "hypothesis": self.hypothesis,
                "unitType": self.unit_type, "maxDuration": "P28D",
                "variants": [{"key": CONTROL, "weight": 0.5, "control": True, "description": self.arms[0]},
                             {"key": TREATMENT, "weight": 0.5, "control": False, "description": self.arms[1]}],
                "primaryMetric": {"name": self.metric, "type": "BINOMIAL", "direction": "INCREASE",
                                  "minimumDetectableEffect": self.mde, "baselineRate": self.baseline}}


def pilot(edition):
    return Trial("ranker-v8-pilot", edition.reco, "MODEL_VARIANT",
                 "The session-aware ranker v8 lifts purchases from homepage recommendations", "USER", "purchase",
                 0.05, 0.15, (0.050, 0.059), 1.03, ("ranker v7 (current)", "ranker v8, session-aware"))


def trials(edition):
    """The pilot and one test that keeps running on each system, so coverage never drops when the pilot ends."""
    return (
        pilot(edition),
        Trial("personalization-depth", edition.reco, "PERSONALIZATION_DEPTH",
              "Individual picks beat segment-level picks for first-time visitors", "SESSION", "click",
              0.11, 0.06, (0.110, 0.113), 0.2, ("segment-level picks", "individual picks")),
        Trial("short-answers", edition.chatbot, "CONTENT",
              "Short answers with one help-centre link resolve more chats without a human", "SESSION", "resolved",
              0.62, 0.05, (0.620, 0.634), 0.55, ("current answers", "short answers with one link")),
        Trial("reprice-threshold", edition.pricing, "INTERVENTION_THRESHOLD",
              "Repricing only when a competitor undercuts by more than 3 % keeps conversion", "USER", "purchase",
              0.032, 0.10, (0.0320, 0.0316), 0.12, ("reprice on any undercut", "reprice beyond 3 %")),
    )


def traffic(trial, required):
    """Exposures and outcomes for the trial, drawn from a random source named after it (the same every run): units
    split 50/50 at random, and in each variant exactly round(units x rate) of them convert."""
    draw = rng(f"experiment:{trial.name}")
    per_variant = {CONTROL: [], TREATMENT: []}
    for i in range(round(2 * required * trial.share)):
        per_variant[CONTROL if draw.random() < 0.5 else TREATMENT].append(f"{trial.unit_type.lower()}-{100000 + i}")
    exposures, outcomes, expected = [], [], {}
    for (variant, units), rate in zip(per_variant.items(), trial.rates):
        converted = draw.sample(units, round(len(units) * rate))
        expected[variant] = (len(units), len(converted))
        exposures += [{"id": f"{trial.key}.x.{u}", "experimentKey": trial.key, "unitId": u, "variant": variant}
                      for u in units]
        outcomes += [{"id": f"{trial.key}.o.{u}", "experimentKey": trial.key, "unitId": u, "metric": trial.metric,
                      "value": 1} for u in converted]
    draw.shuffle(exposures)
    return exposures, outcomes, expected


def results(demo, key):
    return demo.ok(f"results of {key}", "GET", f"{EXPERIMENTS}/api/v1/experiments/{key}/results", None, demo.viewer, 200)


def experiment(demo, key):
    return demo.ok(f"experiment {key}", "GET", f"{EXPERIMENTS}/api/v1/experiments/{key}", None, demo.viewer, 200)


def comparison(body):
    return body["primaryMetric"]["comparisons"][0]


def describe(body):
    """"treatment +18.0 % [+8.1 %, +27.9 %], p = 0.0007" from the results' first comparison."""
    c = comparison(body)
    interval = c.get("confidenceInterval") or {}
    return (f"{c['variant']} {c['relativeLift']:+.1%} [{interval.get('lower', float('nan')):+.1%}, "
            f"{interval.get('upper', float('nan')):+.1%}], p = {c['pValue']:.2g}")


def check_results(demo, trial, body, expected):
    """The results count exactly what was sent, the split passes the SRM check, and the lift has an interval and a
    p-value."""
    seen = {v["variant"]: (v["units"], v["conversions"]) for v in body["variants"]}
    c = comparison(body)
    srm = body["srm"]
    demo.say(f"{trial.key}: {', '.join(f'{v} {n:,} units, {k:,} {trial.metric}' for v, (n, k) in seen.items())}")
    demo.say(f"   {describe(body)}; sample ratio p = {srm['pValue']:.2f}; "
             f"{body['progress']['fraction']:.0%} of the planned {body['progress']['requiredUnitsPerVariant']:,} "
             f"per variant; recommendation {body['recommendation']['decision']}")
    demo.check(seen == expected and srm["mismatch"] is False and c.get("confidenceInterval")
               and c.get("pValue") is not None,
               f"{trial.key}: results over every unit sent, no sample ratio mismatch, lift with interval and p-value",
               {"expected": expected, "seen": seen, "srm": srm, "comparison": c})


def experiments_on_every_system(demo, quarter, edition):
    demo.act("An experiment on every system; the recommendations' pilot ships")
    started = []
    for trial in trials(edition):
        created = demo.ok(f"designing {trial.key}", "POST", f"{EXPERIMENTS}/api/v1/experiments", trial.body(),
                          demo.rita, 201)
        demo.ok(f"starting {trial.key}", "POST", f"{EXPERIMENTS}/api/v1/experiments/{trial.key}/start", None,
                demo.rita, 200)
        demo.produced(trial.system, "experiments.started")
        demo.say(f"{trial.key} ({trial.kind}): {trial.hypothesis}; needs "
                 f"{created['requiredUnitsPerVariant']:,} units per variant")
        started.append((trial, created["requiredUnitsPerVariant"]))

    for trial, required in started:
        exposures, outcomes, expected = traffic(trial, required)
        demo.send_batches(f"{trial.key} exposures", f"{EXPERIMENTS}/api/v1/exposures", exposures)
        demo.send_batches(f"{trial.key} {trial.metric}", f"{EXPERIMENTS}/api/v1/outcomes", outcomes)
        body = results(demo, trial.key)
        check_results(demo, trial, body, expected)
        if trial.share < 1:
            demo.check(body["state"] == "RUNNING" and body["recommendation"]["decision"] == "INCONCLUSIVE"
                       and not body["progress"]["reached"],
                       f"{trial.key} keeps running: a fixed-horizon test does not decide before its planned sample",
                       body["recommendation"])
        demo.look("results", f"{EXPERIMENTS}/api/v1/experiments/{trial.key}/results")
        demo.look("the experiment", f"{OVERSIGHT}/console/experiments/{trial.key}")

    conclude_pilot(demo, pilot(edition))
    gaps = demo.ok("coverage", "GET", f"{EXPERIMENTS}/api/v1/coverage?limit=500", None, demo.viewer, 200)
    uncovered = [g["systemKey"] for g in gaps["items"] if g["systemKey"] in edition.all()]
    demo.check(not uncovered, "every system still has a running experiment after the pilot ended", uncovered)
    demo.look("coverage", f"{EXPERIMENTS}/api/v1/coverage")


def conclude_pilot(demo, trial):
    """The pilot reached its sample: the scheduler's check (run now) stops it, and a person concludes SHIP."""
    evaluation = demo.ok("checking the pilot", "POST", f"{EXPERIMENTS}/api/v1/experiments/{trial.key}/evaluate",
                         None, demo.rita, 200)
    stopped = experiment(demo, trial.key)
    demo.check(stopped["state"] == "STOPPED" and stopped["stopTrigger"] == "SAMPLE_REACHED",
               f"{trial.key} stopped at its planned sample (SAMPLE_REACHED)", {"evaluation": evaluation.get("action"),
                                                                               "experiment": stopped})
    body = results(demo, trial.key)
    c = comparison(body)
    demo.check(body["recommendation"]["decision"] == f"SHIP:{TREATMENT}" and c["significant"]
               and c["confidenceInterval"]["lower"] > 0,
               f"the pilot's lift is significant: {describe(body)}; recommended SHIP:{TREATMENT}",
               body["recommendation"])
    rationale = (f"Ranker v8 lifts purchases {c['relativeLift']:+.1%} (95 % interval "
                 f"{c['confidenceInterval']['lower']:+.1%} to {c['confidenceInterval']['upper']:+.1%}); no sample "
                 "ratio mismatch. Scale it in phases.")
    concluded = demo.ok("concluding the pilot", "POST", f"{EXPERIMENTS}/api/v1/experiments/{trial.key}/conclude",
                        {"decision": f"SHIP:{TREATMENT}", "rationale": rationale}, demo.rita, 200)
    demo.produced(trial.system, "experiments.concluded")
    demo.produced(trial.system, "experiments.shipped")
    demo.check(concluded["state"] == "CONCLUDED" and concluded["decision"] == f"SHIP:{TREATMENT}"
               and (concluded.get("rollout") or {}).get("requestId"),
               f"{demo.rita.sub} concludes SHIP:{TREATMENT}, which asks oversight to roll it out (MODEL_ROLLOUT)",
               concluded)
    demo.say(f"rationale: {rationale}")


# --- pilot to rollout ----------------------------------------------------------------------------------------------

ALERT_METRIC = "add_to_cart_rate"
READINESS = {
    "dataInfrastructure": {"score": 4, "evidence": "events and rollups arrive daily; one drift check per week"},
    "technicalResources": {"score": 4, "evidence": "two ML engineers and the search team's on-call for the quarter"},
    "changeManagement": {"score": 4, "evidence": "merchandisers trained; the pilot's category leads are champions"},
    "systemDependencies": {"score": 4, "evidence": "serving shares the feature store with search; load tested x3"},
    "financialProjections": {"score": 4, "evidence": "pilot lift on purchases applied to DACH homepage traffic",
                             "expectedCost": 18000, "expectedReturn": 140000, "horizon": "P12M"},
}
PHASES = [
    {"name": "returning customers in Germany", "trafficPercent": 10, "minDuration": "P0D",
     "scope": {"regions": ["de"], "segments": ["returning"]}},
    {"name": "all customers in DACH", "trafficPercent": 50, "minDuration": "P0D",
     "scope": {"regions": ["de", "at", "ch"]},
     "exitCriteria": [{"metric": ALERT_METRIC, "comparison": "AT_LEAST", "value": 0.058}]},
    {"name": "every market", "trafficPercent": 100, "minDuration": "P7D"},
]


class Rollout:
    """The rollout of the pilot's winner, read from experiment-service."""

    def __init__(self, demo, key):
        self.demo, self.key = demo, key
        self.url = f"{EXPERIMENTS}/api/v1/rollouts/{key}"

    def get(self):
        return self.demo.ok(f"rollout {self.key}", "GET", self.url, None, self.demo.viewer, 200)

    def wait(self, what, state, phase, pending=None):
        """Waits until the rollout is in `state` at `phase` (and, when given, asks oversight for the `pending` step)."""
        def reached():
            r = self.get()
            asked = (r.get("pendingRequest") or {}).get("step")
            return r if r["state"] == state and r["currentPhase"] == phase and (pending is None or asked == pending) \
                else None
        return self.demo.until(what, reached, 30)


def approve(demo, request_id, what, person, rationale):
    """A person approves an oversight request the platform sent (it reaches oversight over Kafka); counted for the
    report as a request of its tier, decided."""
    review = demo.review(request_id)
    demo.check(review["state"] == "PENDING" and review["tier"] == "REVIEW_AND_APPROVAL",
               f"{what} waits for a person ({review['actionType']}, {review['requiredApprovals']} approval)", review)
    decided = demo.decide(request_id, "APPROVE", rationale, person)
    demo.check(decided["state"] == "APPROVED", f"{person.sub} approves it: {rationale}", decided)
    for path in ("oversight.requests", f"oversight.byTier.{review['tier']}", "oversight.decided"):
        demo.produced(review["systemKey"], path)
    return review


def pilot_to_rollout(demo, quarter, edition):
    demo.act("The pilot scales: a phased rollout gated by reviewers, paused by an alert")
    trial = pilot(edition)
    system = edition.reco
    request = experiment(demo, trial.key)["rollout"]["requestId"]
    approve(demo, request, "rolling out the pilot's winner", demo.bob, "The pilot's evidence holds; roll out in phases.")
    demo.until("experiment-service to hear the MODEL_ROLLOUT decision",
               lambda: experiment(demo, trial.key)["rollout"]["decision"] == "APPROVE", 30)

    rollout = Rollout(demo, f"{system}-ranker-v8-rollout")
    created = demo.ok("planning the rollout", "POST", f"{EXPERIMENTS}/api/v1/rollouts", {
        "key": rollout.key, "systemKey": system, "experimentKey": trial.key, "variant": TREATMENT,
        "phases": PHASES, "readiness": READINESS}, demo.rita, 201)
    demo.produced(system, "rollouts.rollouts")
    for d in created["readiness"]["dimensions"]:
        measured = f" (measured {d['measuredScore']}: {d['measuredEvidence']})" if d["measuredScore"] else ""
        demo.say(f"readiness {d['dimension']}: {d['effectiveScore']}{measured}")
    demo.check(created["state"] == "AWAITING_GATE" and created["readiness"]["passed"]
               and created["requestedPhase"] == 0,
               f"readiness passes on all five dimensions (minimum {created['readiness']['minimumScore']}); phase 1 "
               "is asked of oversight", created["readiness"])

    gate = rollout.wait("the phase 1 gate", "AWAITING_GATE", -1, "GATE")["pendingRequest"]["id"]
    approve(demo, gate, f"phase 1 ({PHASES[0]['name']}, {PHASES[0]['trafficPercent']} %)", demo.bob,
            "Readiness confirmed; start with returning customers in Germany.")
    rollout.wait("phase 1 to run", "RUNNING", 0)
    demo.ok("asking for phase 2", "POST", f"{rollout.url}/advance", None, demo.rita, 200)
    gate = rollout.wait("the phase 2 gate", "AWAITING_GATE", 0, "GATE")["pendingRequest"]["id"]
    approve(demo, gate, f"phase 2 ({PHASES[1]['name']}, {PHASES[1]['trafficPercent']} %)", demo.bob,
            "Phase 1 ran clean; widen to DACH.")
    rollout.wait("phase 2 to run", "RUNNING", 1)
    demo.check(True, f"phase 2 ({PHASES[1]['name']}) serves {PHASES[1]['trafficPercent']} % after two approved gates")

    alert = fire_alert(demo, quarter, system)
    paused = rollout.wait("the alert to pause phase 2", "PAUSED", 1)
    demo.check(ALERT_METRIC in (paused["pauseReason"] or ""), f"the alert pauses phase 2: {paused['pauseReason']}",
               paused)
    review_alert(demo, alert)

    resume = rollout.wait("the request to resume", "PAUSED", 1, "RESUME")["pendingRequest"]["id"]
    approve(demo, resume, "resuming phase 2", demo.bob, "Cause found outside the ranker and fixed; resume phase 2.")
    resumed = rollout.wait("phase 2 to resume", "RUNNING", 1)
    steps = [h["step"] for h in resumed["history"]]
    demo.check(steps.count("phase-approved") == 2 and "paused" in steps and "resumed" in steps,
               f"the rollout's history: {', '.join(steps)}", resumed["history"])
    for step in steps:  # every history step is also a rollout event on the lifecycle topic
        demo.produced(system, f"rollouts.events.{step}")
    check_timeline(demo, quarter, system, trial.key, alert["id"], rollout.key)
    demo.look("the rollout", rollout.url)
    demo.look("the system", f"{OVERSIGHT}/console/systems/{system}")


def fire_alert(demo, quarter, system):
    """A real threshold rule: yesterday's add-to-cart rate from recommendations far below a fixed baseline."""
    yesterday = quarter.last.replace(hour=0)
    observations = [{"id": f"{system}.{ALERT_METRIC}.{yesterday:%Y%m%d}.{h:02d}", "systemKey": system,
                     "metric": ALERT_METRIC, "value": round(k / 2500, 4), "numerator": k, "denominator": 2500,
                     "observedAt": iso(yesterday.replace(hour=h))}
                    for h, k in zip(range(8, 20, 2), (102, 98, 105, 96, 101, 99))]
    demo.ok("add-to-cart observations", "POST", f"{METRICS}/api/v1/observations", observations, demo.shop, 202)
    rule = demo.ok("an add-to-cart rule", "POST", f"{METRICS}/api/v1/rules", {
        "systemKey": system, "metric": ALERT_METRIC, "comparison": "BELOW", "baseline": {"type": "FIXED", "value": 0.062},
        "tolerance": {"relative": 0.1}, "period": "P1D", "consecutivePeriods": 1, "minSamplesPerPeriod": 1000,
        "severity": "CRITICAL"}, demo.admin, 201)
    evaluation = demo.ok("evaluating the rule", "POST",
                         f"{METRICS}/api/v1/rules/{rule['id']}/evaluate?at={quote(iso(quarter.now))}", None,
                         demo.admin, 200)
    demo.produced(system, "alerts.fired")
    demo.produced(system, f"alerts.firedByMetric.{ALERT_METRIC}")
    demo.check(evaluation["state"] == "FIRING" and evaluation.get("alert"),
               f"CRITICAL alert FIRING: {ALERT_METRIC} at 4.0 % yesterday, baseline 6.2 %", evaluation)
    demo.look("the alert", f"{METRICS}/api/v1/alerts/{evaluation['alert']['id']}")
    return evaluation["alert"]


def review_alert(demo, alert):
    """The alert's review carries evidence from the other services; a reviewer acknowledges the alert."""
    request = alert["oversightRequestId"]
    evidence_url = f"{OVERSIGHT}/api/v1/reviews/{request}/evidence"

    def complete():
        answer = demo.get(evidence_url)
        parts = {p["name"]: p["status"] for p in answer.body.get("parts", [])} if answer.status == 200 else {}
        return parts if parts and all(s == "AVAILABLE" for s in parts.values()) else None
    parts = demo.until("every evidence part of the alert's review", complete, 30)
    demo.check(True, f"the alert's review gathers evidence from the other services: {', '.join(parts)}")
    approve(demo, request, "the alert", demo.rita, "Real drop, traced to the broken add-to-cart button in the 2 pm "
            "storefront release, not to the ranker; fixed.")
    demo.look("the alert's review", f"{OVERSIGHT}/console/reviews/{request}")


def check_timeline(demo, quarter, system, pilot_key, alert_id, rollout_key):
    """The system's timeline holds the pilot's conclusion, the alert and the rollout's steps."""
    url = f"{OVERSIGHT}/api/v1/systems/{system}/timeline?from={quote(quarter.window()['from'])}" \
          f"&to={quote(quarter.window()['to'])}&limit=500"
    wanted = {"experiments.experiment.concluded": ("experimentKey", pilot_key),
              "metrics.alert.fired": ("alertId", alert_id),
              "experiments.rollout.phase-approved": ("rolloutKey", rollout_key),
              "experiments.rollout.paused": ("rolloutKey", rollout_key),
              "experiments.rollout.resumed": ("rolloutKey", rollout_key)}

    def found():
        page = demo.ok("the timeline", "GET", url, None, demo.viewer, 200)
        hits = {kind: e for e in page["items"] for kind, (field, value) in wanted.items()
                if e["type"] == f"io.refinery.{kind}.v1" and (e.get("data") or {}).get(field) == value}
        return hits if len(hits) == len(wanted) else None
    hits = demo.until("the timeline to hold the pilot, the alert and the rollout", found, 30)
    for entry in hits.values():
        demo.say(f"timeline {entry['at'][:19]} {entry['category']}: {entry['summary']}")
    demo.check(True, "the system's timeline holds the pilot's conclusion, the alert and the rollout's steps")
    demo.look("the timeline", f"{OVERSIGHT}/api/v1/systems/{system}/timeline")
