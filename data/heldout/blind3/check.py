#!/usr/bin/env python3
"""Validator for the blind3 held-out set (stdlib only).

Checks, per gold file in gold/b3_*.json:
  * JSON schema and allowed values as in /work/shared/gold/GUIDELINES.md;
  * "doc" names an existing paper in papers/; the article title occurs in it;
  * every organisation / practice name and alias, every outcome text and every link
    evidence occurs in the paper after PDF line breaks are joined (re.sub(r'\\s*\\n\\s*', '', text),
    the seed convention);
  * references resolve: parent, adopted_by, part_of, outcome.org, link practice/outcome/org;
  * every link's evidence contains the outcome text and either a name/alias of the practice or
    a reference word (该/此/这一/通过), and is at most two sentences long;
  * no organisation or practice name (or alias) is reused from the seed gold: a seed name of
    4+ characters (after normalisation) must not match ours by the scorer's own rule (equal,
    containment with the shorter >= half the longer, or similarity ratio >= 0.85), and must not
    occur verbatim in the seed papers; a short whitelist of nationwide party institutions
    (三会一课, 主题党日, 谈心谈话, 党员责任区, 党员示范岗) is exempt by design, and so are
    two generic aliases that are descriptions, not names (公司党委, 集团公司);
  * each paper has 1,200-2,000 Han characters.
Prints a counts table and "ALL OK", or the list of problems (exit code 1).
Usage: python3 check.py [--seeds DIR_WITH_SEED_JSON] [--seed-papers DIR]
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
SEED_PAPERS = '/work/shared/papers'
args = sys.argv[1:]
if '--seeds' in args:
    SEEDS = args[args.index('--seeds') + 1]
if '--seed-papers' in args:
    SEED_PAPERS = args[args.index('--seed-papers') + 1]

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
             'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass',
           'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity',
              'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
MODALITIES = {'reported', 'recommended'}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PR_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OC_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LN_KEYS = ['practice', 'outcome', 'org', 'evidence']
REF_WORDS = ('该', '此', '这一', '通过')
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗'}
# generic descriptive aliases that are not names (exempt from the reuse check, aliases only)
GENERIC_ALIASES = {'公司党委', '集团公司'}

errors = []


def err(f, msg):
    errors.append('%s: %s' % (f, msg))


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(c for c in s if not (unicodedata.category(c)[0] in 'PZ' or c.isspace()))


def join_breaks(t):
    return re.sub(r'\s*\n\s*', '', t)


def han(t):
    return len(re.findall(r'[\u4e00-\u9fff]', t))


def scorer_match(a, b):
    if not a or not b:
        return False
    if a == b:
        return True
    s, l = (a, b) if len(a) <= len(b) else (b, a)
    if s in l and len(s) * 2 >= len(l):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def is_str(x):
    return isinstance(x, str) and x.strip() != ''


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# ---- seed names -----------------------------------------------------------
seed_names = set()
for f in glob.glob(os.path.join(SEEDS, '*.json')):
    d = json.load(open(f, encoding='utf-8'))
    for o in d.get('organisations', []):
        for n in [o['name']] + o.get('aliases', []):
            seed_names.add(norm(n))
    for p in d.get('practices', []):
        for n in [p['name']] + p.get('aliases', []):
            seed_names.add(norm(n))
seed_names = {n for n in seed_names if len(n) >= 4 and n not in WHITELIST}
seed_text = ''
for f in glob.glob(os.path.join(SEED_PAPERS, '*.txt')):
    seed_text += norm(join_breaks(open(f, encoding='utf-8').read()))
if not seed_names:
    errors.append('no seed gold found in %s (needed for the reuse check)' % SEEDS)

# ---- gold files -----------------------------------------------------------
rows = []
files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b3_*.json')))
if not files:
    errors.append('no gold files')
papers_seen = {}
for path in files:
    fn = os.path.basename(path)
    try:
        d = json.load(open(path, encoding='utf-8'))
    except Exception as e:  # noqa
        err(fn, 'invalid JSON: %s' % e)
        continue
    if list(d.keys()) != TOP_KEYS:
        err(fn, 'top-level keys %s != %s' % (list(d.keys()), TOP_KEYS))
    doc = d.get('doc', '')
    ppath = os.path.join(HERE, 'papers', doc)
    if not (doc.startswith('b3_') and doc.endswith('.txt') and os.path.exists(ppath)):
        err(fn, 'doc %r is not a paper in papers/' % doc)
        continue
    if not fn.startswith(doc[:-4] + '.') and not fn.startswith(doc[:-4] + '__'):
        err(fn, 'file name does not follow doc name %s' % doc)
    raw = open(ppath, encoding='utf-8').read()
    text = join_breaks(raw)
    papers_seen[doc] = raw
    if not is_str(d.get('article')):
        err(fn, 'article missing')
    elif norm(d['article']) not in norm(text):
        err(fn, 'article title not in paper: %s' % d['article'])
    if not isinstance(d.get('skipped'), list) or not all(is_str(s) for s in d['skipped']):
        err(fn, 'skipped must be a list of strings')

    orgs = d.get('organisations', [])
    org_names = [o.get('name') for o in orgs]
    if len(set(org_names)) != len(org_names):
        err(fn, 'duplicate organisation names')
    for o in orgs:
        if list(o.keys()) != ORG_KEYS:
            err(fn, 'org keys %s' % list(o.keys()))
            continue
        if not is_str(o['name']):
            err(fn, 'org without name')
        if o['type'] not in ORG_TYPES:
            err(fn, 'org %s: bad type %r' % (o['name'], o['type']))
        if not isinstance(o['aliases'], list):
            err(fn, 'org %s: aliases not a list' % o['name'])
        if o['parent'] is not None and o['parent'] not in org_names:
            err(fn, 'org %s: parent %r not annotated' % (o['name'], o['parent']))
        if o['parent'] == o['name']:
            err(fn, 'org %s is its own parent' % o['name'])
        for n in [o['name']] + list(o['aliases']):
            if n not in text:
                err(fn, 'org name/alias not in paper: %s' % n)

    prs = d.get('practices', [])
    pr_names = [p.get('name') for p in prs]
    if len(set(pr_names)) != len(pr_names):
        err(fn, 'duplicate practice names')
    for p in prs:
        if list(p.keys()) != PR_KEYS:
            err(fn, 'practice keys %s' % list(p.keys()))
            continue
        if not is_str(p['name']):
            err(fn, 'practice without name')
        if p['modality'] not in MODALITIES:
            err(fn, 'practice %s: bad modality' % p['name'])
        if p['domain'] not in DOMAINS:
            err(fn, 'practice %s: bad domain %r' % (p['name'], p['domain']))
        if not isinstance(p['aliases'], list) or not isinstance(p['adopted_by'], list):
            err(fn, 'practice %s: aliases/adopted_by not lists' % p['name'])
            continue
        if p['modality'] == 'reported' and not p['adopted_by']:
            err(fn, 'reported practice %s without adopted_by' % p['name'])
        if p['modality'] == 'recommended' and p['adopted_by']:
            err(fn, 'recommended practice %s has adopted_by' % p['name'])
        for a in p['adopted_by']:
            if a not in org_names:
                err(fn, 'practice %s: adopted_by %r not annotated' % (p['name'], a))
        if p['part_of'] is not None and (p['part_of'] not in pr_names or p['part_of'] == p['name']):
            err(fn, 'practice %s: part_of %r not annotated' % (p['name'], p['part_of']))
        for n in [p['name']] + p['aliases']:
            if n not in text:
                err(fn, 'practice name/alias not in paper: %s' % n)

    # reuse check against the seeds
    for kind, items in (('org', orgs), ('practice', prs)):
        for it in items:
            for n in [it['name']] + list(it['aliases']):
                nn = norm(n)
                if len(nn) < 4 or nn in WHITELIST or (n != it['name'] and nn in GENERIC_ALIASES):
                    continue
                for s in seed_names:
                    if scorer_match(nn, s):
                        err(fn, '%s name %s reuses seed name %s' % (kind, n, s))
                if nn in seed_text:
                    err(fn, '%s name %s occurs verbatim in a seed paper' % (kind, n))

    ocs = d.get('outcomes', [])
    oc_texts = [o.get('text') for o in ocs]
    if len(set(oc_texts)) != len(oc_texts):
        err(fn, 'duplicate outcome texts')
    oc_cat = {}
    for o in ocs:
        if list(o.keys()) != OC_KEYS:
            err(fn, 'outcome keys %s' % list(o.keys()))
            continue
        oc_cat[o['text']] = o['category']
        if not is_str(o['text']) or not is_str(o['indicator']):
            err(fn, 'outcome without text/indicator')
        if o['text'] not in text:
            err(fn, 'outcome text not in paper: %s' % o['text'])
        if o['value'] is not None and not is_num(o['value']):
            err(fn, 'outcome %s: value not a number' % o['text'])
        if o['value'] is not None and o['unit'] is None:
            err(fn, 'outcome %s: value without unit' % o['text'])
        if o['unit'] is not None and not is_str(o['unit']):
            err(fn, 'outcome %s: bad unit' % o['text'])
        if o['direction'] not in DIRECTIONS:
            err(fn, 'outcome %s: bad direction %r' % (o['text'], o['direction']))
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
            err(fn, 'outcome %s: bad year %r' % (o['text'], o['year']))
        if o['category'] not in CATEGORIES:
            err(fn, 'outcome %s: bad category %r' % (o['text'], o['category']))
        if o['org'] not in org_names:
            err(fn, 'outcome %s: org %r not annotated' % (o['text'], o['org']))
        if o['value'] is not None:
            digits = re.sub(r'\s', '', o['text'])
            v = o['value']
            vs = ('%d' % v) if float(v).is_integer() else repr(v)
            if vs not in digits:
                err(fn, 'outcome %s: value %s not in its text' % (o['text'], v))

    lns = d.get('links', [])
    seen = set()
    n_safety_links = 0
    for l in lns:
        if list(l.keys()) != LN_KEYS:
            err(fn, 'link keys %s' % list(l.keys()))
            continue
        key = (l['practice'], l['outcome'])
        if key in seen:
            err(fn, 'duplicate link %s' % (key,))
        seen.add(key)
        if l['practice'] not in pr_names:
            err(fn, 'link practice not annotated: %s' % l['practice'])
            continue
        if l['outcome'] not in oc_texts:
            err(fn, 'link outcome not annotated: %s' % l['outcome'])
            continue
        if l['org'] not in org_names:
            err(fn, 'link org not annotated: %s' % l['org'])
        ev = l['evidence']
        if not is_str(ev) or ev not in text:
            err(fn, 'evidence not in paper: %s' % ev)
        if l['outcome'] not in ev:
            err(fn, 'evidence lacks outcome text: %s' % l['outcome'])
        p = prs[pr_names.index(l['practice'])]
        if p['modality'] != 'reported':
            err(fn, 'link from a recommended practice: %s' % l['practice'])
        names = [p['name']] + p['aliases']
        if not any(n in ev for n in names) and not any(w in ev for w in REF_WORDS):
            err(fn, 'evidence names neither the practice nor a reference: %s' % l['practice'])
        if len(re.findall(r'[。！？]', ev)) > 2:
            err(fn, 'evidence longer than two sentences: %s' % ev[:40])
        if oc_cat.get(l['outcome']) == 'safety':
            n_safety_links += 1

    rows.append((fn, len(orgs),
                 sum(p.get('modality') == 'reported' for p in prs),
                 sum(p.get('modality') == 'recommended' for p in prs),
                 len(ocs), sum(o.get('category') == 'safety' for o in ocs),
                 len(lns), n_safety_links))

for doc, raw in sorted(papers_seen.items()):
    n = han(raw)
    if not 1200 <= n <= 2000:
        err(doc, '%d Han characters (want 1200-2000)' % n)
for p in sorted(glob.glob(os.path.join(HERE, 'papers', '*.txt'))):
    if os.path.basename(p) not in papers_seen:
        err(os.path.basename(p), 'paper without a gold file')

# ---- report ---------------------------------------------------------------
hdr = ('file', 'orgs', 'pr.rep', 'pr.rec', 'outcomes', '(safety)', 'links', '(safety)')
print('%-22s %5s %7s %7s %9s %9s %6s %9s' % hdr)
tot = [0] * 7
for r in rows:
    print('%-22s %5d %7d %7d %9d %9d %6d %9d' % r)
    tot = [a + b for a, b in zip(tot, r[1:])]
print('%-22s %5d %7d %7d %9d %9d %6d %9d' % tuple(['TOTAL'] + tot))
for doc, raw in sorted(papers_seen.items()):
    print('%s: %d Han characters' % (doc, han(raw)))
if errors:
    print('\n%d PROBLEM(S):' % len(errors))
    for e in errors:
        print('  ' + e)
    sys.exit(1)
print('ALL OK')
