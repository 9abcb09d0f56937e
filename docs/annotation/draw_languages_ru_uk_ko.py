#!/usr/bin/env python3
"""Draw the frozen hedge samples data/languages/{ru,uk,ko}/gold/hedges.tsv (seed 20261205).

Input: ../shared/corpora/languages/<lang>.jsonl (fields id, source, title, date, url, text).
Only `text` is sampled (the title is not part of it).

Procedure (deterministic given the files):
1. Per language, split every record's text into sentences (below) and keep those of 8 to 55
   whitespace-separated words.
2. random.Random(SEED + k) (k = 0 ru, 1 uk, 2 ko) shuffles the list of article ids (sorted
   first), and shuffles each article's eligible sentences.
3. Round robin: in round r (1..6) take the r-th shuffled sentence of every article that still
   has one, articles in the shuffled order; stop at 150 sentences. So every article gives about
   the same share (at most 6), and the 7 / 10 / 10 sources are covered in proportion.
4. The rows are then sorted by (article order, start) and numbered.

Sentence splitting: paragraphs are split at newlines; a sentence ends at . ! ? or … (optionally
followed by closing quotes or brackets) followed by whitespace and then (ru/uk) an uppercase
letter, a digit, an opening quote or a dash, or (ko) any character. Not a sentence end: after a
single capital initial (В. Путин) and after abbreviations (г, гг, т.е, т.д, т.п, др, им, ул, руб,
млн, млрд, тыс, ст, с, проф, акад, див, напр, тис, грн, р, etc.). Leading/trailing whitespace is
excluded from the span. Offsets: Python str (code point) offsets into `text`, end exclusive.

Held-out mode (--heldout): writes data/languages/<lang>/gold/hedges_heldout.tsv, 80 sentences a
language, seed 20261206 + k (k = 0 ru, 1 uk, 2 ko), split column `<lang>-heldout`. Same splitting
and 8-55 word rule; every eligible sentence that overlaps (shares a code point with) a sentence of
the frozen dev sample hedges.tsv of the same article is excluded first. Then the same procedure:
shuffle the sorted article ids, shuffle each article's remaining sentences, round robin (the r-th
sentence of every article that still has one, in the shuffled article order) until 80. The dev
draw's cap of 6 rounds is lifted (rounds go on while sentences remain), since after the dev draw
many short articles are exhausted; in the 2026-12-05 draw it did not bind (at most 4 / 6 / 3
sentences an article for ru / uk / ko). Rows sorted by (article order, start), numbered 1..80.

Second development mode (--dev2): writes data/languages/<lang>/gold/hedges_dev2.tsv, up to 120
sentences a language (fewer when the corpus runs out), seed 20261207 + k, split column
`<lang>-dev2`, so the packs can be developed on new sentences while the held-out sample stays
untouched. Same splitting and 8-55 word rule; every eligible sentence that overlaps a sentence of
hedges.tsv or of hedges_heldout.tsv of the same article is excluded first; then the held-out
procedure (shuffle, round robin without a cap). --lang=ru,uk limits any mode to those languages.

Usage: draw_languages_ru_uk_ko.py [DIR] [--show] [--heldout | --dev2] [--lang=xx,yy]
"""
import json, os, random, re, sys

SEED = 20261205
N = 150
MAX_PER_ARTICLE = 6
LANGS = ["ru", "uk", "ko"]
ABBREV = {"г", "гг", "т.е", "т.д", "т.п", "т.к", "др", "им", "ул", "руб", "млн", "млрд", "тыс",
          "ст", "с", "проф", "акад", "див", "напр", "тис", "грн", "р", "рр", "вул", "пр", "см",
          "прим", "ред", "etc", "mr", "dr", "vs", "св", "обл", "кв", "коп", "трлн", "долл", "дол"}
END_CASED = re.compile(r"[.!?…][\"'»”’)\]]*(?=\s+[\"«„“'(\-–—A-ZА-ЯЁІЇЄҐ0-9])")
END_KO = re.compile(r"[.!?…][\"'»”’)\]]*(?=\s+\S)")


def sentences(text, lang):
    end = END_KO if lang == "ko" else END_CASED
    out, pos = [], 0
    for para in text.split("\n"):
        start = pos
        pos += len(para) + 1
        s = 0
        for m in end.finditer(para):
            word = re.search(r"(\S+)$", para[s:m.start() + 1])
            w = word.group(1).rstrip(".").lower().lstrip("(\"«„“'") if word else ""
            if m.group(0)[0] == "." and lang != "ko" and (
                    w in ABBREV or re.fullmatch(r"[a-zа-яёіїєґ]", w)):
                continue
            out.append((start + s, start + m.end()))
            s = m.end()
        out.append((start + s, start + len(para)))
    spans = []
    for a, b in out:
        seg = text[a:b]
        a2 = a + (len(seg) - len(seg.lstrip()))
        b2 = b - (len(seg) - len(seg.rstrip()))
        if b2 > a2:
            spans.append((a2, b2))
    return spans


