#!/usr/bin/env python3
"""Validator for the blind4 held-out set (stdlib only).

Checks, per gold/b4_*.json:
  * schema and allowed values of /work/shared/gold/GUIDELINES.md;
  * "doc" is the paper's file name and the paper exists; paper length 1,200-2,000 Han characters;
  * every link evidence occurs in its paper after joining PDF line breaks (each line stripped of
    ASCII blanks and concatenated, as in the seed gold) and after removing the repeated page
    header/footer lines of the journal layout;
  * every outcome text and every practice name occurs in the joined paper (at least one alias does);
  * every practice/outcome/org named in a link, in adopted_by, part_of, parent, outcome.org is annotated;
  * no organisation or practice name (or alias) of 4+ characters of the seed gold is reused: a name
    clashes when, after the scorer's normalisation, it is equal to a seed name, contains / is contained
    in it with the shorter at least half the longer, or has a difflib ratio >= 0.85.  Well-known
    party-life institutions that the brief asks to mix in are whitelisted (see WHITELIST).
Prints a counts table and ALL OK (exit 0), or the list of problems (exit 1).
"""
import difflib
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_DIR = '/work/shared/gold/seeds'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
             'Department', 'Team', 'Other'}
MODALITIES = {'reported', 'recommended'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass',
           'digital', 'safety', 'production', 'management'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity',
              'cohesion', 'social', 'other'}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PR_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LINK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# well-known institutions of party life that the brief asks to mix in (not invented names)
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗'}

# repeated page header / footer lines of the CNKI-style journal layout
HEADER_RE = re.compile(r'^\s*(·\s*\d+\s*·|第\d+卷第\d+期.*煤炭经济研究.*)\s*$')

PUNCT_RE = re.compile(r'[\s"\'“”‘’「」『』《》〈〉()（）\[\]【】{}<>,，.。、;；:：!！?？…·\-—_+/\\|~`@#$%^&*=]')


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return PUNCT_RE.sub('', s)


