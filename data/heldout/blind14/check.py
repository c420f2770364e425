#!/usr/bin/env python3
"""Validator for the blind14 held-out set (stdlib only).

Checks, for every gold/b14_*.json:
  * schema and allowed values of /work/shared/gold/GUIDELINES.md;
  * "doc" is the paper's file name and the paper exists;
  * every organisation name/alias, practice name/alias, outcome text and link evidence
    occurs in the paper after joining line breaks (seed convention: evidence strings of the
    seed gold occur in the paper once the newlines are removed).  For b14_ocr.txt the running
    header and page-number lines (NOISE below) are removed before joining, as a reader would;
  * every link names an annotated practice, outcome and organisation; the outcome text is
    inside the evidence; the practice (or an alias) is inside the evidence or in the text
    right before it (framing heading);
  * adopted_by / part_of / parent / outcome org point to annotated units;
  * no organisation or practice name of 4+ characters used in the seed papers is reused
    (seed gold names, both directions of containment after normalisation, and verbatim
    occurrence in the seed paper texts), except the whitelisted well-known institutions.
Prints a counts table and "ALL OK" (exit 0) or the list of problems (exit 1).
"""
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_GOLD = '/work/shared/gold/seeds'
SEED_PAPERS = '/work/shared/papers'

ORG_TYPES = {'Group', 'Company', 'Mine', 'PartyCommittee', 'PartyBranch', 'Union',
             'YouthLeague', 'Department', 'Team', 'Other'}
DOMAINS = {'political', 'ideological', 'organisational', 'integrity', 'talent', 'culture',
           'mass', 'digital', 'safety', 'production', 'management'}
CATEGORIES = {'safety', 'production', 'equipment', 'economic', 'talent', 'environment',
              'integrity', 'cohesion', 'social', 'other'}
DIRECTIONS = {'increase', 'decrease', 'level', None}
MODALITIES = {'reported', 'recommended'}

# well-known institutions that every paper names; allowed although the seeds use them too
WHITELIST = ['三会一课', '主题党日', '谈心谈话', '党员责任区', '党员示范岗', '党员先锋岗',
             '党员突击队', '组织生活会', '民主生活会', '民主评议党员', '党史学习教育',
             '青年突击队', '职工代表大会']

# lines that are not part of the running text (OCR page furniture)
NOISE = {
    'b14_ocr.txt': [r'^\s*能源党建与管理\s+[０-９0-9]+年第[０-９0-9]+期\s*$',
                    r'^\s*·\s*[０-９0-9]+\s*·\s*$'],
}

PUNCT_RE = re.compile(r'[\s\u3000“”"‘’\'《》〈〉「」『』【】\[\]（）()［］{}<>、，,。.．；;：:！!？?·\-—–_/／+＋…~～|]')


def norm(s):
    return PUNCT_RE.sub('', unicodedata.normalize('NFKC', s or ''))


def joined(doc):
    lines = open(os.path.join(HERE, 'papers', doc), encoding='utf-8').read().split('\n')
    pats = [re.compile(p) for p in NOISE.get(doc, [])]
    keep = [l for l in lines if not any(p.match(l) for p in pats)]
    return ''.join(keep)


def whitelisted(n):
    return any(n == norm(w) for w in WHITELIST)


def seed_names():
    names = set()
    for f in glob.glob(os.path.join(SEED_GOLD, '*.json')):
        d = json.load(open(f, encoding='utf-8'))
        for o in d.get('organisations', []):
            for n in [o['name']] + o.get('aliases', []):
                names.add(norm(n))
        for p in d.get('practices', []):
            for n in [p['name']] + p.get('aliases', []):
                names.add(norm(n))
    return {n for n in names if len(n) >= 4 and not whitelisted(n)}


def seed_text():
    t = ''
    for f in glob.glob(os.path.join(SEED_PAPERS, '*.txt')):
        t += norm(open(f, encoding='utf-8').read()) + '\n'
    return t


