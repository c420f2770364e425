#!/usr/bin/env python3
"""Validator for the blind11 held-out set (stdlib only).

Checks, for every gold/b11_*.json:
  * JSON schema and allowed values as in /work/shared/gold/GUIDELINES.md;
  * "doc" names an existing paper in papers/;
  * organisation names/aliases, practice names/aliases and outcome texts occur in the paper
    (after joining PDF line breaks, as in the seed gold);
  * every link evidence occurs in the joined paper and contains its outcome text, and names the
    practice (name or alias) or refers to it (该/此/这一/这项/通过);
  * every practice/outcome/org named in a link (and every parent, part_of, adopted_by and
    outcome org) is annotated in the same file;
  * no organisation or practice name of 4+ characters from the seed gold is reused, neither as
    an annotated name nor anywhere in the new papers (well-known institutions whitelisted).
Prints a counts table and ALL OK (exit 0) or the list of problems (exit 1).
"""
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_GOLD = "/work/shared/gold/seeds"

ORG_TYPES = {"Group", "Company", "Mine", "PartyCommittee", "PartyBranch", "Union", "YouthLeague",
             "Department", "Team", "Other"}
MODALITIES = {"reported", "recommended"}
DOMAINS = {"political", "ideological", "organisational", "integrity", "talent", "culture", "mass",
           "digital", "safety", "production", "management"}
CATEGORIES = {"safety", "production", "equipment", "economic", "talent", "environment", "integrity",
              "cohesion", "social", "other"}
DIRECTIONS = {"increase", "decrease", "level", None}
TOP_KEYS = ["doc", "article", "skipped", "organisations", "practices", "outcomes", "links"]
ORG_KEYS = ["name", "aliases", "type", "parent"]
PR_KEYS = ["name", "aliases", "modality", "adopted_by", "part_of", "domain"]
OUT_KEYS = ["text", "indicator", "value", "unit", "direction", "year", "category", "org"]
LINK_KEYS = ["practice", "outcome", "org", "evidence"]
REFERENCE_WORDS = ("该", "此", "这一", "这项", "通过")

# Well-known institutions that every paper of the genre names; they may recur.
WHITELIST = {"三会一课", "主题党日", "谈心谈话", "党员责任区", "党员示范岗", "党员突击队"}


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if not (unicodedata.category(ch)[0] in "PZ" or ch.isspace()))


def join_lines(raw):
    # the seed convention: PDF line breaks (and blank lines) are removed, nothing inserted
    return re.sub(r"[ \t]*\n\s*", "", raw)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def seed_names():
    names = set()
    for f in sorted(glob.glob(os.path.join(SEED_GOLD, "*.json"))):
        d = json.load(open(f, encoding="utf-8"))
        for o in d.get("organisations", []):
            for n in [o["name"]] + o.get("aliases", []):
                names.add(norm(n))
        for p in d.get("practices", []):
            for n in [p["name"]] + p.get("aliases", []):
                names.add(norm(n))
    return {n for n in names if len(n) >= 4 and n not in WHITELIST}


