#!/usr/bin/env python3
"""Validator for the blind13 held-out set (stdlib only).

Checks, for every gold/b13_*.json:
  * schema and allowed values of /work/shared/gold/GUIDELINES.md;
  * "doc" names an existing papers/<doc> file, the paper has 1,200-2,000 Han characters;
  * every organisation name/alias, practice name/alias and outcome text occurs in the paper
    (after joining PDF line breaks: re.sub(r'\\s*\\n\\s*', '', text), the seed convention);
  * every link evidence occurs in the joined paper and contains the outcome text;
  * every practice / outcome / org named in a link (and every adopted_by, part_of, parent,
    outcome org) is itself annotated in the same file; no duplicate names / outcome texts;
  * no organisation or practice name (or alias) of 4+ characters from the seed gold files
    is reused (equal, or one contains the other, after normalisation), except a whitelist of
    well-known institutions that every paper names.
Prints a counts table and "ALL OK" (exit 0) or the list of errors (exit 1).
"""
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_GOLD = '/work/shared/gold/seeds'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union',
             'YouthLeague', 'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture',
           'mass', 'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment',
              'integrity', 'cohesion', 'social', 'other'}
MODALITIES = {'reported', 'recommended'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PRAC_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LINK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# well-known institutions that every paper may name (allowed to coincide with seed names)
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队',
             '党员先锋岗', '第一议题制度', '组织生活会', '民主生活会', '民主评议党员',
             # generic nouns, not names of a particular body or practice
             '集团公司', '公司党委', '责任清单'}

errors = []


def err(doc, msg):
    errors.append('%s: %s' % (doc, msg))


def join_breaks(text):
    return re.sub(r'\s*\n\s*', '', text)


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(ch for ch in s
                   if not unicodedata.category(ch).startswith(('P', 'Z', 'S', 'C')))


def han(text):
    return len(re.findall(r'[\u4e00-\u9fff]', text))


def seed_names():
    names = {}
    for f in sorted(glob.glob(os.path.join(SEED_GOLD, '*.json'))):
        d = json.load(open(f, encoding='utf-8'))
        for o in d.get('organisations', []):
            for n in [o['name']] + list(o.get('aliases', [])):
                names.setdefault(norm(n), n)
        for p in d.get('practices', []):
            for n in [p['name']] + list(p.get('aliases', [])):
                names.setdefault(norm(n), n)
    return {k: v for k, v in names.items() if len(k) >= 4}


def check_keys(doc, obj, keys, what):
    if not isinstance(obj, dict):
        err(doc, '%s is not an object' % what)
        return False
    if list(obj.keys()) != keys:
        err(doc, '%s keys %s != %s' % (what, list(obj.keys()), keys))
        return False
    return True


def is_str(x):
    return isinstance(x, str) and x.strip() != ''


