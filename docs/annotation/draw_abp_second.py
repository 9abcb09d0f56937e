#!/usr/bin/env python3
"""Draw the second held-out hedge sample data/hedges_gold/news_second.tsv (seed 20261205).

150 sentences from abp_medium.jsonl, from outlets that are in neither earlier news sample:
not a source of any news_fresh.tsv article (looked up in abp_full) and not a PolNeAR publisher
(news_sample.tsv and news_dev2.tsv are PolNeAR: breitbart, huff-post, nyt, politico, usa-today,
wash-post, west-journal; every "New York Times ..." source and NYT columnist is NYT). So that
no one outlet fills the sample (New York Times - News alone is 1,393 of 3,656 medium articles,
and it is excluded anyway), each outlet gives at most PER_OUTLET sentences.

Procedure (deterministic given the files):
1. Read news_fresh.tsv's article IDs and their sources in abp_full; read abp_medium.
2. Keep medium articles whose source is not excluded (above), IDs sorted;
   random.Random(SEED).shuffle them; walk them in order.
3. Skip an article whose outlet already gave PER_OUTLET sentences. Split content_original
   into sentences exactly as draw_abp_fresh.py does; keep those of 8 to 55 words; pick one with
   rng.choice; record (ID, start, end).
4. Stop at 150.

The rows are written with EMPTY hedge columns and a "# status: unannotated" line: the sample is
annotated blind (by GUIDELINE.md) by someone who has not seen hedgerow's output on it, who then
fills the sixth column and changes the line to "# status: annotated". eval_hedges skips the
sample until then.

Usage: draw_abp_second.py [ABP_DIR] [--show]   (--show prints the sentences for the annotator)
       without --show it prints the TSV (header included) to stdout.
"""
import gzip, json, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from draw_abp_fresh import sentences  # noqa: E402  (the same sentence splitter)

SEED = 20261205
N = 150
PER_OUTLET = 15
POLNEAR_OUTLETS = {"breitbart news", "huffpost", "politico", "usa today", "the washington post",
                   "washington post", "western journal", "the western journal"}
# NYT columnists in abp_medium (their source is their name, the outlet is the NYT)
NYT_COLUMNISTS = {"david brooks", "frank bruni", "bret stephens", "michelle goldberg",
                  "david leonhardt", "charles blow", "gail collins", "nicholas kristof",
                  "ross douthat"}
HERE = os.path.dirname(os.path.abspath(__file__))
FRESH = os.path.join(HERE, "..", "..", "data", "hedges_gold", "news_fresh.tsv")

HEADER = """# news_second.tsv: 150 ABP sentences drawn 2026-12-05 (seed 20261205) by docs/annotation/draw_abp_second.py and frozen
# before any hedgerow output on them was looked at. Outlets: abp_medium sources in neither news_fresh.tsv nor PolNeAR, at most
# 15 sentences each. Columns as news_fresh.tsv (split = "abp"; article = the ABP ID, in abp_medium.jsonl and abp_full.jsonl.gz;
# start_char, end_char = code-point offsets in content_original). The hedge column is EMPTY until annotated blind by GUIDELINE.md;
# the annotator then changes the status line below to "# status: annotated" (eval_hedges scores the sample only then).
# status: unannotated
# id	split	article	start_char	end_char	hedges (expression@offset in the sentence|category, ;-separated)"""


def outlet(source):
    """The outlet behind a source name: "Newsmax - News" and "Newsmax (News)" are Newsmax,
    "AP Fact Check" is the Associated Press."""
    s = source.lower().split(" - ")[0].split(" (")[0].strip()
    return {"ap fact check": "associated press"}.get(s, s)


def excluded(source, fresh_outlets):
    s = outlet(source)
    return (s in fresh_outlets or s in POLNEAR_OUTLETS or s.startswith("new york times")
            or s in NYT_COLUMNISTS)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else "/work/shared/corpora/abp"
    fresh_ids = {l.split("\t")[2] for l in open(FRESH, encoding="utf-8")
                 if l.strip() and not l.startswith("#")}
    fresh_sources = set()
    with gzip.open(os.path.join(root, "abp_full.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["ID"] in fresh_ids:
                fresh_sources.add(outlet(d["source"]))
    texts, source = {}, {}
    with open(os.path.join(root, "abp_medium.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if not excluded(d["source"], fresh_sources):
                texts[d["ID"]] = d["content_original"] or ""
                source[d["ID"]] = d["source"]
    ids = sorted(texts)
    rng = random.Random(SEED)
    rng.shuffle(ids)
    picked, per = [], {}
    for i in ids:
        if per.get(source[i], 0) >= PER_OUTLET:
            continue
        t = texts[i]
        ok = [(a, b) for a, b in sentences(t) if 8 <= len(t[a:b].split()) <= 55]
        if not ok:
            continue
        a, b = rng.choice(ok)
        picked.append((i, a, b))
        per[source[i]] = per.get(source[i], 0) + 1
        if len(picked) == N:
            break
    print(f"# {len(texts)} eligible medium articles; per outlet: "
          + ", ".join(f"{k} {v}" for k, v in sorted(per.items(), key=lambda x: -x[1])),
          file=sys.stderr)
    if "--show" in sys.argv:
        for n, (i, a, b) in enumerate(picked, 1):
            print(f"{n}\t{source[i]}\t{i}\t{a}\t{b}\t{texts[i][a:b]}")
        return
    print(HEADER)
    for n, (i, a, b) in enumerate(picked, 1):
        print(f"{n}\tabp\t{i}\t{a}\t{b}\t")


if __name__ == "__main__":
    main()
