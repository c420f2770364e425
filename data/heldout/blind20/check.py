#!/usr/bin/env python3
"""Validator for the blind20 held-out set (stdlib only).

Checks, for every gold/b20_*.json:
  * the file format and the allowed values of /work/shared/gold/GUIDELINES.md;
  * "doc" names an existing paper in papers/, and every paper has one gold file;
  * every organisation name/alias, practice name/alias, outcome text and link
    evidence occurs in the paper (after removing all whitespace, i.e. after
    joining the PDF line breaks, as in the seed gold);
  * every name referenced (parent, adopted_by, part_of, outcome org, link
    practice/outcome/org) is annotated in the same file;
  * each link's evidence contains the outcome text and either the practice
    (name or alias) or a reference word (该/此/这一/通过);
  * recommended practices have no adopted_by; reported ones have one;
  * no organisation or practice name (or alias) matches a seed name of 4+
    characters under the project's matching rule (equal after normalisation,
    containment with the shorter >= half the longer, or fuzzy ratio >= 85),
    and no such name occurs verbatim in a seed paper, except the whitelisted
    well-known institutions;
  * each paper has 1,200-2,000 Han characters.
Prints a counts table and "ALL OK" when nothing failed.
"""
import difflib
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_GOLD = '/work/shared/gold/seeds'
SEED_PAPERS = '/work/shared/papers'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union',
             'YouthLeague', 'Department', 'Team', 'Other'}
