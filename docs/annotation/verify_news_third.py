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

The checks are `verify`, which verify_news_fourth.py calls with its own sample, size, cap, draw
script and exclusions.

Usage: verify_news_third.py [ABP_DIR]   (default /work/shared/corpora/abp)
"""
import gzip, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from draw_abp_fresh import sentences  # noqa: E402
from draw_abp_third import outlet  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
GOLD = os.path.join(REPO, "data", "hedges_gold")
CATEGORIES = {"evidential", "modal", "epistemic_verb", "expectation", "adverb_adjective",
              "approximator", "vague_quantifier", "weasel"}


def article_ids(sample):
    return [l.split("\t")[2] for l in open(os.path.join(GOLD, f"{sample}.tsv"), encoding="utf-8")
            if l.strip() and not l.startswith("#")]


def verify(sample, n_rows, per_outlet, draw_script, abp, disjoint=(), outlets_not_of=()):
    """Checks data/hedges_gold/<sample>.tsv (n_rows rows, at most per_outlet sentences per
    outlet, drawn by docs/annotation/<draw_script>, hand annotation
    docs/annotation/<sample>_hedges.txt) against abp_full and abp_medium in `abp`. Also, when
    given: no article of a sample in `disjoint`, no outlet of a sample in `outlets_not_of`
    (sources looked up in abp_full). Prints the errors and the counts; returns the exit code."""
    errors = []
    lines = open(os.path.join(GOLD, f"{sample}.tsv"), encoding="utf-8").read().splitlines()
    rows = [l.split("\t") for l in lines if not l.startswith("#")]
    status = [l for l in lines if l.startswith("# status:")]
    want = {r[2] for r in rows}
    other = {s: set(article_ids(s)) for s in set(disjoint) | set(outlets_not_of)}
    lookup = want.union(*other.values())
    texts, source = {}, {}
    with gzip.open(os.path.join(abp, "abp_full.jsonl.gz"), "rt", encoding="utf-8") as f:
        for l in f:
            d = json.loads(l)
            if d["ID"] in lookup:
                texts[d["ID"]] = d["content_original"] or ""
                source[d["ID"]] = d["source"]
    medium = set()
    with open(os.path.join(abp, "abp_medium.jsonl"), encoding="utf-8") as f:
        for l in f:
            i = json.loads(l)["ID"]
            if i in want:
                medium.add(i)
    banned = {outlet(source[i]): s for s in outlets_not_of for i in other[s] if i in source}

    if [int(r[0]) for r in rows] != list(range(1, n_rows + 1)):
        errors.append(f"ids are not 1..{n_rows} in order")
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
        for s in disjoint:
            if art in other[s]:
                errors.append(f"row {n}: article {art} is in {s}.tsv")
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
        if o in banned:
            errors.append(f"row {n}: outlet {o!r} is one of {banned[o]}.tsv's")
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
    big = {o: k for o, k in per.items() if k > per_outlet}
    if big:
        errors.append(f"outlets over {per_outlet} sentences: {big}")

    # the rows are those the draw script draws (ids, articles, offsets)
    drawn = subprocess.run([sys.executable, os.path.join(HERE, draw_script), abp],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    drawn = [l.split("\t")[:5] for l in drawn if not l.startswith("#")]
    if drawn != [r[:5] for r in rows]:
        errors.append(f"rows differ from what {draw_script} draws")

    # the hedges are those of the hand annotation (expression, category, in order of offset)
    for l in open(os.path.join(HERE, f"{sample}_hedges.txt"), encoding="utf-8"):
        if l.startswith("#") or not l.strip():
            continue
        n, _, items = l.rstrip("\n").partition("\t")
        want_h = sorted((x.strip().split("|")[0], x.strip().split("|")[1].split("#")[0])
                        for x in items.split(";") if x.strip())
        got_h = sorted((h.rpartition("@")[0], h.rpartition("|")[2])
                       for h in hedges_of.get(int(n), []))
        if want_h != got_h:
            errors.append(f"row {n}: TSV hedges {got_h} differ from the hand annotation {want_h}")

    for e in errors:
        print("ERROR", e)
    print(f"{len(rows)} sentences from {len(per)} outlets, {with_h} with hedges, {n_h} hedges; "
          + ", ".join(f"{c} {per_cat[c]}" for c in sorted(per_cat))
          + f"; {status[0] if status else 'no status line'}; {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    ABP = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/abp"
    sys.exit(verify("news_third", 150, 12, "draw_abp_third.py", ABP))
