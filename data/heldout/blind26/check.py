#!/usr/bin/env python3
"""Validator for the blind26 held-out set (stdlib only).

Checks, per gold file: schema and allowed values (GUIDELINES.md), that names / outcome texts /
evidence occur in the paper (line breaks joined as in the seed convention), that every name used
in parent / adopted_by / part_of / org / links is annotated, that each link's evidence contains
both ends, that no organisation or practice name (4+ chars) of the seed set is reused (apart from
a whitelist of well-known institutions), and that each paper has 1,200-2,000 Han characters.
Prints a counts table and ALL OK (exit 0) or the list of problems (exit 1).
"""
import glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = '/work/shared/gold/seeds'

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
PRAC_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LINK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# Well-known institutions / generic terms that every paper of the genre uses; allowed although
# they also occur in the seed gold.  (党建品牌矩阵 is the topic the brief prescribes for b26_journal.)
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队',
             '党建品牌矩阵', '民主生活会', '组织生活会', '主题教育', '党史学习教育', '技术比武',
             '岗位练兵', '志愿服务', '结对帮扶', '创先争优', '技能比武', '安全知识竞赛'}


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(c for c in s if not (unicodedata.category(c)[0] in 'PZS' or c.isspace()))


def joined(text):
    return re.sub(r'[ \t]*\n\s*', '', text)


def han(text):
    return sum(1 for c in text if '\u4e00' <= c <= '\u9fff')


