#!/usr/bin/env python3
"""Draw the frozen hedge sample data/hedges_gold/news_fresh.tsv from ABP (seed 20261204).

Articles of abp_full.jsonl.gz whose ID is not in abp_medium.jsonl; sentences of
content_original of 8 to 55 words; one sentence per article, 120 articles.

Procedure (deterministic given the two files):
1. Read every ID of abp_full and abp_medium; keep the full IDs not in medium, sorted.
2. random.Random(SEED).shuffle that list; walk it in order.
3. For each article, split content_original into sentences (below); keep those of 8 to 55
   whitespace-separated words; if none, go on to the next article; otherwise pick one with the
   same random generator (rng.choice) and record (ID, start, end).
4. Stop at 120.

Sentence splitting: paragraphs are split at newlines; within a paragraph a sentence ends at
. ! or ? (optionally followed by closing quotes/brackets) followed by whitespace and then an
uppercase letter, a digit or an opening quote. Boundaries after common abbreviations
(Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Gen. St. Jr. U.S. etc., single capital initials) are not
sentence ends. Leading/trailing whitespace is excluded from the span.

Offsets: Python str (Unicode code point) offsets into content_original as decoded from JSON,
end exclusive.

Usage: draw_abp_fresh.py [ABP_DIR] [--show]   (--show prints the sentences for the reader)
"""
import gzip, json, os, random, re, sys

SEED = 20261204
N = 120
ABBREV = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr",
          "sr", "prof", "rev", "vs", "no", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr",
          "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "d.c",
          "e.g", "i.e", "etc", "ft", "mt", "calif", "fla", "ariz", "mass", "wash", "va", "pa",
          "n.y", "ill", "mich", "tenn", "ky", "ga", "ala", "okla", "conn", "wis", "minn", "colo",
          "r", "d", "a.m", "p.m"}
END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘'(A-Z0-9])")


def sentences(text):
    out = []
    pos = 0
    for para in text.split("\n"):
        start = pos
        pos += len(para) + 1
        s = 0
        for m in END.finditer(para):
            e = m.end()
            word = re.search(r"(\S+)$", para[s:m.start() + 1])
            w = word.group(1).rstrip(".").lower().lstrip("(\"“'") if word else ""
            if m.group(0)[0] == "." and (w in ABBREV or re.fullmatch(r"[a-z]", w)):
                continue
            out.append((start + s, start + e))
            s = e
        out.append((start + s, start + len(para)))
    spans = []
    for a, b in out:
        seg = text[a:b]
        a2 = a + (len(seg) - len(seg.lstrip()))
        b2 = b - (len(seg) - len(seg.rstrip()))
        if b2 > a2:
            spans.append((a2, b2))
    return spans


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else "/work/shared/corpora/abp"
    medium = set()
    with open(os.path.join(root, "abp_medium.jsonl"), encoding="utf-8") as f:
        for line in f:
            medium.add(json.loads(line)["ID"])
    texts = {}
    with gzip.open(os.path.join(root, "abp_full.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["ID"] not in medium:
                texts[d["ID"]] = d["content_original"] or ""
    ids = sorted(texts)
    rng = random.Random(SEED)
    rng.shuffle(ids)
    picked = []
    for i in ids:
        t = texts[i]
        ok = [(a, b) for a, b in sentences(t) if 8 <= len(t[a:b].split()) <= 55]
        if not ok:
            continue
        a, b = rng.choice(ok)
        picked.append((i, a, b))
        if len(picked) == N:
            break
    print(f"# {len(texts)} articles outside abp_medium ({len(medium)} medium IDs)", file=sys.stderr)
    for n, (i, a, b) in enumerate(picked, 1):
        if "--show" in sys.argv:
            print(f"{n}\t{i}\t{a}\t{b}\t{texts[i][a:b]}")
        else:
            print(f"{n}\t{i}\t{a}\t{b}")


if __name__ == "__main__":
    main()
