"""Interop checks against the real tools each export is for.

Usage: python3 tests/interop/check.py OUT_DIR, where OUT_DIR was written by
`cargo run --example export -- OUT_DIR`. Needs graphviz (`dot`), networkx, rdflib and
jsonschema. Exits non-zero on the first failed check; prints 'N passed, 0 failed' at the end.
"""

import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import jsonschema
import networkx as nx
import rdflib

out = Path(sys.argv[1])
passed = 0


def check(name, ok, detail=""):
    global passed
    if not ok:
        print(f"FAIL {name}: {detail}")
        print(f"{passed} passed, 1 failed")
        sys.exit(1)
    passed += 1
    print(f"ok   {name}")


data = json.loads((out / "dataset.json").read_text())
relations = data.get("relations", [])
prefixes = {"organisations": "org", "initiatives": "initiative", "bodies": "body", "events": "event",
            "documents": "doc", "commitments": "commitment", "pact_actions": "action"}
declared = {f"{p}:{r['id']}" for key, p in prefixes.items() for r in data.get(key, [])}
builtin_prefixes = ("objective:", "sdg:", "wsis:", "chapter:")
named = {e for r in relations for e in (r["from"], r["to"]) if e.startswith(builtin_prefixes)}
expected_nodes = declared | named | {f"objective:{n}" for n in range(1, 6)}

