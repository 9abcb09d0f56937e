#!/usr/bin/env python3
"""Check data/hedges_gold/news_third.tsv against the corpus, independently of its build script.

Re-reads abp_full.jsonl.gz and, for every row: the article exists and is outside abp_medium.jsonl;
start_char < end_char lie inside content_original; the span is exactly a sentence of
draw_abp_fresh.py's splitter with 8 to 55 words (so the offsets give the drawn sentence text);
and every hedge "expression@offset|category" gives back its expression at that offset in the
sentence (so the expression occurs in the sentence), with a category of GUIDELINE.md. Also: ids
1..150 in order, no article twice, at most 12 sentences per outlet, the rows equal to what
draw_abp_third.py draws, and the hedges equal to docs/annotation/news_third_hedges.txt.
Prints the errors (if any), the counts, and exits non-zero on an error.

Usage: verify_news_third.py [ABP_DIR]   (default /work/shared/corpora/abp)
"""
import gzip, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from draw_abp_fresh import sentences  # noqa: E402
from draw_abp_third import outlet  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
ABP = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/abp"
TSV = os.path.join(REPO, "data", "hedges_gold", "news_third.tsv")
CATEGORIES = {"evidential", "modal", "epistemic_verb", "expectation", "adverb_adjective",
              "approximator", "vague_quantifier", "weasel"}

errors = []
lines = open(TSV, encoding="utf-8").read().splitlines()
rows = [l.split("\t") for l in lines if not l.startswith("#")]
status = [l for l in lines if l.startswith("# status:")]
want = {r[2] for r in rows}
texts, source = {}, {}
with gzip.open(os.path.join(ABP, "abp_full.jsonl.gz"), "rt", encoding="utf-8") as f:
    for l in f:
        d = json.loads(l)
        if d["ID"] in want:
            texts[d["ID"]] = d["content_original"] or ""
            source[d["ID"]] = d["source"]
medium = set()
with open(os.path.join(ABP, "abp_medium.jsonl"), encoding="utf-8") as f:
    for l in f:
        i = json.loads(l)["ID"]
        if i in want:
            medium.add(i)

if [int(r[0]) for r in rows] != list(range(1, 151)):
    errors.append("ids are not 1..150 in order")
if len(want) != len(rows):
    errors.append("an article gives two sentences")
per, per_cat, n_h, with_h = {}, {}, 0, 0
hedges_of = {}
for r in rows:
    if len(r) != 6:
        errors.append(f"row {r[0]}: {len(r)} columns, not 6")
        continue
    n, art, a, b = r[0], r[2], int(r[3]), int(r[4])
    if r[1] != "abp":
        errors.append(f"row {n}: split {r[1]!r}")
    if art not in texts:
        errors.append(f"row {n}: article {art} not in abp_full")
        continue
    if art in medium:
        errors.append(f"row {n}: article {art} is in abp_medium")
    t = texts[art]
    if not (0 <= a < b <= len(t)):
        errors.append(f"row {n}: offsets {a}-{b} outside the text ({len(t)})")
        continue
    if (a, b) not in sentences(t):
        errors.append(f"row {n}: {a}-{b} is not a sentence of the splitter")
    sent = t[a:b]
    if not 8 <= len(sent.split()) <= 55:
        errors.append(f"row {n}: {len(sent.split())} words")
    o = outlet(source[art])
    per[o] = per.get(o, 0) + 1
    hs = [h for h in r[5].split("; ") if h]
    hedges_of[int(n)] = hs
    with_h += bool(hs)
    for h in hs:
        expr, _, rest = h.rpartition("@")
        off, _, cat = rest.partition("|")
        if not expr or not off.isdigit():
            errors.append(f"row {n}: malformed hedge {h!r}")
            continue
        off = int(off)
        if sent[off:off + len(expr)] != expr:
            errors.append(f"row {n}: {expr!r} not at {off} in {sent!r}")
        if cat not in CATEGORIES:
            errors.append(f"row {n}: unknown category {cat!r}")
        per_cat[cat] = per_cat.get(cat, 0) + 1
        n_h += 1
big = {o: k for o, k in per.items() if k > 12}
if big:
    errors.append(f"outlets over 12 sentences: {big}")

# the rows are those the draw script draws (ids, articles, offsets)
drawn = subprocess.run([sys.executable, os.path.join(HERE, "draw_abp_third.py"), ABP],
                       capture_output=True, text=True, check=True).stdout.splitlines()
drawn = [l.split("\t")[:5] for l in drawn if not l.startswith("#")]
if drawn != [r[:5] for r in rows]:
    errors.append("rows differ from what draw_abp_third.py draws")

# the hedges are those of the hand annotation (expression, category, in order of offset)
for l in open(os.path.join(HERE, "news_third_hedges.txt"), encoding="utf-8"):
    if l.startswith("#") or not l.strip():
        continue
    n, _, items = l.rstrip("\n").partition("\t")
    want_h = sorted((x.strip().split("|")[0], x.strip().split("|")[1].split("#")[0])
                    for x in items.split(";") if x.strip())
    got_h = sorted((h.rpartition("@")[0], h.rpartition("|")[2]) for h in hedges_of.get(int(n), []))
    if want_h != got_h:
        errors.append(f"row {n}: TSV hedges {got_h} differ from the hand annotation {want_h}")

for e in errors:
    print("ERROR", e)
print(f"{len(rows)} sentences from {len(per)} outlets, {with_h} with hedges, {n_h} hedges; "
      + ", ".join(f"{c} {per_cat[c]}" for c in sorted(per_cat)) + f"; {status[0] if status else 'no status line'}; "
      f"{len(errors)} errors")
sys.exit(1 if errors else 0)
