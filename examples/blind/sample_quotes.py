"""Draws a blind reading sample of quotations from a hedgerow quotes.csv of abp_medium.
Writes reader.md (contexts only, the quotation marked with ⟦ ⟧; no kind, no speaker) and
key.tsv (item -> hedgerow's kind and speaker), items shuffled."""
import csv, json, random, sys, os
out = sys.argv[1]; quotes = sys.argv[2]; corpus = sys.argv[3]
rng = random.Random(20261205)
rows = list(csv.DictReader(open(quotes)))
want = {'direct': 80, 'unattributed': 40, 'scare': 20, 'mixed': 15, 'title': 15}
docs = {}
for line in open(corpus):
    d = json.loads(line)
    docs[str(d['ID'])] = d['content_original']
picked = []
for kind, n in want.items():
    pool = [r for r in rows if r['kind'] == kind and r['doc_id'] in docs]
    picked += rng.sample(pool, n)
rng.shuffle(picked)
os.makedirs(out, exist_ok=True)
with open(f'{out}/reader.md', 'w') as rd, open(f'{out}/key.tsv', 'w') as key:
    key.write('item\tdoc_id\tkind\tspeaker\tspeaker_resolved\tspeaker_type\ttext\n')
    for i, r in enumerate(picked, 1):
        t = docs[r['doc_id']]
        s, e = int(r['start_char']), int(r['end_char'])
        # the paragraph of the quotation, two before and one after
        paras_start = s
        for _ in range(3):
            p = t.rfind('\n', 0, max(paras_start - 1, 0))
            paras_start = 0 if p < 0 else p
            if p < 0: break
        end = e
        for _ in range(2):
            p = t.find('\n', end + 1)
            end = len(t) if p < 0 else p
            if p < 0: break
        lo = max(paras_start, s - 1500); hi = min(end, e + 700)
        ctx = t[lo:s] + '⟦' + t[s:e] + '⟧' + t[e:hi]
        ctx = '\n'.join(l for l in ctx.split('\n') if l.strip())
        rd.write(f'## Item {i}\n\n```\n{ctx}\n```\n\n')
        key.write('\t'.join([str(i), r['doc_id'], r['kind'], r['speaker'], r['speaker_resolved'], r['speaker_type'], r['text'].replace('\t', ' ').replace('\n', ' ')[:200]]) + '\n')
print(len(picked), 'items')
