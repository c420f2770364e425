#!/usr/bin/env python3
"""Validator for the blind17 held-out set (stdlib only).

Checks, per gold file:
  * schema and allowed values of /work/shared/gold/GUIDELINES.md
  * "doc" is the paper's file name and the paper exists
  * every evidence string occurs in its paper after joining PDF line breaks
    (all newlines removed, as in the seed gold), and contains both link ends' wording
  * every practice / outcome / organisation named in a link, an adopted_by, an
    outcome org, a part_of or a parent is itself annotated
  * every name, alias and outcome text occurs in the paper (joined text)
  * no organisation or practice name (or alias) of 4+ characters of the seed gold
    or of the seed paper texts is reused (well-known institutions are whitelisted)
  * each paper has 1,200-2,000 Han characters
Prints a counts table and ALL OK (exit 0) or the list of problems (exit 1).
"""
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
DIRECTIONS = {'increase', 'decrease', 'level', None}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment',
              'integrity', 'cohesion', 'social', 'other'}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PRA_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LNK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# well-known institutions every paper names: may be reused
WHITELIST_RAW = ['三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队',
                 '党员先锋岗', '第一议题', '第一议题制度', '组织生活会', '民主生活会',
                 '民主评议党员', '民主评议', '青年突击队', '青年文明号', '职工代表大会制度',
                 '党史学习教育', '主题教育']

problems = []


def bad(doc, msg):
    problems.append('%s: %s' % (doc, msg))


def norm(s):
    """GUIDELINES normalisation: NFKC, quotes/brackets/spaces/punctuation removed."""
    s = unicodedata.normalize('NFKC', s or '')
    return ''.join(ch for ch in s
                   if not (ch.isspace() or unicodedata.category(ch)[0] in 'PZS'))


# generic role descriptors used as aliases (not invented names): exempt from the reuse test
GENERIC_RAW = ['公司党委', '队党支部', '矿党委', '矿工会', '矿团委', '公司工会', '党支部', '集团公司']
WHITELIST = {norm(w) for w in WHITELIST_RAW + GENERIC_RAW}
CN_NUM = {'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7,
          '八': 8, '九': 9, '十': 10}


def joined(text):
    return text.replace('\r', '').replace('\n', '')


def han_count(text):
    return len(re.findall(r'[\u4e00-\u9fff]', text))


