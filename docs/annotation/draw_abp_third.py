#!/usr/bin/env python3
"""Draw the third held-out hedge sample data/hedges_gold/news_third.tsv (seed 20261206).

150 sentences from the articles of abp_full.jsonl.gz that are NOT in abp_medium.jsonl (as for
news_fresh.tsv), from outlets that are in none of the earlier news samples:
- not a source of any news_fresh.tsv article (looked up in abp_full),
- not a source of any news_second.tsv article (looked up in abp_medium),
- not a PolNeAR publisher (news_sample.tsv and news_dev2.tsv are PolNeAR: breitbart, huffpost,
  nyt, politico, usa today, washington post, western journal; every "New York Times ..." source
  and NYT columnist is NYT).
Outlets are compared after normalising the source name with outlet() below (draw_abp_second.py's,
plus "Fox Online News" and "Fox News Opinion" = Fox News, "CNN - Editorial" = CNN, and so on).
The articles of news_fresh.tsv are excluded as such too (they are outside medium). So that no
one outlet fills the sample, each outlet gives at most PER_OUTLET sentences.

Procedure (deterministic given the files):
1. Read news_fresh.tsv's and news_second.tsv's article IDs; look up their sources in abp_full;
   read every ID of abp_medium.
2. Keep the abp_full articles not in medium, not in news_fresh.tsv, whose outlet is not
   excluded (above); IDs sorted; random.Random(SEED).shuffle them; walk them in order.
3. Skip an article whose outlet already gave PER_OUTLET sentences. Split content_original into
   sentences exactly as draw_abp_fresh.py does (the same function is imported); keep those of
   8 to 55 whitespace-separated words; if none, go on; otherwise pick one with rng.choice (the
   same generator); record (ID, start, end).
4. Stop at 150. Splitting errors and boilerplate lines are kept as drawn, not replaced.

Offsets: Python str (code point) offsets into content_original as decoded from JSON, end
exclusive.

The rows are written with EMPTY hedge columns and a "# status: unannotated" line: the sample is
annotated blind (by GUIDELINE.md) by someone who has not seen hedgerow's output on it, who then
fills the sixth column and changes the line to "# status: annotated".

Usage: draw_abp_third.py [ABP_DIR] [--show]   (--show prints outlet and sentence for the annotator)
       without --show it prints the TSV (header included) to stdout.
"""
import gzip, json, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from draw_abp_fresh import sentences  # noqa: E402  (the same sentence splitter)

SEED = 20261206
N = 150
PER_OUTLET = 12
POLNEAR_OUTLETS = {"breitbart news", "breitbart", "huffpost", "huffington post", "politico",
                   "usa today", "the washington post", "washington post", "western journal",
                   "the western journal"}
NYT_COLUMNISTS = {"david brooks", "frank bruni", "bret stephens", "michelle goldberg",
                  "david leonhardt", "charles blow", "gail collins", "nicholas kristof",
                  "ross douthat", "paul krugman", "thomas friedman", "maureen dowd",
                  "jamelle bouie", "ezra klein"}
ALIASES = {"ap fact check": "associated press", "fox online news": "fox news",
           "fox news opinion": "fox news", "fox news online": "fox news"}
HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "..", "data", "hedges_gold")

HEADER = """# news_third.tsv: 150 ABP sentences drawn 2026-12-06 (seed 20261206) by docs/annotation/draw_abp_third.py and frozen
# before any hedgerow output on them was looked at. Articles: abp_full.jsonl.gz outside abp_medium.jsonl (and not in news_fresh.tsv);
# outlets in none of news_fresh.tsv, news_second.tsv, PolNeAR; at most 12 sentences each. Columns as news_fresh.tsv (split = "abp";
# article = the ABP ID, in abp_full.jsonl.gz; start_char, end_char = code-point offsets in content_original). The hedge column is
# EMPTY until annotated blind by GUIDELINE.md; the annotator then changes the status line below to "# status: annotated".
# status: unannotated
# id	split	article	start_char	end_char	hedges (expression@offset in the sentence|category, ;-separated)"""


