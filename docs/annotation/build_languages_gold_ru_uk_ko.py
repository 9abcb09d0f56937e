#!/usr/bin/env python3
"""Write the hand annotation of docs/annotation/languages/<lang>_hedges.txt into
data/languages/<lang>/gold/hedges.tsv (hedges column: expression@offset|category, offsets in
code points from the sentence start), and verify every row: the sentence span is text[start:end]
of the record, every expression is found at its offset. Rows, order and spans of the frozen
file are kept; only the last column is rewritten. Fails loudly on any expression not found.

Annotation lines: n <TAB> expression as written in the sentence [#k: its k-th occurrence] <TAB> category

--heldout: the same for the held-out sample, from docs/annotation/languages/<lang>_hedges_heldout.txt
into data/languages/<lang>/gold/hedges_heldout.tsv.

--dev2: the same for the second development sample, from docs/annotation/languages/<lang>_hedges_dev2.txt
into data/languages/<lang>/gold/hedges_dev2.tsv; its header line `# status: unannotated` becomes
`# status: annotated`.

Usage: build_languages_gold_ru_uk_ko.py LANG [LANG...] [--check] [--heldout | --dev2]   (run from the repository root)
"""
import json, os, sys

CORPUS = "/work/shared/corpora/languages"
SUFFIX = "_heldout" if "--heldout" in sys.argv else "_dev2" if "--dev2" in sys.argv else ""
CATS = {"evidential", "modal", "epistemic_verb", "expectation", "adverb_adjective",
        "approximator", "vague_quantifier", "weasel"}


def records(lang):
    with open(os.path.join(CORPUS, lang + ".jsonl"), encoding="utf-8") as f:
        return {d["id"]: d["text"] for d in map(json.loads, f)}


def annotation(lang):
    out = {}
    with open(f"docs/annotation/languages/{lang}_hedges{SUFFIX}.txt", encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            n, expr, cat = line.split("\t")
            if cat not in CATS:
                sys.exit(f"{lang}_hedges{SUFFIX}.txt:{ln}: unknown category {cat!r}")
            k = 1
            if "#" in expr:
                expr, k = expr.rsplit("#", 1)
                k = int(k)
            out.setdefault(int(n), []).append((expr, k, cat, ln))
    return out


def locate(sentence, expr, k):
    pos = -1
    for _ in range(k):
        pos = sentence.find(expr, pos + 1)
        if pos < 0:
            return -1
    return pos


def build(lang):
    texts = records(lang)
    ann = annotation(lang)
    path = f"data/languages/{lang}/gold/hedges{SUFFIX}.tsv"
    lines = open(path, encoding="utf-8").read().split("\n")
    out, seen, total = [], set(), 0
    for line in lines:
        if not line or line.startswith("#"):
            out.append("# status: annotated" if SUFFIX == "_dev2" and line == "# status: unannotated" else line)
            continue
        n, split, art, a, b = line.split("\t")[:5]
        n, a, b = int(n), int(a), int(b)
        sent = texts[art][a:b]
        if sent != sent.strip() or not sent:
            sys.exit(f"{path}: row {n}: span {a}-{b} is not a trimmed sentence")
        hedges = []
        for expr, k, cat, ln in ann.get(n, []):
            pos = locate(sent, expr, k)
            if pos < 0:
                sys.exit(f"{lang}_hedges{SUFFIX}.txt:{ln}: {expr!r}#{k} not in sentence {n}: {sent}")
            hedges.append((pos, f"{expr}@{pos}|{cat}"))
        hedges.sort()
        total += len(hedges)
        seen.add(n)
        out.append("\t".join([str(n), split, art, str(a), str(b), "; ".join(h for _, h in hedges)]))
    missing = set(ann) - seen
    if missing:
        sys.exit(f"{lang}: annotation for rows not in the sample: {sorted(missing)}")
    if "--check" not in sys.argv:
        open(path, "w", encoding="utf-8").write("\n".join(out))
    print(f"{lang}: {len(seen)} sentences, {sum(1 for n in seen if ann.get(n))} with hedges, {total} hedges")


def verify_written(lang):
    """Re-read the written file and check every expression at its offset."""
    texts = records(lang)
    for line in open(f"data/languages/{lang}/gold/hedges{SUFFIX}.tsv", encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        n, _, art, a, b, hedges = line.split("\t")
        sent = texts[art][int(a):int(b)]
        for h in filter(None, hedges.split("; ")):
            expr, rest = h.rsplit("@", 1)
            off = int(rest.split("|")[0])
            assert sent[off:off + len(expr)] == expr, (lang, n, h)


if __name__ == "__main__":
    for lang in [a for a in sys.argv[1:] if not a.startswith("--")]:
        build(lang)
        verify_written(lang)