# JSON Schema: the exported dataset and the embedded source file both validate.
schema = json.loads((out / "dataset.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
errors = list(validator.iter_errors(data))
check("jsonschema validates dataset.json", not errors, errors[:3])
embedded = json.loads(Path("src/embedded/itu_gdc_2025.json").read_text())
errors = list(validator.iter_errors(embedded))
check("jsonschema validates the embedded file", not errors, errors[:3])
bad = dict(data, relations=[dict(relations[0], kind="co-lead")])
check("jsonschema refuses an unknown relation kind", not validator.is_valid(bad))
# Blank text is what the crate refuses as a label or citation: Unicode white space (U+0085
# and U+3000 among it), but not the ASCII separators Python's `\s` would count (U+001C).
organisations = data["organisations"]


def labelled(text):
    return dict(data, organisations=[dict(organisations[0], label=dict(organisations[0]["label"], en=text))]
                + organisations[1:])


def cited(text):
    return dict(data, relations=[dict(relations[0], provenance=[{"context": {"citation": text}}])] + relations[1:])


for text in [" ", "\u0085\u3000", "\t\n"]:
    check(f"jsonschema refuses the blank label {text!r}", not validator.is_valid(labelled(text)))
    check(f"jsonschema refuses the blank citation {text!r}", not validator.is_valid(cited(text)))
check("jsonschema admits a label of U+001C", validator.is_valid(labelled("\u001c")))


def sourced_at(url):
    context = {"context": {"citation": "ITU", "url": url}}
    return dict(data, relations=[dict(relations[0], provenance=[context])] + relations[1:])


# The crate refuses an address with spaces, control characters or no scheme; Python's re lets
# `$` match before a final newline, which the schema's patterns guard against.
for url in ["www.itu.int", "https://www.itu.int/a page", "https://www.itu.int\n", "https:"]:
    check(f"jsonschema refuses the url {url!r}", not validator.is_valid(sourced_at(url)))
for url in ["https://www.itu.int/en/Pages/default.aspx?x=1#top", "doi:10.1000/182", "https://例え.jp/パス"]:
    check(f"jsonschema admits the url {url!r}", validator.is_valid(sourced_at(url)))
check("jsonschema admits no url", validator.is_valid(sourced_at(None)))
org_id = organisations[0]["id"]
check("jsonschema refuses an id with a trailing newline",
      not validator.is_valid(dict(data, organisations=[dict(organisations[0], id=org_id + "\n")]
                                  + organisations[1:])))
check("jsonschema refuses a relation end with a trailing newline",
      not validator.is_valid(dict(data, relations=[dict(relations[0], to=relations[0]["to"] + "\n")]
                                  + relations[1:])))
check("jsonschema refuses a date with a trailing newline",
      not validator.is_valid(dict(data, relations=[dict(relations[0], since="2024\n")] + relations[1:])))


# JSON has one number type: what JSON Schema calls an integer, `165.0` included, the crate
# reads as that integer. Every whole number of the embedded file written as a float (as a
# script holding numbers as floats writes them) validates, and loads to a graph of the same
# size and gaps (tests/integration/json.rs checks it equal, field for field).
def as_floats(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, list):
        return [as_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: as_floats(v) for k, v in value.items()}
    return value


floats = as_floats(embedded)
floats_text = json.dumps(floats, ensure_ascii=False, indent=1)
check("the embedded file with whole numbers as floats has some", "165.0" in floats_text
      and '"schema_version": 1.0' in floats_text)
errors = list(validator.iter_errors(floats))
check("jsonschema validates the embedded file with whole numbers as floats", not errors, errors[:3])
(out / "floats.json").write_text(floats_text, encoding="utf-8")
loaded = [subprocess.run(["cargo", "run", "--quiet", "--example", "load_your_own", "--", str(path), "--alone"],
                         capture_output=True, text=True)
          for path in [Path("src/embedded/itu_gdc_2025.json"), out / "floats.json"]]
check("the crate loads the file with whole numbers as floats", loaded[1].returncode == 0,
      loaded[1].stdout[-2000:] + loaded[1].stderr[-2000:])
said = [run.stdout.replace(str(path), "FILE") for run, path in
        zip(loaded, [Path("src/embedded/itu_gdc_2025.json"), out / "floats.json"])]
check("and builds what it builds from the file as written", said[0] == said[1], said)

# Graphviz renders the DOT file without a warning.
dot = subprocess.run(["dot", "-Tsvg", str(out / "graph.dot"), "-o", str(out / "graph.svg")],
                     capture_output=True, text=True)
check("dot -Tsvg exits 0", dot.returncode == 0, dot.stderr)
check("dot -Tsvg prints no warning", dot.stderr.strip() == "", dot.stderr)
ET.parse(out / "graph.svg")

# networkx reads the GraphML with the same nodes, edges and attributes.
g = nx.read_graphml(out / "graph.graphml")
check("networkx: directed", g.is_directed())
check("networkx: node ids", set(g.nodes) == expected_nodes,
      sorted(set(g.nodes) ^ expected_nodes)[:10])
check("networkx: edge count", g.number_of_edges() == len(relations),
      f"{g.number_of_edges()} != {len(relations)}")
itu = g.nodes["org:itu"]
check("networkx: node attributes", itu["kind"] == "org" and itu["label"] == "ITU"
      and itu["label_zh"] == "国际电联" and itu["stated"] is True, itu)


def xml_text(text):
    """`text` as XML 1.0 can carry it: without the control characters and noncharacters it
    cannot hold (the crate drops them from GraphML)."""
    return "".join(c for c in text if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))


records = [(f"{p}:{r['id']}", r) for key, p in prefixes.items() if key != "pact_actions"
           for r in data.get(key, [])]


def shown_name(record):
    """The name the crate shows for a record: its short name, or its English label."""
    return record["label"].get("short") or record["label"]["en"]


def iri(node):
    return f"https://gdc-map.invalid/id/{node.replace(':', '/', 1)}"


fields = [(node, field, xml_text(want), g.nodes[node].get(field, ""))
         for node, r in records
         for field, want in [("label", shown_name(r)),
                             ("label_zh", r["label"].get("zh", "")),
                             ("notes", "\n".join(r.get("notes", [])))]]
wrong = [t for t in fields if t[2] != t[3]]
check("networkx: every record's names and notes, as written (line breaks, quotes, markup)",
      not wrong, [(n, f, w[:80], got[:80]) for n, f, w, got in wrong[:3]])
edge_evidence = " ".join(d.get("provenance", "") for _, _, d in g.edges(data=True))
urls = {p["context"]["url"] for r in relations for p in r["provenance"]
        if "context" in p and "url" in p["context"]}
check("networkx: every relation's context addresses, in its evidence",
      all(f"<{url}>" in edge_evidence for url in urls), sorted(urls)[:3])
kinds = Counter(d["kind"] for _, _, d in g.edges(data=True))
check("networkx: edge kinds", kinds == Counter(r["kind"] for r in relations))
co_chairs = [d for u, v, d in g.edges(data=True) if (u, v) == ("org:itu", "body:wgdt") and d["kind"] == "co-chairs"]
check("networkx: edge provenance", len(co_chairs) == 1 and co_chairs[0]["sections"] == "2 2.1", co_chairs)

# rdflib parses the Turtle, and SPARQL gives the crate's per-objective coverage counts.
rdf = rdflib.Graph()
rdf.parse(out / "graph.ttl", format="turtle")
check("rdflib parses graph.ttl", len(rdf) > 0)
statements = rdf.query("SELECT (COUNT(?s) AS ?n) WHERE { ?s a rdf:Statement }")
check("rdflib: one reified statement per relation", int(next(iter(statements))[0]) == len(relations))
GDC = "https://gdc-map.invalid/ns#"
carriers = ["supports", "leads", "coLeads", "chairs", "coChairs", "partnersIn", "contributesTo",
            "memberOf", "subgroupOf", "partOf", "followsUp", "organises", "facilitates", "coFacilitates"]
values = " ".join(f"gdc:{c}" for c in carriers)
# The crate's rule: hierarchy relations into an organisation carry no coverage.
carried = rdf.query(f"""
PREFIX gdc: <{GDC}>
CONSTRUCT {{ ?x gdc:carries ?y }} WHERE {{
  VALUES ?p {{ {values} }}
  ?x ?p ?y .
  FILTER NOT EXISTS {{
    VALUES ?h {{ gdc:partOf gdc:memberOf gdc:subgroupOf }}
    FILTER (?p = ?h)
    ?y a gdc:Organisation .
  }}
}}""").graph
counts = carried.query(f"""
PREFIX gdc: <{GDC}>
SELECT ?t (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  ?x gdc:carries+ ?t .
  FILTER (STRSTARTS(STR(?t), "https://gdc-map.invalid/id/objective/"))
}} GROUP BY ?t""")
sparql = {str(t).rsplit("/", 1)[1]: int(n) for t, n in counts}
with open(out / "coverage.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
crate = Counter(r["target"].split(":")[1] for r in rows if r["target"].startswith("objective:"))
check("SPARQL coverage counts equal the crate's", sparql == dict(crate), f"{sparql} != {dict(crate)}")
# Each coverage row's evidence is the entity's links, each "from kind to [evidence]", and
# the first step of the row's path is one of them.
links = [[item for item in r["evidence"].split(" | ")] for r in rows]
check("coverage.csv evidence: each link from the row's entity, with its evidence",
      all(items and all(i.split(" ", 1)[0] == r["entity"] and i.endswith("]") and " [" in i for i in items)
          for r, items in zip(rows, links)),
      [r for r in rows[:3]])
check("coverage.csv evidence: the path's first step is among the links",
      all(any(i.startswith(r["path"].split(" / ")[0] + " [") for i in items) for r, items in zip(rows, links)))
turtle_labels = {(str(subject), label.language): str(label)
                 for subject, label in rdf.subject_objects(rdflib.RDFS.label)}
wrong = [(node, language, r["label"][language][:80])
         for node, r in records for language in ("en", "zh") if language in r["label"]
         if turtle_labels.get((iri(node), language)) != r["label"][language]]
check("rdflib: every record's labels, character for character", not wrong, wrong[:3])
short_names = {str(s_): str(o) for s_, o in rdf.subject_objects(rdflib.URIRef(GDC + "shortName"))}
notes = {}
for s_, o in rdf.subject_objects(rdflib.URIRef(GDC + "note")):
    notes.setdefault(str(s_), set()).add(str(o))
wrong = [(node, field) for node, r in records
         for field, got, want in [("shortName", short_names.get(iri(node)), r["label"].get("short")),
                                  ("note", notes.get(iri(node), set()), set(r.get("notes", [])))]
         if got != want]
check("rdflib: every record's short name and notes, character for character", not wrong, wrong[:3])
check("rdflib: labels carry language tags",
      any(l.language == "zh" for l in rdf.objects(None, rdflib.RDFS.label) if isinstance(l, rdflib.Literal)))

# CSV files parse with a header row and consistent widths.
for name in ["coverage.csv", "matrix-organisations.csv", "matrix-initiatives.csv", "gaps.csv"]:
    with open(out / name, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    check(f"{name} parses", len(table) > 1 and all(len(r) == len(table[0]) for r in table),
          f"{len(table)} rows")

# The heatmap is well-formed SVG with a label per organisation row.
svg = ET.parse(out / "heatmap-organisations.svg").getroot()
texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
with open(out / "matrix-organisations.csv", newline="", encoding="utf-8") as f:
    names = [r["name"] for r in csv.DictReader(f)]
with open(out / "matrix-organisations.csv", newline="", encoding="utf-8") as f:
    rows = {r["entity"]: r["name"] for r in csv.DictReader(f)}
wrong = [(node, shown_name(r), rows[node]) for node, r in records
         if node in rows and rows[node] != shown_name(r)]
check("matrix-organisations.csv: every row's name, character for character",
      rows and not wrong, wrong[:3])
# A name over 48 characters is cut to 47 and an ellipsis.
shown = [xml_text(n if len(n) <= 48 else n[:47] + "…") for n in names]
check("heatmap labels every organisation", all(n in texts for n in shown),
      [n for n in shown if n not in texts])

print(f"{passed} passed, 0 failed")
