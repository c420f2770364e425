#!/usr/bin/env python3
"""Validator for the blind10 held-out set (stdlib only).

Checks every gold/b10_*.json against GUIDELINES.md (schema, allowed values),
that names/outcome texts/evidence occur in the paper (line breaks joined as in
the seed gold), that links point to annotated units, and that no organisation
or practice name (4+ characters) of the seed gold is reused, except the
whitelisted well-known institutions. Prints a counts table and ALL OK.
"""
import difflib, glob, json, os, re, sys, unicodedata

BASE = os.path.dirname(os.path.abspath(__file__))
SEEDS = '/work/shared/gold/seeds'
ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
             'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass',
           'digital', 'safety', 'production', 'management'}
CATS = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity',
        'cohesion', 'social', 'other'}
DIRS = {'increase', 'decrease', 'level', None}
MODS = {'reported', 'recommended'}
# well-known institutions that every paper of the genre names (allowed to recur)
WHITELIST = ['集团公司', '三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '第一议题',
             '党员安全监督岗', '组织生活会', '民主评议党员', '主题教育', '青年安全监督岗', '安康杯',
             # generic words / designators, not names of a seed body or practice
             '激励机制', '公司党委']
KEYS = {'doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links'}
OKEYS = {'name', 'aliases', 'type', 'parent'}
PKEYS = {'name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain'}
QKEYS = {'text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org'}
LKEYS = {'practice', 'outcome', 'org', 'evidence'}

errors = []
def err(f, msg): errors.append(f'{f}: {msg}')

def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(ch for ch in s if unicodedata.category(ch)[0] in 'LN')

def similar(a, b):
    if a == b: return True
    s, l = sorted((a, b), key=len)
    if s and s in l and len(s) * 2 >= len(l): return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85

def han(t): return len(re.findall(r'[\u4e00-\u9fff]', t))

