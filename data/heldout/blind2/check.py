#!/usr/bin/env python3
"""Validate the blind2 gold files against their papers and GUIDELINES.md.

Usage:  python3 check.py            (run from anywhere)
Exit status 0 and "ALL OK" when every check passes; otherwise lists the errors.
"""
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
PAPERS = os.path.join(HERE, 'papers')
GOLD = os.path.join(HERE, 'gold')
SEED_PAPERS = '/work/shared/papers'   # only used to warn about reused names

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union',
             'YouthLeague', 'Department', 'Team', 'Other'}
MODALITIES = {'reported', 'recommended'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture',
           'mass', 'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment',
              'integrity', 'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}

TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PR_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LINK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# words by which a result sentence may refer back to a practice (GUIDELINES: Link)
REFERENCE_MARKERS = ['该', '此', '这一', '通过', '上述', '期间', '以来']

GENRE = {'b2_journal.json': 'journal paper', 'b2_report.json': 'work report / 经验交流材料',
         'b2_news.json': 'enterprise news'}


def han(s):
    return len(re.findall(r'[\u4e00-\u9fff]', s))


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return re.sub(r'[\W_]+', '', s)


def check_file(path, errors, notes, seed_text_norm):
    name = os.path.basename(path)

    def err(msg):
        errors.append(f'{name}: {msg}')

    try:
        with open(path, encoding='utf-8') as f:
            d = json.load(f)
    except Exception as e:  # noqa
        err(f'does not load: {e}')
        return None
    if list(d.keys()) != TOP_KEYS:
        err(f'top-level keys {list(d.keys())} != {TOP_KEYS}')
    doc = d.get('doc', '')
    ppath = os.path.join(PAPERS, doc)
    if not os.path.isfile(ppath):
        err(f'doc {doc!r} is not a file in papers/')
        return None
    if os.path.splitext(doc)[0] != os.path.splitext(name)[0]:
        err(f'doc {doc!r} does not match gold file name')
    text = open(ppath, encoding='utf-8').read()
    if not isinstance(d.get('skipped'), list):
        err('skipped is not a list')

    def verbatim(s, what):
        if not isinstance(s, str) or not s:
            err(f'{what}: empty or not a string: {s!r}')
        elif s not in text:
            err(f'{what} not a verbatim substring of {doc}: {s!r}')

    # organisations
    org_names = set()
    for o in d['organisations']:
        if list(o.keys()) != ORG_KEYS:
            err(f'organisation keys {list(o.keys())}')
        verbatim(o['name'], 'organisation name')
        for a in o['aliases']:
            verbatim(a, f'organisation alias of {o["name"]}')
        if o['type'] not in ORG_TYPES:
            err(f'organisation type {o["type"]!r} not allowed ({o["name"]})')
        if o['name'] in org_names:
            err(f'duplicate organisation {o["name"]}')
        org_names.add(o['name'])
    for o in d['organisations']:
        if o['parent'] is not None and o['parent'] not in org_names:
            err(f'parent {o["parent"]!r} of {o["name"]} is not an organisation')

    # practices
    pr_names, pr_all = set(), {}
    for p in d['practices']:
        if list(p.keys()) != PR_KEYS:
            err(f'practice keys {list(p.keys())}')
        verbatim(p['name'], 'practice name')
        for a in p['aliases']:
            verbatim(a, f'practice alias of {p["name"]}')
        if p['modality'] not in MODALITIES:
            err(f'modality {p["modality"]!r} not allowed ({p["name"]})')
        if p['domain'] not in DOMAINS:
            err(f'domain {p["domain"]!r} not allowed ({p["name"]})')
        if p['modality'] == 'reported' and not p['adopted_by']:
            err(f'reported practice without adopted_by: {p["name"]}')
        if p['modality'] == 'recommended' and p['adopted_by']:
            err(f'recommended practice with adopted_by: {p["name"]}')
        for a in p['adopted_by']:
            if a not in org_names:
                err(f'adopted_by {a!r} of {p["name"]} is not an organisation')
        if p['name'] in pr_names:
            err(f'duplicate practice {p["name"]}')
        pr_names.add(p['name'])
        for n in [p['name']] + p['aliases']:
            pr_all[n] = p['name']
    for p in d['practices']:
        if p['part_of'] is not None and p['part_of'] not in pr_names:
            err(f'part_of {p["part_of"]!r} of {p["name"]} is not a practice')

    # outcomes
    out_by_text = {}
    for o in d['outcomes']:
        if list(o.keys()) != OUT_KEYS:
            err(f'outcome keys {list(o.keys())}')
        verbatim(o['text'], 'outcome text')
        if o['category'] not in CATEGORIES:
            err(f'category {o["category"]!r} not allowed ({o["text"]})')
        if o['direction'] not in DIRECTIONS:
            err(f'direction {o["direction"]!r} not allowed ({o["text"]})')
        if o['value'] is not None and not isinstance(o['value'], (int, float)):
            err(f'value not a number: {o["value"]!r} ({o["text"]})')
        if o['year'] is not None and not (isinstance(o['year'], int) and 2020 <= o['year'] <= 2025):
            err(f'year {o["year"]!r} not an int in 2020-2025 ({o["text"]})')
        if not o['indicator']:
            err(f'empty indicator ({o["text"]})')
        if o['org'] not in org_names:
            err(f'outcome org {o["org"]!r} is not an organisation ({o["text"]})')
        if o['text'] in out_by_text:
            err(f'duplicate outcome text {o["text"]}')
        out_by_text[o['text']] = o

    # links
    seen = set()
    for l in d['links']:
        if list(l.keys()) != LINK_KEYS:
            err(f'link keys {list(l.keys())}')
        if l['practice'] not in pr_all:
            err(f'link practice {l["practice"]!r} is not a practice name or alias')
        if l['outcome'] not in out_by_text:
            err(f'link outcome {l["outcome"]!r} is not an outcome text')
        if l['org'] not in org_names:
            err(f'link org {l["org"]!r} is not an organisation')
        verbatim(l['evidence'], 'evidence')
        if l['outcome'] not in l['evidence']:
            err(f'evidence does not contain the outcome {l["outcome"]!r}')
        names = [n for n, canon in pr_all.items() if canon == pr_all.get(l['practice'])]
        if not any(norm(n) in norm(l['evidence']) for n in names):
            if any(m in l['evidence'] for m in REFERENCE_MARKERS):
                notes.append(f'{name}: link by reference (practice not named in evidence): '
                             f'{l["practice"]} -> {l["outcome"]}')
            else:
                err(f'evidence names neither the practice nor a reference word: {l["practice"]}')
        key = (l['practice'], l['outcome'])
        if key in seen:
            err(f'duplicate link {key}')
        seen.add(key)
        pr = next((p for p in d['practices'] if p['name'] == pr_all.get(l['practice'])), None)
        if pr and pr['modality'] != 'reported':
            err(f'link from a recommended practice {l["practice"]}')

    # names reused from the seed papers (the brief forbids it)
    if seed_text_norm:
        for n in list(org_names) + list(pr_names):
            nn = norm(n)
            if len(nn) >= 4 and nn in seed_text_norm:
                err(f'name also occurs in /work/shared/papers: {n}')

    prs = d['practices']
    outs = d['outcomes']
    safety_out = {o['text'] for o in outs if o['category'] == 'safety'}
    return dict(
        file=name, genre=GENRE.get(name, '?'), han=han(text), orgs=len(d['organisations']),
        rep=sum(p['modality'] == 'reported' for p in prs),
        rec=sum(p['modality'] == 'recommended' for p in prs),
        out=len(outs), out_s=len(safety_out), links=len(d['links']),
        links_s=sum(l['outcome'] in safety_out for l in d['links']))


def main():
    errors, notes, rows = [], [], []
    seed_text_norm = ''
    if os.path.isdir(SEED_PAPERS):
        seed_text_norm = ''.join(norm(open(p, encoding='utf-8', errors='replace').read())
                                 for p in sorted(glob.glob(os.path.join(SEED_PAPERS, '*.txt'))))
    files = sorted(glob.glob(os.path.join(GOLD, '*.json')))
    if not files:
        errors.append('no gold files')
    for f in files:
        r = check_file(f, errors, notes, seed_text_norm)
        if r:
            rows.append(r)
    print('| file | genre | Han chars | orgs | practices reported / recommended | outcomes (safety) | links (safety) |')
    print('|---|---|---|---|---|---|---|')
    for r in rows:
        print(f"| {r['file']} | {r['genre']} | {r['han']} | {r['orgs']} | {r['rep']} / {r['rec']} | "
              f"{r['out']} ({r['out_s']}) | {r['links']} ({r['links_s']}) |")
    if rows:
        t = {k: sum(r[k] for r in rows) for k in ('han', 'orgs', 'rep', 'rec', 'out', 'out_s', 'links', 'links_s')}
        print(f"| total | | {t['han']} | {t['orgs']} | {t['rep']} / {t['rec']} | {t['out']} ({t['out_s']}) | "
              f"{t['links']} ({t['links_s']}) |")
    for n in notes:
        print('note:', n)
    if errors:
        for e in errors:
            print('ERROR:', e)
        print(f'{len(errors)} error(s)')
        sys.exit(1)
    print('ALL OK')


if __name__ == '__main__':
    main()