def check_file(path, seeds):
    doc = os.path.basename(path)
    d = json.load(open(path, encoding='utf-8'))
    if not check_keys(doc, d, TOP_KEYS, 'top level'):
        return None
    ppath = os.path.join(HERE, 'papers', d['doc'])
    if not os.path.basename(path).startswith('b13_') or d['doc'] != doc.replace('.json', '.txt'):
        err(doc, 'doc field %r does not match file name' % d['doc'])
    if not os.path.exists(ppath):
        err(doc, 'paper %s missing' % ppath)
        return None
    raw = open(ppath, encoding='utf-8').read()
    text = join_breaks(raw)
    n_han = han(raw)
    if not 1200 <= n_han <= 2000:
        err(doc, 'paper has %d Han characters (want 1200-2000)' % n_han)
    if not is_str(d['article']):
        err(doc, 'article title empty')
    elif join_breaks(d['article'].replace('——', '')) [:8] not in text:
        err(doc, 'article title start not found in paper')
    if not isinstance(d['skipped'], list) or not all(is_str(s) for s in d['skipped']):
        err(doc, 'skipped must be a list of strings')

    # organisations
    orgs = {}
    org_alias = {}
    for o in d['organisations']:
        if not check_keys(doc, o, ORG_KEYS, 'organisation'):
            continue
        if not is_str(o['name']):
            err(doc, 'organisation without name')
            continue
        if o['name'] in orgs:
            err(doc, 'duplicate organisation %s' % o['name'])
        orgs[o['name']] = o
        if o['type'] not in ORG_TYPES:
            err(doc, 'org %s: bad type %r' % (o['name'], o['type']))
        if not isinstance(o['aliases'], list):
            err(doc, 'org %s: aliases not a list' % o['name'])
        for n in [o['name']] + list(o['aliases']):
            if n not in text:
                err(doc, 'org name/alias %r not in paper' % n)
            org_alias[n] = o['name']
    for o in orgs.values():
        if o['parent'] is not None and o['parent'] not in orgs:
            err(doc, 'org %s: parent %r not annotated' % (o['name'], o['parent']))

    # practices
    pracs = {}
    for p in d['practices']:
        if not check_keys(doc, p, PRAC_KEYS, 'practice'):
            continue
        if not is_str(p['name']):
            err(doc, 'practice without name')
            continue
        if p['name'] in pracs:
            err(doc, 'duplicate practice %s' % p['name'])
        pracs[p['name']] = p
        if p['modality'] not in MODALITIES:
            err(doc, 'practice %s: bad modality %r' % (p['name'], p['modality']))
        if p['domain'] not in DOMAINS:
            err(doc, 'practice %s: bad domain %r' % (p['name'], p['domain']))
        if not isinstance(p['aliases'], list) or not isinstance(p['adopted_by'], list):
            err(doc, 'practice %s: aliases/adopted_by not lists' % p['name'])
            continue
        if p['modality'] == 'reported' and not p['adopted_by']:
            err(doc, 'practice %s: reported but adopted_by empty' % p['name'])
        if p['modality'] == 'recommended' and p['adopted_by']:
            err(doc, 'practice %s: recommended but adopted_by given' % p['name'])
        for a in p['adopted_by']:
            if a not in orgs:
                err(doc, 'practice %s: adopted_by %r not annotated' % (p['name'], a))
        for n in [p['name']] + p['aliases']:
            if n not in text:
                err(doc, 'practice name/alias %r not in paper' % n)
    for p in pracs.values():
        if p['part_of'] is not None:
            if p['part_of'] not in pracs:
                err(doc, 'practice %s: part_of %r not annotated' % (p['name'], p['part_of']))
            elif p['part_of'] == p['name']:
                err(doc, 'practice %s is part of itself' % p['name'])

    # outcomes
    outs = {}
    for o in d['outcomes']:
        if not check_keys(doc, o, OUT_KEYS, 'outcome'):
            continue
        t = o['text']
        if not is_str(t):
            err(doc, 'outcome without text')
            continue
        if t in outs:
            err(doc, 'duplicate outcome text %s' % t)
        outs[t] = o
        if t not in text:
            err(doc, 'outcome text %r not in paper' % t)
        if not is_str(o['indicator']):
            err(doc, 'outcome %s: empty indicator' % t)
        if o['value'] is not None and (isinstance(o['value'], bool) or not isinstance(o['value'], (int, float))):
            err(doc, 'outcome %s: value must be number or null' % t)
        if o['unit'] is not None and not is_str(o['unit']):
            err(doc, 'outcome %s: unit must be string or null' % t)
        if o['direction'] not in DIRECTIONS:
            err(doc, 'outcome %s: bad direction %r' % (t, o['direction']))
        if o['year'] is not None and not (isinstance(o['year'], int) and 2015 <= o['year'] <= 2026):
            err(doc, 'outcome %s: bad year %r' % (t, o['year']))
        if o['category'] not in CATEGORIES:
            err(doc, 'outcome %s: bad category %r' % (t, o['category']))
        if o['org'] not in orgs:
            err(doc, 'outcome %s: org %r not annotated' % (t, o['org']))

    # links
    seen = set()
    for l in d['links']:
        if not check_keys(doc, l, LINK_KEYS, 'link'):
            continue
        key = (l['practice'], l['outcome'])
        if key in seen:
            err(doc, 'duplicate link %s -> %s' % key)
        seen.add(key)
        if l['practice'] not in pracs:
            err(doc, 'link practice %r not annotated' % l['practice'])
        elif pracs[l['practice']]['modality'] != 'reported':
            err(doc, 'link from recommended practice %r' % l['practice'])
        if l['outcome'] not in outs:
            err(doc, 'link outcome %r not annotated' % l['outcome'])
        if l['org'] not in orgs:
            err(doc, 'link org %r not annotated' % l['org'])
        ev = l['evidence']
        if not is_str(ev):
            err(doc, 'link %s -> %s: empty evidence' % key)
            continue
        if ev not in text:
            err(doc, 'evidence not in paper: %s' % ev[:50])
        if l['outcome'] not in ev:
            err(doc, 'evidence does not contain outcome %r' % l['outcome'])

    # no reuse of seed names (4+ chars), except the whitelist
    mine = []
    for o in orgs.values():
        mine += [o['name']] + list(o['aliases'])
    for p in pracs.values():
        mine += [p['name']] + p['aliases']
    for n in mine:
        k = norm(n)
        if len(k) < 4 or k in WHITELIST:
            continue
        for sk, sv in seeds.items():
            if sk in WHITELIST:
                continue
            if k == sk or sk in k or k in sk:
                err(doc, 'name %r reuses seed name %r' % (n, sv))

    links_safety = sum(1 for l in d['links'] if l['outcome'] in outs
                       and outs[l['outcome']]['category'] == 'safety')
    return {
        'doc': d['doc'], 'han': n_han, 'orgs': len(orgs),
        'prac_rep': sum(1 for p in pracs.values() if p['modality'] == 'reported'),
        'prac_rec': sum(1 for p in pracs.values() if p['modality'] == 'recommended'),
        'outs': len(outs),
        'outs_safety': sum(1 for o in outs.values() if o['category'] == 'safety'),
        'links': len(d['links']), 'links_safety': links_safety,
    }


def main():
    seeds = seed_names()
    if not seeds:
        errors.append('no seed gold names found under %s' % SEED_GOLD)
    files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b13_*.json')))
    papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b13_*.txt')))
    if len(files) != 4 or len(papers) != 4:
        errors.append('expected 4 gold files and 4 papers, got %d and %d' % (len(files), len(papers)))
    rows = []
    for f in files:
        try:
            r = check_file(f, seeds)
        except (ValueError, KeyError, TypeError) as e:
            err(os.path.basename(f), 'cannot check: %r' % e)
            r = None
        if r:
            rows.append(r)
    cols = ['han', 'orgs', 'prac_rep', 'prac_rec', 'outs', 'outs_safety', 'links', 'links_safety']
    print('%-18s' % 'doc' + ''.join('%13s' % c for c in cols))
    for r in rows:
        print('%-18s' % r['doc'] + ''.join('%13d' % r[c] for c in cols))
    print('%-18s' % 'TOTAL' + ''.join('%13d' % sum(r[c] for r in rows) for c in cols))
    if errors:
        print('\n%d ERROR(S):' % len(errors))
        for e in errors:
            print('  ' + e)
        sys.exit(1)
    print('ALL OK')


if __name__ == '__main__':
    main()
