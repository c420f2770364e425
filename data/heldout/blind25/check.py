#!/usr/bin/env python3
"""Validator for the blind25 held-out set (stdlib only).

Checks
  1. every gold file: exact top-level schema of /work/shared/gold/GUIDELINES.md, field types,
     allowed values (organisation type, modality, domain, direction, category);
  2. references inside a file: parents / adopted_by / outcome org / link org are annotated
     organisations (name or alias), part_of and link practices are annotated practices,
     link outcomes are annotated outcomes; reported practices have adopted_by, recommended
     ones have none; no duplicate names;
  3. text anchoring: "doc" is a paper in papers/; every practice/organisation name and alias,
     every outcome text and every link evidence occurs in the paper after line breaks are
     joined (the seed convention); the evidence contains the outcome text and names the
     practice (name or alias) or carries a reference (该/此/这一/通过);
  4. invention: no organisation or practice name (or alias) of 4+ characters is one of the
     seed gold names or matches one under the scoring rule of GUIDELINES (containment with the
     shorter at least half the longer, or fuzzy ratio >= 85), and none occurs verbatim in the
     seed papers, except the whitelisted well-known institutions; no run of 16+ normalised
     characters of a blind25 paper occurs in a seed paper;
  5. size: each paper has 1,200-2,000 Han characters.
Prints a counts table and ALL OK, or the list of problems (exit status 1).
"""
import difflib, glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
PAPERS, GOLD = os.path.join(HERE, "papers"), os.path.join(HERE, "gold")
SEED_GOLD = "/work/shared/gold/seeds"
SEED_PAPERS = "/work/shared/papers"

ORG_TYPES = {"Group", "Company", "Mine", "PartyCommittee", "PartyBranch", "Union",
             "YouthLeague", "Department", "Team", "Other"}
MODALITIES = {"reported", "recommended"}
DOMAINS = {"political", "ideological", "organisational", "integrity", "talent", "culture",
           "mass", "digital", "safety", "production", "management"}
DIRECTIONS = {"increase", "decrease", "level", None}
CATEGORIES = {"safety", "production", "equipment", "economic", "talent", "environment",
              "integrity", "cohesion", "social", "other"}
TOP = ["doc", "article", "skipped", "organisations", "practices", "outcomes", "links"]
ORG_KEYS = ["name", "aliases", "type", "parent"]
PR_KEYS = ["name", "aliases", "modality", "adopted_by", "part_of", "domain"]
OC_KEYS = ["text", "indicator", "value", "unit", "direction", "year", "category", "org"]
LK_KEYS = ["practice", "outcome", "org", "evidence"]
REF_WORDS = ("该", "此", "这一", "通过")
# well-known institutions every paper names (normalised form)
WHITELIST = {"三会一课", "主题党日", "谈心谈话", "党员责任区", "党员示范岗", "党员突击队",
             "第一议题", "第一议题制度",
             "集团公司"}  # generic alias for "the group", not a name
# fixed political formulas that any paper of the genre may share with the seeds
COMMON_PHRASES = ["习近平新时代中国特色社会主义思想", "习近平总书记重要讲话和重要指示批示精神"]

errors = []
def err(msg):
    errors.append(msg)

def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(c for c in s if not (unicodedata.category(c)[0] in "PZ" or c.isspace()))

def join_lines(raw):
    return re.sub(r"[ \t]*\n\s*", "", raw)

def matches(a, b):
    """scoring rule of GUIDELINES on normalised names"""
    if not a or not b:
        return False
    if a == b:
        return True
    s, l = sorted((a, b), key=len)
    if s in l and len(s) * 2 >= len(l):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() * 100 >= 85

def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)

# ---------------------------------------------------------------- seeds
seed_names = set()
for f in glob.glob(os.path.join(SEED_GOLD, "*.json")):
    d = json.load(open(f, encoding="utf-8"))
    for o in d.get("organisations", []) + d.get("practices", []):
        for n in [o["name"]] + o.get("aliases", []):
            n = norm(n)
            if len(n) >= 4:
                seed_names.add(n)
seed_text = "".join(norm(open(f, encoding="utf-8").read())
                    for f in sorted(glob.glob(os.path.join(SEED_PAPERS, "*.txt"))))
if not seed_names or not seed_text:
    err("seed gold or seed papers not found (needed for the invention check)")

