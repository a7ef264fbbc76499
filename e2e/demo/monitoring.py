"""Monitor, detect, listen: the acts of the demo quarter that watch the shop's three AI systems.

1. `load_metrics`: twelve weeks of hourly metrics for the three systems, with weekends unlike weekdays and noise.
2. `ctr_alert`: the seed's "CTR below its baseline for five consecutive days triggers a review", proved on the day
   it fires (and not the day before), then reviewed by a person and resolved once the CTR recovered.
3. `chatbot_drift`: the support chatbot's conversations change (data drift) and its predictions stop matching how
   conversations end (concept drift); each detection carries the remediation metrics-service's rule recommends and
   lands in oversight, where people choose what to do.
4. `estimated_performance`: the recommendation engine's add-to-basket model is judged before its outcomes are in:
   its performance estimator (CBPE) sees the accuracy fall when a campaign brings visitors it is unsure about.
5. `feedback_contradiction`: customers complain about the homepage recommendations while their CTR climbs.

The quarter's shape, which the acts rely on: the CTR dips for exactly five days (Monday to Friday of week 7), then
climbs over the last two weeks while conversion does not follow; the chatbot's conversations drift in the last week.
"""
import math
import statistics
from datetime import timedelta

from common import FEEDBACK, GRAFANA, METRICS, OVERSIGHT, iso, quote, rng

DAY = timedelta(days=1)
DIP_DAYS = 5             # the CTR's bad streak, as long as the rule's consecutivePeriods
RISE_DAYS = 14           # the CTR climbs over the quarter's last two weeks
DRIFT_DAYS = 7           # the chatbot's conversations drift in the quarter's last week
SAMPLE_DAYS = 56         # drift samples are kept 60 days: the chatbot logs the last eight weeks
SAMPLES_PER_DAY = 150    # one conversation in ten is logged with its features for drift monitoring
NEGATIVE_TURN_DAYS = 14  # customers turn against the recommendations over the last two weeks
BASKET_REFERENCE_DAYS = 28  # the add-to-basket model's labelled reference: four weeks before the last one
BASKET_CAMPAIGN_DAYS = 3    # a campaign's visitors in the quarter's last three days, outcomes not in yet
BASKET_PER_DAY = 200        # predictions logged per day with their score

# Share of a day's traffic per UTC hour: quiet nights, a working-day plateau, an evening peak.
HOURLY_TRAFFIC = (12, 9, 7, 6, 7, 10, 18, 28, 38, 45, 48, 50, 52, 50, 48, 47, 48, 52, 62, 70, 72, 64, 48, 28)


def weekend(day):
    return day.weekday() >= 5


def dip_start(quarter):
    """Index of the first bad CTR day: the Monday of week 7, when a catalogue-feed release went out."""
    return next(i for i in range(42, 49) if quarter.days[i].weekday() == 0)


def hours(day):
    """(hour start, share of the day's traffic) for the 24 hours of a day."""
    total = sum(HOURLY_TRAFFIC)
    return [(day + timedelta(hours=h), share / total) for h, share in enumerate(HOURLY_TRAFFIC)]


# --- 1. metrics -------------------------------------------------------------------------------------------------------

def load_metrics(demo, quarter, edition):
    demo.act("Twelve weeks of metrics arrive from the shop's three AI systems")
    series = [
        (edition.reco, "ctr", ctr_observations(quarter, edition.reco)),
        (edition.reco, "conversion_rate", conversion_observations(quarter, edition.reco)),
        (edition.chatbot, "resolution_rate", resolution_observations(quarter, edition.chatbot)),
        (edition.pricing, "margin", margin_observations(quarter, edition.pricing)),
    ]
    items = [item for _, _, observations in series for item in observations]
    demo.say(f"hourly observations from {quarter.first:%Y-%m-%d} to {quarter.last:%Y-%m-%d}: homepage CTR and "
             f"conversion (clicks/impressions, orders/sessions), the chatbot's resolution rate (resolved/conversations) "
             f"and the pricing model's margin")
    demo.send_batches("observations", f"{METRICS}/api/v1/observations", items)
    days = len(quarter.days)
    for system, metric, observations in series:
        points = daily_series(demo, system, metric, quarter.first, quarter.last + DAY)
        demo.check(len(points) == days and all(p["count"] == 24 for p in points),
                   f"{system} {metric}: {len(observations):,} observations stored, 24 a day for all {days} days",
                   [(p["start"], p["count"]) for p in points if p["count"] != 24][:5] or len(points))
    ctr = daily_series(demo, edition.reco, "ctr", quarter.first, quarter.last + DAY)
    weekdays = statistics.mean(p["value"] for p, d in zip(ctr, quarter.days) if not weekend(d))
    weekends = statistics.mean(p["value"] for p, d in zip(ctr, quarter.days) if weekend(d))
    demo.check(weekends > weekdays * 1.05, f"weekly seasonality: homepage CTR {weekends:.2%} on weekends against "
               f"{weekdays:.2%} on weekdays", (weekends, weekdays))
    demo.look("the CTR series", f"{METRICS}/api/v1/systems/{edition.reco}/metrics/ctr/series?from={iso(quarter.first)}"
              f"&to={iso(quarter.last + DAY)}&step=P1D")
    demo.look("a system page with its charts", f"{OVERSIGHT}/console/systems/{edition.reco}")
    demo.look("the gauge refinery_ai_metric_value{system,metric}", f"{METRICS}/q/metrics")
    demo.look("the Grafana dashboard", GRAFANA.format("metrics-service"))


