#!/usr/bin/env python3
"""Validator for heldout-blind22 (stdlib only).

Checks, per gold file: JSON schema and allowed values (GUIDELINES.md), that every
organisation/practice/outcome referenced elsewhere is annotated, that names, outcome texts
and evidence occur in the paper (line breaks joined, as in the seed convention), and that no
organisation or practice name of 4+ characters from the seed gold is reused (whitelist of
well-known institutions excepted). Prints a counts table and ALL OK.
"""
import glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = "/work/shared/gold/seeds"
ORG_TYPES = {"Group", "Company", "Mine", "PartyCommittee", "PartyBranch", "Union",
             "YouthLeague", "Department", "Team", "Other"}
DOMAINS = {"political", "ideological", "organisational", "integrity", "talent", "culture",
           "mass", "digital", "safety", "production", "management"}
CATS = {"safety", "production", "equipment", "economic", "talent", "environment",
        "integrity", "cohesion", "social", "other"}
DIRS = {"increase", "decrease", "level", None}
MODS = {"reported", "recommended"}
TOP = ["doc", "article", "skipped", "organisations", "practices", "outcomes", "links"]
KEYS = {
    "organisations": ["name", "aliases", "type", "parent"],
    "practices": ["name", "aliases", "modality", "adopted_by", "part_of", "domain"],
    "outcomes": ["text", "indicator", "value", "unit", "direction", "year", "category", "org"],
    "links": ["practice", "outcome", "org", "evidence"],
}
WHITELIST = ["三会一课", "主题党日", "谈心谈话", "党员责任区", "党员示范岗", "党员突击队",
             "党员先锋岗", "民主生活会", "组织生活会", "第一议题", "党员活动室"]

errors = []
def err(msg):
    errors.append(msg)

def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s\W_]+", "", s)

def joined(text):
    return text.replace("\r", "").replace("\n", "")

def seed_names():
    names = set()
    for f in glob.glob(os.path.join(SEEDS, "*.json")):
        d = json.load(open(f, encoding="utf-8"))
        for o in d.get("organisations", []) + d.get("practices", []):
            for n in [o["name"]] + list(o.get("aliases", [])):
                n2 = norm(n)
                if len(n2) >= 4:
                    names.add(n2)
    wl = {norm(w) for w in WHITELIST}
    return {n for n in names if n not in wl and not any(n in w or w in n and len(n) - len(w) <= 2 for w in wl)}