MODALITIES = {'reported', 'recommended'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture',
           'mass', 'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment',
              'integrity', 'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PR_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LINK_KEYS = ['practice', 'outcome', 'org', 'evidence']
REF_WORDS = ('该', '此', '这一', '通过')

# well-known institutions that every paper names; allowed to coincide with seed names
WHITELIST = {'三会一课', '主题党日', '主题党日活动', '谈心谈话', '党员责任区', '党员示范岗',
             '党员突击队', '青年突击队', '第一议题', '第一议题制度', '党员先锋岗',
             '组织生活会', '民主生活会', '民主评议'}
# generic common nouns used as aliases (not invented names)
GENERIC = {'集团公司', '公司党委', '全公司', '公司工会', '公司团委', '矿党委', '矿工会', '该矿党委'}

errors = []


def err(msg):
    errors.append(msg)


def squash(s):
    return re.sub(r'\s+', '', s)


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(ch for ch in s if not (ch.isspace() or unicodedata.category(ch)[0] in 'PSZ'))


def names_match(a, b):
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if short in long_ and len(short) * 2 >= len(long_):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() * 100 >= 85


def han(s):
    return len(re.findall(r'[\u4e00-\u9fff]', s))


def check_keys(obj, keys, where):
    if not isinstance(obj, dict):
        err(f'{where}: not an object')
        return False
    if list(obj.keys()) != keys:
        err(f'{where}: keys {list(obj.keys())} != {keys}')
        return False
    return True


def is_str_list(x):
    return isinstance(x, list) and all(isinstance(i, str) and i for i in x)


# ---------------------------------------------------------------- seed names
seed_names = set()
for f in glob.glob(os.path.join(SEED_GOLD, '*.json')):
    d = json.load(open(f, encoding='utf-8'))
    for o in d.get('organisations', []):
        for n in [o['name']] + o.get('aliases', []):
            seed_names.add(norm(n))
    for p in d.get('practices', []):
        for n in [p['name']] + p.get('aliases', []):
            seed_names.add(norm(n))
seed_names = {n for n in seed_names if len(n) >= 4}
seed_text = ''.join(norm(open(f, encoding='utf-8').read())
                    for f in glob.glob(os.path.join(SEED_PAPERS, '*.txt')))

# ---------------------------------------------------------------- per file
papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b20_*.txt')))
golds = sorted(glob.glob(os.path.join(HERE, 'gold', 'b20_*.json')))
if not papers:
    err('no papers found')
paper_names = {os.path.basename(p) for p in papers}
gold_docs = set()
rows = []
all_names = {}  # normalised name -> file, to report cross-file duplicates (information only)

for gf in golds:
    base = os.path.basename(gf)
    try:
        d = json.load(open(gf, encoding='utf-8'))
    except Exception as e:  # noqa
        err(f'{base}: invalid JSON: {e}')
        continue
    if not check_keys(d, TOP_KEYS, base):
        continue
    doc = d['doc']
    gold_docs.add(doc)
    if doc not in paper_names:
        err(f'{base}: doc {doc!r} is not a paper in papers/')
        continue
    if base != doc.replace('.txt', '.json'):
        err(f'{base}: file name does not match doc {doc!r}')
    text = open(os.path.join(HERE, 'papers', doc), encoding='utf-8').read()
    flat = squash(text)
    n_han = han(text)
    if not 1200 <= n_han <= 2000:
        err(f'{doc}: {n_han} Han characters, outside 1,200-2,000')
    if not isinstance(d['article'], str) or not d['article']:
        err(f'{base}: article title missing')
    if not is_str_list(d['skipped']) and d['skipped'] != []:
        err(f'{base}: skipped must be a list of strings')

    def occurs(s, what):
        if squash(s) not in flat:
            err(f'{base}: {what} {s!r} does not occur in {doc}')

    # organisations
    org_names = []
    for i, o in enumerate(d['organisations']):
        w = f'{base} organisations[{i}]'
        if not check_keys(o, ORG_KEYS, w):
            continue
        if not isinstance(o['name'], str) or not o['name']:
            err(f'{w}: empty name')
            continue
        if not isinstance(o['aliases'], list) or not all(isinstance(a, str) and a for a in o['aliases']):
            err(f'{w}: aliases must be a list of strings')
        if o['type'] not in ORG_TYPES:
            err(f'{w}: type {o["type"]!r} not allowed')
        if o['name'] in org_names:
            err(f'{w}: duplicate organisation {o["name"]!r}')
        org_names.append(o['name'])
        for n in [o['name']] + o['aliases']:
            occurs(n, 'organisation name')
    for i, o in enumerate(d['organisations']):
        if isinstance(o, dict) and o.get('parent') is not None and o['parent'] not in org_names:
            err(f'{base} organisations[{i}]: parent {o["parent"]!r} not annotated')

    # practices
    pr_names = []
    pr_by_name = {}
    for i, p in enumerate(d['practices']):
        w = f'{base} practices[{i}]'
        if not check_keys(p, PR_KEYS, w):
            continue
        if not isinstance(p['name'], str) or not p['name']:
            err(f'{w}: empty name')
            continue
        if not isinstance(p['aliases'], list) or not all(isinstance(a, str) and a for a in p['aliases']):
            err(f'{w}: aliases must be a list of strings')
        if p['modality'] not in MODALITIES:
            err(f'{w}: modality {p["modality"]!r} not allowed')
        if p['domain'] not in DOMAINS:
            err(f'{w}: domain {p["domain"]!r} not allowed')
        if not isinstance(p['adopted_by'], list):
            err(f'{w}: adopted_by must be a list')
        elif p['modality'] == 'recommended' and p['adopted_by']:
            err(f'{w}: recommended practice with adopted_by')
        elif p['modality'] == 'reported' and not p['adopted_by']:
            err(f'{w}: reported practice without adopted_by')
        for a in p['adopted_by'] if isinstance(p['adopted_by'], list) else []:
            if a not in org_names:
                err(f'{w}: adopted_by {a!r} not annotated')
        if p['name'] in pr_names:
            err(f'{w}: duplicate practice {p["name"]!r}')
        pr_names.append(p['name'])
        pr_by_name[p['name']] = p
        for n in [p['name']] + p['aliases']:
            occurs(n, 'practice name')
    for i, p in enumerate(d['practices']):
        if isinstance(p, dict) and p.get('part_of') is not None:
            if p['part_of'] not in pr_names:
                err(f'{base} practices[{i}]: part_of {p["part_of"]!r} not annotated')
            elif p['part_of'] == p['name']:
                err(f'{base} practices[{i}]: part_of itself')

    # outcomes
    out_texts = []
    out_by_text = {}
    for i, o in enumerate(d['outcomes']):
        w = f'{base} outcomes[{i}]'
        if not check_keys(o, OUT_KEYS, w):
            continue
        if not isinstance(o['text'], str) or not o['text']:
            err(f'{w}: empty text')
            continue
        occurs(o['text'], 'outcome text')
        if not isinstance(o['indicator'], str) or not o['indicator']:
            err(f'{w}: indicator missing')
        if o['value'] is not None and (isinstance(o['value'], bool) or not isinstance(o['value'], (int, float))):
            err(f'{w}: value must be a number or null')
        if o['unit'] is not None and not (isinstance(o['unit'], str) and o['unit']):
            err(f'{w}: unit must be a string or null')
        if o['direction'] not in DIRECTIONS:
            err(f'{w}: direction {o["direction"]!r} not allowed')
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
            err(f'{w}: year {o["year"]!r} must be null or 2019-2025')
        if o['category'] not in CATEGORIES:
            err(f'{w}: category {o["category"]!r} not allowed')
        if o['org'] not in org_names:
            err(f'{w}: org {o["org"]!r} not annotated')
        if o['text'] in out_texts:
            err(f'{w}: duplicate outcome {o["text"]!r}')
        out_texts.append(o['text'])
        out_by_text[o['text']] = o

    # links
    seen = set()
    n_safety_links = 0
    for i, l in enumerate(d['links']):
        w = f'{base} links[{i}]'
        if not check_keys(l, LINK_KEYS, w):
            continue
        if l['practice'] not in pr_names:
            err(f'{w}: practice {l["practice"]!r} not annotated')
        if l['outcome'] not in out_texts:
            err(f'{w}: outcome {l["outcome"]!r} not annotated')
        if l['org'] not in org_names:
            err(f'{w}: org {l["org"]!r} not annotated')
        if (l['practice'], l['outcome']) in seen:
            err(f'{w}: duplicate link')
        seen.add((l['practice'], l['outcome']))
        ev = l['evidence']
        if not isinstance(ev, str) or not ev:
            err(f'{w}: evidence missing')
            continue
        occurs(ev, 'evidence')
        if squash(l['outcome']) not in squash(ev):
            err(f'{w}: evidence does not contain the outcome text')
        p = pr_by_name.get(l['practice'])
        if p is not None:
            forms = [squash(n) for n in [p['name']] + p['aliases']]
            if not any(f in squash(ev) for f in forms) and not any(r in ev for r in REF_WORDS):
                err(f'{w}: evidence names neither the practice nor a reference word')
            if p['modality'] == 'reported' and l['org'] not in p['adopted_by'] \
                    and not any(l['org'] == o['name'] and o.get('parent') in p['adopted_by']
                                for o in d['organisations']):
                # the applying org should adopt the practice (or be a unit of an adopter)
                err(f'{w}: link org {l["org"]!r} is not among adopted_by of {l["practice"]!r}')
        o = out_by_text.get(l['outcome'])
        if o is not None and o['category'] == 'safety':
            n_safety_links += 1

    # names not reused from seeds
    for kind, items in (('organisation', d['organisations']), ('practice', d['practices'])):
        for it in items:
            if not isinstance(it, dict):
                continue
            for n in [it.get('name', '')] + list(it.get('aliases', [])):
                nn = norm(n)
                if nn in WHITELIST or nn in GENERIC or len(nn) < 4:
                    continue
                for s in seed_names:
                    if s in WHITELIST:
                        continue
                    if names_match(nn, s):
                        err(f'{base}: {kind} name {n!r} matches seed name {s!r}')
                if nn in seed_text:
                    err(f'{base}: {kind} name {n!r} occurs verbatim in a seed paper')

    n_rep = sum(1 for p in d['practices'] if isinstance(p, dict) and p.get('modality') == 'reported')
    n_rec = sum(1 for p in d['practices'] if isinstance(p, dict) and p.get('modality') == 'recommended')
    n_saf = sum(1 for o in d['outcomes'] if isinstance(o, dict) and o.get('category') == 'safety')
    rows.append((doc, n_han, len(d['organisations']), n_rep, n_rec, len(d['outcomes']), n_saf,
                 len(d['links']), n_safety_links))

for p in paper_names - gold_docs:
    err(f'paper {p} has no gold file')

# ---------------------------------------------------------------- report
hdr = ('file', 'Han', 'orgs', 'pract.rep', 'pract.rec', 'outcomes', 'out.safety', 'links', 'links.safety')
fmt = '{:<18}{:>6}{:>6}{:>11}{:>11}{:>10}{:>12}{:>7}{:>14}'
print(fmt.format(*hdr))
for r in rows:
    print(fmt.format(*r))
tot = ['TOTAL'] + [sum(r[i] for r in rows) for i in range(1, len(hdr))]
print(fmt.format(*tot))
print()
if errors:
    for e in errors:
        print('ERROR:', e)
    print(f'{len(errors)} error(s)')
    sys.exit(1)
print('ALL OK')