def planned_ctr(quarter, i, noise):
    """The homepage CTR of day i: higher on weekends, 21 % down in the five-day dip, climbing in the last weeks."""
    ctr = 0.054 if weekend(quarter.days[i]) else 0.048
    start = dip_start(quarter)
    if start <= i < start + DIP_DAYS:
        ctr *= 0.79
    rise = i - (len(quarter.days) - RISE_DAYS)
    if rise >= 0:
        ctr *= 1 + 0.017 * (rise + 1)
    return ctr * (1 + noise.gauss(0, 0.02))


def planned_conversion(quarter, i, noise):
    """Orders per session: weekend browsers buy less; the dip and the clickbait weeks both cost a little."""
    rate = 0.028 if weekend(quarter.days[i]) else 0.032
    start = dip_start(quarter)
    if start <= i < start + DIP_DAYS:
        rate *= 0.9
    if i >= len(quarter.days) - RISE_DAYS:
        rate *= 0.95
    return rate * (1 + noise.gauss(0, 0.03))


def planned_resolution(quarter, i, noise):
    """Conversations the chatbot resolved: weekend questions are harder; the last week's drift costs 12 points."""
    rate = 0.70 if weekend(quarter.days[i]) else 0.74
    if i >= len(quarter.days) - DRIFT_DAYS:
        rate -= 0.12
    return rate + noise.gauss(0, 0.01)


def ratio_observations(quarter, system, metric, daily_rate, daily_volume, seed):
    """Hourly numerator/denominator observations whose daily ratio follows daily_rate."""
    noise = rng(seed)
    items = []
    for i, day in enumerate(quarter.days):
        rate = daily_rate(quarter, i, noise)
        volume = daily_volume(day)
        for start, share in hours(day):
            denominator = max(1, round(volume * share * (1 + noise.gauss(0, 0.05))))
            numerator = min(denominator, round(denominator * rate * (1 + noise.gauss(0, 0.03))))
            items.append({"id": f"{system}.{metric}.{start:%Y%m%dT%H}", "systemKey": system, "metric": metric,
                          "numerator": numerator, "denominator": denominator,
                          "observedAt": iso(start + timedelta(minutes=30))})
    return items


def ctr_observations(quarter, system):
    return ratio_observations(quarter, system, "ctr", planned_ctr,
                              lambda day: 55000 if weekend(day) else 40000, "reco-ctr")


def conversion_observations(quarter, system):
    return ratio_observations(quarter, system, "conversion_rate", planned_conversion,
                              lambda day: 24000 if weekend(day) else 18000, "reco-conversion")


def resolution_observations(quarter, system):
    return ratio_observations(quarter, system, "resolution_rate", planned_resolution,
                              lambda day: 1100 if weekend(day) else 1500, "chatbot-resolution")


def margin_observations(quarter, system):
    """The pricing model's hourly gross margin, a plain value: lower on weekends, when promotions run."""
    noise = rng("pricing-margin")
    items = []
    for day in quarter.days:
        level = 0.285 if weekend(day) else 0.31
        for start, _ in hours(day):
            items.append({"id": f"{system}.margin.{start:%Y%m%dT%H}", "systemKey": system, "metric": "margin",
                          "value": round(level + noise.gauss(0, 0.012), 4),
                          "observedAt": iso(start + timedelta(minutes=30))})
    return items


def daily_series(demo, system, metric, start, end):
    url = (f"{METRICS}/api/v1/systems/{system}/metrics/{metric}/series?from={quote(iso(start))}"
           f"&to={quote(iso(end))}&step=P1D")
    return demo.ok(f"the {metric} series of {system}", "GET", url, None, demo.viewer, 200)["points"]


# --- 2. the CTR alert -------------------------------------------------------------------------------------------------

