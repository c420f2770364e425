#!/usr/bin/env python3
"""Validator for the blind27 held-out set (stdlib only).
Checks schema / allowed values (GUIDELINES.md), that every evidence string and every
outcome text occurs in its paper (PDF line breaks joined), that link ends are annotated,
referential integrity, length of the texts, and that no seed organisation/practice name
of 4+ characters is reused (well-known institutions whitelisted)."""
import json, glob, os, re, sys, unicodedata, difflib
HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = '/work/shared/gold/seeds'
ORG_TYPES = {'Group','Company','Mine','PartyCommittee','PartyBranch','Union','YouthLeague','Department','Team','Other'}
DOMAINS = {'political','ideological','organisational','integrity','talent','culture','mass','digital','safety','production','management'}
CATS = {'safety','production','equipment','economic','talent','environment','integrity','cohesion','social','other'}
DIRS = {'increase','decrease','level',None}
MODS = {'reported','recommended'}
# well-known institutions that every paper names; may be reused
WHITELIST = ['三会一课','主题党日','谈心谈话','党员责任区','党员示范岗','党员突击队','党员先锋岗','民主生活会',
  '组织生活会','民主评议党员','民主评议','第一议题','三重一大','党委理论学习中心组','中心组学习','党史学习教育','主题教育',
  '党建+安全','志愿服务','岗位练兵','技术比武','技能比武','结对帮扶','警示教育','党员安全监督岗','我为群众办实事']
GENERIC_REST = {'','制度','活动','机制','制','工作','建设','学习','学习会','等','岗'}
errors, notes = [], []
def err(m): errors.append(m)
def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(ch for ch in s if not (unicodedata.category(ch)[0] in 'PZS' or ch.isspace()))
def join(t): return re.sub(r'\s*\n\s*', '', t)
def han(t): return len(re.findall(r'[\u4e00-\u9fff]', t))
WL = [norm(w) for w in WHITELIST]
def exempt(seedname):
    r = seedname
    for w in WL: r = r.replace(w, '')
    return r in GENERIC_REST
def match(a, b):
    if a == b: return 'equal'
    s, l = (a, b) if len(a) <= len(b) else (b, a)
    if s in l and len(s) * 2 >= len(l): return 'contains'
    if difflib.SequenceMatcher(None, a, b).ratio() >= 0.85: return 'fuzzy'
    return None

# ---- seed names
seed_org, seed_prac = set(), set()
for f in glob.glob(os.path.join(SEEDS, '*.json')):
    d = json.load(open(f, encoding='utf-8'))
    for o in d['organisations']:
        for n in [o['name']] + o.get('aliases', []): seed_org.add(norm(n))
    for p in d['practices']:
        for n in [p['name']] + p.get('aliases', []): seed_prac.add(norm(n))
seed_org = {n for n in seed_org if len(n) >= 4 and not exempt(n)}
seed_prac = {n for n in seed_prac if len(n) >= 4 and not exempt(n)}

