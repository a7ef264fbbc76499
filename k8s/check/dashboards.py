#!/usr/bin/env python3
"""Reads the Grafana dashboards of k8s/grafana and the rules of k8s/prometheus (stdlib only).

  python3 k8s/check/dashboards.py --check k8s/grafana     structural checks (import-ready for Grafana)

Also imported by live.py: every PromQL query of the dashboards (panel targets, annotations, variables) and
of the rules, with Grafana's template variables substituted, and the vector selectors each one reads.
"""
import json
import os
import re
import sys

MIN_SCHEMA_VERSION = 39
DATASOURCE = "${datasource}"

# Values given to Grafana's variables when a query is evaluated outside Grafana: the dashboards' "All"
# (regex .*) for the multi-value variables, a rate window of four 1 s scrapes plus slack, and short ranges.
DEFAULT_VARS = {
    "__rate_interval": "10s",
    "__interval": "5s",
    "__range": "5m",
    "system": ".*",
    "metric": ".*",
    "instance": ".*",
}


def load(directory):
    boards = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".json"):
            with open(os.path.join(directory, name)) as f:
                boards.append((name, json.load(f)))
    return boards


def panels(board):
    for p in board.get("panels", []):
        yield p
        yield from p.get("panels", [])  # collapsed rows keep their panels inside


def substitute(expr, variables=None):
    values = dict(DEFAULT_VARS, **(variables or {}))

    def repl(m):
        name = m.group(1) or m.group(2)
        if name not in values:
            raise KeyError(f"no value for ${name} in {expr}")
        return values[name]

    return re.sub(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)", repl, expr)


def variable_query(var):
    q = var.get("query")
    return q.get("query") if isinstance(q, dict) else q


def label_values_to_promql(q):
    """Grafana's label_values(selector, label) as PromQL; label_values(label) needs the label API instead."""
    m = re.fullmatch(r"\s*label_values\((.+),\s*(\w+)\s*\)\s*", q)
    if m:
        return f"group by ({m.group(2)}) ({m.group(1)})", None
    m = re.fullmatch(r"\s*label_values\(\s*(\w+)\s*\)\s*", q)
    if m:
        return None, m.group(1)
    raise ValueError(f"unsupported variable query {q}")


def queries(boards):
    """(source, title, expr with variables substituted or None, label for the label API or None)."""
    out = []
    for name, b in boards:
        for p in panels(b):
            for t in p.get("targets", []):
                out.append((name, f'panel "{p["title"]}" {t["refId"]}', substitute(t["expr"]), None))
        for a in b.get("annotations", {}).get("list", []):
            if a.get("expr"):
                out.append((name, f'annotation "{a["name"]}"', substitute(a["expr"]), None))
        for v in b.get("templating", {}).get("list", []):
            if v.get("type") == "query":
                expr, label = label_values_to_promql(variable_query(v))
                out.append((name, f'variable ${v["name"]}', substitute(expr) if expr else None, label))
    return out


def rule_queries(rules_path):
    """Expressions of k8s/prometheus/rules.yaml, read without a YAML library (block scalars >- and plain)."""
    out = []
    lines = open(rules_path).read().split("\n")
    i = 0
    name = None
    while i < len(lines):
        line = lines[i]
        m = re.match(r"\s*- (alert|record): (\S+)", line)
        if m:
            name = m.group(2)
        m = re.match(r"(\s*)expr:\s*(.*)$", line)
        if m:
            indent, rest = len(m.group(1)), m.group(2)
            if rest in (">-", ">", "|", "|-"):
                body = []
                i += 1
                while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                    body.append(lines[i].strip())
                    i += 1
                expr = (" " if rest.startswith(">") else "\n").join(x for x in body if x)
                out.append(("rules.yaml", f"rule {name}", expr, None))
                continue
            out.append(("rules.yaml", f"rule {name}", rest.strip(), None))
        i += 1
    return out


_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless",
             "inf", "nan", "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk",
             "topk", "quantile", "limitk", "limit_ratio"}
_LIST_AFTER = {"by", "without", "on", "ignoring", "group_left", "group_right"}