def ctr_alert(demo, quarter, edition):
    demo.act("Detect: homepage CTR below its baseline five days in a row triggers a review")
    system = edition.reco
    rule = demo.ok("creating the CTR rule", "POST", f"{METRICS}/api/v1/rules", {
        "systemKey": system, "metric": "ctr", "comparison": "BELOW",
        "baseline": {"type": "TRAILING", "window": "P28D", "statistic": "MEDIAN"}, "tolerance": {"relative": 0.10},
        "period": "P1D", "consecutivePeriods": DIP_DAYS, "minSamplesPerPeriod": 10000, "severity": "WARNING"},
        demo.admin, 201)
    demo.say(f"rule {rule['id']}: daily CTR more than 10 % below its 28-day trailing median, 5 days in a row "
             "(days with fewer than 10,000 impressions neither count nor reset the streak)")
    bad = quarter.days[dip_start(quarter):dip_start(quarter) + DIP_DAYS]
    demo.say(f"a catalogue-feed release on Monday {bad[0]:%Y-%m-%d} filled the homepage carousel with out-of-stock "
             f"products until the fix on Friday {bad[-1]:%Y-%m-%d}; the rule is replayed as of each evening")

    fourth = evaluate_rule(demo, rule, bad[3] + DAY)
    demo.check(fourth["state"] == "PENDING" and fourth["consecutiveBreaches"] == 4 and fourth["transition"] != "FIRE",
               f"as of the end of the fourth bad day ({bad[3]:%a %Y-%m-%d}) the rule is PENDING with 4 breaches: "
               "no alert fires", summary_of(fourth))
    fifth = evaluate_rule(demo, rule, bad[4] + DAY)
    demo.check(fifth["state"] == "FIRING" and fifth["consecutiveBreaches"] == DIP_DAYS
               and fifth["transition"] == "FIRE" and fifth["alert"]["state"] == "FIRING",
               f"as of the end of the fifth bad day ({bad[4]:%a %Y-%m-%d}) the alert FIRES", summary_of(fifth))
    alert = fifth["alert"]
    demo.produced(system, "alerts.fired")
    demo.produced(system, "alerts.firedByMetric.ctr")
    for period in alert["evidence"]["breachingPeriods"]:
        demo.say(f"  {period['start'][:10]}: CTR {period['value']:.2%} against baseline {period['baseline']:.2%} "
                 f"(threshold {period['threshold']:.2%})")

    review = review_with_evidence(demo, alert)
    decide_review(demo, system, review, "APPROVE", "Confirmed: the feed release pushed out-of-stock products into the "
                  "carousel from Monday to Friday; the rule caught a real problem. Feed checks added to the release.",
                  [demo.rita, demo.bob])
    acknowledged = demo.until("metrics-service to acknowledge the alert", lambda: (
        lambda a: a if a["state"] == "ACKNOWLEDGED" else None)(
        demo.ok("the alert", "GET", f"{METRICS}/api/v1/alerts/{alert['id']}", None, demo.viewer, 200)), 30)
    demo.check(acknowledged["decision"] == "APPROVE" and acknowledged["acknowledgedBy"] == demo.rita.sub,
               f"the decision reached metrics-service: alert ACKNOWLEDGED by {acknowledged['acknowledgedBy']}, "
               "counted as a real alarm in the rule's precision", acknowledged)

    recovered = evaluate_rule(demo, rule, bad[4] + 2 * DAY)
    demo.check(recovered["transition"] == "RESOLVE" and recovered["alert"]["state"] == "RESOLVED",
               f"as of the end of {bad[4] + DAY:%a %Y-%m-%d} the CTR is back within its band and the alert RESOLVES",
               summary_of(recovered))
    demo.produced(system, "alerts.resolved")
    demo.look("the alert", f"{METRICS}/api/v1/alerts/{alert['id']}")
    demo.look("its review", f"{OVERSIGHT}/console/reviews/{alert['oversightRequestId']}")


def evaluate_rule(demo, rule, at):
    return demo.ok(f"evaluating the rule as of {iso(at)}", "POST",
                   f"{METRICS}/api/v1/rules/{rule['id']}/evaluate?at={quote(iso(at))}", None, demo.admin, 200)


def summary_of(evaluation):
    alert = evaluation.get("alert") or {}
    return {"state": evaluation.get("state"), "consecutiveBreaches": evaluation.get("consecutiveBreaches"),
            "transition": evaluation.get("transition"), "alert": alert.get("state"),
            "last periods": [(p["start"][:10], p.get("value"), p.get("verdict")) for p in evaluation["periods"][-7:]]}


def review_with_evidence(demo, alert):
    """The alert's ALERT_REVIEW request in oversight, with the evidence a reviewer decides with."""
    review = demo.review(alert["oversightRequestId"])
    demo.check(review["actionType"] == "ALERT_REVIEW" and review["systemKey"] == alert["systemKey"]
               and review["payload"]["alertId"] == alert["id"],
               f"an ALERT_REVIEW request waits in oversight: \"{review['summary']}\"", review)
    url = f"{OVERSIGHT}/api/v1/reviews/{review['id']}/evidence"

    def complete():
        bundle = demo.get(url)
        parts = {p["name"]: p for p in bundle.body.get("parts", [])} if bundle.status == 200 else {}
        return parts if parts and all(p["status"] == "AVAILABLE" for p in parts.values()) else None
    parts = demo.until("every evidence part to be AVAILABLE", complete, 30)
    points = parts["metricSeries"]["data"]["points"]
    demo.check(parts["alert"]["data"]["id"] == alert["id"] and points and parts["metricSeries"]["data"]["metric"] == "ctr",
               f"its evidence is complete ({', '.join(parts)}): the alert and {len(points)} days of the CTR series",
               {name: p["status"] for name, p in parts.items()})
    demo.look("the evidence", url)
    return review


def decide_review(demo, system, review, outcome, rationale, people, modifications=None):
    """People decide a request as its tier asks: the approvals it requires (the last from an approver when it needs
    two), or jointly in a session for DEEP_COLLABORATION. Counts the request for the learnings report."""
    demo.produced(system, "oversight.requests")
    demo.produced(system, f"oversight.byTier.{review['tier']}")
    demo.check(review["state"] == "PENDING", f"{review['actionType']} is {review['tier']} with "
               f"{review['requiredApprovals']} approval(s): it waits for people", review)
    if review["tier"] == "DEEP_COLLABORATION":
        session = f"{OVERSIGHT}/api/v1/reviews/{review['id']}/session"
        for person in people[:2]:
            demo.ok(f"{person.sub} joining the session", "POST", f"{session}/participants", None, person, 200, 201)
        body = {"outcome": outcome, "rationale": rationale}
        if modifications is not None:
            body["modifications"] = modifications
        demo.ok("the joint decision", "POST", f"{session}/decision", body, people[0], 200)
        deciders = people[:2]
    else:
        deciders = people[:review["requiredApprovals"]]
        demo.decide(review["id"], outcome, rationale, *deciders, modifications=modifications)
    decided = demo.ok("the decided review", "GET", f"{OVERSIGHT}/api/v1/reviews/{review['id']}", None, demo.viewer, 200)
    wanted = "MODIFIED" if outcome == "MODIFY" else "APPROVED"
    demo.check(decided["state"] == wanted, f"{' and '.join(str(p) for p in deciders)} decided it: {decided['state']}",
               decided)
    demo.produced(system, "oversight.decided")
    demo.say(f"rationale: {rationale}")
    return decided