KEYS = {'doc','article','skipped','organisations','practices','outcomes','links'}
rows = []
golds = sorted(glob.glob(os.path.join(HERE, 'gold', 'b27_*.json')))
papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b27_*.txt')))
if len(papers) != 4: err(f'expected 4 papers, found {len(papers)}')
docs_with_gold = set()
for gf in golds:
    g = os.path.basename(gf)
    try: d = json.load(open(gf, encoding='utf-8'))
    except Exception as e: err(f'{g}: bad JSON {e}'); continue
    if set(d) != KEYS: err(f'{g}: keys {sorted(d)}')
    pp = os.path.join(HERE, 'papers', d.get('doc', ''))
    if not os.path.exists(pp): err(f'{g}: doc {d.get("doc")} not found'); continue
    docs_with_gold.add(d['doc'])
    raw = open(pp, encoding='utf-8').read(); text = join(raw); ntext = norm(raw)
    if not isinstance(d['article'], str) or not d['article']: err(f'{g}: article empty')
    if not isinstance(d['skipped'], list): err(f'{g}: skipped not a list')
    onames = {}
    for o in d['organisations']:
        if set(o) != {'name','aliases','type','parent'}: err(f'{g}: org keys {o}')
        if o['type'] not in ORG_TYPES: err(f'{g}: org type {o["type"]}')
        if not isinstance(o['aliases'], list): err(f'{g}: org aliases not list {o["name"]}')
        if o['name'] in onames: err(f'{g}: duplicate org {o["name"]}')
        onames[o['name']] = o
        for n in [o['name']] + o['aliases']:
            if n not in text: err(f'{g}: org name/alias not in text: {n}')
    for o in d['organisations']:
        if o['parent'] is not None and o['parent'] not in onames: err(f'{g}: parent {o["parent"]} not annotated')
    pnames = {}
    for p in d['practices']:
        if set(p) != {'name','aliases','modality','adopted_by','part_of','domain'}: err(f'{g}: practice keys {p}')
        if p['modality'] not in MODS: err(f'{g}: modality {p["modality"]}')
        if p['domain'] not in DOMAINS: err(f'{g}: domain {p["domain"]} ({p["name"]})')
        if p['name'] in pnames: err(f'{g}: duplicate practice {p["name"]}')
        pnames[p['name']] = p
        if p['modality'] == 'reported' and not p['adopted_by']: err(f'{g}: reported practice without adopted_by: {p["name"]}')
        if p['modality'] == 'recommended' and p['adopted_by']: err(f'{g}: recommended practice with adopted_by: {p["name"]}')
        for a in p['adopted_by']:
            if a not in onames: err(f'{g}: adopted_by {a} not annotated')
        for n in [p['name']] + p['aliases']:
            if n not in text: err(f'{g}: practice name/alias not in text: {n}')
    for p in d['practices']:
        if p['part_of'] is not None and p['part_of'] not in pnames: err(f'{g}: part_of {p["part_of"]} not annotated')
        if p['part_of'] == p['name']: err(f'{g}: practice part of itself {p["name"]}')
    otexts = {}
    for o in d['outcomes']:
        if set(o) != {'text','indicator','value','unit','direction','year','category','org'}: err(f'{g}: outcome keys {o}')
        if o['category'] not in CATS: err(f'{g}: category {o["category"]}')
        if o['direction'] not in DIRS: err(f'{g}: direction {o["direction"]}')
        if o['value'] is not None and not isinstance(o['value'], (int, float)): err(f'{g}: value {o["value"]}')
        if o['value'] is not None and o['unit'] is None: err(f'{g}: value without unit: {o["text"]}')
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025): err(f'{g}: year {o["year"]}')
        if o['org'] not in onames: err(f'{g}: outcome org {o["org"]} not annotated')
        if o['text'] not in text: err(f'{g}: outcome text not in paper: {o["text"]}')
        if o['value'] is not None:
            v = ('%g' % o['value'])
            if v not in o['text'].replace(',', ''): err(f'{g}: value {v} not in outcome text {o["text"]}')
        if o['text'] in otexts: err(f'{g}: duplicate outcome {o["text"]}')
        otexts[o['text']] = o
    seen = set()
    for l in d['links']:
        if set(l) != {'practice','outcome','org','evidence'}: err(f'{g}: link keys {l}')
        if l['practice'] not in pnames: err(f'{g}: link practice not annotated: {l["practice"]}')
        if l['outcome'] not in otexts: err(f'{g}: link outcome not annotated: {l["outcome"]}')
        if l['org'] not in onames: err(f'{g}: link org not annotated: {l["org"]}')
        if l['evidence'] not in text: err(f'{g}: evidence not in paper: {l["evidence"][:40]}')
        if l['outcome'] not in l['evidence']: err(f'{g}: outcome not inside its evidence: {l["outcome"]}')
        if l['practice'] in pnames:
            p = pnames[l['practice']]
            if not any(norm(n) in norm(l['evidence']) for n in [p['name']] + p['aliases']):
                notes.append(f'{g}: practice named only by a short reference in evidence: {l["practice"]} / {l["evidence"][:20]}')
        k = (l['practice'], l['outcome'])
        if k in seen: err(f'{g}: duplicate link {k}')
        seen.add(k)
    # seed name reuse
    for kind, items, seedset in (('org', [n for o in d['organisations'] for n in [o['name']] + o['aliases']], seed_org),
                                 ('practice', [n for p in d['practices'] for n in [p['name']] + p['aliases']], seed_prac)):
        for n in items:
            nn = norm(n)
            if len(nn) < 4 or nn in WL: continue
            for s in seedset:
                m = match(nn, s)
                if m in ('equal', 'contains'): err(f'{g}: {kind} name {n} reuses seed name {s} ({m})')
                elif m == 'fuzzy':
                    if kind == 'practice': err(f'{g}: practice name {n} too close to seed name {s}')
                    else: notes.append(f'{g}: generic org name {n} resembles seed org {s} (fuzzy)')
    for s in seed_org | seed_prac:
        if s in ntext: err(f'{g}: seed name {s} occurs in paper {d["doc"]}')
    rows.append((d['doc'] + (' / ' + g if g[:-5] != d['doc'][:-4] else ''), len(d['organisations']),
        sum(p['modality'] == 'reported' for p in d['practices']), sum(p['modality'] == 'recommended' for p in d['practices']),
        len(d['outcomes']), sum(o['category'] == 'safety' for o in d['outcomes']), len(d['links']),
        sum(otexts.get(l['outcome'], {}).get('category') == 'safety' for l in d['links']), han(raw)))
for p in papers:
    b = os.path.basename(p)
    if b not in docs_with_gold: err(f'paper without gold: {b}')
    h = han(open(p, encoding='utf-8').read())
    if not 1200 <= h <= 2000: err(f'{b}: {h} Han characters, outside 1200-2000')

hdr = ('file', 'orgs', 'prac rep', 'prac rec', 'outcomes', '(safety)', 'links', '(safety)', 'Han chars')
print('%-18s %5s %8s %8s %8s %8s %6s %8s %9s' % hdr)
tot = [0] * 8
for r in rows:
    print('%-18s %5d %8d %8d %8d %8d %6d %8d %9d' % r)
    tot = [a + b for a, b in zip(tot, r[1:])]
print('%-18s %5d %8d %8d %8d %8d %6d %8d %9d' % tuple(['TOTAL'] + tot))
for n in notes: print('note:', n)
if errors:
    for e in errors: print('ERROR:', e)
    print(f'{len(errors)} ERROR(S)'); sys.exit(1)
print('ALL OK')
