"""Acts of oversight: the policies that say which AI actions need which people, a large price cut decided by four eyes,
and an incident (a person overriding an action the policy had auto-approved) that tightens oversight again, as the
seed asks: relax with evidence, tighten on incidents. Everything goes through oversight-service's public API (policies,
the policy simulator, reviews, sessions, overrides, relaxation) and every outcome is checked."""
from common import OVERSIGHT, Person

PRICE_CHANGE = "PRICE_CHANGE"
AUTO = "EXCEPTION_HANDLING"
TOGETHER = "DEEP_COLLABORATION"
APPROVAL = "REVIEW_AND_APPROVAL"


def rule(action_type, tier, *conditions, approvals=None, sla=None):
    body = {"actionType": action_type, "tier": tier, "conditions": list(conditions)}
    if approvals:
        body["requiredApprovals"] = approvals
    if sla:
        body["sla"] = sla
    return body


def policies(edition):
    """Per system: who sets the policy, the policy, and hypothetical requests with the (tier, approvals) each must get.
    Alert reviews and drift remediations stay with people everywhere; a HIGH impact in a risk profile (chatbot: brand and
    customer, pricing: financial) makes every REVIEW_AND_APPROVAL four-eyes whatever the rule says."""
    return (
        (edition.pricing, "bob", {
            "lowConfidenceBelow": 0.7,
            "rules": [
                rule(PRICE_CHANGE, AUTO, "magnitude <= 0.05"),
                rule(PRICE_CHANGE, TOGETHER, "magnitude > 0.05", "magnitude <= 0.10", sla="PT8H"),
                rule(PRICE_CHANGE, APPROVAL, "magnitude > 0.10", approvals=2, sla="PT4H"),
            ]}, (
            ("a 4 % repricing", {"actionType": PRICE_CHANGE, "magnitude": 0.04, "amount": 300, "confidence": 0.93},
             AUTO, 1),
            ("an 8 % markdown", {"actionType": PRICE_CHANGE, "magnitude": 0.08, "amount": 2400, "confidence": 0.9},
             TOGETHER, 1),
            ("a 15 % clearance", {"actionType": PRICE_CHANGE, "magnitude": 0.15, "amount": 9000, "confidence": 0.9},
             APPROVAL, 2),
            ("a 4 % repricing the model is unsure of",
             {"actionType": PRICE_CHANGE, "magnitude": 0.04, "amount": 300, "confidence": 0.55}, TOGETHER, 1),
        )),
        (edition.chatbot, "chen", {
            "lowConfidenceBelow": 0.8,
            "rules": [
                rule("CONTENT_PUBLISH", APPROVAL, sla="PT8H"),
                rule("DRIFT_REMEDIATION", APPROVAL, sla="PT24H"),
                rule("KNOWLEDGE_SYNC", AUTO),
            ]}, (
            ("a new returns answer", {"actionType": "CONTENT_PUBLISH", "confidence": 0.9}, APPROVAL, 2),
            ("the nightly order-status sync", {"actionType": "KNOWLEDGE_SYNC", "confidence": 0.97}, AUTO, 1),
            ("a sync the bot is unsure of", {"actionType": "KNOWLEDGE_SYNC", "confidence": 0.6}, TOGETHER, 1),
        )),
        (edition.reco, "bob", {
            "rules": [
                rule("MODEL_ROLLOUT", APPROVAL, sla="PT24H"),
                rule("ROLLOUT_PHASE", APPROVAL, sla="PT8H"),
                rule("ALERT_REVIEW", APPROVAL, sla="PT4H"),
                rule("DRIFT_REMEDIATION", APPROVAL, sla="PT24H"),
                rule("CATALOG_SYNC", AUTO),
            ]}, (
            ("a rollout phase gate", {"actionType": "ROLLOUT_PHASE"}, APPROVAL, 1),
            ("an alert", {"actionType": "ALERT_REVIEW", "magnitude": 0.3}, APPROVAL, 1),
            ("a drift remediation", {"actionType": "DRIFT_REMEDIATION", "confidence": 0.9}, APPROVAL, 1),
            ("the daily catalog sync", {"actionType": "CATALOG_SYNC", "confidence": 0.98}, AUTO, 1),
        )),
    )


