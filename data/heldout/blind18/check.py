#!/usr/bin/env python3
"""Validator for the blind18 held-out set (stdlib only).

Checks, per GUIDELINES.md (/work/shared/gold/GUIDELINES.md):
  * JSON schema and allowed values; "doc" = paper file name;
  * every outcome text, practice name (or one alias), organisation name (or one alias)
    occurs in its paper (text joined over line breaks, as in the seed convention);
  * every link evidence occurs in the joined paper and contains the outcome text;
  * every practice / outcome / org named in a link, adopted_by, part_of, parent, outcome.org is annotated;
  * modality consistency (recommended -> no adopted_by; reported -> adopted_by);
  * no organisation or practice name (4+ chars, normalised) of the seed gold is reused in
    our gold or our papers, except a whitelist of well-known institutions;
  * no 14-character run of a seed paper is copied into our papers;
  * each paper has 1,200-2,000 Han characters.
Prints a counts table and ALL OK (exit 0) or the list of problems (exit 1).
"""
import glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_GOLD = '/work/shared/gold/seeds'
SEED_PAPERS = '/work/shared/papers'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union', 'YouthLeague',
             'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture', 'mass',
           'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment', 'integrity',
              'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
MODALITIES = {'reported', 'recommended'}
# well-known institutions that every paper of the genre names (allowed although a seed names them)
WHITELIST = {'三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '党员先锋岗',
             '民主生活会', '组织生活会', '第一议题', '第一议题制度', '志愿服务', '主题教育',
             '集团公司'}  # 集团公司 is the common noun 'group company', not a name

def norm(s):
    s = unicodedata.normalize('NFKC', s or '')
    return ''.join(ch for ch in s if not (ch.isspace() or unicodedata.category(ch)[0] in 'PSZ'))

def joined(text):
    return re.sub(r'\s*\n\s*', '', text)

def han(s):
    return len(re.findall(r'[\u4e00-\u9fff]', s))

problems = []
def bad(doc, msg):
    problems.append(f'{doc}: {msg}')

def expect_keys(doc, obj, keys, what):
    if not isinstance(obj, dict) or set(obj) != set(keys):
        bad(doc, f'{what}: keys {sorted(obj) if isinstance(obj, dict) else type(obj)} != {sorted(keys)}')
        return False
    return True

# ---- seed names ----
seed_names = set()
for f in glob.glob(os.path.join(SEED_GOLD, '*.json')):
    d = json.load(open(f, encoding='utf-8'))
    for o in d.get('organisations', []):
        seed_names |= {o['name'], *o.get('aliases', [])}
    for p in d.get('practices', []):
        seed_names |= {p['name'], *p.get('aliases', [])}
seed_norm = {norm(s) for s in seed_names}
seed_norm = {s for s in seed_norm if len(s) >= 4 and s not in WHITELIST}
seed_text = ''.join(joined(open(f, encoding='utf-8').read()) for f in glob.glob(os.path.join(SEED_PAPERS, '*.txt')))
seed_text_n = norm(seed_text)
NGRAM = 14
seed_grams = {seed_text_n[i:i + NGRAM] for i in range(len(seed_text_n) - NGRAM + 1)}

rows = []
gold_files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b18_*.json')))
paper_files = sorted(glob.glob(os.path.join(HERE, 'papers', 'b18_*.txt')))
if len(gold_files) != 4 or len(paper_files) != 4:
    problems.append(f'expected 4 papers and 4 gold files, got {len(paper_files)} / {len(gold_files)}')

