#!/usr/bin/env python3
"""Validator for the blind7 held-out set (stdlib only).

Checks, per gold file: JSON schema and allowed values (GUIDELINES.md); every name, outcome text
and evidence string occurs in its paper after joining PDF line breaks; link ends, adopted_by,
part_of, parents and outcome orgs are annotated; recommended practices have no adopter; no
organisation/practice name of 4+ characters from the seed gold is reused (scoring-style match:
equal, containment with shorter >= half longer, or fuzzy ratio >= 85), except a whitelist of
well-known institutions. Prints a counts table and ALL OK (exit 0) or the problems (exit 1).
"""
import difflib, glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = '/work/shared/gold/seeds'
TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
         'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass',
           'digital', 'safety', 'production', 'management'}
CATS = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity',
        'cohesion', 'social', 'other'}
DIRS = {'increase', 'decrease', 'level', None}
MODS = {'reported', 'recommended'}
WHITELIST = ['三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '第一议题',
             '第一议题制度', '组织生活会', '民主生活会', '民主评议党员', '三重一大', '岗位练兵', '技术比武']
# generic references (not invented names) that any text about a company or mine uses
GENERIC = ['集团公司', '公司党委', '公司工会', '公司团委', '矿党委', '矿井', '全矿', '公司', '集团']
KEYS = {'top': ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links'],
        'org': ['name', 'aliases', 'type', 'parent'],
        'pr': ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain'],
        'out': ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org'],
        'link': ['practice', 'outcome', 'org', 'evidence']}
errors = []

def err(f, msg):
    errors.append('%s: %s' % (f, msg))

def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(ch for ch in s if unicodedata.category(ch)[0] not in 'PZS')

def joined(text):
    return re.sub(r'[ \t\u3000]*\n\s*', '', text)

def similar(a, b):
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if short and short in long_ and len(short) * 2 >= len(long_):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85