def check_file(path, seeds):
    f = os.path.basename(path)
    d = json.load(open(path, encoding="utf-8"))
    if list(d.keys()) != TOP:
        err(f"{f}: top-level keys {list(d.keys())} != {TOP}")
    paper = os.path.join(HERE, "papers", d.get("doc", ""))
    if d.get("doc") != f.replace(".json", ".txt") or not os.path.exists(paper):
        err(f"{f}: doc '{d.get('doc')}' does not name its paper")
        return None
    text = joined(open(paper, encoding="utf-8").read())
    if not isinstance(d["article"], str) or not d["article"]:
        err(f"{f}: empty article title")
    for part in ("organisations", "practices", "outcomes", "links"):
        for i, u in enumerate(d[part]):
            if list(u.keys()) != KEYS[part]:
                err(f"{f}: {part}[{i}] keys {list(u.keys())}")
    orgs = {}
    for o in d["organisations"]:
        if o["type"] not in ORG_TYPES:
            err(f"{f}: org type {o['type']}")
        for n in [o["name"]] + o["aliases"]:
            if n in orgs:
                err(f"{f}: org name/alias '{n}' used twice")
            orgs[n] = o["name"]
            if n not in text:
                err(f"{f}: org name/alias '{n}' not in paper")
    org_names = {o["name"] for o in d["organisations"]}
    for o in d["organisations"]:
        if o["parent"] is not None and o["parent"] not in org_names:
            err(f"{f}: parent '{o['parent']}' of '{o['name']}' not annotated")
    prs = {p["name"]: p for p in d["practices"]}
    if len(prs) != len(d["practices"]):
        err(f"{f}: duplicate practice names")
    for p in d["practices"]:
        if p["modality"] not in MODS:
            err(f"{f}: modality {p['modality']}")
        if p["domain"] not in DOMAINS:
            err(f"{f}: domain {p['domain']} of {p['name']}")
        if p["modality"] == "reported" and not p["adopted_by"]:
            err(f"{f}: reported practice '{p['name']}' without adopted_by")
        if p["modality"] == "recommended" and p["adopted_by"]:
            err(f"{f}: recommended practice '{p['name']}' with adopted_by")
        for a in p["adopted_by"]:
            if a not in org_names:
                err(f"{f}: adopted_by '{a}' of '{p['name']}' not an annotated organisation name")
        if p["part_of"] is not None and p["part_of"] not in prs:
            err(f"{f}: part_of '{p['part_of']}' of '{p['name']}' not annotated")
        for n in [p["name"]] + p["aliases"]:
            if n not in text:
                err(f"{f}: practice name/alias '{n}' not in paper")
    for p in d["practices"]:
        for o in d["organisations"]:
            pass
    outs = {o["text"]: o for o in d["outcomes"]}
    if len(outs) != len(d["outcomes"]):
        err(f"{f}: duplicate outcome texts")
    for o in d["outcomes"]:
        if o["text"] not in text:
            err(f"{f}: outcome text '{o['text']}' not in paper")
        if o["category"] not in CATS:
            err(f"{f}: category {o['category']}")
        if o["direction"] not in DIRS:
            err(f"{f}: direction {o['direction']}")
        if o["value"] is not None and not isinstance(o["value"], (int, float)):
            err(f"{f}: value {o['value']!r}")
        if o["value"] is not None and str(o["value"]).rstrip("0").rstrip(".") not in o["text"]:
            err(f"{f}: value {o['value']} not in outcome text '{o['text']}'")
        if o["unit"] is not None and o["unit"] not in o["text"]:
            err(f"{f}: unit {o['unit']} not in outcome text '{o['text']}'")
        if o["year"] is not None and not (isinstance(o["year"], int) and 2019 <= o["year"] <= 2025):
            err(f"{f}: year {o['year']}")
        if not o["indicator"]:
            err(f"{f}: empty indicator for '{o['text']}'")
        if o["org"] not in org_names:
            err(f"{f}: outcome org '{o['org']}' not an annotated organisation name")
    seen = set()
    for l in d["links"]:
        key = (l["practice"], l["outcome"])
        if key in seen:
            err(f"{f}: duplicate link {key}")
        seen.add(key)
        if l["practice"] not in prs:
            err(f"{f}: link practice '{l['practice']}' not annotated")
        if l["outcome"] not in outs:
            err(f"{f}: link outcome '{l['outcome']}' not annotated")
        if l["org"] not in org_names:
            err(f"{f}: link org '{l['org']}' not annotated")
        if l["evidence"] not in text:
            err(f"{f}: evidence not in paper: {l['evidence'][:40]}…")
        if l["outcome"] not in l["evidence"]:
            err(f"{f}: outcome '{l['outcome']}' not inside its evidence")
        p = prs.get(l["practice"])
        if p and p["modality"] == "reported" and l["org"] not in p["adopted_by"]:
            err(f"{f}: link org '{l['org']}' not among adopted_by of '{l['practice']}'")
    # reuse of seed names
    for n in [o["name"] for o in d["organisations"]] + [a for o in d["organisations"] for a in o["aliases"]] \
             + [p["name"] for p in d["practices"]] + [a for p in d["practices"] for a in p["aliases"]]:
        m = norm(n)
        if len(m) < 4:
            continue
        hit = [s for s in seeds if s == m or s in m]
        if hit:
            err(f"{f}: name '{n}' reuses seed name(s) {hit}")
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    if not 1200 <= han <= 2000:
        err(f"{f}: paper has {han} Han characters (want 1200-2000)")
    safety = {o["text"] for o in d["outcomes"] if o["category"] == "safety"}
    return dict(file=d["doc"], han=han, orgs=len(d["organisations"]),
                rep=sum(p["modality"] == "reported" for p in d["practices"]),
                rec=sum(p["modality"] == "recommended" for p in d["practices"]),
                outs=len(d["outcomes"]), souts=len(safety), links=len(d["links"]),
                slinks=sum(l["outcome"] in safety for l in d["links"]))

def main():
    seeds = seed_names()
    files = sorted(glob.glob(os.path.join(HERE, "gold", "b22_*.json")))
    papers = sorted(glob.glob(os.path.join(HERE, "papers", "b22_*.txt")))
    if len(files) != 4 or len(papers) != 4:
        err(f"expected 4 gold files and 4 papers, found {len(files)} and {len(papers)}")
    rows = [r for r in (check_file(p, seeds) for p in files) if r]
    cols = ["file", "han", "orgs", "rep", "rec", "outs", "souts", "links", "slinks"]
    head = ["file", "Han chars", "orgs", "practices rep", "practices rec", "outcomes",
            "(safety)", "links", "(safety)"]
    print(" | ".join(head))
    tot = {c: 0 for c in cols[1:]}
    for r in rows:
        print(" | ".join(str(r[c]) for c in cols))
        for c in cols[1:]:
            tot[c] += r[c]
    print(" | ".join(["TOTAL"] + [str(tot[c]) for c in cols[1:]]))
    if errors:
        for e in errors:
            print("ERROR:", e)
        print(f"{len(errors)} ERROR(S)")
        sys.exit(1)
    print("ALL OK")

if __name__ == "__main__":
    main()
