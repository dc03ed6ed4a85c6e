#!/usr/bin/env python3
"""Summarize eval.json (misses / flagged negatives grouped) as markdown. Prints ids and tags only."""
import json, collections, sys
d = json.load(open(sys.argv[1] if len(sys.argv) > 1 else 'eval.json'))
o = d['overall']
def tag(t, p): return next((x.split(':', 1)[1] for x in t if x.startswith(p + ':')), '?')
ctl_missed = {(tag(m['tags'], 'class'), tag(m['tags'], 'shape')) for m in d['misses'] if 'control' in m['tags']}
print(f"recall {o['detected']}/{o['positives']} = {o['recall']:.3f}; flagged negatives {o['flaggedNegatives']}/{o['negatives']} = {o['fpRate']:.3f}\n")
print('### Missed positives by class\n')
by = collections.defaultdict(list)
for m in d['misses']: by[tag(m['tags'], 'class')].append(m)
for c, ms in sorted(by.items(), key=lambda kv: -len(kv[1])):
    print(f'**{c}** ({len(ms)})\n')
    for m in ms:
        note = ' [base shape missed unwrapped too]' if (c, tag(m['tags'], 'shape')) in ctl_missed and 'control' not in m['tags'] else ''
        note += ' [inspection failed]' if 'inspection failed' in json.dumps(m) or m.get('failure') else ''
        print(f"- {m['id']}: {' '.join(m['tags'])}{note}")
    print()
print('### Missed positives by chain (wrapping), excluding base-shape detector misses\n')
ch = collections.Counter()
for m in d['misses']:
    c = tag(m['tags'], 'class')
    if (c, tag(m['tags'], 'shape')) in ctl_missed: continue
    ch[tag(m['tags'], 'chain') if 'chain:' in ' '.join(m['tags']) else '?'] += 1
for k, v in ch.most_common(): print(f'- `{k}`: {v}')
print('\n### Flagged negatives\n')
fl = collections.defaultdict(set)
for f in d['falsePositives']:
    if f['id'].startswith('neg-'): fl[f['id']].add((f['rule'], ' '.join(f['tags'])))
for f in d['failedNegatives']: fl[f['id']].add(('inspection failed (' + f['failure'].split(':')[0] + ', request blocked)', ' '.join(f['tags'])))
bycls = collections.defaultdict(list)
for i, s in fl.items():
    for r, t in s: bycls[tag(t.split(), 'neg')].append((i, r, t))
for c, xs in sorted(bycls.items()):
    print(f'**neg:{c}** ({len({x[0] for x in xs})})\n')
    for i, r, t in sorted(xs): print(f'- {i}: {r}; {t}')
    print()
print('### Unexpected extra categories on positives (count toward precision, not FP rate)\n')
ex = collections.Counter((f['rule'], tag(f['tags'], 'class')) for f in d['falsePositives'] if f['id'].startswith('pos-'))
ids = collections.defaultdict(set)
for f in d['falsePositives']:
    if f['id'].startswith('pos-'): ids[(f['rule'], tag(f['tags'], 'class'))].add(f['id'])
for (r, c), n in ex.items(): print(f'- {r} on class:{c}: {len(ids[(r, c)])} cases (e.g. {", ".join(sorted(ids[(r, c)])[:3])})')
