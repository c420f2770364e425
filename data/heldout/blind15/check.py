#!/usr/bin/env python3
"""Validator for the blind15 held-out set (stdlib only).
Usage: python3 check.py [--seeds /work/shared/gold/seeds]
Checks: schema and allowed values (GUIDELINES.md), cross-references, that every name / outcome
text / evidence occurs in its paper (PDF line breaks joined), that every link's evidence holds both
ends, Han-character length of the papers, and that no organisation or practice name of 4+
characters from the seed gold is reused (well-known institutions whitelisted)."""
import json, os, re, sys, glob, unicodedata, difflib

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = sys.argv[sys.argv.index('--seeds') + 1] if '--seeds' in sys.argv else '/work/shared/gold/seeds'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague', 'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass', 'digital', 'safety', 'production', 'management'}
CATS = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity', 'cohesion', 'social', 'other'}
DIRS = {'increase', 'decrease', 'level', None}
MODS = {'reported', 'recommended'}
TOP = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
KEYS = {'organisations': ['name', 'aliases', 'type', 'parent'],
        'practices': ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain'],
        'outcomes': ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org'],
        'links': ['practice', 'outcome', 'org', 'evidence']}
# well-known institutions every paper names; allowed to coincide with seed names
WHITELIST = ['三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '党员先锋岗',
             '组织生活会', '民主生活会', '民主评议', '第一议题', '党史学习教育', '安全生产标准化',
             '安全生产标准化建设', '主题教育', '创先争优', '党员先锋模范作用',
             # generic designators, not names
             '公司党委', '集团党委', '公司工会', '公司团委', '公司纪委']

errors = []
def err(msg): errors.append(msg)

def norm(s):
    s = unicodedata.normalize('NFKC', s or '')
    return ''.join(ch for ch in s if not (unicodedata.category(ch)[0] in 'PZS' or ch.isspace()))

def similar(a, b):
    a, b = norm(a), norm(b)
    if not a or not b: return False
    if a == b: return True
    short, long_ = sorted((a, b), key=len)
    if short in long_ and len(short) * 2 >= len(long_): return True
    return difflib.SequenceMatcher(None, a, b).ratio() * 100 >= 85

def joined(path):
    return ''.join(l.strip() for l in open(path, encoding='utf-8'))

def han(t): return len(re.findall(r'[\u4e00-\u9fff]', t))

def in_text(s, text):
    return s in text or norm(s) in norm(text)

# ---- seed names
seed_names = set()
for f in glob.glob(os.path.join(SEEDS, '*.json')):
    d = json.load(open(f, encoding='utf-8'))
    for u in d.get('organisations', []) + d.get('practices', []):
        for n in [u['name']] + u.get('aliases', []):
            if len(norm(n)) >= 4 and not any(norm(w) in norm(n) and len(norm(w)) * 2 >= len(norm(n)) for w in WHITELIST):
                seed_names.add(n)
if not seed_names: err(f'no seed names read from {SEEDS}')

papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b15_*.txt')))
golds = sorted(glob.glob(os.path.join(HERE, 'gold', 'b15_*.json')))
if len(papers) != 4: err(f'expected 4 papers, found {len(papers)}')
if [os.path.basename(p)[:-4] for p in papers] != [os.path.basename(g)[:-5] for g in golds]:
    err('papers and gold files do not pair up')

