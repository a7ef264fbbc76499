#!/usr/bin/env python3
"""`bin/refinery demo`: a shop's quarter played at accelerated time against the running suite, through the public APIs
only, in the order of the seed's loop: monitor, detect, listen, test, decide, scale, learn. Every step prints what
happened and where to look, and checks its outcome; the same run is CI's end-to-end test (it exits non-zero with the
promise that was broken). The data stays, so the console, the dashboards and the report have something to show.

Usage: python3 e2e/demo/quarter.py [--root DIR]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import decisions  # noqa: E402
import experiments  # noqa: E402
import learnings  # noqa: E402
import monitoring  # noqa: E402
import registry  # noqa: E402
from common import GRAFANA, Demo, DemoFailed, Edition, Quarter  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    args = parser.parse_args()
    try:
        demo = Demo(args.root)
        demo.require_suite()
        quarter = Quarter()
        edition = Edition(demo)
        print(f"Refinery demo: a quarter of a shop's AI, {quarter.first:%Y-%m-%d} to {quarter.last:%Y-%m-%d}, "
              f"played at accelerated time (run {edition.number})")
        registry.register_systems(demo, quarter, edition)
        decisions.set_policies(demo, quarter, edition)
        monitoring.load_metrics(demo, quarter, edition)
        monitoring.ctr_alert(demo, quarter, edition)
        monitoring.chatbot_drift(demo, quarter, edition)
        monitoring.estimated_performance(demo, quarter, edition)
        monitoring.feedback_contradiction(demo, quarter, edition)
        experiments.experiments_on_every_system(demo, quarter, edition)
        experiments.pilot_to_rollout(demo, quarter, edition)
        decisions.pricing_change(demo, quarter, edition)
        decisions.incident(demo, quarter, edition)
        learnings.report(demo, quarter, edition)
    except DemoFailed as failure:
        sys.exit(str(failure))
    took = time.time() - demo.started
    print(f"\ndemo: passed, {len(demo.checks)} checks in {took:.0f} s. The data stays: open "
          "http://127.0.0.1:8084/console (sign in with: bin/refinery token reviewer --sub rita)")
    print("      Grafana: " + GRAFANA.format("overview") + "; one dashboard per service beside it")


if __name__ == "__main__":
    main()
