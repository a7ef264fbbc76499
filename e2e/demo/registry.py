"""Act 1: the shop registers its three AI systems with their risk profiles and waits until every service knows them."""
from common import EXPERIMENTS, FEEDBACK, METRICS, OVERSIGHT

SYSTEMS = (
    # (attribute on Edition, name, kind, owner team, brand, financial, customer impact)
    ("reco", "Homepage recommendation engine", "RECOMMENDATION", "discovery", "MEDIUM", "MEDIUM", "MEDIUM"),
    ("chatbot", "Customer support chatbot", "CHATBOT", "customer-care", "HIGH", "LOW", "HIGH"),
    ("pricing", "Dynamic pricing model", "PRICING", "revenue", "MEDIUM", "HIGH", "MEDIUM"),
)


def register_systems(demo, quarter, edition):
    demo.act("Three AI systems are registered with their risk profiles")
    if edition.number > 1:
        demo.say(f"an earlier demo's systems exist: this run plays the quarter again on the -{edition.number} keys")
    for attribute, name, kind, team, brand, financial, customer in SYSTEMS:
        key = getattr(edition, attribute)
        demo.ok(f"registering {key}", "POST", f"{OVERSIGHT}/api/v1/systems", {
            "key": key, "name": name, "kind": kind, "ownerTeam": team,
            "riskProfile": {"brandImpact": brand, "financialImpact": financial, "customerImpact": customer}},
            demo.admin, 201)
        demo.say(f"{key}: {name} ({kind}), owned by {team}; impact brand {brand}, financial {financial}, "
                 f"customer {customer}")
    for key in edition.all():
        for base, path in ((METRICS, f"/api/v1/systems/{key}"), (EXPERIMENTS, f"/api/v1/systems/{key}"),
                           (FEEDBACK, f"/api/v1/systems/{key}/feedback/summary")):
            demo.until(f"{key} known on {base}", lambda: demo.get(base + path).status == 200, 30)
    demo.check(True, "the three systems reached metrics, experiment and feedback services over Kafka")
    demo.look("the registry", f"{OVERSIGHT}/api/v1/systems")
    demo.look("the portfolio", f"{OVERSIGHT}/console/portfolio")
