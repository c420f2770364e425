#!/usr/bin/env python3
"""Validator for the blind5 held-out set (stdlib only).

Checks, for every gold/b5_*.json:
  * schema and allowed values of /work/shared/gold/GUIDELINES.md;
  * "doc" is the paper's file name and the paper exists;
  * names/aliases, outcome texts and link evidence occur in the paper
    (after joining PDF line breaks: every '\n' removed, as in the seed gold);
  * every evidence contains its outcome text and names its practice (name or
    alias) or carries a reference word (该/此/这/通过);
  * adopted_by / parent / part_of / outcome.org / link ends are annotated;
  * no organisation or practice name (or alias) matches, under the scorer's
    name rule (equal, containment with the shorter >= half the longer, or
    fuzzy ratio >= 85, after normalisation), a seed name of 4+ characters,
    except the whitelisted well-known institutions.
Prints a counts table and ALL OK (exit 0), or the errors (exit 1).
"""
import difflib
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = '/work/shared/gold/seeds'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union',
             'YouthLeague', 'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture',
           'mass', 'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment',
              'integrity', 'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
MODALITIES = {'reported', 'recommended'}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PR_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LINK_KEYS = ['practice', 'outcome', 'org', 'evidence']
REF_WORDS = ('该', '此', '这', '通过')

# well-known institutions that every paper names: may be reused
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队',
             '组织生活会', '民主生活会', '民主评议党员', '第一议题制度', '第一议题',
             '党员先锋岗', '党员活动室'}

errors = []


def err(f, msg):
    errors.append('%s: %s' % (f, msg))


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return re.sub(r'[\W_]+', '', s)


