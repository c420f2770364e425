#!/usr/bin/env python3
"""Validator for the blind28 held-out set (stdlib only).
Checks: JSON schema and allowed values (GUIDELINES.md); every evidence string, outcome text,
practice/organisation name and alias occurs in its paper after joining PDF line breaks;
every name referenced by a link / adopted_by / parent / part_of / outcome.org is annotated;
no organisation or practice name of 4+ characters from the seed gold is reused
(well-known institutions whitelisted). Prints a counts table and ALL OK."""
import json, os, re, sys, glob, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = "/work/shared/gold/seeds"
ORG_TYPES = {"Group", "Company", "Mine", "PartyCommittee", "PartyBranch", "Union", "YouthLeague",
             "Department", "Team", "Other"}
DOMAINS = {"political", "ideological", "organisational", "integrity", "talent", "culture", "mass",
           "digital", "safety", "production", "management"}
CATS = {"safety", "production", "equipment", "economic", "talent", "environment", "integrity",
        "cohesion", "social", "other"}
DIRS = {"increase", "decrease", "level", None}
MODS = {"reported", "recommended"}
TOP = ["doc", "article", "skipped", "organisations", "practices", "outcomes", "links"]
KEYS = {"organisations": ["name", "aliases", "type", "parent"],
        "practices": ["name", "aliases", "modality", "adopted_by", "part_of", "domain"],
        "outcomes": ["text", "indicator", "value", "unit", "direction", "year", "category", "org"],
        "links": ["practice", "outcome", "org", "evidence"]}
# well-known institutions every paper names; a collision with a seed name is allowed when the
# shorter of the two names is (part of) one of these
WHITELIST = ["三会一课", "主题党日", "谈心谈话", "党员责任区", "党员示范岗", "党员突击队", "党员先锋岗",
             "第一议题", "党纪学习教育", "中心组学习", "安康杯竞赛", "群众安全监督", "青年安全监督岗",
             "集团党委", "矿党委", "公司党委", "工会", "团委", "党支部", "党委"]

def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s if not (unicodedata.category(ch)[0] in "PZS" or ch.isspace()))

def join_breaks(t):
    return re.sub(r"\s*\n\s*", "", t)

errors = []
def err(f, msg):
    errors.append(f"{f}: {msg}")

def seed_names():
    out = {}
    for f in glob.glob(os.path.join(SEEDS, "*.json")):
        d = json.load(open(f, encoding="utf-8"))
        for o in d.get("organisations", []) + d.get("practices", []):
            for n in [o["name"]] + o.get("aliases", []):
                k = norm(n)
                if len(k) >= 4:
                    out[k] = (n, os.path.basename(f))
    return out

def seed_text():
    return norm("".join(join_breaks(open(f, encoding="utf-8").read())
                        for f in glob.glob("/work/shared/papers/*.txt")))

def whitelisted(a, b):
    short = a if len(a) <= len(b) else b
    return any(short in norm(w) for w in WHITELIST)

