#!/usr/bin/env python3
"""Draw the fourth hedge sample data/hedges_gold/news_fourth.tsv (seed 20261207), a development
sample (unlike news_fresh, news_second and news_third, which are held out).

200 sentences from the articles of abp_full.jsonl.gz that are NOT in abp_medium.jsonl (as for
news_fresh.tsv and news_third.tsv), not an article of news_fresh.tsv or news_third.tsv, and not
from an outlet of news_third.tsv (its sources looked up in abp_full and normalised with
draw_abp_third.py's outlet()), so that news_third stays held out by outlet as well as by article.
Other outlets are allowed, those of news_fresh.tsv, news_second.tsv and PolNeAR included. Each
outlet gives at most PER_OUTLET sentences.

Procedure (deterministic given the files), as draw_abp_third.py's:
1. Read news_fresh.tsv's and news_third.tsv's article IDs; look up news_third's sources in
   abp_full; read every ID of abp_medium.
2. Keep the abp_full articles not in medium, not in news_fresh.tsv or news_third.tsv, whose
   outlet is not one of news_third.tsv's; IDs sorted; random.Random(SEED).shuffle them; walk
   them in order.
3. Skip an article whose outlet already gave PER_OUTLET sentences. Split content_original into
   sentences with draw_abp_fresh.py's splitter; keep those of 8 to 55 whitespace-separated
   words; if none, go on; otherwise pick one with rng.choice (the same generator); record
   (ID, start, end).
4. Stop at 200. Splitting errors and boilerplate lines are kept as drawn, not replaced.
Steps 2 (from the shuffle) to 4 and the output are draw_abp_third.py's `walk` and `emit`.

Offsets: Python str (code point) offsets into content_original as decoded from JSON, end
exclusive. The rows are written with EMPTY hedge columns and a "# status: unannotated" line.

Usage: draw_abp_fourth.py [ABP_DIR] [--show]   (--show prints outlet and sentence for the annotator)
       without --show it prints the TSV (header included) to stdout.
"""
import gzip, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from draw_abp_third import emit, gold_ids, outlet, read_medium, walk  # noqa: E402

SEED = 20261207
N = 200
PER_OUTLET = 10

HEADER = """# news_fourth.tsv: 200 ABP sentences drawn 2026-12-06 (seed 20261207) by docs/annotation/draw_abp_fourth.py, a development
# sample. Articles: abp_full.jsonl.gz outside abp_medium.jsonl, not in news_fresh.tsv or news_third.tsv; outlets not those of
# news_third.tsv (other outlets, earlier samples' and PolNeAR's included, allowed); at most 10 sentences each. Columns as
# news_fresh.tsv (split = "abp"; article = the ABP ID, in abp_full.jsonl.gz; start_char, end_char = code-point offsets in
# content_original). The hedge column is EMPTY until annotated blind by GUIDELINE.md; the annotator then changes the status line
# below to "# status: annotated".
# status: unannotated
# id	split	article	start_char	end_char	hedges (expression@offset in the sentence|category, ;-separated)"""


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else "/work/shared/corpora/abp"
    fresh_ids, third_ids = gold_ids("news_fresh.tsv"), gold_ids("news_third.tsv")
    medium = read_medium(root)
    third_outlets, texts, source = set(), {}, {}
    with gzip.open(os.path.join(root, "abp_full.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["ID"] in third_ids:
                third_outlets.add(outlet(d["source"]))
            if d["ID"] not in medium and d["ID"] not in fresh_ids and d["ID"] not in third_ids:
                texts[d["ID"]] = d["content_original"] or ""
                source[d["ID"]] = d["source"]
    ids = [i for i in texts if outlet(source[i]) not in third_outlets]
    picked, per = walk(ids, texts, source, SEED, N, PER_OUTLET)
    print(f"# {len(ids)} eligible articles outside medium; {len(third_outlets)} news_third outlets "
          f"excluded: {', '.join(sorted(third_outlets))}", file=sys.stderr)
    emit(picked, per, texts, source, HEADER)


if __name__ == "__main__":
    main()