# --- 3. chatbot drift -------------------------------------------------------------------------------------------------

INTENTS = ("product_question", "order_status", "return_request", "payment", "account", "delivery_problem", "other")
USUAL_INTENTS = (0.30, 0.20, 0.18, 0.10, 0.08, 0.06, 0.08)
DRIFTED_INTENTS = (0.22, 0.34, 0.14, 0.07, 0.05, 0.14, 0.04)
RESOLVED_BY_INTENT = {"product_question": 0.85, "order_status": 0.85, "return_request": 0.65, "payment": 0.6,
                      "account": 0.75, "delivery_problem": 0.5, "other": 0.6}
CARRIERS = ("dhl", "ups", "postnl", "quickship")
USUAL_CARRIERS = (0.45, 0.35, 0.20, 0.0)
DRIFTED_CARRIERS = (0.27, 0.21, 0.12, 0.40)
MONITOR_FEATURES = (
    # (name, type, the bot reads it)
    ("intent", "CATEGORICAL", True),
    ("message_length", "NUMERICAL", True),
    ("basket_value", "NUMERICAL", True),
    ("carrier", "CATEGORICAL", False),
    ("parcel_delay_days", "NUMERICAL", False),
)
DRIFTED_FEATURES = {"intent", "carrier", "parcel_delay_days"}


def chatbot_drift(demo, quarter, edition):
    demo.act("Detect: the support chatbot's conversations change, and its answers stop working")
    system = edition.chatbot
    monitor = demo.ok("creating the drift monitor", "POST", f"{METRICS}/api/v1/drift/monitors", {
        "systemKey": system, "name": "conversation mix",
        "features": [{"name": n, "type": t, "modelInput": m} for n, t, m in MONITOR_FEATURES],
        "reference": {"trailing": "P28D", "lag": "P0D"}, "current": "P7D"}, demo.admin, 201)
    demo.say("monitor 'conversation mix': each week against the four weeks before; intent, message length and basket "
             "value are the bot's inputs, carrier and parcel delay are context it cannot see")
    samples = conversation_samples(quarter, system)
    usual, drifted = samples[:-DRIFT_DAYS * SAMPLES_PER_DAY], samples[-DRIFT_DAYS * SAMPLES_PER_DAY:]
    demo.say(f"{len(samples):,} logged conversations over {SAMPLE_DAYS} days, each with the bot's prediction (will it "
             "resolve?) and the outcome")
    demo.send_batches("conversations (weeks 1-7)", f"{METRICS}/api/v1/drift/samples", usual)

    drift_begins = quarter.days[-DRIFT_DAYS]
    quiet = evaluate_monitor(demo, monitor, drift_begins)
    demo.check(not quiet["datasetDrift"] and quiet["featuresDrifted"] == 0 and quiet["detectionId"] is None,
               f"the week to {drift_begins - DAY:%Y-%m-%d} looks like the four before it: no drift",
               feature_scores(quiet))
    demo.check(concept_detector(demo, system)["detections"] == 0, "the prediction errors held steady: no concept drift")

    demo.say(f"from {drift_begins:%Y-%m-%d} a new carrier, QuickShip, takes 40 % of parcels and runs days late; "
             "'where is my order' questions surge and the bot, which cannot see the carrier, tells customers all is "
             "well")
    demo.send_batches("conversations (week 8)", f"{METRICS}/api/v1/drift/samples", drifted)
    concept = only_detection(demo, system, "CONCEPT")
    demo.check(concept["recommendedAction"] == "RETRAIN"
               and any("no retrain since the previous one" in r for r in concept["reasons"]),
               "CONCEPT drift while the conversations streamed in, recommended RETRAIN: the system's first concept "
               "drift, with no drifted input on record yet, gets the default (retrain on recent outcomes)",
               concept)
    detector = concept_detector(demo, system)
    demo.say(f"ADWIN over {detector['updates']:,} prediction errors: the error rate in its window is now "
             f"{detector['windowErrorMean']:.0%}")
    demo.produced(system, "drift.detections")
    demo.produced(system, "drift.byKind.CONCEPT")
    demo.produced(system, "drift.recommended.RETRAIN")

    run = evaluate_monitor(demo, monitor, None)
    drifted_names = {f["feature"] for f in run["features"] if f["drifted"]}
    demo.check(run["datasetDrift"] and drifted_names == DRIFTED_FEATURES, f"DATA drift at the week's close: "
               f"{', '.join(sorted(drifted_names))} drifted ({run['featuresDrifted']} of {run['featuresEvaluated']})",
               feature_scores(run))
    demo.check(run["recommendation"]["action"] == "EXPAND_DATA_SOURCES",
               "recommended EXPAND_DATA_SOURCES: 2 of the 3 drifted features are context the bot does not read, so "
               "the change sits where it has no signal (a rule checked before 'broad drift: retrain')",
               run["recommendation"])
    data = only_detection(demo, system, "DATA")
    demo.produced(system, "drift.detections")
    demo.produced(system, "drift.byKind.DATA")
    demo.produced(system, "drift.recommended.EXPAND_DATA_SOURCES")

    decide_drift(demo, system, data, "APPROVE", "Give the bot the carriers' tracking feed: it answers 'where is my "
                 "order' blind today.", None)
    decide_drift(demo, system, concept, "MODIFY", "Retraining on conversations that lack the carrier would teach the bot "
                 "to give up on order questions; the data drift shows the cause. Expand its data instead.",
                 {"action": "EXPAND_DATA_SOURCES"})
    demo.produced(system, "drift.undecided", 0)
    demo.look("detections with their decisions", f"{METRICS}/api/v1/drift/detections?systemKey={system}")
    demo.look("the concept-drift detector", f"{METRICS}/api/v1/drift/systems/{system}/concept")
    demo.look("the system page", f"{OVERSIGHT}/console/systems/{system}")


