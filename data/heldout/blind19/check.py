#!/usr/bin/env python3
"""Validator for the blind19 held-out set (stdlib only).
Checks: schema and allowed values (GUIDELINES.md), cross references, evidence strings,
invented names (no reuse of seed names), article length/years. Prints a counts table."""
import json, os, re, sys, unicodedata, glob

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_GOLD = '/work/shared/gold/seeds'
SEED_PAPERS = '/work/shared/papers'
DOCS = ['b19_journal.txt', 'b19_daily.txt', 'b19_branch.txt', 'b19_speech.txt']

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
             'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass',
           'digital', 'safety', 'production', 'management'}
MODALITIES = {'reported', 'recommended'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity',
              'cohesion', 'social', 'other'}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PRA_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LNK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# well-known institutions that every paper names; allowed although they occur in the seeds
WHITELIST = ['三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '党员先锋岗',
             '民主评议', '民主生活会', '组织生活会', '第一议题', '第一议题制度', '示范岗', '矿党委', '党委',
             '工会', '矿工会', '矿团委', '共青团',
             '公司党委', '集团党委', '公司工会']  # generic heads, not seed-specific names

errors = []
def err(doc, msg):
    errors.append(f'{doc}: {msg}')

def norm(s):
    s = unicodedata.normalize('NFKC', s or '')
    return ''.join(ch for ch in s if not (unicodedata.category(ch)[0] in 'PZS' or ch.isspace()))

def join_lines(t):
    return re.sub(r'\s*\n\s*', '', t)

def han(t):
    return len(re.findall(r'[\u4e00-\u9fff]', t))

# ---- seed names ------------------------------------------------------------------
seed_names = set()
for f in glob.glob(os.path.join(SEED_GOLD, '*.json')):
    d = json.load(open(f, encoding='utf-8'))
    for o in d.get('organisations', []):
        seed_names.update([o['name']] + list(o.get('aliases', [])))
    for p in d.get('practices', []):
        seed_names.update([p['name']] + list(p.get('aliases', [])))
WL = {norm(w) for w in WHITELIST}
seed_text = ''.join(norm(open(f, encoding='utf-8').read()) for f in glob.glob(os.path.join(SEED_PAPERS, '*.txt')))
seed_norm = {norm(n) for n in seed_names if len(norm(n)) >= 4 and norm(n) not in WL}

def reuse(name):
    n = norm(name)
    if n in WL or len(n) < 4:
        return None
    for s in seed_norm:
        if n == s:
            return s
        short, long_ = (n, s) if len(n) <= len(s) else (s, n)
        if short in long_ and len(short) * 2 >= len(long_) and len(short) >= 4:
            return s
    return None

def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)

