"""Scores hedgerow's kinds and speakers (key.tsv) against a blind reader's answers.tsv."""
import csv, sys, collections, re
d = sys.argv[1]
key = {r['item']: r for r in csv.DictReader(open(f'{d}/key.tsv'), delimiter='\t', quoting=csv.QUOTE_NONE)}
ans = {r['item']: r for r in csv.DictReader(open(f'{d}/answers.tsv'), delimiter='\t', quoting=csv.QUOTE_NONE)}
PRON = {'he','she','they','i','we','it','you','him','her','them'}
TITLES = {'mr','mrs','ms','dr','president','sen','senator','rep','gov','governor','the','former','vice','secretary','house','speaker','a','an','of','said'}
def toks(s):
    return [t for t in re.findall(r"[a-z0-9]+", s.lower().replace('’',"'").replace("'s",'')) if t not in TITLES]
def same(hr, reader):
    h, r = toks(hr), toks(reader)
    if not h or not r or hr.strip().lower() in PRON:
        return False
    return r[-1] in h or h[-1] in r or (len(set(h) & set(r)) >= 1 and len(h) > 1 and len(r) > 1)
out = collections.defaultdict(list)
for i, k in key.items():
    a = ans.get(i)
    if not a:
        continue
    typ = a['type'].strip().lower(); spk = a['speaker'].strip()
    kind = k['kind']
    hr = k['speaker_resolved'] or k['speaker']
    if kind in ('direct', 'mixed'):
        ok = typ == 'speech' and spk.lower() != 'unclear' and same(hr, spk)
        out[kind].append((ok, i, typ, spk, hr))
    elif kind == 'unattributed':
        attributed = typ == 'speech' and spk and spk.lower() != 'unclear'
        out[kind].append((not attributed, i, typ, spk, hr))
    elif kind == 'scare':
        out[kind].append((typ == 'scare', i, typ, spk, hr))
    elif kind == 'title':
        out[kind].append((typ == 'title', i, typ, spk, hr))
for kind, rs in out.items():
    n = len(rs); ok = sum(r[0] for r in rs)
    types = collections.Counter(r[2] for r in rs)
    print(f'{kind}: {ok}/{n} right; reader types {dict(types)}')
    for r in rs:
        if not r[0] or '-v' in sys.argv:
            print(f'   {"ok " if r[0] else "MISS"} item {r[1]}: reader {r[2]} / {r[3]!r}; hedgerow {r[4]!r}')