def seed_names():
    names = set()
    for f in glob.glob(os.path.join(SEEDS, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        for o in d.get('organisations', []):
            names.update([o['name']] + o.get('aliases', []))
        for p in d.get('practices', []):
            names.update([p['name']] + p.get('aliases', []))
    return {n for n in map(norm, names) if len(n) >= 4} - {norm(w) for w in WHITELIST}


def check_keys(obj, keys, where, errs):
    if not isinstance(obj, dict) or list(obj.keys()) != keys:
        errs.append(f'{where}: keys {list(obj.keys()) if isinstance(obj, dict) else type(obj)} != {keys}')
        return False
    return True


def check_file(path, seeds, errs):
    d = json.load(open(path, encoding='utf-8'))
    fn = os.path.basename(path)
    if not check_keys(d, TOP_KEYS, fn, errs):
        return None
    paper = os.path.join(HERE, 'papers', d['doc'])
    if not os.path.exists(paper):
        errs.append(f'{fn}: paper {d["doc"]} missing')
        return None
    raw = open(paper, encoding='utf-8').read()
    J = joined(raw)
    NJ = norm(J)

    def occurs(s):
        return s in J or norm(s) in NJ

    if not isinstance(d['article'], str) or not d['article'] or not occurs(d['article'].split('——')[0]):
        errs.append(f'{fn}: article title not found in paper')
    if not isinstance(d['skipped'], list):
        errs.append(f'{fn}: skipped must be a list')

    orgs = {}
    for i, o in enumerate(d['organisations']):
        w = f'{fn} org[{i}]'
        if not check_keys(o, ORG_KEYS, w, errs):
            continue
        if o['type'] not in ORG_TYPES:
            errs.append(f'{w}: bad type {o["type"]}')
        for n in [o['name']] + o['aliases']:
            if not isinstance(n, str) or not n or not occurs(n):
                errs.append(f'{w}: name/alias {n!r} not in paper')
            orgs[n] = o['name']
    onames = {o['name'] for o in d['organisations'] if isinstance(o, dict)}
    if len(onames) != len(d['organisations']):
        errs.append(f'{fn}: duplicate organisation names')
    for o in d['organisations']:
        if o.get('parent') is not None and o['parent'] not in onames:
            errs.append(f'{fn}: parent {o["parent"]!r} of {o["name"]} not annotated')

    pnames = {}
    for i, p in enumerate(d['practices']):
        w = f'{fn} practice[{i}]'
        if not check_keys(p, PRAC_KEYS, w, errs):
            continue
        if p['modality'] not in MODALITIES:
            errs.append(f'{w}: bad modality')
        if p['domain'] not in DOMAINS:
            errs.append(f'{w}: bad domain {p["domain"]}')
        if p['modality'] == 'recommended' and p['adopted_by']:
            errs.append(f'{w}: recommended practice with adopted_by')
        if p['modality'] == 'reported' and not p['adopted_by']:
            errs.append(f'{w}: reported practice without adopted_by')
        for a in p['adopted_by']:
            if a not in onames:
                errs.append(f'{w}: adopted_by {a!r} not an annotated organisation')
        for n in [p['name']] + p['aliases']:
            if not isinstance(n, str) or not n or not occurs(n):
                errs.append(f'{w}: name/alias {n!r} not in paper')
        if p['name'] in pnames:
            errs.append(f'{w}: duplicate practice {p["name"]}')
        pnames[p['name']] = p
    for p in d['practices']:
        if p.get('part_of') is not None and p['part_of'] not in pnames:
            errs.append(f'{fn}: part_of {p["part_of"]!r} of {p["name"]} not annotated')

    otexts = {}
    for i, o in enumerate(d['outcomes']):
        w = f'{fn} outcome[{i}]'
        if not check_keys(o, OUT_KEYS, w, errs):
            continue
        if not isinstance(o['text'], str) or not occurs(o['text']):
            errs.append(f'{w}: text {o["text"]!r} not in paper')
        if not isinstance(o['indicator'], str) or not o['indicator']:
            errs.append(f'{w}: empty indicator')
        if o['value'] is not None and not isinstance(o['value'], (int, float)):
            errs.append(f'{w}: value must be number or null')
        if o['unit'] is not None and not isinstance(o['unit'], str):
            errs.append(f'{w}: unit must be string or null')
        if o['direction'] not in DIRECTIONS:
            errs.append(f'{w}: bad direction')
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
            errs.append(f'{w}: bad year {o["year"]}')
        if o['category'] not in CATEGORIES:
            errs.append(f'{w}: bad category {o["category"]}')
        if o['org'] not in onames:
            errs.append(f'{w}: org {o["org"]!r} not annotated')
        if o['text'] in otexts:
            errs.append(f'{w}: duplicate outcome text')
        otexts[o['text']] = o

    seen = set()
    for i, l in enumerate(d['links']):
        w = f'{fn} link[{i}]'
        if not check_keys(l, LINK_KEYS, w, errs):
            continue
        if l['practice'] not in pnames:
            errs.append(f'{w}: practice {l["practice"]!r} not annotated')
        if l['outcome'] not in otexts:
            errs.append(f'{w}: outcome {l["outcome"]!r} not annotated')
        if l['org'] not in onames:
            errs.append(f'{w}: org {l["org"]!r} not annotated')
        if l['evidence'] not in J:
            errs.append(f'{w}: evidence not found verbatim in joined paper')
        if l['practice'] in pnames:
            forms = [l['practice']] + pnames[l['practice']]['aliases']
            ev = norm(l['evidence'])
            if not any(norm(f) in ev for f in forms):
                errs.append(f'{w}: evidence does not name the practice')
            if pnames[l['practice']]['modality'] != 'reported':
                errs.append(f'{w}: link from a recommended practice')
        if norm(l['outcome']) not in norm(l['evidence']):
            errs.append(f'{w}: evidence does not contain the outcome')
        key = (l['practice'], l['outcome'])
        if key in seen:
            errs.append(f'{w}: duplicate link')
        seen.add(key)

    # no reuse of seed names (4+ chars), apart from the whitelist
    ours = [n for o in d['organisations'] for n in [o['name']] + o['aliases']]
    ours += [n for p in d['practices'] for n in [p['name']] + p['aliases']]
    wl = {norm(w) for w in WHITELIST}
    for n in ours:
        nn = norm(n)
        if nn in wl:
            continue
        for s in seeds:
            if nn == s or s in nn or (len(nn) >= 4 and nn in s):
                errs.append(f'{fn}: name {n!r} reuses seed name {s!r}')
    for s in seeds:
        if s in NJ:
            errs.append(f'{fn}: paper text contains seed name {s!r}')

    h = han(raw)
    if not 1200 <= h <= 2000:
        errs.append(f'{fn}: {h} Han characters (need 1200-2000)')

    cat = {o['text']: o['category'] for o in d['outcomes']}
    return dict(file=fn, han=h, orgs=len(d['organisations']),
                prep=sum(p['modality'] == 'reported' for p in d['practices']),
                prec=sum(p['modality'] == 'recommended' for p in d['practices']),
                outs=len(d['outcomes']), osafe=sum(o['category'] == 'safety' for o in d['outcomes']),
                links=len(d['links']), lsafe=sum(cat.get(l['outcome']) == 'safety' for l in d['links']))


def main():
    errs = []
    seeds = seed_names()
    rows = []
    files = sorted(glob.glob(os.path.join(HERE, 'gold', '*.json')))
    if not files:
        errs.append('no gold files')
    for f in files:
        r = check_file(f, seeds, errs)
        if r:
            rows.append(r)
    papers = {os.path.basename(p) for p in glob.glob(os.path.join(HERE, 'papers', 'b26_*.txt'))}
    docs = {json.load(open(f, encoding='utf-8'))['doc'] for f in files}
    for p in sorted(papers - docs):
        errs.append(f'paper {p} has no gold file')
    hdr = f'{"file":<18}{"han":>6}{"orgs":>6}{"prac rep":>10}{"prac rec":>10}{"outc":>6}{"(safety)":>10}{"links":>7}{"(safety)":>10}'
    print(hdr)
    print('-' * len(hdr))
    tot = dict(han=0, orgs=0, prep=0, prec=0, outs=0, osafe=0, links=0, lsafe=0)
    for r in rows:
        print(f'{r["file"]:<18}{r["han"]:>6}{r["orgs"]:>6}{r["prep"]:>10}{r["prec"]:>10}{r["outs"]:>6}{r["osafe"]:>10}{r["links"]:>7}{r["lsafe"]:>10}')
        for k in tot:
            tot[k] += r[k]
    print('-' * len(hdr))
    print(f'{"TOTAL":<18}{tot["han"]:>6}{tot["orgs"]:>6}{tot["prep"]:>10}{tot["prec"]:>10}{tot["outs"]:>6}{tot["osafe"]:>10}{tot["links"]:>7}{tot["lsafe"]:>10}')
    if errs:
        print('\nPROBLEMS:')
        for e in errs:
            print(' -', e)
        sys.exit(1)
    print('\nALL OK')


if __name__ == '__main__':
    main()
