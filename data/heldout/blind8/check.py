#!/usr/bin/env python3
"""Validator for the blind8 held-out set (stdlib only).

Checks, per GUIDELINES.md (/work/shared/gold/GUIDELINES.md):
  * file naming and JSON schema (keys, types, allowed values);
  * organisations: parent known; practices: adopted_by known, empty iff recommended, part_of known;
    outcomes: org known; links: practice / outcome / org annotated in the same file;
  * every name, alias, outcome text occurs in its paper; every evidence string occurs in its paper
    after joining line breaks (text.replace('\\n', '')), contains the outcome text and names the practice
    (name or alias, compared after normalisation);
  * papers are 1,200-2,000 Han characters (a multi-article file counts as one paper);
  * no organisation or practice name (or alias) matches, by the scorer's name rule, a name of 4+
    characters from the seed gold, and no such seed name occurs in the papers, except the whitelisted
    well-known institutions below.
Prints a counts table and ALL OK (exit 0), or the list of errors (exit 1).
"""
import difflib, glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.environ.get('SEED_GOLD', '/work/shared/gold/seeds')

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
             'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass', 'digital',
           'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity', 'cohesion',
              'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
MODALITIES = {'reported', 'recommended'}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
KEYS = {'organisations': ['name', 'aliases', 'type', 'parent'],
        'practices': ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain'],
        'outcomes': ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org'],
        'links': ['practice', 'outcome', 'org', 'evidence']}

# well-known institutions every paper of the genre names; they may be reused (normalised form)
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '组织生活会',
             '民主生活会', '民主评议党员', '主题教育', '党史学习教育', '第一议题', '第一议题制度', '志愿服务',
             '技术比武', '岗位练兵', '职工代表大会制度',
             # generic designators, not names
             '集团公司', '公司党委'}

errors = []


def err(msg):
    errors.append(msg)


def norm(s):
    s = unicodedata.normalize('NFKC', s or '')
    return ''.join(ch for ch in s if not (unicodedata.category(ch)[0] in 'PZ' or ch.isspace()))


