#!/usr/bin/env python3
"""Fill the hedges column of data/hedges_gold/news_fresh.tsv from the hand annotation
docs/annotation/news_fresh_hedges.txt (locates each chosen expression in its sentence; decides
nothing) and check every expression against the sentence text."""
import gzip, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ABP = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/abp"
TSV = os.path.join(REPO, "data", "hedges_gold", "news_fresh.tsv")

ann = {}
for line in open(os.path.join(HERE, "news_fresh_hedges.txt"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    n, _, items = line.rstrip("\n").partition("\t")
    ann[int(n)] = [x.strip() for x in items.split(";") if x.strip()]

lines = open(TSV, encoding="utf-8").read().splitlines()
want = {l.split("\t")[2] for l in lines if not l.startswith("#")}
texts = {}
with gzip.open(os.path.join(ABP, "abp_full.jsonl.gz"), "rt", encoding="utf-8") as f:
    for l in f:
        d = json.loads(l)
        if d["ID"] in want:
            texts[d["ID"]] = d["content_original"]

out, n_h = [], 0
for l in lines:
    if l.startswith("#"):
        out.append(l)
        continue
    f = l.split("\t")
    n, art, a, b = int(f[0]), f[2], int(f[3]), int(f[4])
    sent = texts[art][a:b]
    hedges = []
    for item in ann.get(n, []):
        expr, _, cat = item.partition("|")
        cat, _, k = cat.partition("#")
        pos = -1
        for _ in range(int(k or 1)):
            pos = sent.find(expr, pos + 1)
            if pos < 0:
                sys.exit(f"sentence {n}: {expr!r} not found in {sent!r}")
        assert sent[pos:pos + len(expr)] == expr
        hedges.append((pos, f"{expr}@{pos}|{cat}"))
    n_h += len(hedges)
    f[5] = "; ".join(h for _, h in sorted(hedges))
    out.append("\t".join(f[:6]))
open(TSV, "w", encoding="utf-8").write("\n".join(out) + "\n")
print(f"{sum(1 for l in out if not l.startswith('#'))} sentences, "
      f"{sum(1 for n in ann if ann[n])} with hedges, {n_h} hedges", file=sys.stderr)
