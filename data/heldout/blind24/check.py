#!/usr/bin/env python3
"""Validator for the blind24 held-out set (stdlib only).

Checks, per gold file in gold/:
  * JSON schema and allowed values as in /work/shared/gold/GUIDELINES.md;
  * "doc" names an existing paper in papers/; file name is <doc stem>.json, or <doc stem>__N.json
    when a document carries several articles (seed convention); every paper has a gold file;
  * every org name/alias, practice name/alias and outcome text occurs in the paper,
    and every link evidence occurs in the paper and contains the link's practice
    name (or an alias) and outcome text -- all after joining PDF line breaks
    (seed convention: newline plus surrounding blanks removed);
  * every practice / outcome / org named in a link, adopted_by, part_of, parent or
    outcome.org is itself annotated in the same file;
  * no organisation or practice name (or alias) of 4+ characters from the seed gold is
    reused (equal, containment, or difflib ratio >= 0.85 after normalisation), apart
    from a short whitelist of well-known institutions;
  * no run of 20+ characters of a seed paper is copied into a blind24 paper;
  * each paper has 1,200-2,000 Han characters.
Prints a counts table and ALL OK (exit 0), or the list of errors (exit 1).
"""
import json, os, re, sys, glob, unicodedata, difflib

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_GOLD = '/work/shared/gold/seeds'
SEED_PAPERS = '/work/shared/papers'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
             'Department', 'Team', 'Other'}
MODALITIES = {'reported', 'recommended'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass',
           'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity',
              'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
# well-known institutions that every paper names (normalised form); seed names equal to one of
# these may be reused
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队',
             '组织生活会', '民主生活会', '第一议题', '第一议题制度'}

def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(ch for ch in s if not (unicodedata.category(ch)[0] in 'PZS' or ch.isspace()))

def join_lines(text):
    return re.sub(r'\s*\n\s*', '', text)

def han(text):
    return len(re.findall(r'[\u4e00-\u9fff]', text))

errors = []
def err(f, msg):
    errors.append(f'{f}: {msg}')

def expect_keys(f, where, obj, keys):
    if not isinstance(obj, dict):
        err(f, f'{where}: not an object'); return False
    if set(obj) != set(keys):
        err(f, f'{where}: keys {sorted(obj)} != {sorted(keys)}'); return False
    return True

def is_str(x): return isinstance(x, str) and x.strip() != ''

# ---- seed names -------------------------------------------------------------------------
seed_names = set()
for p in glob.glob(os.path.join(SEED_GOLD, '*.json')):
    d = json.load(open(p, encoding='utf-8'))
    for o in d.get('organisations', []) + d.get('practices', []):
        for n in [o['name']] + list(o.get('aliases', [])):
            nn = norm(n)
            if len(nn) >= 4 and nn not in WHITELIST:
                seed_names.add(nn)

def reused(name):
    nn = norm(name)
    if len(nn) < 2 or nn in WHITELIST:
        return None
    for s in seed_names:
        if nn == s:
            return s
        if len(nn) >= 4 and (s in nn or nn in s):
            return s
        if difflib.SequenceMatcher(None, nn, s).ratio() >= 0.85:
            return s
    return None

seed_text = ''.join(join_lines(open(p, encoding='utf-8').read())
                    for p in glob.glob(os.path.join(SEED_PAPERS, '*.txt')))
RUN = 20
seed_grams = {seed_text[i:i + RUN] for i in range(len(seed_text) - RUN + 1)}

# ---- per file ---------------------------------------------------------------------------
rows = []
gold_files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b24_*.json')))
paper_files = sorted(glob.glob(os.path.join(HERE, 'papers', 'b24_*.txt')))
if len(paper_files) != 4:
    err('set', f'expected 4 papers, found {len(paper_files)}')
# one gold file per article: <doc stem>.json, or <doc stem>__N.json when a document carries
# several articles (seed convention, e.g. 004_…__1.json … __4.json)
covered = set()
checked_papers = set()

