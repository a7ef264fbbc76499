"""What every act of the demo quarter shares: the four services' addresses, the people who act (each with their own
signed token), HTTP with JSON, waiting for what happens asynchronously, narration, a progress bar for bulk loads, and
checks that end the run with the promise that was broken. Public APIs only: no SQL, no test hooks. Stdlib only."""
import json
import os
import random
import subprocess
import sys
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import suite  # noqa: E402  (e2e/suite.py: the HTTP client every end-to-end check shares)

METRICS = "http://127.0.0.1:8081"
EXPERIMENTS = "http://127.0.0.1:8082"
FEEDBACK = "http://127.0.0.1:8083"
OVERSIGHT = "http://127.0.0.1:8084"
SERVICES = {"metrics": METRICS, "experiment": EXPERIMENTS, "feedback": FEEDBACK, "oversight": OVERSIGHT}
GRAFANA = "k8s/grafana/{}.json (import into Grafana over a Prometheus that scrapes each service's /q/metrics)"


class DemoFailed(SystemExit):
    pass


def iso(t):
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def quote(value):
    return urllib.parse.quote(value, safe="")


class Response:
    """An HTTP answer: status and the parsed JSON body (or the text when it is not JSON)."""

    def __init__(self, status, body):
        self.status = status
        self.body = body

    def __repr__(self):
        text = self.body if isinstance(self.body, str) else json.dumps(self.body)
        return f"HTTP {self.status} {text[:600]}"


def http(method, url, body=None, token=None, accept="application/json", timeout=30):
    """One call as JSON (the e2e suite's client), its answer as a Response."""
    return Response(*suite.http(method, url, body, token, timeout=timeout, accept=accept))


class Person:
    """Someone acting in the demo, with a token carrying their roles; `sub` is who the audit trail names."""

    def __init__(self, demo, sub, title, *roles):
        self.sub = sub
        self.title = title
        self.token = demo.token(sub, *roles)

    def __str__(self):
        return f"{self.sub} ({self.title})"