def estimated_performance(demo, quarter, edition):
    demo.act("Estimate: the recommendations' add-to-basket model, judged before its outcomes arrive")
    system = edition.reco
    reference_days = quarter.days[-BASKET_REFERENCE_DAYS - 7:-7]
    campaign_days = quarter.days[-BASKET_CAMPAIGN_DAYS:]
    draw = rng("basket-scores")
    reference = [basket(draw, system, day, n, campaign=False) for day in reference_days for n in range(BASKET_PER_DAY)]
    campaign = [basket(draw, system, day, n, campaign=True) for day in campaign_days for n in range(BASKET_PER_DAY)]
    demo.say(f"the engine scores every recommendation (will it be added to the basket?); {len(reference):,} scored "
             f"predictions of four weeks come with their outcome, then {len(campaign):,} of a campaign's last "
             f"{BASKET_CAMPAIGN_DAYS} days whose outcomes are not known yet")
    demo.send_batches("scored predictions (reference)", f"{METRICS}/api/v1/drift/samples", reference)
    demo.send_batches("scored predictions (campaign)", f"{METRICS}/api/v1/drift/samples",
                      [{k: v for k, v in item.items() if k != "outcome"} for item in campaign])
    estimator = demo.ok("fitting the performance estimator", "PUT", f"{METRICS}/api/v1/performance/estimators/{system}", {
        "referenceFrom": iso(reference_days[0]), "referenceTo": iso(reference_days[-1] + DAY),
        "calibration": "ISOTONIC"}, demo.admin, 200)
    check = estimator["calibration"]
    demo.check(check["applied"] == "ISOTONIC" and check["eceAfter"] < check["eceBefore"],
               f"the raw scores are overconfident (calibration error {check['eceBefore']:.3f}); isotonic calibration "
               f"brings it to {check['eceAfter']:.3f} out of fold, so it is applied", check)
    demo.ok("estimating", "POST", f"{METRICS}/api/v1/performance/estimators/{system}/estimate", None, demo.admin, 200)
    days = demo.ok("estimated and realized days", "GET", f"{METRICS}/api/v1/performance/estimators/{system}/days"
                   f"?from={reference_days[0]:%Y-%m-%d}&to={quarter.last:%Y-%m-%d}&metric=accuracy", None,
                   demo.viewer, 200)["days"]
    accuracy = {d["day"]: d["metrics"]["accuracy"] for d in days}
    usual = [accuracy[f"{day:%Y-%m-%d}"] for day in reference_days]
    latest = accuracy[f"{quarter.last:%Y-%m-%d}"]
    reference_range = estimator["metrics"]["accuracy"]["referenceRange"]
    demo.check(all(d["source"] == "REALIZED" for d in usual),
               f"the four reference weeks are realized from their outcomes (accuracy "
               f"{min(d['value'] for d in usual):.3f}-{max(d['value'] for d in usual):.3f}); their estimates were "
               f"{statistics.mean(abs(d['gap']) for d in usual):.3f} away on average", usual[:2])
    demo.check(latest["source"] == "ESTIMATED" and latest["realized"] is None and latest["outsideReferenceRange"]
               and latest["value"] < reference_range["lower"],
               f"on {quarter.last:%Y-%m-%d}, with no outcome in yet, the estimated accuracy is {latest['value']:.3f} "
               f"(± {3 * latest['samplingError']:.3f}), below the reference range's {reference_range['lower']:.3f}: the "
               "campaign's visitors sit where the model is unsure", latest)
    demo.check(concept_detector(demo, system)["detections"] == 0,
               "no concept drift: the outcomes that arrived match the model as before")
    demo.say("a threshold rule with \"source\": \"ESTIMATED\" on this accuracy would fire now, days before the "
             "outcomes; its alert says that the value is an estimate")
    demo.look("the estimator (calibration check, reference ranges, estimate-to-realized gaps)",
              f"{METRICS}/api/v1/performance/estimators/{system}")
    demo.look("estimated performance in Grafana", GRAFANA.format("overview"))


