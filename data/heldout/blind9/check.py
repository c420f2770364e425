#!/usr/bin/env python3
"""Validator for the blind9 held-out set (python3, stdlib only).

Checks, for every gold/b9_*.json:
  * the file format of GUIDELINES.md (keys, types, allowed values);
  * "doc" names an existing paper; "article" occurs in the paper;
  * every organisation name, practice name, outcome text and link evidence occurs in its paper
    after joining PDF line breaks (the seed convention: remove the newline characters);
  * every evidence string contains its outcome text and its practice name or one of its aliases;
  * every org / parent / adopted_by / part_of / link end refers to an annotated unit;
  * reported practices have adopted_by, recommended ones do not;
  * no organisation or practice name (or alias) of 4+ characters from the seed gold is reused,
    neither as an annotation nor anywhere in the paper text, apart from a whitelist of the
    well-known institutions that every paper names.
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
PR_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OC_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# well-known institutions / generic phrases every paper names: allowed even if a seed uses them
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队',
             '党员先锋岗', '民主生活会', '组织生活会', '民主评议', '第一议题', '三重一大',
             '党建安全', '安全生产', '党建工作', '矿党委', '责任清单'}

PUNCT = re.compile(r'[\s"\'“”‘’「」『』《》〈〉()（）\[\]【】{}<>,，.。、;；:：!！?？·—\-–_/\\|+＋…~～%％]')


def norm(s):
    return PUNCT.sub('', unicodedata.normalize('NFKC', s or ''))


def joined(path):
    with open(path, encoding='utf-8') as f:
        return f.read().replace('\n', '')


def han(s):
    return len(re.findall(r'[\u4e00-\u9fff]', s))


def seed_names():
    names = set()
    for fn in glob.glob(os.path.join(SEED_GOLD, '*.json')):
        with open(fn, encoding='utf-8') as f:
            g = json.load(f)
        for u in g.get('organisations', []) + g.get('practices', []):
            for n in [u.get('name')] + list(u.get('aliases') or []):
                k = norm(n)
                if len(k) >= 4 and k not in WHITELIST:
                    names.add(k)
    return names


def check_file(fn, errs, seeds):
    tag = os.path.basename(fn)
    def err(msg):
        errs.append(f'{tag}: {msg}')
    with open(fn, encoding='utf-8') as f:
        g = json.load(f)
    if list(g.keys()) != TOP_KEYS:
        err(f'top-level keys {list(g.keys())} != {TOP_KEYS}')
    doc = g.get('doc', '')
    m = re.match(r'^(b9_[a-z]+)(__\d+)?\.json$', tag)
    if not m or doc != m.group(1) + '.txt':
        err(f'gold file name does not match doc {doc!r}')
    ppath = os.path.join(HERE, 'papers', doc)
    if not os.path.exists(ppath):
        err(f'paper {doc} missing')
        return None
    text = joined(ppath)
    if not isinstance(g.get('article'), str) or g['article'] not in text:
        err('article title not found in paper')
    if not isinstance(g.get('skipped'), list) or not all(isinstance(s, str) for s in g['skipped']):
        err('skipped must be a list of strings')

    orgs, prs, ocs, lks = (g.get(k, []) for k in ('organisations', 'practices', 'outcomes', 'links'))
    org_names = set()
    for o in orgs:
        if list(o.keys()) != ORG_KEYS:
            err(f'org keys {list(o.keys())}')
        org_names.add(o['name'])
        org_names.update(o.get('aliases') or [])
    prac_names = {p['name'] for p in prs}
    oc_texts = [o['text'] for o in ocs]
    if len(set(oc_texts)) != len(oc_texts):
        err('duplicate outcome texts')
    if len(prac_names) != len(prs):
        err('duplicate practice names')
    if len({o['name'] for o in orgs}) != len(orgs):
        err('duplicate organisation names')

    for o in orgs:
        if o['type'] not in ORG_TYPES:
            err(f'org {o["name"]}: bad type {o["type"]}')
        if not isinstance(o['aliases'], list):
            err(f'org {o["name"]}: aliases not a list')
        for n in [o['name']] + o['aliases']:
            if n not in text:
                err(f'org name/alias not in paper: {n}')
        if o['parent'] is not None and o['parent'] not in org_names:
            err(f'org {o["name"]}: parent {o["parent"]} not annotated')

    for p in prs:
        if list(p.keys()) != PR_KEYS:
            err(f'practice keys {list(p.keys())}')
        if p['modality'] not in MODALITIES:
            err(f'practice {p["name"]}: bad modality')
        if p['domain'] not in DOMAINS:
            err(f'practice {p["name"]}: bad domain {p["domain"]}')
        for n in [p['name']] + p['aliases']:
            if n not in text:
                err(f'practice name/alias not in paper: {n}')
        if p['modality'] == 'reported' and not p['adopted_by']:
            err(f'reported practice without adopted_by: {p["name"]}')
        if p['modality'] == 'recommended' and p['adopted_by']:
            err(f'recommended practice with adopted_by: {p["name"]}')
        for a in p['adopted_by']:
            if a not in org_names:
                err(f'practice {p["name"]}: adopter {a} not annotated')
        if p['part_of'] is not None and (p['part_of'] not in prac_names or p['part_of'] == p['name']):
            err(f'practice {p["name"]}: part_of {p["part_of"]} not annotated')

    for o in ocs:
        if list(o.keys()) != OC_KEYS:
            err(f'outcome keys {list(o.keys())}')
        if o['text'] not in text:
            err(f'outcome text not in paper: {o["text"]}')
        if not isinstance(o['indicator'], str) or not o['indicator']:
            err(f'outcome {o["text"]}: empty indicator')
        v = o['value']
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            err(f'outcome {o["text"]}: value not a number')
        if v == 0 and '零' in o['text']:
            pass
        elif v is not None and norm(str(v).rstrip('0').rstrip('.') if '.' in str(v) else str(v)) not in norm(o['text']):
            err(f'outcome {o["text"]}: value {v} not in text')
        if o['unit'] is not None and not isinstance(o['unit'], str):
            err(f'outcome {o["text"]}: unit')
        if o['direction'] not in DIRECTIONS:
            err(f'outcome {o["text"]}: bad direction')
        y = o['year']
        if y is not None and (not isinstance(y, int) or not 2019 <= y <= 2025):
            err(f'outcome {o["text"]}: bad year {y}')
        if o['category'] not in CATEGORIES:
            err(f'outcome {o["text"]}: bad category')
        if o['org'] not in org_names:
            err(f'outcome {o["text"]}: org {o["org"]} not annotated')

    pmap = {p['name']: p for p in prs}
    seen = set()
    for l in lks:
        if list(l.keys()) != LK_KEYS:
            err(f'link keys {list(l.keys())}')
        key = (l['practice'], l['outcome'])
        if key in seen:
            err(f'duplicate link {key}')
        seen.add(key)
        if l['practice'] not in pmap:
            err(f'link practice not annotated: {l["practice"]}')
            continue
        if l['outcome'] not in oc_texts:
            err(f'link outcome not annotated: {l["outcome"]}')
        if l['org'] not in org_names:
            err(f'link org not annotated: {l["org"]}')
        ev = l['evidence']
        if ev not in text:
            err(f'evidence not in paper: {ev[:40]}')
        if l['outcome'] not in ev:
            err(f'evidence lacks outcome: {l["outcome"]}')
        p = pmap[l['practice']]
        if not any(n in ev for n in [p['name']] + p['aliases']):
            err(f'evidence lacks practice name/alias: {l["practice"]}')

    # seed-name reuse: annotations and raw text
    for u in orgs + prs:
        for n in [u['name']] + u['aliases']:
            if norm(n) in seeds:
                err(f'name reused from seed gold: {n}')
    ntext = norm(text)
    for s in seeds:
        if s in ntext:
            err(f'seed name occurs in paper text: {s}')

    safety_oc = {o['text'] for o in ocs if o['category'] == 'safety'}
    return dict(orgs=len(orgs),
                rep=sum(p['modality'] == 'reported' for p in prs),
                rec=sum(p['modality'] == 'recommended' for p in prs),
                oc=len(ocs), oc_s=len(safety_oc),
                lk=len(lks), lk_s=sum(l['outcome'] in safety_oc for l in lks))


def main():
    errs = []
    seeds = seed_names()
    papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b9_*.txt')))
    golds = sorted(glob.glob(os.path.join(HERE, 'gold', 'b9_*.json')))
    covered = set()
    rows = []
    for fn in golds:
        r = check_file(fn, errs, seeds)
        if r:
            rows.append((os.path.basename(fn), r))
            covered.add(json.load(open(fn, encoding='utf-8'))['doc'])
    for p in papers:
        n = han(open(p, encoding='utf-8').read())
        if not 1200 <= n <= 2000:
            errs.append(f'{os.path.basename(p)}: {n} Han characters (want 1200-2000)')
        if os.path.basename(p) not in covered:
            errs.append(f'{os.path.basename(p)}: no gold file')
    hdr = f'{"file":<18}{"orgs":>6}{"prac rep":>10}{"prac rec":>10}{"outc":>6}{"(safe)":>8}{"links":>7}{"(safe)":>8}'
    print(hdr)
    tot = dict(orgs=0, rep=0, rec=0, oc=0, oc_s=0, lk=0, lk_s=0)
    for name, r in rows:
        print(f'{name:<18}{r["orgs"]:>6}{r["rep"]:>10}{r["rec"]:>10}{r["oc"]:>6}{r["oc_s"]:>8}{r["lk"]:>7}{r["lk_s"]:>8}')
        for k in tot:
            tot[k] += r[k]
    print(f'{"TOTAL":<18}{tot["orgs"]:>6}{tot["rep"]:>10}{tot["rec"]:>10}{tot["oc"]:>6}{tot["oc_s"]:>8}{tot["lk"]:>7}{tot["lk_s"]:>8}')
    print(f'practices total: {tot["rep"] + tot["rec"]}')
    for p in papers:
        print(f'{os.path.basename(p)}: {han(open(p, encoding="utf-8").read())} Han characters')
    if errs:
        print('\nPROBLEMS:')
        for e in errs:
            print(' -', e)
        sys.exit(1)
    print('ALL OK')


if __name__ == '__main__':
    main()