def seed_names():
    names = set()
    for f in glob.glob(os.path.join(SEEDS, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        for x in d['organisations'] + d['practices']:
            for n in [x['name']] + x.get('aliases', []):
                if len(norm(n)) >= 4:
                    names.add(norm(n))
    return names

def check_keys(f, obj, kind, where):
    if not isinstance(obj, dict) or list(obj.keys()) != KEYS[kind]:
        err(f, '%s: keys %s, expected %s' % (where, list(obj.keys()) if isinstance(obj, dict) else obj, KEYS[kind]))
        return False
    return True

def is_str_list(x):
    return isinstance(x, list) and all(isinstance(i, str) and i for i in x)

def main():
    seeds = seed_names() if os.path.isdir(SEEDS) else set()
    if not seeds:
        print('warning: seed gold not found, name-reuse check skipped')
    white = {norm(w) for w in WHITELIST}
    generic = {norm(w) for w in GENERIC}
    rows = []
    files = sorted(glob.glob(os.path.join(HERE, 'gold', '*.json')))
    if not files:
        err('gold', 'no gold files')
    for path in files:
        f = os.path.basename(path)
        try:
            d = json.load(open(path, encoding='utf-8'))
        except Exception as e:
            err(f, 'invalid JSON: %s' % e)
            continue
        if not check_keys(f, d, 'top', 'top level'):
            continue
        paper = os.path.join(HERE, 'papers', d['doc'])
        if not os.path.exists(paper):
            err(f, 'paper %s missing' % d['doc'])
            continue
        raw = open(paper, encoding='utf-8').read()
        text = joined(raw)
        ntext = norm(text)
        def occurs(s):
            return s in text or s in raw or (norm(s) and norm(s) in ntext)
        if not isinstance(d['article'], str) or not d['article'] or not occurs(d['article']):
            err(f, 'article title not found in paper: %r' % d['article'])
        if not is_str_list(d['skipped']) and d['skipped'] != []:
            err(f, 'skipped must be a list of strings')
        # organisations
        onames = {}
        for i, o in enumerate(d['organisations']):
            if not check_keys(f, o, 'org', 'organisations[%d]' % i):
                continue
            if o['type'] not in TYPES:
                err(f, 'org %s: bad type %r' % (o['name'], o['type']))
            if not isinstance(o['aliases'], list) or not (o['aliases'] == [] or is_str_list(o['aliases'])):
                err(f, 'org %s: aliases must be a list of strings' % o['name'])
            for n in [o['name']] + o['aliases']:
                if n in onames:
                    err(f, 'org name/alias %s used twice' % n)
                onames[n] = o['name']
                if not occurs(n):
                    err(f, 'org name/alias not in paper: %s' % n)
        for o in d['organisations']:
            if o.get('parent') is not None and o['parent'] not in onames:
                err(f, 'org %s: parent %s not annotated' % (o['name'], o['parent']))
        # practices
        pnames = {}
        for i, p in enumerate(d['practices']):
            if not check_keys(f, p, 'pr', 'practices[%d]' % i):
                continue
            if p['modality'] not in MODS:
                err(f, 'practice %s: bad modality %r' % (p['name'], p['modality']))
            if p['domain'] not in DOMAINS:
                err(f, 'practice %s: bad domain %r' % (p['name'], p['domain']))
            if not isinstance(p['aliases'], list) or not (p['aliases'] == [] or is_str_list(p['aliases'])):
                err(f, 'practice %s: aliases must be a list of strings' % p['name'])
            if not isinstance(p['adopted_by'], list):
                err(f, 'practice %s: adopted_by must be a list' % p['name'])
            elif p['modality'] == 'recommended' and p['adopted_by']:
                err(f, 'practice %s: recommended but adopted_by set' % p['name'])
            elif p['modality'] == 'reported' and not p['adopted_by']:
                err(f, 'practice %s: reported without adopted_by' % p['name'])
            for a in p['adopted_by'] or []:
                if a not in onames:
                    err(f, 'practice %s: adopter %s not annotated' % (p['name'], a))
            for n in [p['name']] + p['aliases']:
                if n in pnames:
                    err(f, 'practice name/alias %s used twice' % n)
                pnames[n] = p['name']
                if not occurs(n):
                    err(f, 'practice name/alias not in paper: %s' % n)
        for p in d['practices']:
            if p.get('part_of') is not None and p['part_of'] not in pnames:
                err(f, 'practice %s: part_of %s not annotated' % (p['name'], p['part_of']))
            if p.get('part_of') == p.get('name'):
                err(f, 'practice %s is part of itself' % p['name'])
        # outcomes
        otexts = {}
        for i, o in enumerate(d['outcomes']):
            if not check_keys(f, o, 'out', 'outcomes[%d]' % i):
                continue
            if o['text'] in otexts:
                err(f, 'outcome text twice: %s' % o['text'])
            otexts[o['text']] = o
            if not occurs(o['text']):
                err(f, 'outcome text not in paper: %s' % o['text'])
            if not isinstance(o['indicator'], str) or not o['indicator']:
                err(f, 'outcome %s: indicator missing' % o['text'])
            if o['value'] is not None and (isinstance(o['value'], bool) or not isinstance(o['value'], (int, float))):
                err(f, 'outcome %s: value must be a number or null' % o['text'])
            if o['unit'] is not None and not isinstance(o['unit'], str):
                err(f, 'outcome %s: unit must be a string or null' % o['text'])
            if o['direction'] not in DIRS:
                err(f, 'outcome %s: bad direction %r' % (o['text'], o['direction']))
            if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
                err(f, 'outcome %s: bad year %r' % (o['text'], o['year']))
            if o['category'] not in CATS:
                err(f, 'outcome %s: bad category %r' % (o['text'], o['category']))
            if o['org'] not in onames:
                err(f, 'outcome %s: org %s not annotated' % (o['text'], o['org']))
            if o['value'] is not None and isinstance(o['value'], (int, float)) and o['value'] != 0:
                v = ('%g' % o['value'])
                if v not in o['text'] and not re.search(r'[一二两三四五六七八九十百千万]', o['text']):
                    err(f, 'outcome %s: value %s not in text' % (o['text'], v))
        # links
        seen = set()
        for i, l in enumerate(d['links']):
            if not check_keys(f, l, 'link', 'links[%d]' % i):
                continue
            key = (l['practice'], l['outcome'])
            if key in seen:
                err(f, 'duplicate link %s' % (key,))
            seen.add(key)
            if l['practice'] not in [p['name'] for p in d['practices']]:
                err(f, 'link practice not annotated (by name): %s' % l['practice'])
            elif [p for p in d['practices'] if p['name'] == l['practice']][0]['modality'] != 'reported':
                err(f, 'link from a recommended practice: %s' % l['practice'])
            if l['outcome'] not in otexts:
                err(f, 'link outcome not annotated: %s' % l['outcome'])
            if l['org'] not in onames:
                err(f, 'link org not annotated: %s' % l['org'])
            ev = l['evidence']
            if not isinstance(ev, str) or not ev or ev not in text:
                err(f, 'evidence not found in joined paper: %s' % ev)
            elif l['outcome'] not in ev:
                err(f, 'evidence does not contain the outcome: %s' % l['outcome'])
        # name reuse from seed papers
        for kind, items in (('org', d['organisations']), ('practice', d['practices'])):
            for x in items:
                for n in [x['name']] + x['aliases']:
                    nn = norm(n)
                    if len(nn) < 4 or nn in generic or any(w in nn for w in white if len(w) * 2 >= len(nn)):
                        continue
                    for sn in seeds:
                        if similar(nn, sn):
                            err(f, '%s name %s reuses seed name %s' % (kind, n, sn))
        cats = {o['text']: o['category'] for o in d['outcomes']}
        rows.append((f, len(d['organisations']),
                     sum(p['modality'] == 'reported' for p in d['practices']),
                     sum(p['modality'] == 'recommended' for p in d['practices']),
                     len(d['outcomes']), sum(o['category'] == 'safety' for o in d['outcomes']),
                     len(d['links']), sum(cats.get(l['outcome']) == 'safety' for l in d['links'])))
    hdr = ('file', 'orgs', 'pr.rep', 'pr.rec', 'outcomes', '(safety)', 'links', '(safety)')
    print('%-20s %5s %7s %7s %9s %9s %6s %9s' % hdr)
    for r in rows:
        print('%-20s %5d %7d %7d %9d %9d %6d %9d' % r)
    tot = ['TOTAL'] + [sum(r[i] for r in rows) for i in range(1, 8)]
    print('%-20s %5d %7d %7d %9d %9d %6d %9d' % tuple(tot))
    if errors:
        print('\n'.join(errors))
        print('%d PROBLEM(S)' % len(errors))
        return 1
    print('ALL OK')
    return 0

if __name__ == '__main__':
    sys.exit(main())
