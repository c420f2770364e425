#!/usr/bin/env python3
"""Validator for the blind21 held-out set (stdlib only).

Checks every gold/b21_*.json against /work/shared/gold/GUIDELINES.md:
schema and allowed values, cross-references (links, adopted_by, part_of, parent, outcome org),
that names / outcome texts / evidence occur in the paper (line breaks joined: all '\n' removed,
as in the seed gold whose evidence reads across PDF line breaks), that evidence of a link holds the
outcome and the practice (or an alias, or a reference word), paper length, and that no organisation
or practice name of 4+ characters from the seed gold is reused (well-known institutions whitelisted).
Prints a counts table and ALL OK, or the list of problems (exit 1).
"""
import json, os, re, sys, glob, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.environ.get('SEED_GOLD', '/work/shared/gold/seeds')

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
             'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass',
           'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity',
              'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
MODALITIES = {'reported', 'recommended'}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
KEYS = {'organisations': ['name', 'aliases', 'type', 'parent'],
        'practices': ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain'],
        'outcomes': ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org'],
        'links': ['practice', 'outcome', 'org', 'evidence']}
# well-known institutions every paper names: may be reused from the seeds
WHITELIST = ['三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '党员先锋岗',
             '民主生活会', '组织生活会', '民主评议', '第一议题', '三重一大', '手指口述', '师带徒',
             '党员评星定级', '警示教育', '事故案例警示教育', '金秋助学', '冬送温暖',
             # generic descriptors, not names
             '集团公司', '队党支部']
REFERENCE_WORDS = ['该', '此', '这', '通过']

problems = []
def bad(where, msg):
    problems.append(f'{where}: {msg}')

def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return ''.join(ch for ch in s if not (unicodedata.category(ch)[0] in 'PSZ' or ch.isspace()))

def han(s):
    return len(re.findall(r'[\u4e00-\u9fff]', s))

def seed_names():
    names = set()
    files = glob.glob(os.path.join(SEEDS, '*.json'))
    if not files:
        bad('seeds', f'no seed gold found under {SEEDS} (set SEED_GOLD)')
    for f in files:
        d = json.load(open(f, encoding='utf-8'))
        for o in d.get('organisations', []):
            names.update([o['name']] + o.get('aliases', []))
        for p in d.get('practices', []):
            names.update([p['name']] + p.get('aliases', []))
    wl = {norm(w) for w in WHITELIST}
    return {norm(n) for n in names if len(norm(n)) >= 4 and norm(n) not in wl}