for gp in gold_files:
    f = os.path.basename(gp)
    try:
        d = json.load(open(gp, encoding='utf-8'))
    except Exception as e:
        err(f, f'invalid JSON: {e}'); continue
    if not expect_keys(f, 'top', d, ['doc', 'article', 'skipped', 'organisations', 'practices',
                                      'outcomes', 'links']):
        continue
    doc = d['doc']
    stem = doc[:-4] if doc.endswith('.txt') else doc
    if not (f == stem + '.json' or re.fullmatch(re.escape(stem) + r'__\d+\.json', f)):
        err(f, f'file name does not match doc {doc!r}')
    covered.add(doc)
    pp = os.path.join(HERE, 'papers', doc)
    if not os.path.exists(pp):
        err(f, f'paper {doc} missing'); continue
    raw = open(pp, encoding='utf-8').read()
    text = join_lines(raw)
    if not is_str(d['article']):
        err(f, 'article empty')
    if not isinstance(d['skipped'], list) or not all(is_str(s) for s in d['skipped']):
        err(f, 'skipped must be a list of strings')
    nh = han(raw)
    if doc not in checked_papers:
        checked_papers.add(doc)
        if not 1200 <= nh <= 2000:
            err(doc, f'{nh} Han characters, outside 1,200-2,000')
        for i in range(len(text) - RUN + 1):
            if text[i:i + RUN] in seed_grams:
                err(doc, f'copies a seed-paper run: {text[i:i + RUN]!r}'); break

    # organisations
    org_names, org_all = [], set()
    for k, o in enumerate(d['organisations']):
        w = f'organisations[{k}]'
        if not expect_keys(f, w, o, ['name', 'aliases', 'type', 'parent']): continue
        if not is_str(o['name']): err(f, f'{w}: empty name'); continue
        if o['type'] not in ORG_TYPES: err(f, f'{w}: type {o["type"]!r}')
        if not isinstance(o['aliases'], list) or not all(is_str(a) for a in o['aliases']):
            err(f, f'{w}: aliases must be a list of strings')
        if o['parent'] is not None and not is_str(o['parent']): err(f, f'{w}: parent')
        org_names.append(o['name'])
        for n in [o['name']] + o['aliases']:
            org_all.add(n)
            if n not in text: err(f, f'{w}: {n!r} not in paper')
            s = reused(n)
            if s: err(f, f'{w}: {n!r} reuses seed name {s!r}')
    if len(set(org_names)) != len(org_names): err(f, 'duplicate organisation names')
    for o in d['organisations']:
        if isinstance(o, dict) and o.get('parent') and o['parent'] not in org_names:
            err(f, f'parent {o["parent"]!r} of {o["name"]!r} is not an annotated organisation')

    # practices
    pr_names, pr_all = [], {}
    for k, p in enumerate(d['practices']):
        w = f'practices[{k}]'
        if not expect_keys(f, w, p, ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']):
            continue
        if not is_str(p['name']): err(f, f'{w}: empty name'); continue
        if p['modality'] not in MODALITIES: err(f, f'{w}: modality {p["modality"]!r}')
        if p['domain'] not in DOMAINS: err(f, f'{w}: domain {p["domain"]!r}')
        if not isinstance(p['adopted_by'], list): err(f, f'{w}: adopted_by must be a list')
        elif p['modality'] == 'reported' and not p['adopted_by']:
            err(f, f'{w}: reported practice without adopted_by')
        elif p['modality'] == 'recommended' and p['adopted_by']:
            err(f, f'{w}: recommended practice with adopted_by')
        for a in p['adopted_by'] if isinstance(p['adopted_by'], list) else []:
            if a not in org_names: err(f, f'{w}: adopted_by {a!r} is not an annotated organisation')
        if not isinstance(p['aliases'], list) or not all(is_str(a) for a in p['aliases']):
            err(f, f'{w}: aliases must be a list of strings')
        pr_names.append(p['name'])
        for n in [p['name']] + p['aliases']:
            pr_all[n] = p['name']
            if n not in text: err(f, f'{w}: {n!r} not in paper')
            s = reused(n)
            if s: err(f, f'{w}: {n!r} reuses seed name {s!r}')
    if len(set(pr_names)) != len(pr_names): err(f, 'duplicate practice names')
    for p in d['practices']:
        if isinstance(p, dict) and p.get('part_of') is not None and p['part_of'] not in pr_names:
            err(f, f'part_of {p["part_of"]!r} of {p["name"]!r} is not an annotated practice')

    # outcomes
    oc_texts, oc_cat = [], {}
    for k, o in enumerate(d['outcomes']):
        w = f'outcomes[{k}]'
        if not expect_keys(f, w, o, ['text', 'indicator', 'value', 'unit', 'direction', 'year',
                                     'category', 'org']):
            continue
        if not is_str(o['text']) or not is_str(o['indicator']): err(f, f'{w}: empty text/indicator')
        if o['value'] is not None and (isinstance(o['value'], bool) or not isinstance(o['value'], (int, float))):
            err(f, f'{w}: value must be a number or null')
        if o['unit'] is not None and not is_str(o['unit']): err(f, f'{w}: unit')
        if o['direction'] not in DIRECTIONS: err(f, f'{w}: direction {o["direction"]!r}')
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
            err(f, f'{w}: year {o["year"]!r}')
        if o['category'] not in CATEGORIES: err(f, f'{w}: category {o["category"]!r}')
        if o['org'] not in org_names: err(f, f'{w}: org {o["org"]!r} is not an annotated organisation')
        if o['text'] not in text: err(f, f'{w}: text {o["text"]!r} not in paper')
        if o['value'] is not None and o['unit'] != '%' and o['value'] != 0:
            v = o['value']; vs = str(int(v)) if float(v).is_integer() else str(v)
            if vs not in unicodedata.normalize('NFKC', o['text']): err(f, f'{w}: value {v} not visible in text')
        oc_texts.append(o['text']); oc_cat[o['text']] = o['category']
    if len(set(oc_texts)) != len(oc_texts): err(f, 'duplicate outcome texts')

    # links
    seen = set(); nsafe = 0
    for k, l in enumerate(d['links']):
        w = f'links[{k}]'
        if not expect_keys(f, w, l, ['practice', 'outcome', 'org', 'evidence']): continue
        if l['practice'] not in pr_names: err(f, f'{w}: practice {l["practice"]!r} not annotated')
        if l['outcome'] not in oc_texts: err(f, f'{w}: outcome {l["outcome"]!r} not annotated')
        if l['org'] not in org_names: err(f, f'{w}: org {l["org"]!r} not annotated')
        ev = l['evidence']
        if not is_str(ev) or ev not in text: err(f, f'{w}: evidence not in paper: {ev[:40]!r}')
        else:
            if l['outcome'] not in ev: err(f, f'{w}: outcome text not inside evidence')
            names = [n for n, canon in pr_all.items() if canon == l['practice']]
            if not any(n in ev for n in names): err(f, f'{w}: practice name not inside evidence')
        key = (l['practice'], l['outcome'])
        if key in seen: err(f, f'{w}: duplicate link')
        seen.add(key)
        if oc_cat.get(l['outcome']) == 'safety': nsafe += 1
    rep = sum(1 for p in d['practices'] if p.get('modality') == 'reported')
    rows.append((f[:-5], len(d['organisations']), rep, len(d['practices']) - rep, len(d['outcomes']),
                 sum(1 for o in d['outcomes'] if o.get('category') == 'safety'), len(d['links']), nsafe, nh))

for pp in paper_files:
    if os.path.basename(pp) not in covered:
        err(os.path.basename(pp), 'paper has no gold file')

# ---- report -----------------------------------------------------------------------------
hdr = ('gold file', 'orgs', 'pr.rep', 'pr.rec', 'outc', 'outc.saf', 'links', 'links.saf', 'han.doc')
fmt = '{:<22}' + '{:>10}' * (len(hdr) - 1)
print(fmt.format(*hdr))
for r in rows: print(fmt.format(*r))
if rows:
    tot = ['TOTAL'] + [sum(r[i] for r in rows) for i in range(1, len(hdr) - 1)] + [
        sum(han(open(p, encoding='utf-8').read()) for p in paper_files)]
    print(fmt.format(*tot))
if errors:
    print(f'\n{len(errors)} ERROR(S):')
    for e in errors: print('  ' + e)
    sys.exit(1)
print('\nALL OK')
