#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# What an SRE deploys beside the exporter, on the host: the alert rules
# pass promtool check rules and their unit tests (promtool test rules);
# the Grafana dashboard is one JSON document with a row per stage, every
# query of it filtered by $instance; and every metric name the rules and
# the dashboard use is one the reader writes (its metric tables in
# userspace/prom.c and serve.c). The exporter scenario checks the same
# names against a live exporter's output, and a real Prometheus against
# it. The metrics' schema in docs/fleet.md must be the one prom.c writes.

set -uo pipefail
. "$(dirname "$0")/lib/common.sh"

deploy=$RXPATH_TOP/deploy
promtool=$(promtool_fetch)
if out=$("$promtool" check rules "$deploy/prometheus/rxpath.rules.yml" 2>&1); then
	echo "ok - deploy: promtool check rules rxpath.rules.yml ($(echo "$out" | sed -n 's/.*SUCCESS: \([0-9]*\) rules found.*/\1/p') rules)"
else
	echo "not ok - deploy: promtool check rules rxpath.rules.yml"
	echo "$out" | head -n 20 | sed 's/^/#   /'
fi
if out=$(cd "$deploy/prometheus" && "$promtool" test rules rxpath.rules.test.yml 2>&1); then
	echo "ok - deploy: promtool test rules: each alert fires while packets are lost and only then, naming its knob and its value"
else
	echo "not ok - deploy: promtool test rules rxpath.rules.test.yml"
	echo "$out" | head -n 40 | sed 's/^/#   /'
fi
used=$(mktemp)
trap 'rm -f "$used"' EXIT
python3 "$RXPATH_TOP/tests/lib/deploy-names.py" "$deploy" >"$used"
python3 - "$deploy" "$RXPATH_TOP/userspace" "$used" <<'PY'
import json, re, sys
deploy, src = sys.argv[1], sys.argv[2]
ok = lambda good, what: print(("ok" if good else "not ok") + " - deploy: " + what)
names = set()
for f in ("prom.c", "serve.c"):
    text = open(f"{src}/{f}").read()
    names |= set(re.findall(r'"(rxpath_[a-z_]+)"', text)) | set(re.findall(r"TYPE (rxpath_[a-z_]+)", text))
try:
    dash = json.load(open(f"{deploy}/grafana/rxpath.json"))
except ValueError as e:
    ok(False, f"grafana/rxpath.json is one JSON document: {e}")
    sys.exit(0)
rows = [p["title"] for p in dash["panels"] if p["type"] == "row"]
ok(all(any(r.startswith(s) for r in rows) for s in ("Ring", "Backlog", "NAPI budget", "NAPI:")),
   f"the dashboard has a row per stage ({', '.join(rows)})")
exprs = [t["expr"] for p in dash["panels"] if p["type"] != "row" for t in p["targets"]]
unfiltered = [e for e in exprs if 'instance=~"$instance"' not in e]
ok(exprs and not unfiltered, f"every one of its {len(exprs)} queries is filtered by $instance"
   + (f" (not: {unfiltered[0]})" if unfiltered else ""))
ids = [p["id"] for p in dash["panels"]]
ok(len(ids) == len(set(ids)), "its panels' ids are unique")
used = set(open(sys.argv[3]).read().split())
missing = sorted(used - names)
ok(not missing, f"the {len(used)} metric names of the rules and the dashboard are the reader's"
   + (f" (not: {', '.join(missing)})" if missing else ""))
print("# deploy: metric names used: " + " ".join(sorted(used)))
prom = open(f"{src}/prom.c").read()
have = {n: "counter" if c == "1" else "gauge"
        for n, c in re.findall(r'\{ "\w+", "(rxpath_\w+)", (\d),', prom)}
fleet = open(f"{src}/../docs/fleet.md").read()
table = fleet[fleet.index("**The schema.**"):fleet.index("**Alert rules**")]
doc = dict(re.findall(r"^\| `(rxpath_\w+)` \| (counter|gauge) \|", table, re.M))
ok(have and doc == have, f"docs/fleet.md's schema is the reader's: {len(have)} metrics, each with its type"
   + (f" (differ: {sorted(set(doc.items()) ^ set(have.items()))[:4]})" if doc != have else ""))
PY