def check_file(path, problems, seeds):
    fn = os.path.basename(path)
    err = lambda msg: problems.append(f"{fn}: {msg}")
    try:
        d = json.load(open(path, encoding="utf-8"))
    except Exception as e:  # noqa
        err(f"invalid JSON: {e}")
        return None
    if list(d.keys()) != TOP_KEYS:
        err(f"top-level keys {list(d.keys())} != {TOP_KEYS}")
    paper_path = os.path.join(HERE, "papers", d.get("doc", ""))
    if not os.path.isfile(paper_path):
        err(f"doc {d.get('doc')!r} not found in papers/")
        return None
    if d["doc"].replace(".txt", ".json") != fn:
        err(f"doc {d['doc']} does not match file name")
    raw = open(paper_path, encoding="utf-8").read()
    J = join_lines(raw)
    NJ = norm(J)
    if not isinstance(d.get("article"), str) or not d["article"]:
        err("article must be a non-empty string")
    if not isinstance(d.get("skipped"), list) or not all(isinstance(x, str) for x in d["skipped"]):
        err("skipped must be a list of strings")

    # organisations
    org_names = {}
    for o in d["organisations"]:
        if list(o.keys()) != ORG_KEYS:
            err(f"organisation keys {list(o.keys())}")
        if o["type"] not in ORG_TYPES:
            err(f"org {o['name']}: bad type {o['type']}")
        if not isinstance(o["aliases"], list):
            err(f"org {o['name']}: aliases must be a list")
        for n in [o["name"]] + o["aliases"]:
            if n in org_names:
                err(f"org name/alias {n} used twice")
            org_names[n] = o["name"]
            if norm(n) not in NJ:
                err(f"org name/alias {n!r} not in paper")
    for o in d["organisations"]:
        if o["parent"] is not None and o["parent"] not in org_names:
            err(f"org {o['name']}: parent {o['parent']!r} not annotated")

    # practices
    pr_names = {}
    for p in d["practices"]:
        if list(p.keys()) != PR_KEYS:
            err(f"practice keys {list(p.keys())}")
        if p["modality"] not in MODALITIES:
            err(f"practice {p['name']}: bad modality {p['modality']}")
        if p["domain"] not in DOMAINS:
            err(f"practice {p['name']}: bad domain {p['domain']}")
        if p["modality"] == "reported" and not p["adopted_by"]:
            err(f"practice {p['name']}: reported but adopted_by empty")
        if p["modality"] == "recommended" and p["adopted_by"]:
            err(f"practice {p['name']}: recommended but adopted_by given")
        for a in p["adopted_by"]:
            if a not in org_names:
                err(f"practice {p['name']}: adopted_by {a!r} not annotated")
        for n in [p["name"]] + p["aliases"]:
            if n in pr_names:
                err(f"practice name/alias {n} used twice")
            pr_names[n] = p["name"]
            if n not in J:
                err(f"practice name/alias {n!r} not in paper")
    for p in d["practices"]:
        if p["part_of"] is not None:
            if p["part_of"] not in pr_names:
                err(f"practice {p['name']}: part_of {p['part_of']!r} not annotated")
            elif pr_names[p["part_of"]] == p["name"]:
                err(f"practice {p['name']}: part_of itself")

    # outcomes
    out_texts = set()
    for o in d["outcomes"]:
        if list(o.keys()) != OUT_KEYS:
            err(f"outcome keys {list(o.keys())}")
        if o["text"] in out_texts:
            err(f"outcome text {o['text']} twice")
        out_texts.add(o["text"])
        if o["text"] not in J:
            err(f"outcome text {o['text']!r} not in paper")
        if not isinstance(o["indicator"], str) or not o["indicator"]:
            err(f"outcome {o['text']}: indicator missing")
        if o["value"] is not None and not is_num(o["value"]):
            err(f"outcome {o['text']}: value must be number or null")
        if o["value"] is not None and norm(str(o["value"]).rstrip("0").rstrip(".") if "." in str(o["value"]) else str(o["value"])) not in norm(o["text"]):
            err(f"outcome {o['text']}: value {o['value']} not in text")
        if o["unit"] is not None and not isinstance(o["unit"], str):
            err(f"outcome {o['text']}: unit must be string or null")
        if o["direction"] not in DIRECTIONS:
            err(f"outcome {o['text']}: bad direction {o['direction']}")
        if o["year"] is not None and not (isinstance(o["year"], int) and 2019 <= o["year"] <= 2025):
            err(f"outcome {o['text']}: bad year {o['year']}")
        if o["category"] not in CATEGORIES:
            err(f"outcome {o['text']}: bad category {o['category']}")
        if o["org"] not in org_names:
            err(f"outcome {o['text']}: org {o['org']!r} not annotated")

    # links
    seen = set()
    for l in d["links"]:
        if list(l.keys()) != LINK_KEYS:
            err(f"link keys {list(l.keys())}")
        key = (l["practice"], l["outcome"])
        if key in seen:
            err(f"duplicate link {key}")
        seen.add(key)
        if l["practice"] not in {p["name"] for p in d["practices"]}:
            err(f"link practice {l['practice']!r} is not a practices[].name")
        if l["outcome"] not in out_texts:
            err(f"link outcome {l['outcome']!r} is not an outcomes[].text")
        if l["org"] not in org_names:
            err(f"link org {l['org']!r} not annotated")
        if l["evidence"] not in J:
            err(f"link evidence not in joined paper: {l['evidence'][:40]}…")
        if l["outcome"] not in l["evidence"]:
            err(f"link {key}: outcome text not inside evidence")
        p = next((p for p in d["practices"] if p["name"] == l["practice"]), None)
        if p is not None:
            names = [p["name"]] + p["aliases"]
            if not any(norm(n) in norm(l["evidence"]) for n in names) and \
                    not any(w in l["evidence"] for w in REFERENCE_WORDS):
                err(f"link {key}: evidence neither names the practice nor refers to it")

    # reuse of seed names
    mine = [o["name"] for o in d["organisations"]] + [a for o in d["organisations"] for a in o["aliases"]] + \
           [p["name"] for p in d["practices"]] + [a for p in d["practices"] for a in p["aliases"]]
    for n in mine:
        nn = norm(n)
        for s in seeds:
            if s == nn or s in nn:
                err(f"annotated name {n!r} reuses seed name {s!r}")
    for s in seeds:
        if s in NJ:
            err(f"paper text contains seed name {s!r}")

    # Han character count
    han = len(re.findall(r"[\u4e00-\u9fff]", raw))
    if not 1200 <= han <= 2000:
        err(f"paper has {han} Han characters (expected 1200-2000)")
    return d, han


def main():
    problems = []
    seeds = seed_names()
    files = sorted(glob.glob(os.path.join(HERE, "gold", "b11_*.json")))
    papers = sorted(glob.glob(os.path.join(HERE, "papers", "b11_*.txt")))
    if len(files) != 4 or len(papers) != 4:
        problems.append(f"expected 4 gold files and 4 papers, found {len(files)} and {len(papers)}")
    rows = []
    for f in files:
        r = check_file(f, problems, seeds)
        if r is None:
            continue
        d, han = r
        cat = {o["text"]: o["category"] for o in d["outcomes"]}
        rows.append((d["doc"], han, len(d["organisations"]),
                     sum(p["modality"] == "reported" for p in d["practices"]),
                     sum(p["modality"] == "recommended" for p in d["practices"]),
                     len(d["outcomes"]), sum(o["category"] == "safety" for o in d["outcomes"]),
                     len(d["links"]), sum(cat.get(l["outcome"]) == "safety" for l in d["links"])))
    hdr = ("doc", "han", "orgs", "pr.rep", "pr.rec", "outc", "(safety)", "links", "(safety)")
    fmt = "{:<18}{:>6}{:>6}{:>8}{:>8}{:>6}{:>10}{:>7}{:>10}"
    print(fmt.format(*hdr))
    for r in rows:
        print(fmt.format(*r))
    tot = ["TOTAL"] + [sum(r[i] for r in rows) for i in range(1, 9)]
    print(fmt.format(*tot))
    print(f"(seed names checked for reuse: {len(seeds)}; whitelist: {', '.join(sorted(WHITELIST))})")
    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print(" -", p)
        sys.exit(1)
    print("ALL OK")


if __name__ == "__main__":
    main()