rows = []
for g in golds:
    gn = os.path.basename(g)
    try:
        d = json.load(open(g, encoding='utf-8'))
    except Exception as e:
        err(f'{gn}: invalid JSON: {e}'); continue
    if list(d) != TOP: err(f'{gn}: top-level keys {list(d)} != {TOP}')
    paper = os.path.join(HERE, 'papers', d.get('doc', ''))
    if d.get('doc') != gn[:-5] + '.txt' or not os.path.exists(paper):
        err(f'{gn}: doc {d.get("doc")!r} is not its paper'); continue
    raw = open(paper, encoding='utf-8').read()
    text = joined(paper)
    nh = han(raw)
    if not 1200 <= nh <= 2000: err(f'{gn}: paper has {nh} Han characters (1200-2000 required)')
    if not isinstance(d.get('article'), str) or not in_text(d['article'].split('——')[0], text):
        err(f'{gn}: article title not found in paper')
    if not isinstance(d.get('skipped'), list): err(f'{gn}: skipped must be a list')
    for sec, keys in KEYS.items():
        if not isinstance(d.get(sec), list): err(f'{gn}: {sec} must be a list'); d[sec] = []
        for i, u in enumerate(d[sec]):
            if list(u) != keys: err(f'{gn}: {sec}[{i}] keys {list(u)} != {keys}')
    orgs = {o['name']: o for o in d['organisations']}
    pracs = {p['name']: p for p in d['practices']}
    outs = {o['text']: o for o in d['outcomes']}
    if len(orgs) != len(d['organisations']): err(f'{gn}: duplicate organisation names')
    if len(pracs) != len(d['practices']): err(f'{gn}: duplicate practice names')
    if len(outs) != len(d['outcomes']): err(f'{gn}: duplicate outcome texts')
    # organisations
    for o in d['organisations']:
        if o['type'] not in ORG_TYPES: err(f'{gn}: org {o["name"]}: bad type {o["type"]}')
        if o['parent'] is not None and o['parent'] not in orgs: err(f'{gn}: org {o["name"]}: parent {o["parent"]} not annotated')
        if not isinstance(o['aliases'], list): err(f'{gn}: org {o["name"]}: aliases must be a list')
        for n in [o['name']] + o['aliases']:
            if not in_text(n, text): err(f'{gn}: org name/alias {n!r} not in paper')
    # practices
    for p in d['practices']:
        if p['modality'] not in MODS: err(f'{gn}: practice {p["name"]}: bad modality')
        if p['domain'] not in DOMAINS: err(f'{gn}: practice {p["name"]}: bad domain {p["domain"]}')
        if p['modality'] == 'reported' and not p['adopted_by']: err(f'{gn}: reported practice {p["name"]} has no adopted_by')
        if p['modality'] == 'recommended' and p['adopted_by']: err(f'{gn}: recommended practice {p["name"]} has adopted_by')
        for a in p['adopted_by']:
            if a not in orgs: err(f'{gn}: practice {p["name"]}: adopted_by {a} not annotated')
        if p['part_of'] is not None and (p['part_of'] not in pracs or p['part_of'] == p['name']):
            err(f'{gn}: practice {p["name"]}: part_of {p["part_of"]} not annotated')
        for n in [p['name']] + p['aliases']:
            if not in_text(n, text): err(f'{gn}: practice name/alias {n!r} not in paper')
    # outcomes
    for o in d['outcomes']:
        if o['category'] not in CATS: err(f'{gn}: outcome {o["text"]}: bad category')
        if o['direction'] not in DIRS: err(f'{gn}: outcome {o["text"]}: bad direction')
        if o['org'] not in orgs: err(f'{gn}: outcome {o["text"]}: org {o["org"]} not annotated')
        if o['value'] is not None and not isinstance(o['value'], (int, float)): err(f'{gn}: outcome {o["text"]}: value not a number')
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025): err(f'{gn}: outcome {o["text"]}: bad year')
        if not isinstance(o['indicator'], str) or not o['indicator']: err(f'{gn}: outcome {o["text"]}: empty indicator')
        if (o['value'] is None) != (o['unit'] is None) and not (o['value'] == 0 and o['unit'] is None):
            err(f'{gn}: outcome {o["text"]}: value/unit mismatch')
        if o['value'] is not None and o['value'] != 0 and not re.search(re.escape(str(o['value'])).replace(r'\.0', ''), o['text'].replace(',', '')):
            err(f'{gn}: outcome {o["text"]}: value {o["value"]} not in text')
        if not in_text(o['text'], text): err(f'{gn}: outcome text {o["text"]!r} not in paper')
    # links
    seen = set()
    for l in d['links']:
        key = (l['practice'], l['outcome'])
        if key in seen: err(f'{gn}: duplicate link {key}')
        seen.add(key)
        p = pracs.get(l['practice'])
        if p is None: err(f'{gn}: link practice {l["practice"]} not annotated'); continue
        if l['outcome'] not in outs: err(f'{gn}: link outcome {l["outcome"]} not annotated')
        if l['org'] not in orgs: err(f'{gn}: link org {l["org"]} not annotated')
        if p['modality'] != 'reported': err(f'{gn}: link from recommended practice {p["name"]}')
        ev = l['evidence']
        if not ev or ev not in text: err(f'{gn}: evidence not in paper: {ev[:40]}')
        if l['outcome'] not in ev: err(f'{gn}: evidence lacks outcome {l["outcome"]}')
        if not any(in_text(n, ev) for n in [p['name']] + p['aliases']):
            err(f'{gn}: evidence does not name practice {p["name"]}')
        if len(re.findall(r'[。！？]', ev)) > 2: err(f'{gn}: evidence spans more than two sentences')
    # name reuse against seed papers
    mine = [n for u in d['organisations'] + d['practices'] for n in [u['name']] + u['aliases']]
    for n in mine:
        if len(norm(n)) < 4 or any(norm(w) == norm(n) for w in WHITELIST): continue
        for s in seed_names:
            if similar(n, s): err(f'{gn}: name {n!r} reuses seed name {s!r}')
    nt = norm(text)
    for s in seed_names:
        if norm(s) in nt: err(f'{gn}: paper text contains seed name {s!r}')
    safety_out = {o['text'] for o in d['outcomes'] if o['category'] == 'safety'}
    rows.append((d['doc'], nh, len(d['organisations']),
                 sum(p['modality'] == 'reported' for p in d['practices']),
                 sum(p['modality'] == 'recommended' for p in d['practices']),
                 len(d['outcomes']), len(safety_out), len(d['links']),
                 sum(l['outcome'] in safety_out for l in d['links'])))

hdr = ('file', 'han', 'orgs', 'prac_rep', 'prac_rec', 'outcomes', 'out_safety', 'links', 'links_safety')
print('%-18s' % hdr[0] + ''.join('%13s' % h for h in hdr[1:]))
for r in rows: print('%-18s' % r[0] + ''.join('%13s' % x for x in r[1:]))
if rows:
    tot = ['TOTAL'] + [sum(r[i] for r in rows) for i in range(1, len(hdr))]
    print('%-18s' % tot[0] + ''.join('%13s' % x for x in tot[1:]))
print(f'seed names checked against: {len(seed_names)}')
if errors:
    print('\n'.join('ERROR: ' + e for e in errors)); print(f'{len(errors)} ERROR(S)'); sys.exit(1)
print('ALL OK')
