#!/usr/bin/env python3
"""Validator for the blind12 held-out set (stdlib only).

Checks, per gold/b12_*.json:
  * top-level keys and field types exactly as in the seed files / GUIDELINES;
  * allowed values of type, modality, domain, category, direction;
  * adopted_by / parent / part_of / outcome.org / link ends refer to annotated units;
  * reported practices name an adopting organisation, recommended ones do not;
  * every practice name, outcome text and link evidence occurs in the paper
    (line breaks joined, as in the seed convention), and each link's evidence
    contains its outcome and (a name or alias of) its practice;
  * no organisation or practice name (4+ characters, normalised) of the seed gold
    is reused, neither in our names nor anywhere in our paper texts, except the
    whitelisted generic institutions.
Prints a counts table and ALL OK (exit 0) or the errors (exit 1).
"""
import glob, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = '/work/shared/gold/seeds'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union',
             'YouthLeague', 'Department', 'Team', 'Other'}
MODALITY = {'reported', 'recommended'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture',
           'mass', 'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment',
              'integrity', 'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
TOP_KEYS = ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']
ORG_KEYS = ['name', 'aliases', 'type', 'parent']
PRAC_KEYS = ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']
OUT_KEYS = ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']
LINK_KEYS = ['practice', 'outcome', 'org', 'evidence']

# generic, well-known institutions and genre words that every paper may name
WHITELIST = {
    '三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员突击队', '党员先锋岗',
    '第一议题', '第一议题制度', '民主生活会', '组织生活会', '民主评议', '民主评议党员',
    '主题教育', '党史学习教育', '巡察整改', '巡视工作', '微信公众号', '集团公司',
    '技术比武', '岗位练兵', '志愿服务', '结对帮扶', '青年突击队', '青年文明号',
    '安全生产标准化建设', '廉政党课', '述职述廉', '清廉国企', '创先争优', '心理疏导',
}


def norm(s):
    s = unicodedata.normalize('NFKC', s)
    return re.sub(r'[\W_]+', '', s)


def joined(text):
    return re.sub(r'\n+', '', text)


def seed_names():
    names = set()
    for f in glob.glob(os.path.join(SEEDS, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        for o in d.get('organisations', []):
            names.update([o['name']] + list(o.get('aliases', [])))
        for p in d.get('practices', []):
            names.update([p['name']] + list(p.get('aliases', [])))
    out = set()
    for n in names:
        k = norm(n)
        if len(k) >= 4 and k not in WHITELIST:
            out.add(k)
    return out


def check_file(path, seeds, errors):
    def err(msg):
        errors.append('%s: %s' % (os.path.basename(path), msg))

    d = json.load(open(path, encoding='utf-8'))
    if list(d.keys()) != TOP_KEYS:
        err('top-level keys %s != %s' % (list(d.keys()), TOP_KEYS))
        return None
    paper = os.path.join(HERE, 'papers', d['doc'])
    if not d['doc'].startswith('b12_') or not os.path.exists(paper):
        err('doc %r missing' % d['doc'])
        return None
    if os.path.splitext(os.path.basename(path))[0] != os.path.splitext(d['doc'])[0]:
        err('file name does not match doc')
    raw = open(paper, encoding='utf-8').read()
    text = joined(raw)
    ntext = norm(text)
    if not isinstance(d['article'], str) or not d['article']:
        err('article title empty')
    elif d['article'] not in text and d['article'].strip('[]') not in text:
        err('article title not in paper: %r' % d['article'])
    if not isinstance(d['skipped'], list):
        err('skipped not a list')

    orgs, pracs, outs = {}, {}, {}
    for o in d['organisations']:
        if list(o.keys()) != ORG_KEYS:
            err('org keys %s' % list(o.keys())); continue
        if o['name'] in orgs:
            err('duplicate org %s' % o['name'])
        orgs[o['name']] = o
        if o['type'] not in ORG_TYPES:
            err('org %s: bad type %r' % (o['name'], o['type']))
        if not isinstance(o['aliases'], list):
            err('org %s: aliases not list' % o['name'])
        for n in [o['name']] + o['aliases']:
            if n not in text:
                err('org name/alias not in paper: %r' % n)
    for o in d['organisations']:
        if o['parent'] is not None and o['parent'] not in orgs:
            err('org %s: parent %r not annotated' % (o['name'], o['parent']))

    for p in d['practices']:
        if list(p.keys()) != PRAC_KEYS:
            err('practice keys %s' % list(p.keys())); continue
        if p['name'] in pracs:
            err('duplicate practice %s' % p['name'])
        pracs[p['name']] = p
        if p['modality'] not in MODALITY:
            err('practice %s: bad modality' % p['name'])
        if p['domain'] not in DOMAINS:
            err('practice %s: bad domain %r' % (p['name'], p['domain']))
        for n in [p['name']] + p['aliases']:
            if n not in text:
                err('practice name/alias not in paper: %r' % n)
        if p['modality'] == 'reported' and not p['adopted_by']:
            err('reported practice without adopted_by: %s' % p['name'])
        if p['modality'] == 'recommended' and p['adopted_by']:
            err('recommended practice with adopted_by: %s' % p['name'])
        for a in p['adopted_by']:
            if a not in orgs:
                err('practice %s: adopted_by %r not annotated' % (p['name'], a))
    for p in d['practices']:
        if p['part_of'] is not None and p['part_of'] not in pracs:
            err('practice %s: part_of %r not annotated' % (p['name'], p['part_of']))
        if p['part_of'] == p['name']:
            err('practice %s part of itself' % p['name'])

    for o in d['outcomes']:
        if list(o.keys()) != OUT_KEYS:
            err('outcome keys %s' % list(o.keys())); continue
        if o['text'] in outs:
            err('duplicate outcome %s' % o['text'])
        outs[o['text']] = o
        if o['text'] not in text:
            err('outcome text not in paper: %r' % o['text'])
        if o['category'] not in CATEGORIES:
            err('outcome %s: bad category' % o['text'])
        if o['direction'] not in DIRECTIONS:
            err('outcome %s: bad direction' % o['text'])
        if o['value'] is not None and not isinstance(o['value'], (int, float)):
            err('outcome %s: value not numeric' % o['text'])
        if o['value'] is None and o['unit'] is not None:
            err('outcome %s: unit without value' % o['text'])
        if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
            err('outcome %s: bad year %r' % (o['text'], o['year']))
        if not o['indicator']:
            err('outcome %s: empty indicator' % o['text'])
        if o['org'] not in orgs:
            err('outcome %s: org %r not annotated' % (o['text'], o['org']))

    seen = set()
    for l in d['links']:
        if list(l.keys()) != LINK_KEYS:
            err('link keys %s' % list(l.keys())); continue
        key = (l['practice'], l['outcome'])
        if key in seen:
            err('duplicate link %s' % (key,))
        seen.add(key)
        if l['practice'] not in pracs:
            err('link practice not annotated: %r' % l['practice'])
        if l['outcome'] not in outs:
            err('link outcome not annotated: %r' % l['outcome'])
        if l['org'] not in orgs:
            err('link org not annotated: %r' % l['org'])
        ev = l['evidence']
        if ev not in text:
            err('evidence not in paper (joined): %r' % ev[:60])
        if l['outcome'] not in ev:
            err('evidence lacks outcome %r' % l['outcome'])
        if l['practice'] in pracs:
            p = pracs[l['practice']]
            if not any(norm(n) in norm(ev) for n in [p['name']] + p['aliases']):
                err('evidence lacks practice %r' % l['practice'])
            if p['modality'] != 'reported':
                err('link from recommended practice %r' % l['practice'])

    # invented names only
    for n in list(orgs) + [a for o in d['organisations'] for a in o['aliases']] + \
            list(pracs) + [a for p in d['practices'] for a in p['aliases']]:
        k = norm(n)
        for s in seeds:
            if k == s or (len(k) >= 4 and (s in k or k in s)):
                err('name %r reuses seed name %r' % (n, s))
    for s in seeds:
        if s in ntext:
            err('paper text reuses seed name %r' % s)

    safety_out = {o['text'] for o in d['outcomes'] if o['category'] == 'safety'}
    return dict(
        doc=d['doc'], orgs=len(orgs),
        rep=sum(p['modality'] == 'reported' for p in d['practices']),
        rec=sum(p['modality'] == 'recommended' for p in d['practices']),
        outs=len(outs), souts=len(safety_out), links=len(d['links']),
        slinks=sum(l['outcome'] in safety_out for l in d['links']),
        han=len(re.findall(r'[\u4e00-\u9fff]', raw)))


def main():
    seeds = seed_names()
    errors, rows = [], []
    files = sorted(glob.glob(os.path.join(HERE, 'gold', 'b12_*.json')))
    papers = sorted(glob.glob(os.path.join(HERE, 'papers', 'b12_*.txt')))
    if len(files) != 4 or len(papers) != 4:
        errors.append('expected 4 gold files and 4 papers, got %d/%d' % (len(files), len(papers)))
    for f in files:
        r = check_file(f, seeds, errors)
        if r:
            rows.append(r)
            if not 1200 <= r['han'] <= 2000:
                errors.append('%s: %d Han characters (want 1200-2000)' % (r['doc'], r['han']))
    hdr = '%-18s %5s %5s %9s %5s %5s %8s %6s %8s' % (
        'doc', 'han', 'orgs', 'prac_rep', 'rec', 'outs', 'outs_saf', 'links', 'link_saf')
    print(hdr); print('-' * len(hdr))
    tot = dict(han=0, orgs=0, rep=0, rec=0, outs=0, souts=0, links=0, slinks=0)
    for r in rows:
        print('%-18s %5d %5d %9d %5d %5d %8d %6d %8d' % (
            r['doc'], r['han'], r['orgs'], r['rep'], r['rec'], r['outs'], r['souts'], r['links'], r['slinks']))
        for k in tot:
            tot[k] += r[k]
    print('-' * len(hdr))
    print('%-18s %5d %5d %9d %5d %5d %8d %6d %8d' % (
        'TOTAL', tot['han'], tot['orgs'], tot['rep'], tot['rec'], tot['outs'], tot['souts'], tot['links'], tot['slinks']))
    if errors:
        print('\n%d ERROR(S):' % len(errors))
        for e in errors:
            print('  ' + e)
        sys.exit(1)
    print('\nALL OK')


if __name__ == '__main__':
    main()