def basket(draw, system, day, n, campaign):
    """One scored recommendation: usual visitors spread over the model's range; a campaign's crowd its middle. The
    score is overconfident (steeper than the true probability), as an uncalibrated model's often is."""
    x = draw.gauss(0.35, 0.3) if campaign else draw.gauss(0.0, 1.0)
    truth = 1 / (1 + math.exp(-(1.8 * x - 0.9)))
    score = 1 / (1 + math.exp(-(2.8 * x - 1.4)))
    return {"id": f"{system}.basket.{day:%Y%m%d}.{n:03d}", "systemKey": system,
            "observedAt": iso(day + timedelta(seconds=n * 400 + draw.randrange(400))),
            "prediction": round(score, 4), "outcome": 1 if draw.random() < truth else 0}


def conversation_samples(quarter, system):
    """The chatbot's logged conversations of the last eight weeks, in time order (the order errors feed ADWIN)."""
    draw = rng("chatbot-conversations")
    items = []
    for day in quarter.days[-SAMPLE_DAYS:]:
        drifting = day >= quarter.days[-DRIFT_DAYS]
        seconds = sorted(draw.randrange(86400) for _ in range(SAMPLES_PER_DAY))
        for n, second in enumerate(seconds):
            items.append(conversation(draw, system, day, n, second, drifting))
    return items


def conversation(draw, system, day, n, second, drifting):
    intent = draw.choices(INTENTS, DRIFTED_INTENTS if drifting else USUAL_INTENTS)[0]
    carrier = draw.choices(CARRIERS, DRIFTED_CARRIERS if drifting else USUAL_CARRIERS)[0]
    late = carrier == "quickship"
    delay = max(0.0, draw.gauss(3.0, 1.0) if late else draw.gauss(0.6, 0.5))
    predicted = draw.random() < RESOLVED_BY_INTENT[intent]
    if late and intent in ("order_status", "delivery_problem"):
        resolved = draw.random() < 0.15  # the bot says the parcel is on its way; the customer knows better
    else:
        resolved = predicted if draw.random() < 0.9 else not predicted
    return {"id": f"{system}.conversation.{day:%Y%m%d}.{n:03d}", "systemKey": system,
            "observedAt": iso(day + timedelta(seconds=second)),
            "features": {"intent": intent, "message_length": max(3, round(math.exp(draw.gauss(3.0, 0.5)))),
                         "basket_value": round(math.exp(draw.gauss(4.0, 0.6)), 2), "carrier": carrier,
                         "parcel_delay_days": round(delay, 1)},
            "prediction": predicted, "outcome": resolved}


def evaluate_monitor(demo, monitor, at):
    query = f"?at={quote(iso(at))}" if at else ""
    return demo.ok("evaluating the drift monitor", "POST",
                   f"{METRICS}/api/v1/drift/monitors/{monitor['id']}/evaluate{query}", None, demo.admin, 200)


def feature_scores(run):
    return {f["feature"]: (f.get("method"), f.get("statistic"), f.get("threshold"), f["drifted"], f.get("note"))
            for f in run["features"]}


def concept_detector(demo, system):
    return demo.ok("the concept-drift detector", "GET", f"{METRICS}/api/v1/drift/systems/{system}/concept", None,
                   demo.viewer, 200)


def detections(demo, system, kind):
    return demo.ok(f"{kind} detections", "GET", f"{METRICS}/api/v1/drift/detections?systemKey={system}&kind={kind}",
                   None, demo.viewer, 200)["items"]


def only_detection(demo, system, kind):
    found = detections(demo, system, kind)
    demo.check(len(found) == 1, f"exactly one {kind} drift detection", found)
    return found[0]


def decide_drift(demo, system, detection, outcome, rationale, modifications):
    """The detection's DRIFT_REMEDIATION request, decided by people; metrics-service records the remediation chosen."""
    review = demo.review(detection["oversightRequestId"])
    demo.check(review["actionType"] == "DRIFT_REMEDIATION" and review["payload"]["action"]
               == detection["recommendedAction"] and review["payload"]["kind"] == detection["kind"],
               f"a DRIFT_REMEDIATION request for the {detection['kind']} drift waits in oversight, recommending "
               f"{detection['recommendedAction']}", review)
    decide_review(demo, system, review, outcome, rationale, [demo.rita, demo.chen], modifications)
    chosen = (modifications or {}).get("action", detection["recommendedAction"])
    url = f"{METRICS}/api/v1/drift/detections?systemKey={system}&kind={detection['kind']}"
    recorded = demo.until("metrics-service to record the chosen remediation", lambda: (
        lambda d: d if d.get("decision") else None)(demo.ok("detections", "GET", url, None, demo.viewer, 200)["items"][0]),
        30)
    demo.check(recorded["decision"]["chosenAction"] == chosen,
               f"metrics-service records the remediation chosen for the {detection['kind']} drift: {chosen}",
               recorded["decision"])
    demo.produced(system, f"drift.chosen.{chosen}")
    demo.look("the review", f"{OVERSIGHT}/console/reviews/{review['id']}")


# --- 4. feedback against the numbers ----------------------------------------------------------------------------------