def selectors(expr):
    """The vector selectors (metric{matchers}) a PromQL expression reads, found by a small tokenizer."""
    out = []
    i, n = 0, len(expr)
    skip_list = False
    while i < n:
        c = expr[i]
        if c in "\"'`":
            j = expr.index(c, i + 1)
            while expr[j - 1] == "\\":
                j = expr.index(c, j + 1)
            i = j + 1
        elif c == "[":
            i = expr.index("]", i) + 1
        elif c.isalpha() or c in "_:":
            m = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*").match(expr, i)
            word = m.group(0)
            j = m.end()
            while j < n and expr[j] == " ":
                j += 1
            if word in _LIST_AFTER:
                skip_list = True
                i = m.end()
                continue
            if word.lower() in _KEYWORDS or (j < n and expr[j] == "("):
                i = m.end()
                continue
            if j < n and expr[j] == "{":
                k = j + 1
                quote = None
                while k < n and (quote or expr[k] != "}"):
                    if expr[k] in "\"'" and expr[k - 1] != "\\":
                        quote = None if quote == expr[k] else (quote or expr[k])
                    k += 1
                out.append(word + expr[j:k + 1])
                i = k + 1
            else:
                out.append(word)
                i = m.end()
        elif c == "(" and skip_list:
            i = expr.index(")", i) + 1
            skip_list = False
        elif c.isdigit():
            m = re.compile(r"[0-9.eE+]+[smhdwy]?").match(expr, i)
            i = m.end()
        else:
            i += 1
    return out


def metric_name(selector):
    return selector.split("{", 1)[0]


def check(directory):
    errors = []
    boards = load(directory)
    uids = set()
    count = 0
    for name, b in boards:
        where = name
        if b.get("schemaVersion", 0) < MIN_SCHEMA_VERSION:
            errors.append(f"{where}: schemaVersion {b.get('schemaVersion')} < {MIN_SCHEMA_VERSION}")
        if not b.get("uid") or b["uid"] in uids or len(b["uid"]) > 40:
            errors.append(f"{where}: uid missing, duplicate or longer than 40 characters")
        uids.add(b.get("uid"))
        if b.get("id") is not None:
            errors.append(f"{where}: id must be null so that Grafana assigns one on import")
        variables = b.get("templating", {}).get("list", [])
        ds = [v for v in variables if v.get("type") == "datasource"]
        if not ds or ds[0].get("name") != "datasource" or ds[0].get("query") != "prometheus":
            errors.append(f"{where}: needs a 'datasource' variable of type datasource (prometheus)")
        for v in variables:
            if v.get("type") == "query" and v.get("datasource", {}).get("uid") != DATASOURCE:
                errors.append(f"{where}: variable {v['name']} does not use {DATASOURCE}")
        ids = set()
        for p in panels(b):
            count += p.get("type") != "row"
            pw = f"{where} panel {p.get('id')} \"{p.get('title')}\""
            if p.get("id") in ids:
                errors.append(f"{pw}: duplicate id")
            ids.add(p.get("id"))
            g = p.get("gridPos", {})
            if not all(k in g for k in "hwxy") or g["x"] + g["w"] > 24:
                errors.append(f"{pw}: bad gridPos {g}")
            if p.get("type") == "row":
                continue
            if not p.get("title"):
                errors.append(f"{pw}: no title")
            if p.get("datasource", {}).get("uid") != DATASOURCE:
                errors.append(f"{pw}: datasource is not {DATASOURCE}")
            if not p.get("targets"):
                errors.append(f"{pw}: no targets")
            for t in p.get("targets", []):
                if t.get("datasource", {}).get("uid") != DATASOURCE or not t.get("expr"):
                    errors.append(f"{pw} {t.get('refId')}: target without {DATASOURCE} or expr")
                try:
                    substitute(t.get("expr", ""))
                except KeyError as e:
                    errors.append(f"{pw}: {e}")
        for a in b.get("annotations", {}).get("list", []):
            if a.get("expr") and a.get("datasource", {}).get("uid") != DATASOURCE:
                errors.append(f"{where}: annotation {a.get('name')} does not use {DATASOURCE}")
    for e in errors:
        print(f"  ERROR {e}", file=sys.stderr)
    print(f"dashboards: {len(boards)} dashboards, {count} panels, {len(queries(boards))} queries, "
          f"{'OK' if not errors else f'{len(errors)} errors'}")
    return not errors


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sys.exit(0 if check(sys.argv[2]) else 1)
    print(__doc__)
    sys.exit(2)