def seed_names():
    names = set()
    for f in glob.glob(os.path.join(SEED_GOLD, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        for o in d.get('organisations', []):
            for n in [o['name']] + list(o.get('aliases', [])):
                names.add(norm(n))
        for p in d.get('practices', []):
            for n in [p['name']] + list(p.get('aliases', [])):
                names.add(norm(n))
    return {n for n in names if len(n) >= 4}


def seed_texts():
    out = []
    for f in glob.glob(os.path.join(SEED_PAPERS, '*.txt')):
        out.append(norm(joined(open(f, encoding='utf-8').read())))
    return out


def check_keys(doc, obj, keys, what):
    if not isinstance(obj, dict):
        bad(doc, '%s is not an object' % what)
        return False
    if list(obj.keys()) != keys:
        bad(doc, '%s keys %s != %s' % (what, list(obj.keys()), keys))
        return False
    return True


def is_str(x):
    return isinstance(x, str) and x.strip() != ''


def check_file(path, seeds, stexts):
    doc = os.path.basename(path)
    d = json.load(open(path, encoding='utf-8'))
    if not check_keys(doc, d, TOP_KEYS, 'top level'):
        return None
    paper = os.path.join(HERE, 'papers', d['doc'])
    if d['doc'] != doc.replace('.json', '.txt') or not os.path.exists(paper):
        bad(doc, 'doc field %r does not name its paper' % d['doc'])
        return None
    raw = open(paper, encoding='utf-8').read()
    text = joined(raw)
    ntext = norm(text)
    hc = han_count(raw)
    if not 1200 <= hc <= 2000:
        bad(doc, 'paper has %d Han characters (want 1200-2000)' % hc)
    if not is_str(d['article']) or norm(d['article'])[:8] not in ntext:
        bad(doc, 'article title not found in paper')
    if not isinstance(d['skipped'], list):
        bad(doc, 'skipped must be a list')

    def in_text(s):
        return s in text or norm(s) in ntext

    # organisations
    orgs = {}
    for o in d['organisations']:
        if not check_keys(doc, o, ORG_KEYS, 'organisation'):
            continue
        if not is_str(o['name']) or o['name'] in orgs:
            bad(doc, 'organisation name empty or duplicate: %r' % o['name'])
        orgs[o['name']] = o
        if o['type'] not in ORG_TYPES:
            bad(doc, 'org %s: bad type %r' % (o['name'], o['type']))
        if not isinstance(o['aliases'], list) or not all(is_str(a) for a in o['aliases']):
            bad(doc, 'org %s: aliases must be a list of strings' % o['name'])
        for n in [o['name']] + o['aliases']:
            if not in_text(n):
                bad(doc, 'org name/alias not in paper: %r' % n)
    for o in d['organisations']:
        if o.get('parent') is not None and o['parent'] not in orgs:
            bad(doc, 'org %s: parent %r not annotated' % (o['name'], o['parent']))

    # practices
    pracs = {}
    for p in d['practices']:
        if not check_keys(doc, p, PRA_KEYS, 'practice'):
            continue
        if not is_str(p['name']) or p['name'] in pracs:
            bad(doc, 'practice name empty or duplicate: %r' % p['name'])
        pracs[p['name']] = p
        if p['modality'] not in MODALITIES:
            bad(doc, 'practice %s: bad modality' % p['name'])
        if p['domain'] not in DOMAINS:
            bad(doc, 'practice %s: bad domain %r' % (p['name'], p['domain']))
        if not isinstance(p['aliases'], list) or not all(is_str(a) for a in p['aliases']):
            bad(doc, 'practice %s: aliases must be a list of strings' % p['name'])
        if p['modality'] == 'reported' and not p['adopted_by']:
            bad(doc, 'practice %s: reported but no adopted_by' % p['name'])
        if p['modality'] == 'recommended' and p['adopted_by']:
            bad(doc, 'practice %s: recommended but has adopted_by' % p['name'])
        for a in p['adopted_by']:
            if a not in orgs:
                bad(doc, 'practice %s: adopted_by %r not annotated' % (p['name'], a))
        for n in [p['name']] + p['aliases']:
            if not in_text(n):
                bad(doc, 'practice name/alias not in paper: %r' % n)
    for p in d['practices']:
        if p.get('part_of') is not None:
            if p['part_of'] not in pracs:
                bad(doc, 'practice %s: part_of %r not annotated' % (p['name'], p['part_of']))
            elif p['part_of'] == p['name']:
                bad(doc, 'practice %s: part_of itself' % p['name'])

    # outcomes
    outs = {}
    for o in d['outcomes']:
        if not check_keys(doc, o, OUT_KEYS, 'outcome'):
            continue
        if not is_str(o['text']) or o['text'] in outs:
            bad(doc, 'outcome text empty or duplicate: %r' % o['text'])
        outs[o['text']] = o
        if not in_text(o['text']):
            bad(doc, 'outcome text not in paper: %r' % o['text'])
        if not is_str(o['indicator']):
            bad(doc, 'outcome %r: empty indicator' % o['text'])
        v = o['value']
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            bad(doc, 'outcome %r: value must be a number or null' % o['text'])
        if o['unit'] is not None and not is_str(o['unit']):
            bad(doc, 'outcome %r: unit must be a string or null' % o['text'])
        if o['direction'] not in DIRECTIONS:
            bad(doc, 'outcome %r: bad direction %r' % (o['text'], o['direction']))
        y = o['year']
        if y is not None and (not isinstance(y, int) or isinstance(y, bool) or not 2019 <= y <= 2025):
            bad(doc, 'outcome %r: year must be null or an int 2019-2025' % o['text'])
        if o['category'] not in CATEGORIES:
            bad(doc, 'outcome %r: bad category %r' % (o['text'], o['category']))
        if o['org'] not in orgs:
            bad(doc, 'outcome %r: org %r not annotated' % (o['text'], o['org']))
        if v is not None:
            digits = re.sub(r'(?<=\d)[ ,](?=\d{3})', '', o['text'])
            sv = ('%g' % v)
            cn = [k for k, n in CN_NUM.items() if n == v]
            if sv not in digits and not (v == 0) and not any(c in o['text'] for c in cn):
                bad(doc, 'outcome %r: value %s not written in its text' % (o['text'], sv))

    # links
    seen = set()
    for l in d['links']:
        if not check_keys(doc, l, LNK_KEYS, 'link'):
            continue
        key = (l['practice'], l['outcome'])
        if key in seen:
            bad(doc, 'duplicate link %r' % (key,))
        seen.add(key)
        if l['practice'] not in pracs:
            bad(doc, 'link practice not annotated: %r' % l['practice'])
        if l['outcome'] not in outs:
            bad(doc, 'link outcome not annotated: %r' % l['outcome'])
        if l['org'] not in orgs:
            bad(doc, 'link org not annotated: %r' % l['org'])
        ev = l['evidence']
        if not is_str(ev) or ev not in text:
            bad(doc, 'evidence not found in paper: %r' % ev)
            continue
        if l['outcome'] not in ev:
            bad(doc, 'evidence does not contain the outcome %r' % l['outcome'])
        p = pracs.get(l['practice'])
        if p is not None:
            forms = [p['name']] + p['aliases']
            if not any(norm(f) in norm(ev) for f in forms):
                bad(doc, 'evidence does not name practice %r (or an alias)' % l['practice'])
        if p is not None and p['modality'] != 'reported':
            bad(doc, 'link from a recommended practice %r' % l['practice'])

    # no reuse of seed names
    mine = [(o['name'], 'org') for o in d['organisations']] + \
           [(a, 'org alias') for o in d['organisations'] for a in o['aliases']] + \
           [(p['name'], 'practice') for p in d['practices']] + \
           [(a, 'practice alias') for p in d['practices'] for a in p['aliases']]
    for n, kind in mine:
        nn = norm(n)
        if len(nn) < 4 or nn in WHITELIST:
            continue
        for s in seeds:
            if s in WHITELIST:
                continue
            if nn == s or s in nn or nn in s:
                bad(doc, '%s %r reuses seed name %r' % (kind, n, s))
        for t in stexts:
            if nn in t:
                bad(doc, '%s %r occurs in a seed paper' % (kind, n))
                break

    safety_out = {t for t, o in outs.items() if o['category'] == 'safety'}
    return {
        'doc': d['doc'], 'han': hc,
        'orgs': len(d['organisations']),
        'prac_rep': sum(1 for p in d['practices'] if p['modality'] == 'reported'),
        'prac_rec': sum(1 for p in d['practices'] if p['modality'] == 'recommended'),
        'part_of': sum(1 for p in d['practices'] if p['part_of']),
        'outs': len(d['outcomes']), 'outs_safety': len(safety_out),
        'links': len(d['links']),
        'links_safety': sum(1 for l in d['links'] if l['outcome'] in safety_out),
    }


def main():
    files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b17_*.json')))
    papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b17_*.txt')))
    if len(files) != 4 or len(papers) != 4:
        problems.append('expected 4 gold files and 4 papers, got %d / %d' % (len(files), len(papers)))
    for p in papers:
        g = os.path.join(HERE, 'gold', os.path.basename(p).replace('.txt', '.json'))
        if not os.path.exists(g):
            problems.append('no gold for %s' % p)
    seeds = seed_names()
    stexts = seed_texts()
    rows = [r for r in (check_file(f, seeds, stexts) for f in files) if r]
    cols = ['han', 'orgs', 'prac_rep', 'prac_rec', 'part_of', 'outs', 'outs_safety', 'links', 'links_safety']
    hdr = '%-20s' % 'doc' + ''.join('%13s' % c for c in cols)
    print(hdr)
    print('-' * len(hdr))
    tot = {c: 0 for c in cols}
    for r in rows:
        print('%-20s' % r['doc'] + ''.join('%13d' % r[c] for c in cols))
        for c in cols:
            tot[c] += r[c]
    print('-' * len(hdr))
    print('%-20s' % 'TOTAL' + ''.join('%13d' % tot[c] for c in cols))
    print()
    if problems:
        for p in problems:
            print('PROBLEM', p)
        print('%d problem(s)' % len(problems))
        sys.exit(1)
    print('ALL OK')


if __name__ == '__main__':
    main()