def outlet(source):
    """The outlet behind a source name: "Newsmax - News" and "Newsmax (News)" are Newsmax,
    "AP Fact Check" is the Associated Press, "Fox Online News" is Fox News."""
    s = source.lower().split(" - ")[0].split(" (")[0].strip()
    return ALIASES.get(s, s)


def excluded(o, earlier):
    return (o in earlier or o in POLNEAR_OUTLETS or o.startswith("new york times")
            or o in NYT_COLUMNISTS)


def gold_ids(name):
    return {l.split("\t")[2] for l in open(os.path.join(GOLD, name), encoding="utf-8")
            if l.strip() and not l.startswith("#")}


def read_medium(root):
    """Every article ID of abp_medium.jsonl."""
    medium = set()
    with open(os.path.join(root, "abp_medium.jsonl"), encoding="utf-8") as f:
        for line in f:
            medium.add(json.loads(line)["ID"])
    return medium


def walk(ids, texts, source, seed, n, per_outlet):
    """Steps 2 to 4 of the procedure: shuffle the sorted `ids` with random.Random(seed), walk
    them, skip an article whose outlet already gave `per_outlet` sentences, pick one sentence of
    8 to 55 words per article with the same generator, stop at `n`. Returns the picked (ID,
    start, end) and the sentences per outlet. draw_abp_fourth.py calls it with its own rules."""
    ids = sorted(ids)
    rng = random.Random(seed)
    rng.shuffle(ids)
    picked, per = [], {}
    for i in ids:
        o = outlet(source[i])
        if per.get(o, 0) >= per_outlet:
            continue
        t = texts[i]
        ok = [(a, b) for a, b in sentences(t) if 8 <= len(t[a:b].split()) <= 55]
        if not ok:
            continue
        a, b = rng.choice(ok)
        picked.append((i, a, b))
        per[o] = per.get(o, 0) + 1
        if len(picked) == n:
            break
    return picked, per


def emit(picked, per, texts, source, header):
    """Prints the outlet counts to stderr, then the sentences (--show) or the TSV rows with
    `header` and an empty hedge column to stdout."""
    print(f"# {len(picked)} sentences, {len(per)} outlets: "
          + ", ".join(f"{k} {v}" for k, v in sorted(per.items(), key=lambda x: (-x[1], x[0]))),
          file=sys.stderr)
    if "--show" in sys.argv:
        for n, (i, a, b) in enumerate(picked, 1):
            print(f"{n}\t{source[i]}\t{i}\t{a}\t{b}\t{texts[i][a:b]}")
        return
    print(header)
    for n, (i, a, b) in enumerate(picked, 1):
        print(f"{n}\tabp\t{i}\t{a}\t{b}\t")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else "/work/shared/corpora/abp"
    fresh_ids, second_ids = gold_ids("news_fresh.tsv"), gold_ids("news_second.tsv")
    medium = read_medium(root)
    earlier, texts, source = set(), {}, {}
    with gzip.open(os.path.join(root, "abp_full.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["ID"] in fresh_ids or d["ID"] in second_ids:
                earlier.add(outlet(d["source"]))
            if d["ID"] not in medium and d["ID"] not in fresh_ids:
                texts[d["ID"]] = d["content_original"] or ""
                source[d["ID"]] = d["source"]
    ids = [i for i in texts if not excluded(outlet(source[i]), earlier)]
    picked, per = walk(ids, texts, source, SEED, N, PER_OUTLET)
    print(f"# {len(ids)} eligible articles outside medium; {len(earlier)} earlier outlets "
          f"excluded: {', '.join(sorted(earlier))}", file=sys.stderr)
    emit(picked, per, texts, source, HEADER)


if __name__ == "__main__":
    main()