def check_file(path, seeds):
    w = os.path.basename(path)
    try:
        d = json.load(open(path, encoding='utf-8'))
    except Exception as e:
        bad(w, f'not JSON: {e}'); return None
    if list(d.keys()) != TOP_KEYS:
        bad(w, f'top-level keys {list(d.keys())} != {TOP_KEYS}')
    paper_path = os.path.join(HERE, 'papers', d.get('doc', ''))
    if not os.path.isfile(paper_path):
        bad(w, f'doc {d.get("doc")!r} not found in papers/'); return None
    raw = open(paper_path, encoding='utf-8').read()
    text = raw.replace('\n', '')
    n = han(raw)
    if not 1200 <= n <= 2000:
        bad(w, f'paper has {n} Han characters, not 1200-2000')
    if not isinstance(d.get('article'), str) or not d['article']:
        bad(w, 'article title missing')
    if not isinstance(d.get('skipped'), list):
        bad(w, 'skipped must be a list')
    for sec, keys in KEYS.items():
        for i, it in enumerate(d.get(sec, [])):
            if list(it.keys()) != keys:
                bad(w, f'{sec}[{i}] keys {list(it.keys())} != {keys}')
    orgs = d['organisations']; pracs = d['practices']; outs = d['outcomes']; links = d['links']
    org_names = [o['name'] for o in orgs]
    pr_names = [p['name'] for p in pracs]
    out_texts = [o['text'] for o in outs]
    for lst, lab in ((org_names, 'organisation'), (pr_names, 'practice'), (out_texts, 'outcome')):
        dup = {x for x in lst if lst.count(x) > 1}
        if dup:
            bad(w, f'duplicate {lab}: {sorted(dup)}')
    # organisations
    for o in orgs:
        if o['type'] not in ORG_TYPES: bad(w, f'org {o["name"]}: bad type {o["type"]}')
        if o['parent'] is not None and o['parent'] not in org_names:
            bad(w, f'org {o["name"]}: parent {o["parent"]} not annotated')
        if not isinstance(o['aliases'], list): bad(w, f'org {o["name"]}: aliases not a list')
        for s in [o['name']] + o['aliases']:
            if s not in text: bad(w, f'org name/alias not in paper: {s}')
    # practices
    for p in pracs:
        tag = f'practice {p["name"]}'
        if p['modality'] not in MODALITIES: bad(w, f'{tag}: bad modality')
        if p['domain'] not in DOMAINS: bad(w, f'{tag}: bad domain {p["domain"]}')
        if p['modality'] == 'recommended' and p['adopted_by']:
            bad(w, f'{tag}: recommended practice with adopted_by')
        if p['modality'] == 'reported' and not p['adopted_by']:
            bad(w, f'{tag}: reported practice without adopted_by')
        for a in p['adopted_by']:
            if a not in org_names: bad(w, f'{tag}: adopted_by {a} not annotated')
        if p['part_of'] is not None and p['part_of'] not in pr_names:
            bad(w, f'{tag}: part_of {p["part_of"]} not annotated')
        for s in [p['name']] + p['aliases']:
            if s not in text: bad(w, f'practice name/alias not in paper: {s}')
    # outcomes
    for o in outs:
        tag = f'outcome {o["text"]}'
        if o['text'] not in text: bad(w, f'{tag}: text not in paper')
        if o['category'] not in CATEGORIES: bad(w, f'{tag}: bad category')
        if o['direction'] not in DIRECTIONS: bad(w, f'{tag}: bad direction')
        if o['org'] not in org_names: bad(w, f'{tag}: org {o["org"]} not annotated')
        v = o['value']
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            bad(w, f'{tag}: value must be number or null')
        if v is not None and not o['unit']: bad(w, f'{tag}: value without unit')
        if v is None and o['unit'] is not None: bad(w, f'{tag}: unit without value')
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
            bad(w, f'{tag}: year must be int 2019-2025 or null')
        if not o['indicator']: bad(w, f'{tag}: indicator empty')
    # links
    seen = set()
    for l in links:
        tag = f'link {l["practice"]} -> {l["outcome"]}'
        if (l['practice'], l['outcome']) in seen: bad(w, f'{tag}: duplicate')
        seen.add((l['practice'], l['outcome']))
        if l['practice'] not in pr_names: bad(w, f'{tag}: practice not annotated')
        if l['outcome'] not in out_texts: bad(w, f'{tag}: outcome not annotated')
        if l['org'] not in org_names: bad(w, f'{tag}: org {l["org"]} not annotated')
        ev = l['evidence']
        if ev not in text: bad(w, f'{tag}: evidence not in paper (line breaks joined)')
        if l['outcome'] not in ev: bad(w, f'{tag}: evidence does not contain the outcome')
        p = next((p for p in pracs if p['name'] == l['practice']), None)
        if p and not any(s in ev for s in [p['name']] + p['aliases']) \
                and not any(r in ev for r in REFERENCE_WORDS):
            bad(w, f'{tag}: evidence names neither the practice nor a reference word')
        if p and p['modality'] != 'reported': bad(w, f'{tag}: link from a recommended practice')
    # no reuse of seed names
    mine = [(x['name'], a) for x in orgs + pracs for a in [x['name']] + x['aliases']]
    for name, s in mine:
        k = norm(s)
        if len(k) < 4 or k in {norm(x) for x in WHITELIST}:
            continue
        for sd in seeds:
            if k == sd or sd in k or (k in sd and 2 * len(k) >= len(sd)):
                bad(w, f'name {s!r} reuses seed name {sd!r}')
    ntext = norm(raw)
    for sd in seeds:
        if sd in ntext:
            bad(w, f'paper text contains seed name {sd!r}')
    return dict(orgs=len(orgs), pr_rep=sum(p['modality'] == 'reported' for p in pracs),
                pr_rec=sum(p['modality'] == 'recommended' for p in pracs), outs=len(outs),
                outs_s=sum(o['category'] == 'safety' for o in outs), links=len(links),
                links_s=sum(next((o['category'] for o in outs if o['text'] == l['outcome']), '') == 'safety'
                            for l in links), han=n)

def main():
    seeds = seed_names()
    files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b21_*.json')))
    if len(files) != 4: bad('gold', f'expected 4 gold files, found {len(files)}')
    papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b21_*.txt')))
    if len(papers) != 4: bad('papers', f'expected 4 papers, found {len(papers)}')
    rows = []
    for f in files:
        r = check_file(f, seeds)
        if r: rows.append((os.path.basename(f), r))
    cols = ['han', 'orgs', 'pr_rep', 'pr_rec', 'outs', 'outs_s', 'links', 'links_s']
    head = ['file', 'Han chars', 'orgs', 'practices rep', 'practices rec', 'outcomes', '(safety)',
            'links', '(safety)']
    print(' | '.join(head))
    tot = {c: 0 for c in cols}
    for name, r in rows:
        print(' | '.join([name] + [str(r[c]) for c in cols]))
        for c in cols: tot[c] += r[c]
    print(' | '.join(['TOTAL'] + [str(tot[c]) for c in cols]))
    if problems:
        print(f'\n{len(problems)} PROBLEM(S):')
        for p in problems: print('  -', p)
        sys.exit(1)
    print('\nALL OK')

if __name__ == '__main__':
    main()