PRAISE = (
    ("Great suggestions on the homepage, I found exactly the trainers I wanted", 9),
    ("The recommendations were spot on this time, bought two of them", 9),
    ("Love the recommendations, I discovered a brand I did not know", 10),
    ("Homepage picks are nice and the delivery was quick", 8),
    ("Good picks for my kids, the sizes were right", 8),
    ("The suggested jacket was a great match with my boots", 9),
)
NEUTRAL = (
    ("Homepage looks different this month", 6),
    ("I mostly use search, the homepage is ok", 6),
    ("Bought a lamp from the homepage carousel", 7),
)
COMPLAINTS = (
    ("The homepage keeps suggesting things I already bought, really annoying", 2),
    ("Clicked three deals on the homepage and they had nothing to do with me, misleading", 2),
    ("Recommendations feel like spam now, the same products every single day", 1),
    ("Irrelevant recommendations everywhere, I had to search for what I wanted", 2),
    ("Random products on the homepage, disappointed with the new picks", 3),
    ("The carousel shows flashy discounts that are not my style at all, pointless", 2),
    ("Useless suggestions, nothing to do with what I browse", 1),
)
LEGACY_COMPLAINTS = (
    ("The recommended shoes were out of stock, frustrating", 3),
    ("Delivery was late and the parcel arrived damaged", 2),
)
# Customers leave contact details in free text; feedback-service must redact them before storing anything.
FIRST_NAMES = ("anna", "jan", "sofia", "tom", "lea", "omar", "mia", "luca")
LAST_NAMES = ("meyer", "jansen", "rossi", "smith", "dubois", "kowalski")


def contact(draw):
    """A sentence with a made-up contact detail, the placeholder it must become, and the detail itself."""
    kind = draw.randrange(3)
    if kind == 0:
        raw = f"{draw.choice(FIRST_NAMES)}.{draw.choice(LAST_NAMES)}@example.com"
        return f"You can email me at {raw} if you want details", "[EMAIL]", raw
    if kind == 1:
        raw = f"+44 20 7946 0{draw.randrange(1000):03d}"  # Ofcom's range for drama, never a real line
        return f"Call me on {raw} and I will explain", "[PHONE]", raw
    raw = f"06 {draw.randrange(10 ** 7, 10 ** 8)}"
    return f"My number is {raw} if anyone cares", "[PHONE]", raw


CHANNELS = ("SURVEY", "SOCIAL", "SUPPORT_REVIEW")
SEGMENTS = ("new", "returning", "vip")


def feedback_contradiction(demo, quarter, edition):
    demo.act("Listen: customers turn against the homepage recommendations while their CTR climbs")
    system = edition.reco
    items, with_contacts = customer_comments(quarter, system)
    demo.say(f"{len(items):,} comments about the homepage recommendations from surveys, social posts and support "
             f"reviews; {len(with_contacts)} of them carry an e-mail address or a phone number")
    demo.send_batches("comments", f"{FEEDBACK}/api/v1/feedback", items, batch=1000)
    summary = feedback_summary(demo, system, quarter.first, quarter.last + DAY)
    demo.check(summary["total"]["count"] == len(items), f"all {len(items):,} comments stored, analysed and counted",
               summary["total"])
    check_redaction(demo, with_contacts)

    turn = quarter.days[-NEGATIVE_TURN_DAYS]
    before = feedback_summary(demo, system, turn - NEGATIVE_TURN_DAYS * DAY, turn)["total"]
    after = feedback_summary(demo, system, turn, quarter.last + DAY)["total"]
    themes = [t["theme"] for t in after["topThemes"]]
    demo.check(after["shareNegative"] > before["shareNegative"] + 0.3 and themes[:1] == ["irrelevant-recommendations"],
               f"customers turned: {after['shareNegative']:.0%} negative in the last two weeks against "
               f"{before['shareNegative']:.0%} in the two before; top theme now: {themes[0] if themes else None}",
               {"before": before, "after": after})
    ctr = daily_series(demo, system, "ctr", turn - NEGATIVE_TURN_DAYS * DAY, quarter.last + DAY)
    ctr_before, ctr_after = halves(ctr)
    last_week = statistics.mean(p["value"] for p in ctr[-7:])
    demo.check(ctr_after > ctr_before * 1.08 and last_week > ctr_after,
               f"meanwhile the CTR climbed: {ctr_before:.2%} in the two weeks before, {ctr_after:.2%} in the last two, "
               f"{last_week:.2%} in the last week", [round(p["value"], 4) for p in ctr])
    conversion_before, conversion_after = halves(
        daily_series(demo, system, "conversion_rate", turn - NEGATIVE_TURN_DAYS * DAY, quarter.last + DAY))
    demo.check(conversion_after < conversion_before, f"but the clicks do not become orders: conversion "
               f"{conversion_before:.2%} before, {conversion_after:.2%} in the last two weeks",
               (conversion_before, conversion_after))
    demo.say("the numbers say the homepage works better than ever, the customers say it shows them clickbait: the "
             "seed's case for qualitative feedback (the metric may be measuring the wrong thing)")
    contradiction(demo, quarter, system)
    demo.look("the comments, redacted", f"{FEEDBACK}/api/v1/feedback?systemKey={system}&theme=irrelevant-recommendations")
    demo.look("sentiment and themes", f"{FEEDBACK}/api/v1/systems/{system}/feedback/summary?from={quote(iso(turn))}"
              f"&groupBy=segment")


def halves(points):
    """Mean value of the first and of the second half of a daily series."""
    middle = len(points) // 2
    return (statistics.mean(p["value"] for p in points[:middle]), statistics.mean(p["value"] for p in points[middle:]))


