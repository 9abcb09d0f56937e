#!/usr/bin/env python3
"""Fill the hedges column of data/hedges_gold/news_second.tsv from the hand annotation
docs/annotation/news_second_hedges.txt (locates each chosen expression in its sentence; decides
nothing) and check every expression against the sentence text: text[start:end] == expression,
the match starts and ends at a word boundary, and the category is one of GUIDELINE.md's.

Usage: build_news_second.py [ABP_DIR]   (default /work/shared/corpora/abp; reads abp_medium.jsonl)

build_news_third.py calls `build` with its own sample and corpus file.
"""
import gzip, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CATEGORIES = {"evidential", "modal", "epistemic_verb", "expectation", "adverb_adjective",
              "approximator", "vague_quantifier", "weasel"}


def boundary(s, i):
    """True when position i of s is not inside a word (alphanumeric on both sides)."""
    return i <= 0 or i >= len(s) or not (s[i - 1].isalnum() and s[i].isalnum())


def build(sample, corpus):
    """Fills data/hedges_gold/<sample>.tsv from docs/annotation/<sample>_hedges.txt, the
    sentences read from the ABP file `corpus` (.jsonl, or .jsonl.gz)."""
    tsv = os.path.join(REPO, "data", "hedges_gold", f"{sample}.tsv")
    ann = {}
    for line in open(os.path.join(HERE, f"{sample}_hedges.txt"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        n, _, items = line.rstrip("\n").partition("\t")
        if int(n) in ann:
            sys.exit(f"sentence {n} annotated twice")
        ann[int(n)] = [x.strip() for x in items.split(";") if x.strip()]

    lines = open(tsv, encoding="utf-8").read().splitlines()
    rows = [l.split("\t") for l in lines if not l.startswith("#")]
    ids = [int(r[0]) for r in rows]
    if sorted(ann) != sorted(ids):
        sys.exit(f"annotation ids differ from the TSV ids: {sorted(set(ann) ^ set(ids))}")
    want = {r[2] for r in rows}
    texts = {}
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for l in f:
            d = json.loads(l)
            if d["ID"] in want:
                texts[d["ID"]] = d["content_original"]


    out, n_h, per_cat = [], 0, {}
    for l in lines:
        if l.startswith("#"):
            out.append(l)
            continue
        f = l.split("\t")
        while len(f) < 6:
            f.append("")
        n, art, a, b = int(f[0]), f[2], int(f[3]), int(f[4])
        sent = texts[art][a:b]
        hedges = []
        for item in ann[n]:
            expr, _, cat = item.partition("|")
            cat, _, k = cat.partition("#")
            if cat not in CATEGORIES:
                sys.exit(f"sentence {n}: unknown category {cat!r}")
            pos, seen = -1, 0
            while seen < int(k or 1):
                pos = sent.find(expr, pos + 1)
                if pos < 0:
                    sys.exit(f"sentence {n}: {expr!r} (occurrence {k or 1}) not found in {sent!r}")
                if boundary(sent, pos) and boundary(sent, pos + len(expr)):
                    seen += 1
            assert sent[pos:pos + len(expr)] == expr
            hedges.append((pos, f"{expr}@{pos}|{cat}"))
            per_cat[cat] = per_cat.get(cat, 0) + 1
        n_h += len(hedges)
        f[5] = "; ".join(h for _, h in sorted(hedges))
        out.append("\t".join(f[:6]))
    open(tsv, "w", encoding="utf-8").write("\n".join(out) + "\n")

    # check what was written: every offset gives back its expression
    for l in out:
        if l.startswith("#"):
            continue
        f = l.split("\t")
        sent = texts[f[2]][int(f[3]):int(f[4])]
        for h in filter(None, f[5].split("; ")):
            expr, _, rest = h.rpartition("@")
            off = int(rest.partition("|")[0])
            assert sent[off:off + len(expr)] == expr, (f[0], h)
    print(f"{len(rows)} sentences, {sum(1 for n in ann if ann[n])} with hedges, {n_h} hedges; "
          + ", ".join(f"{c} {per_cat[c]}" for c in sorted(per_cat)), file=sys.stderr)


if __name__ == "__main__":
    ABP = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/abp"
    build("news_second", os.path.join(ABP, "abp_medium.jsonl"))