def person(demo, sub):
    return {"bob": demo.bob, "chen": demo.chen, "rita": demo.rita}[sub]


def simulate(demo, system, requests):
    """The (tier, approvals) the current policy gives each hypothetical request; the simulator writes nothing."""
    body = demo.ok(f"simulating {system}'s policy", "POST", f"{OVERSIGHT}/api/v1/policies/simulate",
                   {"systemKey": system, "requests": requests}, demo.viewer, 200)
    return [(o["resolution"]["tier"], o["resolution"]["requiredApprovals"]) for o in body["outcomes"]]


def tier_text(tier, approvals):
    return {AUTO: "auto-approved", TOGETHER: "decided together in a session",
            APPROVAL: "four eyes (2 approvers)" if approvals == 2 else "one approver"}[tier]


def set_policies(demo, quarter, edition):
    demo.act("Oversight policies: which AI actions need which people")
    for system, sub, policy, examples in policies(edition):
        approver = person(demo, sub)
        saved = demo.ok(f"{sub} setting {system}'s policy", "PUT", f"{OVERSIGHT}/api/v1/systems/{system}/policies",
                        policy, approver, 200)
        current = demo.ok(f"{system}'s policy", "GET", f"{OVERSIGHT}/api/v1/systems/{system}/policies", None,
                          demo.viewer, 200)
        demo.check(current["version"] == saved["version"] and current["createdBy"] == approver.sub
                   and len(current["policy"]["rules"]) == len(policy["rules"]),
                   f"{system}: policy v{saved['version']} by {approver.sub} is in force ({len(policy['rules'])} rules)",
                   current)
        tiers = simulate(demo, system, [request for _, request, _, _ in examples])
        for (label, _, tier, approvals), got in zip(examples, tiers):
            demo.say(f"{system}: {label} -> {tier_text(*got)}")
        expected = [(tier, approvals) for _, _, tier, approvals in examples]
        demo.check(tiers == expected, f"{system}: the policy simulator routes {len(examples)} typical actions as "
                   "intended", {"expected": expected, "got": tiers})
        demo.look("policy", f"{OVERSIGHT}/console/systems/{system}/policy")
    demo.look("the policy API", f"{OVERSIGHT}/api/v1/systems/{edition.pricing}/policies")


# --- a large price change: four eyes ---------------------------------------------------------------------------------

def price_change(edition, name, summary, sku, price, proposed, units, confidence):
    """An oversight request for a price change as the pricing engine words it; magnitude is the relative change and
    amount the revenue at stake over the stock on hand."""
    magnitude = round(abs(proposed - price) / price, 4)
    return {"id": f"{edition.pricing}:price-change:{name}", "systemKey": edition.pricing, "actionType": PRICE_CHANGE,
            "summary": summary, "magnitude": magnitude, "amount": round(abs(proposed - price) * units, 2),
            "confidence": confidence,
            "payload": {"sku": sku, "category": "shoes", "currency": "EUR", "currentPrice": price,
                        "proposedPrice": proposed, "unitsInStock": units},
            "source": {"service": "pricing-engine", "eventId": f"{edition.pricing}:proposal:{name}"}}


def count_request(demo, review):
    """Counts a request for the learnings report: one more request of its tier."""
    demo.produced(review["systemKey"], "oversight.requests")
    demo.produced(review["systemKey"], f"oversight.byTier.{review['tier']}")


def approvers(review):
    return [a["approver"] for a in review.get("approvals") or []]