def clash(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if short in long_ and len(short) * 2 >= len(long_):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def joined_text(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    return ''.join(l.strip(' \t\r') for l in lines if not HEADER_RE.match(l))


def han_count(path):
    with open(path, encoding='utf-8') as f:
        return len(re.findall(r'[\u4e00-\u9fff]', f.read()))


def seed_names():
    names = set()
    for fn in glob.glob(os.path.join(SEED_DIR, '*.json')):
        with open(fn, encoding='utf-8') as f:
            d = json.load(f)
        for o in d.get('organisations', []):
            for n in [o['name']] + o.get('aliases', []):
                names.add(n)
        for p in d.get('practices', []):
            for n in [p['name']] + p.get('aliases', []):
                names.add(n)
    return {n for n in names if len(norm(n)) >= 4}


def check_file(fn, seeds, errs):
    def err(msg):
        errs.append('%s: %s' % (os.path.basename(fn), msg))

    with open(fn, encoding='utf-8') as f:
        d = json.load(f)
    if list(d.keys()) != TOP_KEYS:
        err('top-level keys %s' % list(d.keys()))
    doc = d.get('doc', '')
    if doc != os.path.basename(fn).replace('.json', '.txt'):
        err('doc %r does not match file name' % doc)
    paper = os.path.join(HERE, 'papers', doc)
    if not os.path.exists(paper):
        err('paper missing: %s' % paper)
        return None
    text = joined_text(paper)
    hc = han_count(paper)
    if not 1200 <= hc <= 2000:
        err('paper has %d Han characters (want 1200-2000)' % hc)
    if not isinstance(d['article'], str) or not d['article']:
        err('article title empty')
    if not isinstance(d['skipped'], list):
        err('skipped not a list')

    org_names = set()
    for o in d['organisations']:
        if list(o.keys()) != ORG_KEYS:
            err('org keys %s' % list(o.keys()))
        if o['type'] not in ORG_TYPES:
            err('org %s: bad type %s' % (o['name'], o['type']))
        if not isinstance(o['aliases'], list):
            err('org %s: aliases not a list' % o['name'])
        if o['name'] in org_names:
            err('duplicate org %s' % o['name'])
        org_names.add(o['name'])
    for o in d['organisations']:
        if o['parent'] is not None and o['parent'] not in org_names:
            err('org %s: parent %s not annotated' % (o['name'], o['parent']))
        if not any(n in text for n in [o['name']] + o['aliases']):
            err('org %s: neither name nor alias occurs in paper' % o['name'])

    pr_names = set()
    for p in d['practices']:
        if list(p.keys()) != PR_KEYS:
            err('practice keys %s' % list(p.keys()))
        if p['name'] in pr_names:
            err('duplicate practice %s' % p['name'])
        pr_names.add(p['name'])
    for p in d['practices']:
        n = p['name']
        if p['modality'] not in MODALITIES:
            err('practice %s: bad modality' % n)
        if p['domain'] not in DOMAINS:
            err('practice %s: bad domain %s' % (n, p['domain']))
        if p['modality'] == 'reported' and not p['adopted_by']:
            err('practice %s: reported without adopted_by' % n)
        if p['modality'] == 'recommended' and p['adopted_by']:
            err('practice %s: recommended with adopted_by' % n)
        for a in p['adopted_by']:
            if a not in org_names:
                err('practice %s: adopted_by %s not annotated' % (n, a))
        if p['part_of'] is not None and p['part_of'] not in pr_names:
            err('practice %s: part_of %s not annotated' % (n, p['part_of']))
        if n not in text:
            err('practice name not in paper: %s' % n)
        for a in p['aliases']:
            if a not in text:
                err('practice %s: alias not in paper: %s' % (n, a))

    out_texts = set()
    for o in d['outcomes']:
        if list(o.keys()) != OUT_KEYS:
            err('outcome keys %s' % list(o.keys()))
        t = o['text']
        if t in out_texts:
            err('duplicate outcome %s' % t)
        out_texts.add(t)
        if t not in text:
            err('outcome text not in paper: %s' % t)
        if o['category'] not in CATEGORIES:
            err('outcome %s: bad category %s' % (t, o['category']))
        if o['direction'] not in DIRECTIONS:
            err('outcome %s: bad direction %s' % (t, o['direction']))
        if o['value'] is not None and not isinstance(o['value'], (int, float)):
            err('outcome %s: value not a number' % t)
        if o['value'] is not None and o['unit'] is None:
            err('outcome %s: value without unit' % t)
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
            err('outcome %s: bad year %s' % (t, o['year']))
        if not o['indicator']:
            err('outcome %s: empty indicator' % t)
        if o['org'] not in org_names:
            err('outcome %s: org %s not annotated' % (t, o['org']))

    seen = set()
    for l in d['links']:
        if list(l.keys()) != LINK_KEYS:
            err('link keys %s' % list(l.keys()))
        key = (l['practice'], l['outcome'])
        if key in seen:
            err('duplicate link %s' % (key,))
        seen.add(key)
        if l['practice'] not in pr_names:
            err('link practice not annotated: %s' % l['practice'])
        if l['outcome'] not in out_texts:
            err('link outcome not annotated: %s' % l['outcome'])
        if l['org'] not in org_names:
            err('link org not annotated: %s' % l['org'])
        if l['evidence'] not in text:
            err('evidence not in paper: %s' % l['evidence'][:60])
        if l['outcome'] not in l['evidence']:
            err('link outcome text not inside its evidence: %s' % l['outcome'])
        pr = next((p for p in d['practices'] if p['name'] == l['practice']), None)
        if pr is not None:
            if not any(n in l['evidence'] for n in [pr['name']] + pr['aliases']) and \
                    not re.search(r'这一|该|此|上述', l['evidence']):
                err('link %s -> %s: evidence neither names the practice nor refers to it'
                    % (l['practice'], l['outcome']))
            if pr['modality'] == 'reported' and l['org'] not in pr['adopted_by']:
                err('link %s: org %s not among adopted_by' % (l['practice'], l['org']))

    # invented names: no reuse of seed names (4+ characters)
    names = [(o['name'], 'org') for o in d['organisations']] + \
            [(a, 'org alias') for o in d['organisations'] for a in o['aliases']] + \
            [(p['name'], 'practice') for p in d['practices']] + \
            [(a, 'practice alias') for p in d['practices'] for a in p['aliases']]
    for n, kind in names:
        if len(norm(n)) < 4 or norm(n) in WHITELIST:
            continue
        for s in seeds:
            if clash(n, s):
                err('%s %s reuses / matches seed name %s' % (kind, n, s))

    pr_rep = sum(p['modality'] == 'reported' for p in d['practices'])
    pr_rec = len(d['practices']) - pr_rep
    cats = {o['text']: o['category'] for o in d['outcomes']}
    out_s = sum(o['category'] == 'safety' for o in d['outcomes'])
    lk_s = sum(cats.get(l['outcome']) == 'safety' for l in d['links'])
    return (doc, hc, len(d['organisations']), pr_rep, pr_rec, len(d['outcomes']), out_s,
            len(d['links']), lk_s)


def main():
    errs = []
    seeds = seed_names()
    files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b4_*.json')))
    papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b4_*.txt')))
    if len(files) != 4 or len(papers) != 4:
        errs.append('expected 4 gold files and 4 papers, found %d / %d' % (len(files), len(papers)))
    rows = []
    for fn in files:
        try:
            r = check_file(fn, seeds, errs)
        except (KeyError, TypeError, ValueError) as e:
            errs.append('%s: malformed (%r)' % (os.path.basename(fn), e))
            r = None
        if r:
            rows.append(r)
    hdr = ('doc', 'han', 'orgs', 'pr_rep', 'pr_rec', 'outcomes', 'out_safety', 'links', 'links_safety')
    fmt = '%-18s' + '%13s' * (len(hdr) - 1)
    print(fmt % hdr)
    for r in rows:
        print(fmt % r)
    tot = ['TOTAL'] + [sum(r[i] for r in rows) for i in range(1, len(hdr))]
    print(fmt % tuple(tot))
    if errs:
        print('\n%d problem(s):' % len(errs))
        for e in errs:
            print('  - ' + e)
        sys.exit(1)
    print('ALL OK')


if __name__ == '__main__':
    main()
