#!/usr/bin/env python3
"""Validator for the blind6 gold set (stdlib only).

Usage: python3 check.py [--seeds /work/shared/gold/seeds]

Checks, for every gold/b6_*.json:
  * schema: keys, types, allowed values of GUIDELINES.md (type, modality, domain,
    direction, category), reported practices have adopted_by, recommended ones do not;
  * "doc" is the paper's file name and the paper exists;
  * every organisation named anywhere (parent, adopted_by, outcome org, link org) is annotated,
    every part_of names an annotated practice, names are unique;
  * every link repeats an annotated practice name and outcome text exactly;
  * every evidence string, outcome text and practice name (or one of its aliases) occurs in the
    paper after joining line breaks (seed convention: a line break and the blanks around it are
    removed); every organisation name or one of its aliases occurs there (blanks removed);
  * no passage of 16+ characters (blanks removed) is shared with a seed paper;
  * no organisation or practice name/alias of 4+ characters from the seed gold is reused
    (normalised as in the scoring: NFKC, quotes/brackets/spaces/punctuation removed; reuse = equal,
    seed name contained in ours, ours contained in the seed name and at least half its length,
    or difflib ratio >= 0.85), except the whitelisted well-known institutions.
Prints a counts table and ALL OK (exit 0) or the list of problems (exit 1).
"""
import difflib, glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = '/work/shared/gold/seeds'
if '--seeds' in sys.argv:
    SEEDS = sys.argv[sys.argv.index('--seeds') + 1]
SEED_PAPERS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(SEEDS))), 'papers')
LONG = 16  # a shared passage of this many characters counts as a copied sentence

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
OC_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# well-known institutions that every paper names (and two generic words), allowed although
# they occur in the seed gold
WHITELIST = ['三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '第一议题',
             '民主生活会', '组织生活会', '党员先锋岗', '集团公司']
WL = set()


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(ch for ch in s if not (unicodedata.category(ch)[0] in 'PZS' or ch.isspace()))


def joined(text):
    return re.sub(r'[ \t\u3000]*\n[ \t\u3000]*', '', text)


def squeeze(text):
    return re.sub(r'\s+', '', text)