def pricing_change(demo, quarter, edition):
    demo.act("A 15 % price cut goes to four eyes")
    dana = Person(demo, "dana", "category manager", "ingest", "reviewer")
    request = price_change(edition, "winter-boots-clearance", "Cut the winter boot range by 15 % for the end-of-season "
                           "clearance", "WB-220", 149.0, 126.65, 412, 0.88)
    demo.ok("submitting the clearance", "POST", f"{OVERSIGHT}/api/v1/reviews", request, dana, 201)
    review = demo.review(request["id"])
    count_request(demo, review)
    demo.say(f"{dana} submits the pricing engine's proposal: WB-220 from 149.00 to 126.65 EUR on 412 pairs "
             f"({request['amount']:,.0f} EUR at stake)")
    demo.check(review["state"] == "PENDING" and review["tier"] == APPROVAL and review["requiredApprovals"] == 2,
               "a price change over 10 % waits for two approvers (REVIEW_AND_APPROVAL, four eyes)", review)
    url = f"{OVERSIGHT}/api/v1/reviews/{review['id']}"

    own = demo.post(f"{url}/decision", {"outcome": "APPROVE", "rationale": "Stock is high, go."}, dana)
    after = demo.review(review["id"])
    demo.check(own.status == 403 and "submitted" in str(own.body) and after["state"] == "PENDING"
               and not approvers(after), f"{dana.sub}, who submitted it, cannot approve it herself (HTTP 403)", own)

    first = demo.decide(review["id"], "APPROVE", "412 pairs left and the season ends in three weeks; the margin stays "
                        "above 20 %.", demo.bob)
    demo.check(first["state"] == "PENDING" and approvers(first) == ["bob"],
               "after bob's approval it is still pending: 1 of 2 approvals", first)
    twice = demo.post(f"{url}/decision", {"outcome": "APPROVE", "rationale": "Approving again."}, demo.bob)
    demo.check(twice.status == 409, "bob cannot give the second approval too (HTTP 409)", twice)

    done = demo.decide(review["id"], "APPROVE", "Checked against competitors' boot prices: agreed.", demo.chen)
    demo.produced(edition.pricing, "oversight.decided")
    demo.check(done["state"] == "APPROVED" and approvers(done) == ["bob", "chen"],
               "chen's approval completes it: APPROVED by bob and chen", done)
    demo.look("the request", f"{OVERSIGHT}/console/reviews/{review['id']}")
    demo.look("the audit trail", f"{OVERSIGHT}/console/audit")


# --- an incident tightens oversight ---------------------------------------------------------------------------------

def price_change_shift(demo, system):
    """PRICE_CHANGE's tier shift as the relaxation overview shows it (0 when it has none)."""
    overview = demo.ok("the relaxation overview", "GET", f"{OVERSIGHT}/api/v1/systems/{system}/relaxation", None,
                       demo.viewer, 200)
    track = next((t for t in overview["tracks"] if t["actionType"] == PRICE_CHANGE), None)
    return (track["shift"] if track else 0), overview


