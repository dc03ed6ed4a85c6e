import json, collections, sys
d = json.load(open('eval.json'))
man = {json.loads(l)['id']: json.loads(l) for l in open('manifest.jsonl')}
o = d['overall']; print(o['detected'], '/', o['positives'], 'recall', o['recall'], 'flagged', o['flaggedNegatives'], '/', o['negatives'])
for k, v in sorted(d['tags'].items()):
    if k.startswith('class:') or k.startswith('neg:'): print(f"  {k:28s} pos {v['detected']}/{v['positives']}  neg flagged {v['flagged']}/{v['negatives']}")
if len(sys.argv) > 1:
    m = collections.Counter()
    for x in d['misses']:
        t = [t for t in x['tags'] if not t.startswith('place:')]; m[' '.join(t)] += 1
    for k, v in sorted(m.items()): print(v, k)
    print('FP')
    for x in d['falsePositives']: print(x)