def reused(ours, seed):
    a, b = norm(ours), norm(seed)
    if a in WL:
        return False
    if len(b) < 4 or len(a) < 2:
        return False
    if a == b or b in a:
        return True
    if len(a) >= 4 and a in b and 2 * len(a) >= len(b):
        return True
    return len(a) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def main():
    WL.update(norm(w) for w in WHITELIST)
    errors = []
    err = lambda f, m: errors.append(f'{f}: {m}')
    # seed names
    seed_names = set()
    for f in glob.glob(os.path.join(SEEDS, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        for u in d['organisations'] + d['practices']:
            for n in [u['name']] + u.get('aliases', []):
                if len(norm(n)) >= 4 and norm(n) not in {norm(w) for w in WHITELIST}:
                    seed_names.add(n)
    if not seed_names:
        errors.append(f'no seed gold found under {SEEDS}')
    # passages of the seed papers (no sentence of a seed paper may be copied)
    seed_grams = set()
    for f in glob.glob(os.path.join(SEED_PAPERS, '*.txt')):
        s = squeeze(open(f, encoding='utf-8').read())
        seed_grams.update(s[k:k + LONG] for k in range(len(s) - LONG + 1))
    if not seed_grams:
        errors.append(f'no seed papers found under {SEED_PAPERS}')
    rows = []
    files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b6_*.json')))
    if len(files) != 4:
        errors.append(f'expected 4 gold files, found {len(files)}')
    for f in files:
        fn = os.path.basename(f)
        try:
            d = json.load(open(f, encoding='utf-8'))
        except Exception as e:
            err(fn, f'invalid JSON: {e}')
            continue
        if list(d.keys()) != TOP_KEYS:
            err(fn, f'top-level keys {list(d.keys())}')
            continue
        paper = os.path.join(HERE, 'papers', d['doc'])
        if d['doc'] != fn.replace('.json', '.txt') or not os.path.exists(paper):
            err(fn, f'doc {d["doc"]!r} does not name this paper')
            continue
        text = open(paper, encoding='utf-8').read()
        J, Q = joined(text), squeeze(text)
        if not isinstance(d['article'], str) or not d['article']:
            err(fn, 'article title missing')
        if not isinstance(d['skipped'], list) or not all(isinstance(x, str) for x in d['skipped']):
            err(fn, 'skipped must be a list of strings')
        han = len(re.findall(r'[\u4e00-\u9fff]', text))
        for k in range(len(Q) - LONG + 1):
            if Q[k:k + LONG] in seed_grams:
                err(fn, f'shares a {LONG}-character passage with a seed paper: {Q[k:k + LONG]}')
                break
        if not 1200 <= han <= 2000:
            err(fn, f'{han} Han characters (want 1200-2000)')
        # organisations
        orgs = {}
        for o in d['organisations']:
            if list(o.keys()) != ORG_KEYS:
                err(fn, f'org keys {list(o.keys())}'); continue
            if o['name'] in orgs:
                err(fn, f'duplicate org {o["name"]}')
            orgs[o['name']] = o
            if o['type'] not in ORG_TYPES:
                err(fn, f'org {o["name"]}: bad type {o["type"]}')
            if not isinstance(o['aliases'], list):
                err(fn, f'org {o["name"]}: aliases not a list')
            if not any(squeeze(n) in Q for n in [o['name']] + o['aliases']):
                err(fn, f'org {o["name"]}: neither name nor alias occurs in the paper')
        for o in d['organisations']:
            if o.get('parent') is not None and o['parent'] not in orgs:
                err(fn, f'org {o["name"]}: parent {o["parent"]} not annotated')
            if o.get('parent') == o.get('name'):
                err(fn, f'org {o["name"]} is its own parent')
        # practices
        prs = {}
        for p in d['practices']:
            if list(p.keys()) != PR_KEYS:
                err(fn, f'practice keys {list(p.keys())}'); continue
            if p['name'] in prs:
                err(fn, f'duplicate practice {p["name"]}')
            prs[p['name']] = p
            if p['modality'] not in MODALITIES:
                err(fn, f'practice {p["name"]}: bad modality')
            if p['domain'] not in DOMAINS:
                err(fn, f'practice {p["name"]}: bad domain {p["domain"]}')
            if p['modality'] == 'reported' and not p['adopted_by']:
                err(fn, f'practice {p["name"]}: reported but no adopted_by')
            if p['modality'] == 'recommended' and p['adopted_by']:
                err(fn, f'practice {p["name"]}: recommended but adopted_by set')
            for a in p['adopted_by']:
                if a not in orgs:
                    err(fn, f'practice {p["name"]}: adopted_by {a} not annotated')
            if not any(n in J for n in [p['name']] + p['aliases']):
                err(fn, f'practice {p["name"]}: neither name nor alias occurs in the paper')
        for p in d['practices']:
            if p.get('part_of') is not None and p['part_of'] not in prs:
                err(fn, f'practice {p["name"]}: part_of {p["part_of"]} not annotated')
            if p.get('part_of') == p.get('name'):
                err(fn, f'practice {p["name"]} is part of itself')
        # outcomes
        ocs = {}
        for o in d['outcomes']:
            if list(o.keys()) != OC_KEYS:
                err(fn, f'outcome keys {list(o.keys())}'); continue
            if o['text'] in ocs:
                err(fn, f'duplicate outcome {o["text"]}')
            ocs[o['text']] = o
            if o['text'] not in J:
                err(fn, f'outcome text not in paper: {o["text"]}')
            if not isinstance(o['indicator'], str) or not o['indicator']:
                err(fn, f'outcome {o["text"]}: indicator missing')
            if o['value'] is not None and (isinstance(o['value'], bool) or not isinstance(o['value'], (int, float))):
                err(fn, f'outcome {o["text"]}: value not a number')
            if o['unit'] is not None and not isinstance(o['unit'], str):
                err(fn, f'outcome {o["text"]}: unit not a string')
            if o['direction'] not in DIRECTIONS:
                err(fn, f'outcome {o["text"]}: bad direction')
            if o['year'] is not None and (not isinstance(o['year'], int) or not 2019 <= o['year'] <= 2025):
                err(fn, f'outcome {o["text"]}: bad year {o["year"]}')
            if o['category'] not in CATEGORIES:
                err(fn, f'outcome {o["text"]}: bad category')
            if o['org'] not in orgs:
                err(fn, f'outcome {o["text"]}: org {o["org"]} not annotated')
        # links
        seen = set()
        for l in d['links']:
            if list(l.keys()) != LK_KEYS:
                err(fn, f'link keys {list(l.keys())}'); continue
            if l['practice'] not in prs:
                err(fn, f'link practice not annotated: {l["practice"]}')
            elif prs[l['practice']]['modality'] != 'reported':
                err(fn, f'link from a recommended practice: {l["practice"]}')
            if l['outcome'] not in ocs:
                err(fn, f'link outcome not annotated: {l["outcome"]}')
            if l['org'] not in orgs:
                err(fn, f'link org not annotated: {l["org"]}')
            if l['evidence'] not in J:
                err(fn, f'evidence not in paper: {l["evidence"][:40]}')
            if l['outcome'] not in l['evidence']:
                err(fn, f'evidence does not contain the outcome: {l["outcome"]}')
            if (l['practice'], l['outcome']) in seen:
                err(fn, f'duplicate link {l["practice"]} -> {l["outcome"]}')
            seen.add((l['practice'], l['outcome']))
        # reuse of seed names
        for u in d['organisations'] + d['practices']:
            for n in [u['name']] + u['aliases']:
                for s in seed_names:
                    if reused(n, s):
                        err(fn, f'name {n!r} reuses seed name {s!r}')
        safety_oc = {o['text'] for o in d['outcomes'] if o['category'] == 'safety'}
        rows.append((d['doc'], len(orgs),
                     sum(p['modality'] == 'reported' for p in d['practices']),
                     sum(p['modality'] == 'recommended' for p in d['practices']),
                     len(ocs), len(safety_oc), len(d['links']),
                     sum(l['outcome'] in safety_oc for l in d['links']), han))
    hdr = ('paper', 'orgs', 'pr.rep', 'pr.rec', 'outc', 'outc.safety', 'links', 'links.safety', 'han')
    print('%-18s %5s %7s %7s %6s %12s %6s %13s %5s' % hdr)
    for r in rows:
        print('%-18s %5d %7d %7d %6d %12d %6d %13d %5d' % r)
    if rows:
        tot = ['TOTAL'] + [sum(r[i] for r in rows) for i in range(1, 9)]
        print('%-18s %5d %7d %7d %6d %12d %6d %13d %5d' % tuple(tot))
    if errors:
        print(f'\n{len(errors)} problem(s):')
        for e in errors:
            print(' -', e)
        sys.exit(1)
    print('\nALL OK')


if __name__ == '__main__':
    main()