def incident(demo, quarter, edition):
    demo.act("An auto-approved price change goes wrong: the incident tightens oversight")
    routine = {"actionType": PRICE_CHANGE, "magnitude": 0.04, "amount": 360, "confidence": 0.93}
    shift_before, _ = price_change_shift(demo, edition.pricing)
    tier_before = simulate(demo, edition.pricing, [routine])[0]

    request = price_change(edition, "trail-runner-tr100", "Lower the TR-100 trail runner by 4 % to match shop-a",
                           "TR-100", 89.90, 86.30, 100, 0.93)
    demo.ok("the pricing engine's repricing", "POST", f"{OVERSIGHT}/api/v1/reviews", request, demo.shop, 201)
    review = demo.review(request["id"])
    count_request(demo, review)
    demo.produced(edition.pricing, "oversight.autoApproved")
    demo.check(review["state"] == "AUTO_APPROVED" and review["tier"] == AUTO,
               "a routine 4 % repricing is auto-approved by the policy (EXCEPTION_HANDLING)", review)

    rationale = ("TR-100 is under the brand's minimum advertised price of 89.90 EUR: the cut breaks the supplier "
                 "agreement. Reverted by hand.")
    found = demo.ok("rita overriding the repricing", "POST", f"{OVERSIGHT}/api/v1/reviews/{review['id']}/override",
                    {"rationale": rationale}, demo.rita, 201)
    demo.say(f"{demo.rita} overrides it after the fact: {rationale}")
    demo.check(found["kind"] == "OVERRIDE" and found["shiftBefore"] == shift_before
               and found["shiftAfter"] == shift_before + 1 and found["policyVersion"],
               f"the override is an incident: PRICE_CHANGE tightened one tier (shift {shift_before} -> "
               f"{shift_before + 1}) in policy v{found['policyVersion']}", found)

    policy = demo.ok("the pricing policy", "GET", f"{OVERSIGHT}/api/v1/systems/{edition.pricing}/policies", None,
                     demo.viewer, 200)
    shift = next((s for s in policy["policy"]["tierShifts"] if s["actionType"] == PRICE_CHANGE), {})
    shift_after, overview = price_change_shift(demo, edition.pricing)
    demo.check(policy["version"] == found["policyVersion"] and shift.get("shift") == shift_before + 1
               and "incident" in (shift.get("reason") or "") and shift_after == shift_before + 1
               and any(i["id"] == found["id"] for i in overview["recentIncidents"]),
               "the policy in force carries the tightened shift with the incident as its reason", policy)
    tier_after = simulate(demo, edition.pricing, [routine])[0]
    demo.check(tier_before == (AUTO, 1) and tier_after == (TOGETHER, 1),
               f"routine price changes moved from {tier_text(*tier_before)} to {tier_text(*tier_after)}",
               {"before": tier_before, "after": tier_after})

    follow_up(demo, edition)
    demo.look("the tightened policy", f"{OVERSIGHT}/console/systems/{edition.pricing}/policy")
    demo.look("incidents and tier shifts", f"{OVERSIGHT}/api/v1/systems/{edition.pricing}/relaxation")
    demo.look("the audit trail", f"{OVERSIGHT}/console/audit")


def follow_up(demo, edition):
    """The next routine repricing now goes to people: two join its session, leave a note and decide together."""
    request = price_change(edition, "trail-runner-tr200", "Lower the TR-200 trail runner by 4 % to match shop-a",
                           "TR-200", 109.90, 105.50, 80, 0.93)
    demo.ok("the next repricing", "POST", f"{OVERSIGHT}/api/v1/reviews", request, demo.shop, 201)
    review = demo.review(request["id"])
    count_request(demo, review)
    demo.check(review["state"] == "PENDING" and review["tier"] == TOGETHER,
               "the next similar 4 % repricing now waits for people (DEEP_COLLABORATION)", review)
    session = f"{OVERSIGHT}/api/v1/reviews/{review['id']}/session"
    for who in (demo.rita, demo.chen):
        demo.ok(f"{who.sub} joining the session", "POST", f"{session}/participants", None, who, 200)
    demo.ok("rita's note", "POST", f"{session}/notes", {
        "body": "TR-200 is not on the brand's minimum-price list; shop-a has been at 105.50 EUR for a week.",
        "link": "https://intranet.example.com/pricing/map-list"}, demo.rita, 200)
    decided = demo.ok("the session's decision", "POST", f"{session}/decision", {
        "outcome": "APPROVE", "rationale": "No price agreement on TR-200; matching shop-a is fine."}, demo.chen, 200)
    demo.produced(edition.pricing, "oversight.decided")
    demo.check(decided["state"] == "APPROVED", "rita and chen approve it together in the session", decided)
    demo.look("the session", f"{OVERSIGHT}/console/reviews/{review['id']}")