def check_file(path, seeds, stext=""):
    f = os.path.basename(path)
    try:
        d = json.load(open(path, encoding="utf-8"))
    except Exception as e:
        err(f, f"invalid JSON: {e}"); return None
    if list(d.keys()) != TOP:
        err(f, f"top-level keys {list(d.keys())} != {TOP}")
    paper = os.path.join(HERE, "papers", d.get("doc", ""))
    if not os.path.exists(paper):
        err(f, f"paper {d.get('doc')} missing"); return None
    text = join_breaks(open(paper, encoding="utf-8").read())
    if not isinstance(d.get("article"), str) or not d["article"]:
        err(f, "article missing")
    if not isinstance(d.get("skipped"), list):
        err(f, "skipped must be a list")
    for sec, keys in KEYS.items():
        for i, it in enumerate(d.get(sec, [])):
            if list(it.keys()) != keys:
                err(f, f"{sec}[{i}] keys {list(it.keys())} != {keys}")
    orgs = {}; pracs = {}; outs = {}
    for o in d["organisations"]:
        if o["type"] not in ORG_TYPES: err(f, f"org type {o['type']}")
        if not isinstance(o["aliases"], list): err(f, "org aliases not a list")
        for n in [o["name"]] + o["aliases"]:
            if n in orgs: err(f, f"duplicate org name {n}")
            orgs[n] = o
            if n not in text: err(f, f"org name not in paper: {n}")
    for o in d["organisations"]:
        if o["parent"] is not None and o["parent"] not in orgs:
            err(f, f"parent {o['parent']} of {o['name']} not annotated")
    for p in d["practices"]:
        if p["modality"] not in MODS: err(f, f"modality {p['modality']}")
        if p["domain"] not in DOMAINS: err(f, f"domain {p['domain']} of {p['name']}")
        if p["modality"] == "recommended" and p["adopted_by"]:
            err(f, f"recommended practice with adopted_by: {p['name']}")
        if p["modality"] == "reported" and not p["adopted_by"]:
            err(f, f"reported practice without adopted_by: {p['name']}")
        for a in p["adopted_by"]:
            if a not in orgs: err(f, f"adopted_by {a} of {p['name']} not annotated")
        for n in [p["name"]] + p["aliases"]:
            if n in pracs: err(f, f"duplicate practice name {n}")
            pracs[n] = p
            if n not in text: err(f, f"practice name not in paper: {n}")
    for p in d["practices"]:
        if p["part_of"] is not None and p["part_of"] not in pracs:
            err(f, f"part_of {p['part_of']} of {p['name']} not annotated")
    for o in d["outcomes"]:
        if o["category"] not in CATS: err(f, f"category {o['category']}")
        if o["direction"] not in DIRS: err(f, f"direction {o['direction']}")
        if o["value"] is not None and not isinstance(o["value"], (int, float)): err(f, f"value {o['value']}")
        if o["year"] is not None and not (isinstance(o["year"], int) and 2019 <= o["year"] <= 2025):
            err(f, f"year {o['year']}")
        if o["unit"] is not None and not isinstance(o["unit"], str): err(f, f"unit {o['unit']}")
        if not o["indicator"]: err(f, f"indicator empty: {o['text']}")
        if o["org"] not in orgs: err(f, f"outcome org {o['org']} not annotated")
        if o["text"] in outs: err(f, f"duplicate outcome {o['text']}")
        outs[o["text"]] = o
        if o["text"] not in text: err(f, f"outcome text not in paper: {o['text']}")
    seen = set()
    for l in d["links"]:
        if l["practice"] not in [p["name"] for p in d["practices"]]:
            err(f, f"link practice not annotated (by name): {l['practice']}")
        if l["outcome"] not in outs: err(f, f"link outcome not annotated: {l['outcome']}")
        if l["org"] not in orgs: err(f, f"link org not annotated: {l['org']}")
        if l["evidence"] not in text: err(f, f"evidence not in paper: {l['evidence'][:40]}")
        if l["outcome"] not in l["evidence"]: err(f, f"evidence lacks outcome: {l['outcome']}")
        k = (l["practice"], l["outcome"])
        if k in seen: err(f, f"duplicate link {k}")
        seen.add(k)
    # invented names: no reuse of seed names of 4+ characters
    for o in d["organisations"] + d["practices"]:
        for n in [o["name"]] + o["aliases"]:
            m = norm(n)
            if len(m) < 4: continue
            for s, (orig, sf) in seeds.items():
                if (s == m or s in m or m in s) and not whitelisted(m, s):
                    err(f, f"name {n} reuses seed name {orig} ({sf})")
            if m in stext and not whitelisted(m, m):
                err(f, f"name {n} occurs verbatim in a seed paper")
    return d

def main():
    seeds = seed_names(); stext = seed_text()
    files = sorted(glob.glob(os.path.join(HERE, "gold", "b28_*.json")))
    if not files: err("gold", "no files")
    papers = sorted(glob.glob(os.path.join(HERE, "papers", "b28_*.txt")))
    rows = []
    docs = set()
    for path in files:
        d = check_file(path, seeds, stext)
        if not d: continue
        docs.add(d["doc"])
        outs = {o["text"]: o for o in d["outcomes"]}
        rep = sum(p["modality"] == "reported" for p in d["practices"])
        rec = sum(p["modality"] == "recommended" for p in d["practices"])
        saf = sum(o["category"] == "safety" for o in d["outcomes"])
        lsaf = sum(outs.get(l["outcome"], {}).get("category") == "safety" for l in d["links"])
        rows.append((os.path.basename(path), len(d["organisations"]), rep, rec,
                     len(d["outcomes"]), saf, len(d["links"]), lsaf))
    for p in papers:
        n = len(re.findall(r"[\u4e00-\u9fff]", open(p, encoding="utf-8").read()))
        if not 1200 <= n <= 2000: err(os.path.basename(p), f"{n} Han characters (want 1200-2000)")
        if os.path.basename(p) not in docs: err(os.path.basename(p), "paper without gold file")
    hdr = ("file", "orgs", "prac_rep", "prac_rec", "outcomes", "out_safety", "links", "links_safety")
    print("{:<22}{:>6}{:>10}{:>10}{:>10}{:>12}{:>7}{:>14}".format(*hdr))
    for r in rows:
        print("{:<22}{:>6}{:>10}{:>10}{:>10}{:>12}{:>7}{:>14}".format(*r))
    tot = ["TOTAL"] + [sum(r[i] for r in rows) for i in range(1, 8)]
    print("{:<22}{:>6}{:>10}{:>10}{:>10}{:>12}{:>7}{:>14}".format(*tot))
    for p in papers:
        print(f"{os.path.basename(p)}: {len(re.findall(r'[一-鿿]', open(p, encoding='utf-8').read()))} Han characters")
    if errors:
        print("\nERRORS:"); [print("  " + e) for e in errors]; sys.exit(1)
    print("ALL OK")

if __name__ == "__main__":
    main()