for gf in gold_files:
    name = os.path.basename(gf)
    try:
        d = json.load(open(gf, encoding='utf-8'))
    except Exception as e:
        bad(name, f'invalid JSON: {e}'); continue
    if not expect_keys(name, d, ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links'], 'file'):
        continue
    doc = d['doc']
    if doc != name.replace('.json', '.txt'):
        bad(name, f'doc {doc!r} does not match file name')
    pp = os.path.join(HERE, 'papers', doc)
    if not os.path.exists(pp):
        bad(name, f'paper {doc} missing'); continue
    raw = open(pp, encoding='utf-8').read()
    text = joined(raw)
    text_n = norm(text)
    nh = han(raw)
    if not 1200 <= nh <= 2000:
        bad(doc, f'{nh} Han characters (want 1200-2000)')
    if not isinstance(d['article'], str) or not d['article']:
        bad(doc, 'article title empty')
    if not isinstance(d['skipped'], list):
        bad(doc, 'skipped must be a list')

    def in_text(s):
        return norm(s) != '' and norm(s) in text_n

    # organisations
    orgs = {}
    for o in d['organisations']:
        if not expect_keys(doc, o, ['name', 'aliases', 'type', 'parent'], f'org {o.get("name")}'):
            continue
        if o['name'] in orgs:
            bad(doc, f'duplicate org {o["name"]}')
        orgs[o['name']] = o
        if o['type'] not in ORG_TYPES:
            bad(doc, f'org {o["name"]}: type {o["type"]}')
        if not isinstance(o['aliases'], list):
            bad(doc, f'org {o["name"]}: aliases not a list')
        if not any(in_text(x) for x in [o['name'], *o['aliases']]):
            bad(doc, f'org {o["name"]}: neither name nor alias occurs in paper')
    for o in orgs.values():
        if o['parent'] is not None and o['parent'] not in orgs:
            bad(doc, f'org {o["name"]}: parent {o["parent"]} not annotated')

    # practices
    prs = {}
    for p in d['practices']:
        if not expect_keys(doc, p, ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain'], f'practice {p.get("name")}'):
            continue
        if p['name'] in prs:
            bad(doc, f'duplicate practice {p["name"]}')
        prs[p['name']] = p
        if p['modality'] not in MODALITIES:
            bad(doc, f'practice {p["name"]}: modality {p["modality"]}')
        if p['domain'] not in DOMAINS:
            bad(doc, f'practice {p["name"]}: domain {p["domain"]}')
        if p['modality'] == 'recommended' and p['adopted_by']:
            bad(doc, f'practice {p["name"]}: recommended but adopted_by set')
        if p['modality'] == 'reported' and not p['adopted_by']:
            bad(doc, f'practice {p["name"]}: reported without adopted_by')
        for a in p['adopted_by']:
            if a not in orgs:
                bad(doc, f'practice {p["name"]}: adopted_by {a} not annotated')
        if not in_text(p['name']):
            bad(doc, f'practice name {p["name"]} does not occur in paper')
        for a in p['aliases']:
            if not in_text(a):
                bad(doc, f'practice alias {a} does not occur in paper')
    for p in prs.values():
        if p['part_of'] is not None:
            if p['part_of'] not in prs:
                bad(doc, f'practice {p["name"]}: part_of {p["part_of"]} not annotated')
            elif p['part_of'] == p['name']:
                bad(doc, f'practice {p["name"]}: part_of itself')

    # outcomes
    outs = {}
    for o in d['outcomes']:
        if not expect_keys(doc, o, ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org'], f'outcome {o.get("text")}'):
            continue
        if o['text'] in outs:
            bad(doc, f'duplicate outcome {o["text"]}')
        outs[o['text']] = o
        if o['text'] not in text:
            bad(doc, f'outcome text not in paper: {o["text"]}')
        if not isinstance(o['indicator'], str) or not o['indicator']:
            bad(doc, f'outcome {o["text"]}: empty indicator')
        if o['value'] is not None and (isinstance(o['value'], bool) or not isinstance(o['value'], (int, float))):
            bad(doc, f'outcome {o["text"]}: value not a number')
        if o['unit'] is not None and not isinstance(o['unit'], str):
            bad(doc, f'outcome {o["text"]}: unit not a string')
        if o['direction'] not in DIRECTIONS:
            bad(doc, f'outcome {o["text"]}: direction {o["direction"]}')
        if o['year'] is not None and (not isinstance(o['year'], int) or not 2019 <= o['year'] <= 2025):
            bad(doc, f'outcome {o["text"]}: year {o["year"]}')
        if o['category'] not in CATEGORIES:
            bad(doc, f'outcome {o["text"]}: category {o["category"]}')
        if o['org'] not in orgs:
            bad(doc, f'outcome {o["text"]}: org {o["org"]} not annotated')
        if o['value'] is not None:
            v = o['value']; vs = [str(v)]
            if isinstance(v, float) and v.is_integer():
                vs.append(str(int(v)))
            if v == 0:
                vs += ['零', '0']
            if not any(x in o['text'] for x in vs):
                bad(doc, f'outcome {o["text"]}: value {v} not in its text')

    # links
    seen = set()
    for l in d['links']:
        if not expect_keys(doc, l, ['practice', 'outcome', 'org', 'evidence'], 'link'):
            continue
        key = (l['practice'], l['outcome'])
        if key in seen:
            bad(doc, f'duplicate link {key}')
        seen.add(key)
        if l['practice'] not in prs:
            bad(doc, f'link practice not annotated: {l["practice"]}')
        if l['outcome'] not in outs:
            bad(doc, f'link outcome not annotated: {l["outcome"]}')
        if l['org'] not in orgs:
            bad(doc, f'link org not annotated: {l["org"]}')
        if l['evidence'] not in text:
            bad(doc, f'evidence not in paper: {l["evidence"][:40]}...')
        if l['outcome'] not in l['evidence']:
            bad(doc, f'evidence does not contain outcome {l["outcome"]}')
        p = prs.get(l['practice'])
        if p:
            if p['modality'] != 'reported':
                bad(doc, f'link from recommended practice {p["name"]}')
            names = [p['name'], *p['aliases']]
            ev_n = norm(l['evidence'])
            if not any(norm(x) in ev_n for x in names):
                # next-sentence links may name the practice by a short form; require at least a 2-char overlap
                short = norm(p['name'])
                if not any(short[i:i + 2] in ev_n for i in range(len(short) - 1)):
                    bad(doc, f'evidence does not mention practice {p["name"]}')

    # seed-name reuse
    mine = [*orgs, *(a for o in orgs.values() for a in o['aliases']),
            *prs, *(a for p in prs.values() for a in p['aliases'])]
    for m in mine:
        mn = norm(m)
        for s in seed_norm:
            if s == mn or s in mn:
                bad(doc, f'name {m!r} reuses seed name {s!r}')
    for s in seed_norm:
        if s in text_n:
            bad(doc, f'paper text contains seed name {s!r}')
    copied = [text_n[i:i + NGRAM] for i in range(len(text_n) - NGRAM + 1) if text_n[i:i + NGRAM] in seed_grams]
    if copied:
        bad(doc, f'{len(copied)} {NGRAM}-char runs copied from seed papers, e.g. {copied[0]}')

    rep = sum(p['modality'] == 'reported' for p in prs.values())
    rec = sum(p['modality'] == 'recommended' for p in prs.values())
    saf = sum(o['category'] == 'safety' for o in outs.values())
    lsaf = sum(outs.get(l['outcome'], {}).get('category') == 'safety' for l in d['links'])
    rows.append((doc, nh, len(orgs), rep, rec, len(outs), saf, len(d['links']), lsaf))

hdr = ('paper', 'Han', 'orgs', 'pract.rep', 'pract.rec', 'outcomes', '(safety)', 'links', '(safety)')
fmt = '{:<20}' + '{:>10}' * 8
print(fmt.format(*hdr))
tot = [0] * 8
for r in rows:
    print(fmt.format(*r))
    tot = [a + b for a, b in zip(tot, r[1:])]
print(fmt.format('TOTAL', *tot))
if problems:
    print(f'\n{len(problems)} PROBLEM(S):')
    for p in problems:
        print('  -', p)
    sys.exit(1)
print('\nALL OK')
