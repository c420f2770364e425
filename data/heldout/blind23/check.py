#!/usr/bin/env python3
"""Validator for the blind23 held-out set (stdlib only).
Checks: JSON schema and allowed values (GUIDELINES.md); every name/alias/outcome text and
every link evidence occurs in its paper (whitespace and PDF line breaks removed, as in the
seed gold); every link end, org, adopted_by, part_of and parent is annotated; no organisation
or practice name of the seed gold (4+ characters after normalisation) is reused (scoring
match rule: equal / containment with shorter >= half / fuzzy ratio >= 0.85), apart from a
whitelist of well-known institutions. Prints a counts table and ALL OK."""
import json, os, re, sys, glob, unicodedata, difflib
HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = '/work/shared/gold/seeds'
ORG_T = {'Group','Company','Mine','PartyCommittee','PartyBranch','Union','YouthLeague','Department','Team','Other'}
DOMAINS = {'political','ideological','organisational','integrity','talent','culture','mass','digital','safety','production','management'}
CATS = {'safety','production','equipment','economic','talent','environment','integrity','cohesion','social','other'}
DIRS = {'increase','decrease','level',None}
WHITELIST = {'三会一课','主题党日','谈心谈话','党员责任区','党员示范岗','党员突击队','党员先锋岗','第一议题',
             '民主生活会','组织生活会','主题教育','青年文明号','青年突击队','党委理论学习中心组学习'}
TOP = {'doc':str,'article':str,'skipped':list,'organisations':list,'practices':list,'outcomes':list,'links':list}
KEYS = {'organisations':['name','aliases','type','parent'],
        'practices':['name','aliases','modality','adopted_by','part_of','domain'],
        'outcomes':['text','indicator','value','unit','direction','year','category','org'],
        'links':['practice','outcome','org','evidence']}
def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(c for c in s if not (unicodedata.category(c)[0] in 'PZS' or c.isspace()))
def matches(a, b):
    a, b = norm(a), norm(b)
    if not a or not b: return False
    if a == b: return True
    sh, lo = sorted((a, b), key=len)
    if sh in lo and len(sh) * 2 >= len(lo): return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85
def whitelisted(n):
    return any(matches(n, w) for w in WHITELIST)
errors = []
def err(f, m): errors.append(f'{f}: {m}')
seed_names = set()
for f in glob.glob(os.path.join(SEEDS, '*.json')):
    d = json.load(open(f, encoding='utf-8'))
    for o in d['organisations']: seed_names.update([o['name'], *o['aliases']])
    for p in d['practices']: seed_names.update([p['name'], *p['aliases']])
