#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The metric names the alert rules and the Grafana dashboard use, one per
line: deploy/prometheus/rxpath.rules.yml's exprs, deploy/grafana/rxpath.json's
queries. tests/deploy.sh and the exporter scenario check them against what
the reader writes."""
import json
import re
import sys

deploy = sys.argv[1]
used = set()
dash = json.load(open(f"{deploy}/grafana/rxpath.json"))
for p in dash["panels"]:
    for t in p.get("targets", []):
        used |= set(re.findall(r"\b(rxpath_[a-z_]+)", t["expr"]))
rules = open(f"{deploy}/prometheus/rxpath.rules.yml").read()
for e in re.findall(r"expr: (.*(?:\n {10}.*)*)", rules):
    used |= set(re.findall(r"\b(rxpath_[a-z_]+)", e))
print("\n".join(sorted(used)))