# ---------------------------------------------------------------- papers
papers = {}
for f in sorted(glob.glob(os.path.join(PAPERS, "*.txt"))):
    raw = open(f, encoding="utf-8").read()
    papers[os.path.basename(f)] = join_lines(raw)
    han = len(re.findall(r"[\u4e00-\u9fff]", raw))
    if not 1200 <= han <= 2000:
        err(f"{os.path.basename(f)}: {han} Han characters, outside 1,200-2,000")
    # no long verbatim run shared with a seed paper
    t = norm(raw)
    for p in COMMON_PHRASES:
        t = t.replace(norm(p), "|")
    K = 16
    grams = {seed_text[i:i + K] for i in range(len(seed_text) - K + 1)}
    for i in range(len(t) - K + 1):
        if t[i:i + K] in grams and "|" not in t[i:i + K]:
            err(f"{os.path.basename(f)}: shares a {K}-character run with a seed paper: {t[i:i + K]}")
            break

# ---------------------------------------------------------------- gold files
rows, covered = [], set()
for gf in sorted(glob.glob(os.path.join(GOLD, "*.json"))):
    name = os.path.basename(gf)
    try:
        d = json.load(open(gf, encoding="utf-8"))
    except Exception as e:
        err(f"{name}: not valid JSON ({e})"); continue
    if list(d.keys()) != TOP:
        err(f"{name}: top-level keys {list(d.keys())} != {TOP}")
        continue
    doc = d["doc"]
    if doc not in papers:
        err(f"{name}: doc {doc!r} is not a paper in papers/"); continue
    covered.add(doc)
    stem = doc[:-4]
    if name not in (stem + ".json",) and not re.fullmatch(re.escape(stem) + r"__\d+\.json", name):
        err(f"{name}: file name does not follow <doc>.json or <doc>__N.json")
    text = papers[doc]
    if not isinstance(d["article"], str) or not d["article"]:
        err(f"{name}: empty article title")
    if not isinstance(d["skipped"], list) or not all(isinstance(s, str) for s in d["skipped"]):
        err(f"{name}: skipped must be a list of strings")

    def occurs(s):
        return s in text or norm(s) in norm(text)

    # organisations
    org_names = {}
    for o in d["organisations"]:
        if list(o.keys()) != ORG_KEYS:
            err(f"{name}: organisation keys {list(o.keys())}"); continue
        if o["type"] not in ORG_TYPES:
            err(f"{name}: organisation {o['name']}: bad type {o['type']}")
        if not isinstance(o["aliases"], list):
            err(f"{name}: organisation {o['name']}: aliases not a list")
        for n in [o["name"]] + o["aliases"]:
            if n in org_names:
                err(f"{name}: organisation name/alias {n} used twice")
            org_names[n] = o["name"]
            if not occurs(n):
                err(f"{name}: organisation name/alias not in paper: {n}")
    for o in d["organisations"]:
        if o.get("parent") is not None and o["parent"] not in org_names:
            err(f"{name}: parent {o['parent']} of {o['name']} is not an annotated organisation")

    # practices
    pr_names, pr_alias = {}, {}
    for p in d["practices"]:
        if list(p.keys()) != PR_KEYS:
            err(f"{name}: practice keys {list(p.keys())}"); continue
        if p["name"] in pr_names:
            err(f"{name}: practice {p['name']} annotated twice")
        pr_names[p["name"]] = p
        for n in [p["name"]] + p["aliases"]:
            if n in pr_alias and pr_alias[n] != p["name"]:
                err(f"{name}: practice alias {n} shared by two practices")
            pr_alias[n] = p["name"]
            if not occurs(n):
                err(f"{name}: practice name/alias not in paper: {n}")
        if p["modality"] not in MODALITIES:
            err(f"{name}: practice {p['name']}: bad modality {p['modality']}")
        if p["domain"] not in DOMAINS:
            err(f"{name}: practice {p['name']}: bad domain {p['domain']}")
        if p["modality"] == "reported" and not p["adopted_by"]:
            err(f"{name}: reported practice {p['name']} has no adopted_by")
        if p["modality"] == "recommended" and p["adopted_by"]:
            err(f"{name}: recommended practice {p['name']} has adopted_by")
        for a in p["adopted_by"]:
            if a not in org_names:
                err(f"{name}: adopted_by {a} of {p['name']} is not an annotated organisation")
    for p in d["practices"]:
        if p.get("part_of") is not None and p["part_of"] not in pr_names:
            err(f"{name}: part_of {p['part_of']} of {p['name']} is not an annotated practice")
        if p.get("part_of") == p.get("name"):
            err(f"{name}: practice {p['name']} is part of itself")

    # outcomes
    oc_texts = {}
    for o in d["outcomes"]:
        if list(o.keys()) != OC_KEYS:
            err(f"{name}: outcome keys {list(o.keys())}"); continue
        if o["text"] in oc_texts:
            err(f"{name}: outcome text {o['text']} annotated twice")
        oc_texts[o["text"]] = o
        if not occurs(o["text"]):
            err(f"{name}: outcome text not in paper: {o['text']}")
        if not isinstance(o["indicator"], str) or not o["indicator"]:
            err(f"{name}: outcome {o['text']}: empty indicator")
        if o["value"] is not None and not is_num(o["value"]):
            err(f"{name}: outcome {o['text']}: value must be a number or null")
        if o["value"] is not None and norm(str(o["value"]).rstrip("0").rstrip(".")) not in norm(o["text"]).replace(",", ""):
            err(f"{name}: outcome {o['text']}: value {o['value']} not in its text")
        if (o["value"] is None) != (o["unit"] is None):
            err(f"{name}: outcome {o['text']}: value and unit must be both set or both null")
        if o["direction"] not in DIRECTIONS:
            err(f"{name}: outcome {o['text']}: bad direction {o['direction']}")
        if o["year"] is not None and not (isinstance(o["year"], int) and 2019 <= o["year"] <= 2025):
            err(f"{name}: outcome {o['text']}: year must be null or an int 2019-2025")
        if o["category"] not in CATEGORIES:
            err(f"{name}: outcome {o['text']}: bad category {o['category']}")
        if o["org"] not in org_names:
            err(f"{name}: outcome {o['text']}: org {o['org']} is not an annotated organisation")

    # links
    seen = set()
    for l in d["links"]:
        if list(l.keys()) != LK_KEYS:
            err(f"{name}: link keys {list(l.keys())}"); continue
        key = (l["practice"], l["outcome"])
        if key in seen:
            err(f"{name}: link {key} twice")
        seen.add(key)
        if l["practice"] not in pr_names:
            err(f"{name}: link practice {l['practice']} is not an annotated practice name")
            continue
        if l["outcome"] not in oc_texts:
            err(f"{name}: link outcome {l['outcome']} is not an annotated outcome text")
            continue
        if l["org"] not in org_names:
            err(f"{name}: link org {l['org']} is not an annotated organisation")
        if pr_names[l["practice"]]["modality"] != "reported":
            err(f"{name}: link from a recommended practice {l['practice']}")
        ev = l["evidence"]
        if not ev or ev not in text:
            err(f"{name}: evidence not found in {doc} (after joining line breaks): {ev[:40]}")
        if l["outcome"] not in ev:
            err(f"{name}: evidence does not contain the outcome text {l['outcome']}")
        p = pr_names[l["practice"]]
        if not any(n in ev for n in [p["name"]] + p["aliases"]) and not any(w in ev for w in REF_WORDS):
            err(f"{name}: evidence names neither the practice {p['name']} nor a reference word")

    # invention
    for kind, items in (("organisation", d["organisations"]), ("practice", d["practices"])):
        for o in items:
            for n in [o["name"]] + o["aliases"]:
                nn = norm(n)
                if len(nn) < 4 or nn in WHITELIST:
                    continue
                hit = [s for s in seed_names if matches(nn, s)]
                if hit:
                    err(f"{name}: {kind} name {n} matches seed name(s) {hit[:3]}")
                if nn in seed_text:
                    err(f"{name}: {kind} name {n} occurs verbatim in a seed paper")

    safety_oc = {o["text"] for o in d["outcomes"] if o.get("category") == "safety"}
    rows.append((name, len(d["organisations"]),
                 sum(p["modality"] == "reported" for p in d["practices"]),
                 sum(p["modality"] == "recommended" for p in d["practices"]),
                 len(d["outcomes"]), len(safety_oc), len(d["links"]),
                 sum(l["outcome"] in safety_oc for l in d["links"])))

for p in papers:
    if p not in covered:
        err(f"paper {p} has no gold file")

hdr = ("gold file", "orgs", "pr.rep", "pr.rec", "outc", "outc.safety", "links", "links.safety")
w = max(len(r[0]) for r in rows + [hdr])
print(f"{hdr[0]:<{w}} " + " ".join(f"{h:>12}" for h in hdr[1:]))
for r in rows:
    print(f"{r[0]:<{w}} " + " ".join(f"{v:>12}" for v in r[1:]))
tot = [sum(r[i] for r in rows) for i in range(1, 8)]
print(f"{'TOTAL':<{w}} " + " ".join(f"{v:>12}" for v in tot))
print(f"practices total {tot[1] + tot[2]}")

if errors:
    print(f"\n{len(errors)} PROBLEM(S):")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("\nALL OK")