def customer_comments(quarter, system):
    """Feedback items of the quarter, and (item, placeholder, raw contact) for those that carry contact details."""
    draw = rng("reco-comments")
    items = []
    with_contacts = []
    turn = len(quarter.days) - NEGATIVE_TURN_DAYS
    for i, day in enumerate(quarter.days):
        late = i >= turn
        for n in range(10 + draw.randrange(6) if late else 6 + draw.randrange(5)):
            text, rating = comment(draw, late)
            item = {"id": f"{system}.comment.{day:%Y%m%d}.{n:02d}", "systemKey": system,
                    "channel": draw.choice(CHANNELS), "customerSegment": draw.choice(SEGMENTS), "text": text,
                    "rating": rating, "locale": "en-GB",
                    "occurredAt": iso(day + timedelta(seconds=draw.randrange(8 * 3600, 23 * 3600)))}
            if rating <= 3 and draw.random() < 0.12:
                sentence, placeholder, raw = contact(draw)
                item["text"] = f"{text}. {sentence}"
                with_contacts.append((item, placeholder, raw))
            items.append(item)
    return items, with_contacts


def comment(draw, late):
    roll = draw.random()
    if late:
        pool = COMPLAINTS if roll < 0.62 else PRAISE if roll < 0.85 else NEUTRAL
    else:
        pool = LEGACY_COMPLAINTS if roll < 0.12 else PRAISE if roll < 0.72 else NEUTRAL
    return draw.choice(pool)


def feedback_summary(demo, system, start, end):
    url = f"{FEEDBACK}/api/v1/systems/{system}/feedback/summary?from={quote(iso(start))}&to={quote(iso(end))}"
    return demo.ok("the feedback summary", "GET", url, None, demo.viewer, 200)


def check_redaction(demo, with_contacts):
    leaks = []
    stored = None
    for item, placeholder, raw in with_contacts:
        stored = demo.ok("a stored comment", "GET", f"{FEEDBACK}/api/v1/feedback/{quote(item['id'])}", None,
                         demo.viewer, 200)
        if raw in stored["text"] or placeholder not in stored["text"]:
            leaks.append(stored["text"])
    example = stored["text"] if with_contacts else None
    demo.check(with_contacts and not leaks, f"contact details in all {len(with_contacts)} comments were redacted "
               f"before storage, e.g. \"{example}\"", leaks)


def contradiction(demo, quarter, system):
    """The quarter's days were loaded after they closed, so metrics-service publishes their rollups again (an admin's
    backfill); feedback-service tests each closed day's window of CTR against the customers' sentiment."""
    closed_until = demo.now_closed_until()
    published = demo.ok("publishing the quarter's closed days", "POST",
                        f"{METRICS}/api/v1/systems/{system}/metrics/rollups/republish?from={quote(iso(quarter.first))}"
                        f"&to={quote(iso(min(quarter.last + DAY, closed_until)))}", None, demo.admin, 200)
    demo.say(f"the quarter was loaded after its days closed: an admin has metrics-service publish its "
             f"{published['days']} closed days again ({published['events']} rollup events on refinery.metrics.rollups), "
             "which feedback-service checks day by day against the comments")
    url = f"{FEEDBACK}/api/v1/contradictions?systemKey={system}&limit=50"

    def found():
        items = demo.ok("contradictions", "GET", url, None, demo.viewer, 200)["items"]
        return items if any(c["metric"] == "ctr" for c in items) else None
    demo.until("feedback-service to find the contradiction", found, 60)
    items = demo.ok("contradictions", "GET", url, None, demo.viewer, 200)["items"]
    ctr = [c for c in items if c["metric"] == "ctr"]
    found_one = ctr[-1]
    themes = [t["theme"] for t in found_one["themes"]]
    demo.check(len(ctr) == 1 and found_one["kind"] == "METRIC_UP_SENTIMENT_DOWN"
               and themes[:1] == ["irrelevant-recommendations"] and found_one["oversightRequestId"],
               f"one contradiction on ctr, METRIC_UP_SENTIMENT_DOWN over {found_one['windowStart'][:10]} to "
               f"{found_one['periodEnd'][:10]}: CTR trend z = {found_one['metricZ']:.1f}, negative share "
               f"{found_one['negativeBefore'] / max(1, found_one['itemsBefore']):.0%} -> "
               f"{found_one['negative'] / max(1, found_one['items']):.0%}; top theme {themes[0] if themes else None}",
               items)
    for c in items:
        demo.produced(system, "feedback.contradictions")
        demo.produced(system, f"feedback.contradictionsByKind.{c['kind']}")
    demo.say(f"summary sent to oversight: {found_one['summary']}")
    review = demo.review(found_one["oversightRequestId"])
    demo.check(review["actionType"] == "CONTRADICTION_REVIEW" and "ctr" in review["summary"]
               and "irrelevant-recommendations" in str(review["payload"]),
               "a CONTRADICTION_REVIEW request names the metric and the theme", review)
    for other in items:
        if other is not found_one:
            count_pending(demo, system, demo.review(other["oversightRequestId"]))
    decide_review(demo, system, review, "APPROVE", "The clicks come from discount-heavy picks that customers call "
                  "irrelevant; conversion fell. Judge the ranker on purchases, not on CTR.", [demo.rita, demo.bob])
    demo.look("the contradiction", f"{FEEDBACK}/api/v1/contradictions/{found_one['id']}")
    demo.look("its review", f"{OVERSIGHT}/console/reviews/{review['id']}")


def count_pending(demo, system, review):
    """A request the scenario made but leaves to people after the demo."""
    demo.produced(system, "oversight.requests")
    demo.produced(system, f"oversight.byTier.{review['tier']}")
