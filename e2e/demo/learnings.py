"""Last act: the quarter's learnings report. Its numbers for each system must equal what the scenario made happen
(counted by the acts with demo.produced), the Markdown handout renders, and the audit chain of every decision verifies."""
import urllib.parse

from common import OVERSIGHT


def report(demo, quarter, edition):
    demo.act("The quarter's learnings: what do we tell strategy?")
    query = urllib.parse.urlencode(quarter.window())
    body = demo.ok("the learnings report", "GET", f"{OVERSIGHT}/api/v1/reports/learnings?{query}", None,
                   demo.viewer, 200)
    sections = {s["systemKey"]: s["numbers"] for s in body["systems"]}
    for system in edition.all():
        expected = demo.produced_counts.get(system, {})
        numbers = sections.get(system)
        demo.check(numbers is not None, f"the report has a section for {system}", sorted(sections))
        differences = {path: (want, lookup(numbers, path)) for path, want in sorted(expected.items())
                       if lookup(numbers, path) != want}
        demo.check(not differences, f"{system}: the report's {len(expected)} figures equal what the quarter produced "
                   f"({summary(expected)})", {path: f"expected {w}, report says {r}" for path, (w, r) in
                                              differences.items()})
    for finding in body.get("capabilityGaps", [])[:3] + body.get("roadmapSignals", [])[:3]:
        if finding.get("systemKey") in edition.all():
            demo.say(f"finding {finding['code']} on {finding['systemKey']}: {finding['message']}")

    markdown = demo.get(f"{OVERSIGHT}/api/v1/reports/learnings?{query}", accept="text/markdown")
    tables = markdown_tables(str(markdown.body)) if markdown.status == 200 else {}
    missing = {title: [s for s in edition.all() if s not in tables.get(title, [])] for title in SECTIONS}
    missing = {title: systems for title, systems in missing.items() if systems}
    demo.check(str(markdown.body).startswith("# Learnings report") and not missing,
               f"the Markdown handout renders its {len(SECTIONS)} tables ({', '.join(SECTIONS)}) with a row per system",
               missing or repr(markdown)[:300])

    verification = demo.ok("verifying the audit chain", "GET", f"{OVERSIGHT}/api/v1/audit/verify", None,
                           demo.viewer, 200)
    demo.check(verification["status"] == "OK",
               f"the audit chain verifies: {verification['checked']} entries, each hash over its predecessor",
               verification)
    demo.look("the report as a page", f"{OVERSIGHT}/console/learnings")
    demo.look("the report as Markdown", f"{OVERSIGHT}/api/v1/reports/learnings?{query} (Accept: text/markdown)")
    demo.look("the audit trail", f"{OVERSIGHT}/console/audit")


SECTIONS = ("Alerts", "Drift", "Experiments", "Customer feedback", "Oversight", "Rollouts")


def markdown_tables(text):
    """The systems named in the first column of each section's table, by the section's title."""
    tables, title = {}, None
    for line in text.splitlines():
        if line.startswith("## "):
            title = line[3:].strip()
            tables[title] = []
        elif title and line.startswith("| ") and not line.startswith("| ---"):
            tables[title].append(line.split("|")[1].strip())
    return tables


def lookup(numbers, path):
    """A figure of a report section by its dotted name, e.g. "rollouts.events.paused"; 0 when the report has none."""
    value = numbers
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            return 0
    return value


def summary(expected):
    shown = [f"{path} {n}" for path, n in sorted(expected.items())]
    return ", ".join(shown[:6]) + (", ..." if len(shown) > 6 else "")