class Demo:
    """The run: who acts, what was checked, where to look, and the figures the closing summary prints."""

    def __init__(self, root, quiet=False):
        self.root = root
        self.quiet = quiet
        self.started = time.time()
        self.checks = []
        self.figures = {}
        self.act_number = 0
        self.produced_counts = {}
        self.shop = Person(self, "shop-backend", "the shop's services", "ingest")
        self.admin = Person(self, "platform-admin", "platform team", "admin")
        self.viewer = Person(self, "dashboard", "read only", "viewer")
        self.rita = Person(self, "rita", "merchandising reviewer", "reviewer")
        self.bob = Person(self, "bob", "pricing approver", "reviewer", "approver")
        self.chen = Person(self, "chen", "support operations lead", "reviewer", "approver")

    # --- tokens and the suite -------------------------------------------------------------------------------------

    def token(self, sub, *roles):
        return subprocess.check_output([os.path.join(self.root, "bin/refinery"), "token", *roles, "--sub", sub,
                                        "--hours", "2"], text=True).strip()

    def require_suite(self):
        down = [name for name, base in SERVICES.items() if http("GET", f"{base}/q/health/ready", timeout=3).status != 200]
        if down:
            raise DemoFailed(f"demo: the suite is not up ({', '.join(down)} not ready on 127.0.0.1). "
                             "Start it with: bin/refinery up")

    # --- narration --------------------------------------------------------------------------------------------------

    def act(self, title):
        self.act_number += 1
        print(f"\n\033[1m{self.act_number}. {title}\033[0m" if sys.stdout.isatty() else f"\n{self.act_number}. {title}",
              flush=True)

    def say(self, text):
        print(f"   {text}", flush=True)

    def look(self, what, url):
        print(f"   -> {what}: {url}", flush=True)

    def progress(self, label, done, total):
        if not sys.stdout.isatty():
            if done == total:
                print(f"   {label}: {total:,} sent", flush=True)
            return
        width = 30
        filled = int(width * done / total) if total else width
        print(f"\r   {label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}", end="", flush=True)
        if done == total:
            print(flush=True)

    # --- checks ---------------------------------------------------------------------------------------------------

    def check(self, ok, promise, detail=None):
        """Records a promise of the scenario; a broken one ends the run with what was seen."""
        if not ok:
            raise DemoFailed(f"demo: FAILED: {promise}" + (f"\n   seen: {detail}" if detail is not None else ""))
        self.checks.append(promise)
        print(f"   ok  {promise}", flush=True)

    def expect(self, what, response, *statuses):
        if response.status not in statuses:
            raise DemoFailed(f"demo: FAILED at {what}: {response!r}")
        return response.body

    def until(self, what, probe, timeout=60, every=0.3):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            last = probe()
            if last:
                return last
            time.sleep(every)
        raise DemoFailed(f"demo: FAILED waiting {timeout} s for {what}")

    @staticmethod
    def now_closed_until():
        """The end of the last day metrics-service has closed (its grace for late data is five minutes)."""
        return (datetime.now(timezone.utc) - timedelta(minutes=5)).replace(hour=0, minute=0, second=0, microsecond=0)

    def produced(self, system, path, n=1):
        """Counts what the scenario made happen on a system, under the learnings report's own names ("alerts.fired",
        "drift.detections", "experiments.shipped", "oversight.requests", "rollouts.events.paused", ...): the last act
        checks that the report of the quarter holds exactly these numbers."""
        counts = self.produced_counts.setdefault(system, {})
        counts[path] = counts.get(path, 0) + n

    # --- HTTP as one of the people ------------------------------------------------------------------------------------

    def get(self, url, person=None, accept="application/json"):
        return http("GET", url, token=(person or self.viewer).token, accept=accept)

    def post(self, url, body, person):
        return http("POST", url, body, token=person.token)

    def put(self, url, body, person):
        return http("PUT", url, body, token=person.token)

    def ok(self, what, method, url, body, person, *statuses):
        return self.expect(what, http(method, url, body, token=person.token), *(statuses or (200, 201, 202)))

    def send_batches(self, label, url, items, batch=2000):
        """Posts items in batches as the shop's services would, drawing a progress bar."""
        for start in range(0, len(items), batch):
            self.ok(label, "POST", url, items[start:start + batch], self.shop, 200, 201, 202)
            self.progress(label, min(start + batch, len(items)), len(items))

    def review(self, request_id):
        return self.until(f"oversight request {request_id}", lambda: (
            lambda r: r.body if r.status == 200 else None)(self.get(f"{OVERSIGHT}/api/v1/reviews/{request_id}")))

    def decide(self, request_id, outcome, rationale, *people, modifications=None):
        """People decide an oversight request in turn (two of them for a four-eyes request)."""
        last = None
        for person in people:
            body = {"outcome": outcome, "rationale": rationale}
            if modifications is not None:
                body["modifications"] = modifications
            last = self.ok(f"{person.sub} deciding {request_id}", "POST",
                           f"{OVERSIGHT}/api/v1/reviews/{request_id}/decision", body, person, 200)
        return last


class Quarter:
    """The calendar the demo plays: twelve weeks of days ending yesterday (UTC), each day at noon."""

    WEEKS = 12

    def __init__(self, now=None):
        self.now = now or datetime.now(timezone.utc)
        today = self.now.replace(hour=0, minute=0, second=0, microsecond=0)
        self.days = [today - timedelta(days=d) for d in range(self.WEEKS * 7, 0, -1)]
        self.first = self.days[0]
        self.last = self.days[-1]

    def window(self):
        """The report's period: from the first day to a little after now."""
        return {"from": iso(self.first), "to": iso(self.now + timedelta(hours=1))}


class Edition:
    """Which run of the demo this is. The first plays on homepage-recs, support-chatbot and dynamic-pricing; a later
    run finds those taken and plays the same quarter again on keys with the next number (homepage-recs-2, ...)."""

    BASES = ("homepage-recs", "support-chatbot", "dynamic-pricing")

    def __init__(self, demo):
        number = 1
        while demo.get(f"{OVERSIGHT}/api/v1/systems/{self.key_of(self.BASES[0], number)}").status == 200:
            number += 1
        self.number = number
        self.reco = self.key_of("homepage-recs", number)
        self.chatbot = self.key_of("support-chatbot", number)
        self.pricing = self.key_of("dynamic-pricing", number)

    @staticmethod
    def key_of(base, number):
        return base if number == 1 else f"{base}-{number}"

    def all(self):
        return (self.reco, self.chatbot, self.pricing)


def rng(name):
    """A random source seeded by a name, so every run draws the same quarter."""
    return random.Random(sum((i + 1) * ord(c) for i, c in enumerate(name)))