def main():
    errs = []
    rows = []
    snames = seed_names()
    stext = seed_text()
    papers = sorted(os.path.basename(p) for p in glob.glob(os.path.join(HERE, 'papers', 'b14_*.txt')))
    golds = sorted(glob.glob(os.path.join(HERE, 'gold', 'b14_*.json')))
    if len(papers) != 4:
        errs.append('expected 4 papers, found %d' % len(papers))
    for p in papers:
        if not os.path.exists(os.path.join(HERE, 'gold', p[:-4] + '.json')):
            errs.append('no gold for ' + p)
    for g in golds:
        gname = os.path.basename(g)
        E = lambda m: errs.append('%s: %s' % (gname, m))
        d = json.load(open(g, encoding='utf-8'))
        if list(d.keys()) != ['doc', 'article', 'skipped', 'organisations', 'practices', 'outcomes', 'links']:
            E('top-level keys/order differ from the seed format: %s' % list(d.keys()))
        doc = d.get('doc')
        if doc != gname[:-5] + '.txt' or not os.path.exists(os.path.join(HERE, 'papers', doc)):
            E('doc field %r does not name its paper' % doc)
            continue
        J = joined(doc)
        if not isinstance(d['article'], str) or d['article'] not in J:
            E('article title not found in paper: %r' % d['article'])
        if not isinstance(d['skipped'], list):
            E('skipped must be a list')
        # organisations
        onames, oall = [], set()
        for o in d['organisations']:
            if list(o.keys()) != ['name', 'aliases', 'type', 'parent']:
                E('org keys %s' % list(o.keys()))
            if o['type'] not in ORG_TYPES:
                E('org type %r' % o['type'])
            for n in [o['name']] + o['aliases']:
                if n not in J:
                    E('org name/alias not in paper: %r' % n)
            if o['name'] in onames:
                E('duplicate org %r' % o['name'])
            onames.append(o['name'])
            oall.update([o['name']] + o['aliases'])
        for o in d['organisations']:
            if o['parent'] is not None and o['parent'] not in onames:
                E('org parent not annotated: %r' % o['parent'])
        # practices
        pnames = []
        for p in d['practices']:
            if list(p.keys()) != ['name', 'aliases', 'modality', 'adopted_by', 'part_of', 'domain']:
                E('practice keys %s' % list(p.keys()))
            if p['modality'] not in MODALITIES:
                E('modality %r' % p['modality'])
            if p['domain'] not in DOMAINS:
                E('domain %r (%s)' % (p['domain'], p['name']))
            if p['modality'] == 'reported' and not p['adopted_by']:
                E('reported practice without adopted_by: %r' % p['name'])
            if p['modality'] == 'recommended' and p['adopted_by']:
                E('recommended practice with adopted_by: %r' % p['name'])
            for a in p['adopted_by']:
                if a not in onames:
                    E('adopted_by not an annotated org: %r' % a)
            for n in [p['name']] + p['aliases']:
                if n not in J:
                    E('practice name/alias not in paper: %r' % n)
            if p['name'] in pnames:
                E('duplicate practice %r' % p['name'])
            pnames.append(p['name'])
        for p in d['practices']:
            if p['part_of'] is not None and p['part_of'] not in pnames:
                E('part_of not an annotated practice: %r' % p['part_of'])
            if p['part_of'] == p['name']:
                E('practice part of itself: %r' % p['name'])
        # outcomes
        otexts = {}
        for o in d['outcomes']:
            if list(o.keys()) != ['text', 'indicator', 'value', 'unit', 'direction', 'year', 'category', 'org']:
                E('outcome keys %s' % list(o.keys()))
            if o['text'] not in J:
                E('outcome text not in paper: %r' % o['text'])
            if o['text'] in otexts:
                E('duplicate outcome text %r' % o['text'])
            otexts[o['text']] = o
            if not isinstance(o['indicator'], str) or not o['indicator']:
                E('empty indicator: %r' % o['text'])
            if o['value'] is not None and (isinstance(o['value'], bool) or not isinstance(o['value'], (int, float))):
                E('value must be number or null: %r' % o['text'])
            if o['value'] is not None and o['unit'] is None:
                E('value without unit: %r' % o['text'])
            if o['unit'] is not None and not isinstance(o['unit'], str):
                E('unit must be string or null: %r' % o['text'])
            if o['direction'] not in DIRECTIONS:
                E('direction %r' % o['direction'])
            if o['year'] is not None and not (isinstance(o['year'], int) and 2019 <= o['year'] <= 2025):
                E('year %r' % o['year'])
            if o['category'] not in CATEGORIES:
                E('category %r' % o['category'])
            if o['org'] not in onames:
                E('outcome org not annotated: %r' % o['org'])
        # links
        seen = set()
        pmap = {p['name']: p for p in d['practices']}
        for l in d['links']:
            if list(l.keys()) != ['practice', 'outcome', 'org', 'evidence']:
                E('link keys %s' % list(l.keys()))
            if l['practice'] not in pmap:
                E('link practice not annotated: %r' % l['practice'])
                continue
            if l['outcome'] not in otexts:
                E('link outcome not annotated: %r' % l['outcome'])
                continue
            if l['org'] not in onames:
                E('link org not annotated: %r' % l['org'])
            if (l['practice'], l['outcome']) in seen:
                E('duplicate link %r -> %r' % (l['practice'], l['outcome']))
            seen.add((l['practice'], l['outcome']))
            ev = l['evidence']
            if ev not in J:
                E('evidence not in paper: %r' % ev[:40])
                continue
            if l['outcome'] not in ev:
                E('outcome not inside its evidence: %r' % l['outcome'])
            p = pmap[l['practice']]
            cands = [p['name']] + p['aliases']
            start = J.index(ev)
            before = J[max(0, start - 60):start]
            if not any(c in ev for c in cands) and not any(c in before for c in cands):
                E('practice neither in evidence nor in the heading before it: %r' % l['practice'])
            if pmap[l['practice']]['modality'] != 'reported':
                E('link from a recommended practice: %r' % l['practice'])
        # seed-name reuse
        for kind, items in (('org', d['organisations']), ('practice', d['practices'])):
            for it in items:
                for n in [it['name']] + it['aliases']:
                    nn = norm(n)
                    if len(nn) < 4 or whitelisted(nn):
                        continue
                    for s in snames:
                        if nn == s or nn in s or s in nn:
                            E('%s name %r reuses seed name %r' % (kind, n, s))
                    if nn in stext:
                        E('%s name %r occurs verbatim in a seed paper' % (kind, n))
        nsafe_o = sum(1 for o in d['outcomes'] if o['category'] == 'safety')
        nsafe_l = sum(1 for l in d['links'] if l['outcome'] in otexts and otexts[l['outcome']]['category'] == 'safety')
        nrep = sum(1 for p in d['practices'] if p['modality'] == 'reported')
        nrec = len(d['practices']) - nrep
        han = len(re.findall(r'[\u4e00-\u9fff〇]', open(os.path.join(HERE, 'papers', doc), encoding='utf-8').read()))
        if not 1200 <= han <= 2000:
            E('paper length %d Han characters outside 1200-2000' % han)
        rows.append((doc, han, len(d['organisations']), nrep, nrec, len(d['outcomes']), nsafe_o,
                     len(d['links']), nsafe_l))
    hdr = ('file', 'han', 'orgs', 'pr.rep', 'pr.rec', 'outc', 'outc.safety', 'links', 'links.safety')
    print('%-20s %5s %5s %7s %7s %5s %12s %6s %13s' % hdr)
    tot = [0] * 8
    for r in rows:
        print('%-20s %5d %5d %7d %7d %5d %12d %6d %13d' % r)
        tot = [a + b for a, b in zip(tot, r[1:])]
    print('%-20s %5d %5d %7d %7d %5d %12d %6d %13d' % tuple(['TOTAL'] + tot))
    if errs:
        print('\n%d PROBLEM(S):' % len(errs))
        for e in errs:
            print('  - ' + e)
        sys.exit(1)
    print('ALL OK')


if __name__ == '__main__':
    main()