def seed_names():
    out = set()
    for f in glob.glob(os.path.join(SEEDS, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        for u in d.get('organisations', []) + d.get('practices', []):
            for n in [u['name']] + u.get('aliases', []):
                n2 = norm(n)
                if len(n2) >= 4: out.add(n2)
    return out

def main():
    seeds = seed_names()
    wl = [norm(w) for w in WHITELIST]
    seeds = {s for s in seeds if s not in wl}
    if not seeds: err('seeds', 'no seed gold found at ' + SEEDS)
    papers = sorted(glob.glob(os.path.join(BASE, 'papers', 'b10_*.txt')))
    golds = sorted(glob.glob(os.path.join(BASE, 'gold', 'b10_*.json')))
    if len(papers) != 4: err('papers', f'expected 4 papers, found {len(papers)}')
    rows = []
    used_papers = set()
    for g in golds:
        f = os.path.basename(g)
        try:
            d = json.load(open(g, encoding='utf-8'))
        except Exception as e:
            err(f, f'invalid JSON: {e}'); continue
        if set(d) != KEYS: err(f, f'top-level keys {sorted(d)}')
        doc = d.get('doc', '')
        stem = re.sub(r'(__\d+)?\.json$', '', f)
        if doc != stem + '.txt': err(f, f'doc {doc!r} does not match file name')
        p = os.path.join(BASE, 'papers', doc)
        if not os.path.exists(p): err(f, f'paper {doc} missing'); continue
        used_papers.add(doc)
        raw = open(p, encoding='utf-8').read()
        joined = raw.replace('\n', '')
        flat = re.sub(r'\s+', '', raw)
        def occurs(s):
            return s in joined or re.sub(r'\s+', '', s) in flat
        if not isinstance(d.get('article'), str) or not d['article']: err(f, 'article empty')
        if not isinstance(d.get('skipped'), list): err(f, 'skipped not a list')
        # organisations
        onames = {}
        for o in d['organisations']:
            if set(o) != OKEYS: err(f, f'org keys {sorted(o)}'); continue
            if o['type'] not in ORG_TYPES: err(f, f'org type {o["type"]}')
            if not isinstance(o['aliases'], list): err(f, f'org aliases not list: {o["name"]}')
            for n in [o['name']] + o['aliases']:
                if not occurs(n): err(f, f'org name/alias not in paper: {n}')
                if n in onames: err(f, f'duplicate org name/alias: {n}')
                onames[n] = o['name']
        for o in d['organisations']:
            if o.get('parent') is not None and o['parent'] not in onames:
                err(f, f'org parent not annotated: {o["parent"]}')
        # practices
        pnames = set()
        for pr in d['practices']:
            if set(pr) != PKEYS: err(f, f'practice keys {sorted(pr)}'); continue
            if pr['name'] in pnames: err(f, f'duplicate practice {pr["name"]}')
            pnames.add(pr['name'])
            if pr['modality'] not in MODS: err(f, f'modality {pr["modality"]}')
            if pr['domain'] not in DOMAINS: err(f, f'domain {pr["domain"]}')
            if pr['modality'] == 'recommended' and pr['adopted_by']:
                err(f, f'recommended practice with adopted_by: {pr["name"]}')
            if pr['modality'] == 'reported' and not pr['adopted_by']:
                err(f, f'reported practice without adopted_by: {pr["name"]}')
            for a in pr['adopted_by']:
                if a not in onames: err(f, f'adopted_by not annotated: {a}')
            for n in [pr['name']] + pr['aliases']:
                if not occurs(n): err(f, f'practice name/alias not in paper: {n}')
        for pr in d['practices']:
            if pr.get('part_of') is not None and pr['part_of'] not in pnames:
                err(f, f'part_of not annotated: {pr["part_of"]}')
        # no reuse of seed names
        for u in d['organisations'] + d['practices']:
            for n in [u['name']] + u['aliases']:
                n2 = norm(n)
                if len(n2) < 4 or any(w in n2 and len(w) * 2 >= len(n2) for w in wl):
                    continue
                hit = [s for s in seeds if n2 == s or s in n2
                       or difflib.SequenceMatcher(None, n2, s).ratio() >= 0.85]
                if hit: err(f, f'name reuses seed name: {n} ~ {hit[:3]}')
        # outcomes
        otexts = {}
        for q in d['outcomes']:
            if set(q) != QKEYS: err(f, f'outcome keys {sorted(q)}'); continue
            if q['text'] in otexts: err(f, f'duplicate outcome {q["text"]}')
            otexts[q['text']] = q
            if not occurs(q['text']): err(f, f'outcome text not in paper: {q["text"]}')
            if q['category'] not in CATS: err(f, f'category {q["category"]}')
            if q['direction'] not in DIRS: err(f, f'direction {q["direction"]}')
            if q['value'] is not None and not isinstance(q['value'], (int, float)): err(f, f'value {q["value"]}')
            if q['unit'] is not None and not isinstance(q['unit'], str): err(f, f'unit {q["unit"]}')
            if q['year'] is not None and not (isinstance(q['year'], int) and 2019 <= q['year'] <= 2025):
                err(f, f'year {q["year"]}')
            if not q['indicator']: err(f, f'indicator empty: {q["text"]}')
            if q['org'] not in onames: err(f, f'outcome org not annotated: {q["org"]}')
            if q['value'] is not None:
                v = ('%g' % q['value'])
                if v not in q['text'] and not (q['value'] == 0 and re.search('零|为0|到0|为零|清零', q['text'])):
                    err(f, f'value {v} not in outcome text {q["text"]}')
        # links
        seen = set()
        for l in d['links']:
            if set(l) != LKEYS: err(f, f'link keys {sorted(l)}'); continue
            key = (l['practice'], l['outcome'])
            if key in seen: err(f, f'duplicate link {key}')
            seen.add(key)
            if l['practice'] not in pnames: err(f, f'link practice not annotated: {l["practice"]}')
            if l['outcome'] not in otexts: err(f, f'link outcome not annotated: {l["outcome"]}')
            if l['org'] not in onames: err(f, f'link org not annotated: {l["org"]}')
            ev = l['evidence']
            if not occurs(ev): err(f, f'evidence not in paper: {ev[:40]}')
            if l['outcome'] not in ev: err(f, f'outcome not in its evidence: {l["outcome"]}')
            pr = next((x for x in d['practices'] if x['name'] == l['practice']), None)
            if pr and not any(n in ev for n in [pr['name']] + pr['aliases']):
                err(f, f'practice not named in its evidence: {l["practice"]}')
        rows.append((f, han(raw), len(d['organisations']),
                     sum(p['modality'] == 'reported' for p in d['practices']),
                     sum(p['modality'] == 'recommended' for p in d['practices']),
                     len(d['outcomes']), sum(q['category'] == 'safety' for q in d['outcomes']),
                     len(d['links']),
                     sum(otexts.get(l['outcome'], {}).get('category') == 'safety' for l in d['links'])))
    for p in papers:
        n = han(open(p, encoding='utf-8').read())
        if not 1200 <= n <= 2000: err(os.path.basename(p), f'{n} Han characters (need 1200-2000)')
        if os.path.basename(p) not in used_papers: err(os.path.basename(p), 'no gold file')
    hdr = ('file', 'han', 'orgs', 'pr.rep', 'pr.rec', 'outc', 'outc.saf', 'links', 'links.saf')
    print('%-22s' % hdr[0] + ''.join('%10s' % h for h in hdr[1:]))
    tot = [0] * 8
    for r in rows:
        print('%-22s' % r[0] + ''.join('%10d' % x for x in r[1:]))
        tot = [a + b for a, b in zip(tot, r[1:])]
    print('%-22s' % 'TOTAL' + ''.join('%10d' % x for x in tot))
    if errors:
        print('\n'.join(errors)); print(f'{len(errors)} ERROR(S)'); sys.exit(1)
    print('ALL OK')

if __name__ == '__main__':
    main()