rows = []
for doc in DOCS:
    ppath = os.path.join(HERE, 'papers', doc)
    gpath = os.path.join(HERE, 'gold', doc.replace('.txt', '.json'))
    if not os.path.exists(ppath): err(doc, 'paper missing'); continue
    if not os.path.exists(gpath): err(doc, 'gold missing'); continue
    text = open(ppath, encoding='utf-8').read()
    joined = join_lines(text)
    nh = han(text)
    if not 1200 <= nh <= 2000: err(doc, f'{nh} Han characters, expected 1200-2000')
    for y in re.findall(r'(?<!\d)(20\d\d)年', text):
        if not 2019 <= int(y) <= 2025: err(doc, f'year {y} outside 2019-2025')
    try:
        g = json.load(open(gpath, encoding='utf-8'))
    except Exception as e:
        err(doc, f'bad JSON: {e}'); continue
    if list(g.keys()) != TOP_KEYS: err(doc, f'top-level keys {list(g.keys())}')
    if g.get('doc') != doc: err(doc, f'"doc" is {g.get("doc")!r}')
    if not isinstance(g.get('article'), str) or not g['article']: err(doc, 'article title empty')
    if not isinstance(g.get('skipped'), list): err(doc, 'skipped not a list')

    orgs, pras, outs, links = (g.get(k, []) for k in TOP_KEYS[3:])
    org_names = [o.get('name') for o in orgs]
    org_all = set(org_names) | {a for o in orgs for a in o.get('aliases', [])}
    pra_names = [p.get('name') for p in pras]
    out_texts = [o.get('text') for o in outs]
    for lst, what in ((org_names, 'organisation'), (pra_names, 'practice'), (out_texts, 'outcome')):
        for n in set(lst):
            if lst.count(n) > 1: err(doc, f'duplicate {what} {n!r}')

    for o in orgs:
        if list(o.keys()) != ORG_KEYS: err(doc, f'org keys {list(o.keys())}')
        if not o.get('name'): err(doc, 'org without name')
        if o.get('type') not in ORG_TYPES: err(doc, f'org {o.get("name")}: bad type {o.get("type")}')
        if not isinstance(o.get('aliases'), list): err(doc, f'org {o.get("name")}: aliases not list')
        if o.get('parent') is not None and o['parent'] not in org_names:
            err(doc, f'org {o["name"]}: parent {o["parent"]!r} not annotated')
        for n in [o['name']] + o.get('aliases', []):
            if n not in joined: err(doc, f'org name/alias {n!r} not in text')
            r = reuse(n)
            if r: err(doc, f'org name {n!r} reuses seed name {r!r}')

    for p in pras:
        if list(p.keys()) != PRA_KEYS: err(doc, f'practice keys {list(p.keys())}')
        nm = p.get('name')
        if p.get('modality') not in MODALITIES: err(doc, f'practice {nm}: bad modality')
        if p.get('domain') not in DOMAINS: err(doc, f'practice {nm}: bad domain {p.get("domain")}')
        if not isinstance(p.get('aliases'), list) or not isinstance(p.get('adopted_by'), list):
            err(doc, f'practice {nm}: aliases/adopted_by not lists')
        if p.get('modality') == 'reported' and not p.get('adopted_by'):
            err(doc, f'practice {nm}: reported without adopted_by')
        if p.get('modality') == 'recommended' and p.get('adopted_by'):
            err(doc, f'practice {nm}: recommended with adopted_by')
        for a in p.get('adopted_by', []):
            if a not in org_names: err(doc, f'practice {nm}: adopter {a!r} not annotated')
        if p.get('part_of') is not None:
            if p['part_of'] not in pra_names: err(doc, f'practice {nm}: part_of {p["part_of"]!r} not annotated')
            if p['part_of'] == nm: err(doc, f'practice {nm}: part_of itself')
        for n in [nm] + p.get('aliases', []):
            if n not in joined: err(doc, f'practice name/alias {n!r} not in text')
            r = reuse(n)
            if r: err(doc, f'practice name {n!r} reuses seed name {r!r}')

    for o in outs:
        if list(o.keys()) != OUT_KEYS: err(doc, f'outcome keys {list(o.keys())}')
        t = o.get('text')
        if not t or t not in joined: err(doc, f'outcome text {t!r} not in text')
        if not o.get('indicator'): err(doc, f'outcome {t}: no indicator')
        v = o.get('value')
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            err(doc, f'outcome {t}: value not number/null')
        if v is not None and o.get('unit') is None and v != 0:
            err(doc, f'outcome {t}: value without unit')
        if v is not None and v != 0 and norm(str(v).rstrip('0').rstrip('.')) not in norm(t).replace(',', ''):
            err(doc, f'outcome {t}: value {v} not in text')
        if o.get('unit') is not None and not isinstance(o['unit'], str): err(doc, f'outcome {t}: unit')
        if o.get('direction') not in DIRECTIONS: err(doc, f'outcome {t}: bad direction')
        y = o.get('year')
        if y is not None and not (is_int(y) and 2019 <= y <= 2025): err(doc, f'outcome {t}: bad year {y}')
        if o.get('category') not in CATEGORIES: err(doc, f'outcome {t}: bad category')
        if o.get('org') not in org_names: err(doc, f'outcome {t}: org {o.get("org")!r} not annotated')

    seen = set()
    for l in links:
        if list(l.keys()) != LNK_KEYS: err(doc, f'link keys {list(l.keys())}')
        key = (l.get('practice'), l.get('outcome'))
        if key in seen: err(doc, f'duplicate link {key}')
        seen.add(key)
        if l.get('practice') not in pra_names: err(doc, f'link practice {l.get("practice")!r} not annotated')
        if l.get('outcome') not in out_texts: err(doc, f'link outcome {l.get("outcome")!r} not annotated')
        if l.get('org') not in org_names: err(doc, f'link org {l.get("org")!r} not annotated')
        e = l.get('evidence') or ''
        if not e or e not in joined: err(doc, f'evidence not in text: {e[:40]!r}')
        if l.get('outcome') and l['outcome'] not in e: err(doc, f'evidence lacks outcome {l["outcome"]!r}')
        pr = next((p for p in pras if p['name'] == l.get('practice')), None)
        if pr:
            if pr['modality'] != 'reported': err(doc, f'link from recommended practice {pr["name"]}')
            if not any(n in e for n in [pr['name']] + pr['aliases']):
                err(doc, f'evidence does not name practice {pr["name"]!r}')
    # invented names: no 4+ character name may occur verbatim in the seed papers (whitelist apart)
    for n in {x for o in orgs + pras for x in [o['name']] + o.get('aliases', [])}:
        k = norm(n)
        if len(k) >= 4 and k not in WL and k in seed_text:
            err(doc, f'name {n!r} occurs in a seed paper')
    # no copied sentences: no 16-character run of the article occurs in a seed paper
    jt = norm(joined)
    for i in range(0, max(0, len(jt) - 16)):
        if jt[i:i + 16] in seed_text:
            err(doc, f'16-char run copied from a seed paper: {jt[i:i+16]!r}'); break
    safety_out = {o['text'] for o in outs if o.get('category') == 'safety'}
    rows.append((doc, nh, len(orgs),
                 sum(p.get('modality') == 'reported' for p in pras),
                 sum(p.get('modality') == 'recommended' for p in pras),
                 len(outs), len(safety_out), len(links),
                 sum(l.get('outcome') in safety_out for l in links)))

hdr = ('file', 'Han', 'orgs', 'prac.rep', 'prac.rec', 'outcomes', '(safety)', 'links', '(safety)')
fmt = '{:<18}' + '{:>9}' * (len(hdr) - 1)
print(fmt.format(*hdr))
for r in rows: print(fmt.format(*r))
if rows:
    print(fmt.format('TOTAL', *[sum(r[i] for r in rows) for i in range(1, len(hdr))]))
if errors:
    print(f'\n{len(errors)} ERROR(S):')
    for e in errors: print('  ' + e)
    sys.exit(1)
print('\nALL OK')