seed_names = {s for s in seed_names if len(norm(s)) >= 4}
rows = []
files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b23_*.json')))
if len(files) != 4: err('gold', f'expected 4 files, found {len(files)}')
for f in files:
    fn = os.path.basename(f)
    try: d = json.load(open(f, encoding='utf-8'))
    except Exception as e: err(fn, f'bad JSON {e}'); continue
    for k, t in TOP.items():
        if not isinstance(d.get(k), t): err(fn, f'top key {k} missing or not {t.__name__}')
    if set(d) != set(TOP): err(fn, f'unexpected top keys {set(d) ^ set(TOP)}')
    for k, ks in KEYS.items():
        for i, x in enumerate(d.get(k, [])):
            if list(x.keys()) != ks: err(fn, f'{k}[{i}] keys {list(x.keys())} != {ks}')
    paper = os.path.join(HERE, 'papers', d.get('doc', ''))
    if d.get('doc') != fn.replace('.json', '.txt') or not os.path.exists(paper):
        err(fn, f'doc {d.get("doc")} does not name its paper'); continue
    text = re.sub(r'\s+', '', open(paper, encoding='utf-8').read())
    def occurs(s): return re.sub(r'\s+', '', s) in text
    orgnames = {}
    for o in d['organisations']:
        if o['type'] not in ORG_T: err(fn, f'org type {o["type"]}')
        for n in [o['name'], *o['aliases']]:
            if not occurs(n): err(fn, f'org name not in paper: {n}')
            orgnames[n] = o['name']
    for o in d['organisations']:
        if o['parent'] is not None and o['parent'] not in orgnames: err(fn, f'parent not annotated: {o["parent"]}')
    pr = {p['name']: p for p in d['practices']}
    if len(pr) != len(d['practices']): err(fn, 'duplicate practice names')
    for p in d['practices']:
        if p['modality'] not in ('reported', 'recommended'): err(fn, f'modality {p["modality"]}')
        if p['domain'] not in DOMAINS: err(fn, f'domain {p["domain"]}')
        for n in [p['name'], *p['aliases']]:
            if not occurs(n): err(fn, f'practice name not in paper: {n}')
        if p['modality'] == 'reported' and not p['adopted_by']: err(fn, f'reported w/o adopted_by: {p["name"]}')
        if p['modality'] == 'recommended' and p['adopted_by']: err(fn, f'recommended with adopted_by: {p["name"]}')
        for a in p['adopted_by']:
            if a not in orgnames: err(fn, f'adopted_by not annotated: {a}')
        if p['part_of'] is not None and p['part_of'] not in pr: err(fn, f'part_of not annotated: {p["part_of"]}')
    oc = {o['text']: o for o in d['outcomes']}
    if len(oc) != len(d['outcomes']): err(fn, 'duplicate outcome texts')
    for o in d['outcomes']:
        if not occurs(o['text']): err(fn, f'outcome text not in paper: {o["text"]}')
        if o['category'] not in CATS: err(fn, f'category {o["category"]}')
        if o['direction'] not in DIRS: err(fn, f'direction {o["direction"]}')
        if o['value'] is not None and not isinstance(o['value'], (int, float)): err(fn, f'value {o["value"]}')
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025): err(fn, f'year {o["year"]}')
        if o['unit'] is not None and not isinstance(o['unit'], str): err(fn, f'unit {o["unit"]}')
        if not o['indicator']: err(fn, f'empty indicator: {o["text"]}')
        if o['org'] not in orgnames: err(fn, f'outcome org not annotated: {o["org"]}')
    seen = set()
    for l in d['links']:
        key = (l['practice'], l['outcome'])
        if key in seen: err(fn, f'duplicate link {key}')
        seen.add(key)
        if l['practice'] not in pr: err(fn, f'link practice not annotated: {l["practice"]}')
        if l['outcome'] not in oc: err(fn, f'link outcome not annotated: {l["outcome"]}')
        if l['org'] not in orgnames: err(fn, f'link org not annotated: {l["org"]}')
        if not occurs(l['evidence']): err(fn, f'evidence not in paper: {l["evidence"][:40]}')
        ev = re.sub(r'\s+', '', l['evidence'])
        if l['outcome'] in oc and re.sub(r'\s+', '', l['outcome']) not in ev: err(fn, f'outcome not in its evidence: {l["outcome"]}')
        if l['practice'] in pr and not any(re.sub(r'\s+', '', n) in ev for n in [l['practice'], *pr[l['practice']]['aliases']]) \
           and not re.search('该|此|这一|这项|通过', ev): err(fn, f'practice not referred to in evidence: {l["practice"]}')
    for n in list(orgnames) + [n for p in d['practices'] for n in [p['name'], *p['aliases']]]:
        if len(norm(n)) < 4 or whitelisted(n): continue
        for s in seed_names:
            if matches(n, s): err(fn, f'name reuses seed name: {n} ~ {s}')
    hz = len(re.findall(r'[\u4e00-\u9fff]', text))
    if not 1200 <= hz <= 2000: err(fn, f'{hz} Han characters, expected 1200-2000')
    sc = {o['text'] for o in d['outcomes'] if o['category'] == 'safety'}
    rows.append((fn, hz, len(d['organisations']),
                 sum(p['modality'] == 'reported' for p in d['practices']),
                 sum(p['modality'] == 'recommended' for p in d['practices']),
                 len(d['outcomes']), len(sc), len(d['links']),
                 sum(l['outcome'] in sc for l in d['links'])))
hdr = ('file', 'han', 'orgs', 'prac_rep', 'prac_rec', 'outcomes', 'out_safety', 'links', 'links_safety')
print('%-18s' % hdr[0] + ''.join('%13s' % h for h in hdr[1:]))
for r in rows: print('%-18s' % r[0] + ''.join('%13d' % x for x in r[1:]))
if rows: print('%-18s' % 'TOTAL' + ''.join('%13d' % sum(r[i] for r in rows) for i in range(1, len(hdr))))
if errors:
    print('\n'.join(errors)); print(f'{len(errors)} ERROR(S)'); sys.exit(1)
print('ALL OK')