def name_match(a, b):
    """The scorer's name rule: equal, containment with the shorter >= half the longer, or ratio >= 85."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    s, l = sorted((a, b), key=len)
    if s in l and len(s) * 2 >= len(l):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() * 100 >= 85


def han(t):
    return len(re.findall(r'[\u4e00-\u9fff]', t))


def seed_names():
    names = set()
    files = sorted(glob.glob(os.path.join(SEEDS, '*.json')))
    if not files:
        err(f'seed gold not found in {SEEDS} (set SEED_GOLD)')
    for f in files:
        d = json.load(open(f, encoding='utf-8'))
        for o in d.get('organisations', []):
            names.add(o['name']); names.update(o.get('aliases', []))
        for p in d.get('practices', []):
            names.add(p['name']); names.update(p.get('aliases', []))
    return {n for n in names if len(norm(n)) >= 4 and norm(n) not in WHITELIST}


def check_file(path, papers):
    fn = os.path.basename(path)
    try:
        d = json.load(open(path, encoding='utf-8'))
    except Exception as e:  # noqa
        err(f'{fn}: invalid JSON: {e}'); return None
    if list(d.keys()) != TOP_KEYS:
        err(f'{fn}: top-level keys {list(d.keys())} != {TOP_KEYS}')
    doc = d.get('doc')
    m = re.fullmatch(r'(b8_[a-z]+)(__\d+)?\.json', fn)
    if not m or doc != m.group(1) + '.txt':
        err(f'{fn}: file name does not fit doc {doc!r}')
    if doc not in papers:
        err(f'{fn}: paper {doc} missing'); return None
    raw = papers[doc]
    joined = raw.replace('\n', '')
    if not isinstance(d.get('article'), str) or not d['article']:
        err(f'{fn}: article title missing')
    if not isinstance(d.get('skipped'), list) or not all(isinstance(x, str) for x in d['skipped']):
        err(f'{fn}: skipped must be a list of strings')
    for sec, keys in KEYS.items():
        if not isinstance(d.get(sec), list):
            err(f'{fn}: {sec} must be a list'); return None
        for i, it in enumerate(d[sec]):
            if list(it.keys()) != keys:
                err(f'{fn}: {sec}[{i}] keys {list(it.keys())} != {keys}')

    def occurs(s):
        return s in joined

    orgs = {}
    for o in d['organisations']:
        n = o['name']
        if n in orgs:
            err(f'{fn}: duplicate organisation {n}')
        orgs[n] = o
        if o['type'] not in ORG_TYPES:
            err(f'{fn}: org {n}: bad type {o["type"]}')
        if not isinstance(o['aliases'], list):
            err(f'{fn}: org {n}: aliases not a list')
        for s in [n] + o['aliases']:
            if not occurs(s):
                err(f'{fn}: org name/alias not in paper: {s}')
    for o in d['organisations']:
        if o['parent'] is not None and o['parent'] not in orgs:
            err(f'{fn}: org {o["name"]}: parent {o["parent"]} not annotated')
    pracs = {}
    for p in d['practices']:
        n = p['name']
        if n in pracs:
            err(f'{fn}: duplicate practice {n}')
        pracs[n] = p
        if p['modality'] not in MODALITIES:
            err(f'{fn}: practice {n}: bad modality')
        if p['domain'] not in DOMAINS:
            err(f'{fn}: practice {n}: bad domain {p["domain"]}')
        if not isinstance(p['adopted_by'], list) or not isinstance(p['aliases'], list):
            err(f'{fn}: practice {n}: adopted_by/aliases not lists')
            continue
        if p['modality'] == 'reported' and not p['adopted_by']:
            err(f'{fn}: reported practice {n} without adopted_by')
        if p['modality'] == 'recommended' and p['adopted_by']:
            err(f'{fn}: recommended practice {n} with adopted_by')
        for a in p['adopted_by']:
            if a not in orgs:
                err(f'{fn}: practice {n}: adopted_by {a} not annotated')
        for s in [n] + p['aliases']:
            if not occurs(s):
                err(f'{fn}: practice name/alias not in paper: {s}')
    for p in d['practices']:
        if p['part_of'] is not None and p['part_of'] not in pracs:
            err(f'{fn}: practice {p["name"]}: part_of {p["part_of"]} not annotated')
        if p['part_of'] == p['name']:
            err(f'{fn}: practice {p["name"]} part_of itself')
    outs = {}
    for o in d['outcomes']:
        t = o['text']
        if t in outs:
            err(f'{fn}: duplicate outcome {t}')
        outs[t] = o
        if not occurs(t):
            err(f'{fn}: outcome text not in paper: {t}')
        if not isinstance(o['indicator'], str) or not o['indicator']:
            err(f'{fn}: outcome {t}: indicator missing')
        v = o['value']
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            err(f'{fn}: outcome {t}: value not a number')
        if o['unit'] is not None and not isinstance(o['unit'], str):
            err(f'{fn}: outcome {t}: unit not a string')
        if o['direction'] not in DIRECTIONS:
            err(f'{fn}: outcome {t}: bad direction {o["direction"]}')
        y = o['year']
        if y is not None and (not isinstance(y, int) or not 2019 <= y <= 2025):
            err(f'{fn}: outcome {t}: bad year {y}')
        if o['category'] not in CATEGORIES:
            err(f'{fn}: outcome {t}: bad category {o["category"]}')
        if o['org'] not in orgs:
            err(f'{fn}: outcome {t}: org {o["org"]} not annotated')
    seen = set()
    for l in d['links']:
        key = (l['practice'], l['outcome'])
        if key in seen:
            err(f'{fn}: duplicate link {key}')
        seen.add(key)
        if l['practice'] not in pracs:
            err(f'{fn}: link practice not annotated: {l["practice"]}')
        if l['outcome'] not in outs:
            err(f'{fn}: link outcome not annotated: {l["outcome"]}')
        if l['org'] not in orgs:
            err(f'{fn}: link org not annotated: {l["org"]}')
        ev = l['evidence']
        if not ev or ev not in joined:
            err(f'{fn}: evidence not in paper (after joining line breaks): {ev[:40]}')
        if l['outcome'] not in ev:
            err(f'{fn}: evidence does not contain the outcome: {l["outcome"]}')
        p = pracs.get(l['practice'])
        if p and not any(norm(s) in norm(ev) for s in [p['name']] + p['aliases']):
            err(f'{fn}: evidence does not name the practice: {l["practice"]}')
        if p and p['modality'] != 'reported':
            err(f'{fn}: link from a recommended practice: {l["practice"]}')
    return d


def main():
    papers = {os.path.basename(f): open(f, encoding='utf-8').read()
              for f in sorted(glob.glob(os.path.join(HERE, 'papers', 'b8_*.txt')))}
    golds = sorted(glob.glob(os.path.join(HERE, 'gold', 'b8_*.json')))
    if len(papers) != 4:
        err(f'expected 4 papers, found {len(papers)}')
    for doc, t in papers.items():
        if not 1200 <= han(t) <= 2000:
            err(f'{doc}: {han(t)} Han characters, outside 1200-2000')
    data = [d for d in (check_file(g, papers) for g in golds) if d]
    covered = {d['doc'] for d in data}
    for doc in papers:
        if doc not in covered:
            err(f'{doc}: no gold file')

    # seed-name reuse
    seeds = seed_names()
    for g, d in zip(golds, data):
        fn = os.path.basename(g)
        names = [(o['name'], 'org') for o in d['organisations']] + \
                [(a, 'org alias') for o in d['organisations'] for a in o['aliases']] + \
                [(p['name'], 'practice') for p in d['practices']] + \
                [(a, 'practice alias') for p in d['practices'] for a in p['aliases']]
        for n, kind in names:
            if norm(n) in WHITELIST or len(norm(n)) < 4:   # only names of 4+ characters count
                continue
            for s in seeds:
                if name_match(n, s) and not any(w in norm(n) and w in norm(s) for w in WHITELIST):
                    err(f'{fn}: {kind} {n!r} reuses seed name {s!r}')
    for doc, t in papers.items():
        nt = norm(t)
        for s in seeds:
            if norm(s) in nt:
                err(f'{doc}: seed name {s!r} occurs in the text')

    # counts table
    rows = []
    for g, d in zip(golds, data):
        cat = {o['text']: o['category'] for o in d['outcomes']}
        rows.append((os.path.basename(g), len(d['organisations']),
                     sum(p['modality'] == 'reported' for p in d['practices']),
                     sum(p['modality'] == 'recommended' for p in d['practices']),
                     len(d['outcomes']), sum(o['category'] == 'safety' for o in d['outcomes']),
                     len(d['links']), sum(cat.get(l['outcome']) == 'safety' for l in d['links'])))
    hdr = ('file', 'orgs', 'prac rep', 'prac rec', 'outcomes', 'out safety', 'links', 'links safety')
    w = max(len(r[0]) for r in rows + [hdr]) if rows else 20
    print(f'{hdr[0]:<{w}} ' + ' '.join(f'{h:>12}' for h in hdr[1:]))
    for r in rows:
        print(f'{r[0]:<{w}} ' + ' '.join(f'{x:>12}' for x in r[1:]))
    tot = ['TOTAL'] + [sum(r[i] for r in rows) for i in range(1, 8)]
    print(f'{tot[0]:<{w}} ' + ' '.join(f'{x:>12}' for x in tot[1:]))
    print('papers (Han characters): ' + ', '.join(f'{k} {han(v)}' for k, v in papers.items()))
    if errors:
        print(f'\n{len(errors)} ERROR(S):')
        for e in errors:
            print('  ' + e)
        sys.exit(1)
    print('ALL OK')


if __name__ == '__main__':
    main()