def same_name(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    s, l = sorted((a, b), key=len)
    if s in l and 2 * len(s) >= len(l):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() * 100 >= 85


def seed_names():
    names = set()
    for f in glob.glob(os.path.join(SEEDS, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        for o in d.get('organisations', []):
            names.add(o['name'])
            names.update(o.get('aliases', []))
        for p in d.get('practices', []):
            names.add(p['name'])
            names.update(p.get('aliases', []))
    return {n for n in names if len(norm(n)) >= 4 and norm(n) not in WHITELIST}


def check_keys(f, obj, keys, what):
    if not isinstance(obj, dict):
        err(f, '%s is not an object' % what)
        return False
    if list(obj.keys()) != keys:
        err(f, '%s keys %s != %s' % (what, list(obj.keys()), keys))
        return False
    return True


def is_str_list(x):
    return isinstance(x, list) and all(isinstance(i, str) and i for i in x)


def check_file(f, seeds, counts):
    try:
        d = json.load(open(f, encoding='utf-8'))
    except Exception as e:  # noqa
        err(f, 'invalid JSON: %s' % e)
        return
    if not check_keys(f, d, TOP_KEYS, 'top level'):
        return
    base = os.path.basename(f)[:-5]
    if d['doc'] != base + '.txt':
        err(f, 'doc %r is not the paper file name %r' % (d['doc'], base + '.txt'))
    ppath = os.path.join(HERE, 'papers', d['doc'])
    if not os.path.exists(ppath):
        err(f, 'paper %s missing' % ppath)
        return
    raw = open(ppath, encoding='utf-8').read()
    text = raw.replace('\n', '')
    if not isinstance(d['article'], str) or not d['article']:
        err(f, 'article empty')
    if not is_str_list(d['skipped']) and d['skipped'] != []:
        err(f, 'skipped must be a list of strings')

    # organisations
    org_names = {}
    for o in d['organisations']:
        if not check_keys(f, o, ORG_KEYS, 'organisation'):
            continue
        if not isinstance(o['name'], str) or not o['name']:
            err(f, 'organisation without name')
            continue
        if o['name'] in org_names:
            err(f, 'duplicate organisation %s' % o['name'])
        if o['type'] not in ORG_TYPES:
            err(f, 'org %s: bad type %r' % (o['name'], o['type']))
        if not isinstance(o['aliases'], list) or not all(isinstance(a, str) and a for a in o['aliases']):
            err(f, 'org %s: aliases must be a list of strings' % o['name'])
            o['aliases'] = []
        for n in [o['name']] + o['aliases']:
            if n not in text:
                err(f, 'org name/alias not in paper: %s' % n)
            org_names[n] = o['name']
    canon_orgs = {o['name'] for o in d['organisations'] if isinstance(o, dict) and 'name' in o}
    for o in d['organisations']:
        if isinstance(o, dict) and o.get('parent') is not None and o['parent'] not in canon_orgs:
            err(f, 'org %s: parent %r not annotated' % (o.get('name'), o['parent']))

    # practices
    pr_names = {}
    pr_aliases = {}
    for p in d['practices']:
        if not check_keys(f, p, PR_KEYS, 'practice'):
            continue
        n = p['name']
        if not isinstance(n, str) or not n:
            err(f, 'practice without name')
            continue
        if n in pr_names:
            err(f, 'duplicate practice %s' % n)
        pr_names[n] = p
        if p['modality'] not in MODALITIES:
            err(f, 'practice %s: bad modality %r' % (n, p['modality']))
        if p['domain'] not in DOMAINS:
            err(f, 'practice %s: bad domain %r' % (n, p['domain']))
        if not isinstance(p['aliases'], list) or not all(isinstance(a, str) and a for a in p['aliases']):
            err(f, 'practice %s: aliases must be a list of strings' % n)
            p['aliases'] = []
        pr_aliases[n] = [n] + p['aliases']
        for a in [n] + p['aliases']:
            if a not in text:
                err(f, 'practice name/alias not in paper: %s' % a)
        if not isinstance(p['adopted_by'], list):
            err(f, 'practice %s: adopted_by must be a list' % n)
            continue
        if p['modality'] == 'recommended' and p['adopted_by']:
            err(f, 'practice %s: recommended but adopted_by not empty' % n)
        if p['modality'] == 'reported' and not p['adopted_by']:
            err(f, 'practice %s: reported without adopted_by' % n)
        for a in p['adopted_by']:
            if a not in canon_orgs:
                err(f, 'practice %s: adopted_by %r is not an annotated organisation name' % (n, a))
    for p in d['practices']:
        if isinstance(p, dict) and p.get('part_of') is not None:
            if p['part_of'] not in pr_names:
                err(f, 'practice %s: part_of %r not annotated' % (p.get('name'), p['part_of']))
            elif p['part_of'] == p.get('name'):
                err(f, 'practice %s is part of itself' % p['name'])

    # outcomes
    out_by_text = {}
    for o in d['outcomes']:
        if not check_keys(f, o, OUT_KEYS, 'outcome'):
            continue
        t = o['text']
        if not isinstance(t, str) or not t:
            err(f, 'outcome without text')
            continue
        if t in out_by_text:
            err(f, 'duplicate outcome %s' % t)
        out_by_text[t] = o
        if t not in text:
            err(f, 'outcome text not in paper: %s' % t)
        if not isinstance(o['indicator'], str) or not o['indicator']:
            err(f, 'outcome %s: empty indicator' % t)
        v = o['value']
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            err(f, 'outcome %s: value must be a number or null' % t)
        if v is not None and o['unit'] is None:
            err(f, 'outcome %s: value without unit' % t)
        if o['unit'] is not None and (not isinstance(o['unit'], str) or not o['unit']):
            err(f, 'outcome %s: unit must be a string or null' % t)
        if v is not None and not re.search(re.escape(('%g' % v)).replace(r'\.', r'\.?'), t.replace(',', '')):
            err(f, 'outcome %s: value %r not written in its text' % (t, v))
        if o['direction'] not in DIRECTIONS:
            err(f, 'outcome %s: bad direction %r' % (t, o['direction']))
        y = o['year']
        if y is not None and (isinstance(y, bool) or not isinstance(y, int) or not 2015 <= y <= 2026):
            err(f, 'outcome %s: bad year %r' % (t, y))
        if o['category'] not in CATEGORIES:
            err(f, 'outcome %s: bad category %r' % (t, o['category']))
        if o['org'] not in canon_orgs:
            err(f, 'outcome %s: org %r not an annotated organisation name' % (t, o['org']))

    # links
    seen = set()
    n_safe_links = 0
    for l in d['links']:
        if not check_keys(f, l, LINK_KEYS, 'link'):
            continue
        key = (l['practice'], l['outcome'])
        if key in seen:
            err(f, 'duplicate link %s -> %s' % key)
        seen.add(key)
        if l['practice'] not in pr_names:
            err(f, 'link practice not annotated: %s' % l['practice'])
        elif pr_names[l['practice']]['modality'] != 'reported':
            err(f, 'link from a recommended practice: %s' % l['practice'])
        if l['outcome'] not in out_by_text:
            err(f, 'link outcome not annotated: %s' % l['outcome'])
        elif out_by_text[l['outcome']]['category'] == 'safety':
            n_safe_links += 1
        if l['org'] not in canon_orgs:
            err(f, 'link org not annotated: %s' % l['org'])
        ev = l['evidence']
        if not isinstance(ev, str) or not ev:
            err(f, 'link without evidence: %s' % (key,))
            continue
        if ev not in text:
            err(f, 'evidence not in paper: %s' % ev[:60])
        if l['outcome'] not in ev:
            err(f, 'evidence does not contain the outcome: %s' % l['outcome'])
        names = pr_aliases.get(l['practice'], [l['practice']])
        if not any(n in ev for n in names) and not any(w in ev for w in REF_WORDS):
            err(f, 'evidence neither names %s nor has a reference word' % l['practice'])

    # no reuse of seed names
    mine = [(o['name'], a) for o in d['organisations'] if isinstance(o, dict)
            for a in [o['name']] + o.get('aliases', [])]
    mine += [(p['name'], a) for p in d['practices'] if isinstance(p, dict)
             for a in [p['name']] + p.get('aliases', [])]
    for canon, a in mine:
        if norm(a) in WHITELIST or len(norm(a)) < 4:
            continue
        for s in seeds:
            if same_name(a, s):
                err(f, 'name %r (of %r) matches seed name %r' % (a, canon, s))

    prs = [p for p in d['practices'] if isinstance(p, dict)]
    outs = [o for o in d['outcomes'] if isinstance(o, dict)]
    counts.append((d['doc'], len(d['organisations']),
                   sum(p.get('modality') == 'reported' for p in prs),
                   sum(p.get('modality') == 'recommended' for p in prs),
                   len(outs), sum(o.get('category') == 'safety' for o in outs),
                   len(d['links']), n_safe_links))


def main():
    seeds = seed_names()
    files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b5_*.json')))
    papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b5_*.txt')))
    if not files:
        err('gold', 'no gold files')
    gold_docs = {os.path.basename(f)[:-5] for f in files}
    for p in papers:
        if os.path.basename(p)[:-4] not in gold_docs:
            err(p, 'paper without gold file')
        han = len(re.findall(r'[\u4e00-\u9fff]', open(p, encoding='utf-8').read()))
        if not 1200 <= han <= 2000:
            err(p, '%d Han characters (want 1200-2000)' % han)
    counts = []
    for f in files:
        check_file(f, seeds, counts)
    head = ('doc', 'orgs', 'pr.rep', 'pr.rec', 'outc', 'outc.safe', 'links', 'links.safe')
    fmt = '%-18s' + '%10s' * 7
    print(fmt % head)
    tot = [0] * 7
    for row in counts:
        print(fmt % row)
        tot = [a + b for a, b in zip(tot, row[1:])]
    print(fmt % tuple(['TOTAL'] + tot))
    if errors:
        print('\n%d ERROR(S):' % len(errors))
        for e in errors:
            print('  ' + e)
        sys.exit(1)
    print('ALL OK')


if __name__ == '__main__':
    main()