def dev_spans(lang, name="hedges.tsv", spans=None):
    spans = {} if spans is None else spans
    for line in open(f"data/languages/{lang}/gold/{name}", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        spans.setdefault(f[2], []).append((int(f[3]), int(f[4])))
    return spans


def draw(records, k, heldout=False, dev2=False):
    seed, n, rounds, excl = SEED, N, MAX_PER_ARTICLE, {}
    if heldout:
        seed, n, rounds, excl = HELDOUT_SEED, HELDOUT_N, 10 ** 6, dev_spans(LANG_OF[k])
    if dev2:
        excl = dev_spans(LANG_OF[k], "hedges_heldout.tsv", dev_spans(LANG_OF[k]))
        seed, n, rounds = DEV2_SEED, DEV2_N, 10 ** 6
    rng = random.Random(seed + k)
    ids = sorted(records)
    rng.shuffle(ids)
    pools = {}
    for i in ids:
        t = records[i]["text"]
        ok = [(a, b) for a, b in sentences(t, LANG_OF[k]) if 8 <= len(t[a:b].split()) <= 55
              and not any(a < y and x < b for x, y in excl.get(i, []))]
        rng.shuffle(ok)
        pools[i] = ok
    picked = []
    r = 0
    while r < rounds and len(picked) < n and any(r < len(p) for p in pools.values()):
        for i in ids:
            if len(picked) < n and r < len(pools[i]):
                picked.append((i, *pools[i][r]))
        r += 1
    order = {i: n for n, i in enumerate(ids)}
    picked.sort(key=lambda p: (order[p[0]], p[1]))
    return picked


LANG_OF = dict(enumerate(LANGS))
HELDOUT_SEED = 20261206
HELDOUT_N = 80
DEV2_SEED = 20261207
DEV2_N = 120


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else "/work/shared/corpora/languages"
    only = [a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--lang=")]
    for k, lang in enumerate(LANGS):
        if only and lang not in only[0]:
            continue
        with open(os.path.join(root, lang + ".jsonl"), encoding="utf-8") as f:
            records = {d["id"]: d for d in map(json.loads, f)}
        heldout = "--heldout" in sys.argv
        dev2 = "--dev2" in sys.argv and not heldout
        picked = draw(records, k, heldout, dev2)
        src = {records[i]["source"] for i, _, _ in picked}
        print(f"# {lang}: {len(picked)} sentences from {len({p[0] for p in picked})} articles,"
              f" {len(src)} sources", file=sys.stderr)
        name = "hedges_heldout.tsv" if heldout else "hedges_dev2.tsv" if dev2 else "hedges.tsv"
        split = lang + "-heldout" if heldout else lang + "-dev2" if dev2 else lang
        out = sys.stdout if "--show" in sys.argv else open(
            f"data/languages/{lang}/gold/{name}", "w", encoding="utf-8")
        if "--show" not in sys.argv:
            header = HEADER_HELDOUT if heldout else HEADER_DEV2 if dev2 else HEADER
            out.write(header.format(lang=lang, n=len(picked)))
        for n, (i, a, b) in enumerate(picked, 1):
            if "--show" in sys.argv:
                print(f"{lang}\t{n}\t{i}\t{a}\t{b}\t{records[i]['text'][a:b]}")
            else:
                out.write(f"{n}\t{split}\t{i}\t{a}\t{b}\t\n")


HEADER = """# hedges.tsv ({lang}): {n} sentences drawn 2026-12-05 (seed 20261205) by docs/annotation/draw_languages_ru_uk_ko.py
# and frozen (committed unannotated) before annotation; no hedgerow output on them was looked at.
# split = language code; article = record id in ../shared/corpora/languages/{lang}.jsonl; start_char, end_char =
# code-point offsets (end exclusive) of the sentence in that record's text as decoded from JSON; hedges =
# expression@offset-in-sentence|category joined by '; ' (see GUIDELINE.md), empty when none.
# n\tsplit\tarticle\tstart_char\tend_char\thedges
"""

HEADER_HELDOUT = """# hedges_heldout.tsv ({lang}): {n} HELD-OUT sentences drawn 2026-12-05 (seed 20261206) by
# docs/annotation/draw_languages_ru_uk_ko.py --heldout, none overlapping a sentence of the dev sample hedges.tsv,
# frozen (committed unannotated) before annotation; no hedgerow output on them was looked at. Never tune on it.
# split = {lang}-heldout; article = record id in ../shared/corpora/languages/{lang}.jsonl; start_char, end_char =
# code-point offsets (end exclusive) of the sentence in that record's text as decoded from JSON; hedges =
# expression@offset-in-sentence|category joined by '; ' (see GUIDELINE.md), empty when none.
# n\tsplit\tarticle\tstart_char\tend_char\thedges
"""

HEADER_DEV2 = """# hedges_dev2.tsv ({lang}): {n} SECOND DEVELOPMENT sentences drawn 2026-12-06 (seed 20261207) by
# docs/annotation/draw_languages_ru_uk_ko.py --dev2, none overlapping a sentence of hedges.tsv or hedges_heldout.tsv,
# frozen (committed unannotated) before annotation; no hedgerow output on them was looked at.
# status: unannotated
# split = {lang}-dev2; article = record id in ../shared/corpora/languages/{lang}.jsonl; start_char, end_char =
# code-point offsets (end exclusive) of the sentence in that record's text as decoded from JSON; hedges =
# expression@offset-in-sentence|category joined by '; ' (see GUIDELINE.md), empty when none.
# n\tsplit\tarticle\tstart_char\tend_char\thedges
"""

if __name__ == "__main__":
    main()
