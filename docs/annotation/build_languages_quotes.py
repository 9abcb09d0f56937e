#!/usr/bin/env python3
"""Write data/languages/<lang>/gold/quotes.tsv from the hand annotation
docs/annotation/languages/<lang>_quotes.txt and verify every offset.

Annotation lines (tab-separated), listed in text order within an article:
  article  kind  start  end  cue  speaker  speaker_type  mention
- start: the text where the content span begins (for direct, mixed, scare and name: its opening
  quotation mark), searched from just after the previous row's start in the same article;
  end: the text where it ends (the span ends after it), searched from the start; empty end =
  the span is `start` itself; end "*" (name and scare only) = every occurrence of `start` in the
  article is such a quotation (one row each).
- cue: the verb or phrase of saying as written; its occurrence nearest the content span is used.
- speaker: the fullest form of the name in the article (as written); mention: the mention of the
  speaker (a name or a noun phrase, not a pronoun) nearest the cue; its span is recorded.
Lines "# articles: ..." name the fully annotated articles; they are copied into the header.

Usage: build_languages_quotes.py LANG [LANG...]   (run from the repository root)
"""
import json, os, re, sys

CORPUS = "/work/shared/corpora/languages"
KINDS = {"direct", "indirect", "mixed", "scare", "name"}
TYPES = {"person", "organisation", "anonymous", "unresolved", ""}


def pattern(needle):
    """A space in the annotation matches a space or a no-break space of the text."""
    return re.compile(r"[ \u00a0]".join(re.escape(p) for p in needle.split(" ")))


def find(text, needle, start=0):
    """(start, end) of the first match of needle at or after start, or (-1, -1)."""
    m = pattern(needle).search(text, max(start, 0))
    return (m.start(), m.end()) if m else (-1, -1)


def nearest(text, needle, a, b):
    """(start, end) of the match of needle nearest the span [a, b), or None."""
    best = None
    for m in pattern(needle).finditer(text):
        pos, e = m.start(), m.end()
        d = a - e if e <= a else (pos - b if pos >= b else 0)
        if best is None or d < best[0]:
            best = (d, (pos, e))
    return None if best is None else best[1]


def build(lang):
    with open(os.path.join(CORPUS, lang + ".jsonl"), encoding="utf-8") as f:
        texts = {d["id"]: d["text"] for d in map(json.loads, f)}
    src = f"docs/annotation/languages/{lang}_quotes.txt"
    rows, cursor, articles, comments = [], {}, [], []
    for ln, line in enumerate(open(src, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("# articles:"):
            articles += [a.strip() for a in line[len("# articles:"):].split(",") if a.strip()]
            continue
        if line.startswith("#"):
            comments.append(line)
            continue
        if not line.strip():
            continue
        f = line.split("\t") + [""] * 8
        art, kind, start, end, cue, speaker, stype, mention = f[:8]
        where = f"{src}:{ln}"
        if art not in texts or kind not in KINDS or stype not in TYPES:
            sys.exit(f"{where}: bad article, kind or speaker type: {line}")
        t = texts[art]
        if end == "*":
            spans = [(m.start(), m.end()) for m in pattern(start).finditer(t)]
        else:
            a, b = find(t, start, cursor.get(art, 0))
            if a < 0:
                sys.exit(f"{where}: start {start!r} not found in {art} after {cursor.get(art)}")
            if end:
                b = find(t, end, a)[1]
            if b < 0:
                sys.exit(f"{where}: end {end!r} not found in {art} after {a}")
            spans = [(a, b)]
            cursor[art] = a
        for a, b in spans:
            c = nearest(t, cue, a, b) if cue else None
            if cue and c is None:
                sys.exit(f"{where}: cue {cue!r} not in {art}")
            m = nearest(t, mention, *(c or (a, b))) if mention else None
            if mention and m is None:
                sys.exit(f"{where}: mention {mention!r} not in {art}")
            cs, ms = (c[0] if c else None), (m[0] if m else None)
            cue_t, mention_t = (t[c[0]:c[1]] if c else cue), (t[m[0]:m[1]] if m else mention)
            if kind in ("name", "scare") and (cue or speaker):
                sys.exit(f"{where}: a {kind} has no cue or speaker")
            marks = "«»\"“„'‘`’”—–<>《》〈〉"
            if kind in ("mixed", "scare", "name") and t[a] not in marks and t[b - 1] not in marks:
                sys.exit(f"{where}: a {kind} span should open or close with a quotation mark: {t[a:b][:30]!r}")
            rows.append((art, a, b, kind, cue_t, cs, speaker, stype, ms, mention_t))
    order = {}
    for i, a in enumerate(texts):
        order[a] = i
    rows.sort(key=lambda r: (order[r[0]], r[1], -r[2]))
    seen = set()
    for r in rows:
        if (r[0], r[1], r[2]) in seen:
            sys.exit(f"{lang}: duplicate span {r[:3]}")
        seen.add((r[0], r[1], r[2]))
        if r[0] not in articles:
            sys.exit(f"{lang}: {r[0]} has rows but is not listed in '# articles:'")
    out = [f"# quotes.tsv ({lang}): every quotation (direct, indirect, mixed, scare, name) of the articles below, annotated",
           f"# by hand from GUIDELINE.md without running hedgerow; built and verified by docs/annotation/build_languages_quotes.py",
           f"# from docs/annotation/languages/{lang}_quotes.txt. Offsets: code points in the record's text (end exclusive); the",
           f"# content span includes its quotation marks (indirect: the reported content); cue_start = offset of the cue;",
           f"# speaker = fullest form of the name in the article; speaker_start/end = the (non-pronoun) mention nearest the cue.",
           f"# articles: {', '.join(articles)}"] + [
           "# n\tarticle\tkind\tstart_char\tend_char\tcue\tcue_start\tspeaker\tspeaker_type\tspeaker_start\tspeaker_end"]
    for n, (art, a, b, kind, cue, cs, sp, st, ms, mention) in enumerate(rows, 1):
        t = texts[art]
        assert t[a:b] and (cs is None or t[cs:cs + len(cue)] == cue) and (ms is None or t[ms:ms + len(mention)] == mention)
        out.append("\t".join(map(str, [n, art, kind, a, b, cue, "" if cs is None else cs, sp, st,
                                        "" if ms is None else ms, "" if ms is None else ms + len(mention)])))
    open(f"data/languages/{lang}/gold/quotes.tsv", "w", encoding="utf-8").write("\n".join(out) + "\n")
    kinds = {}
    for r in rows:
        kinds[r[3]] = kinds.get(r[3], 0) + 1
    print(f"{lang}: {len(rows)} quotations in {len(articles)} articles: {kinds}")
    if "--show" in sys.argv:
        for r in rows:
            print(r[0], r[3], repr(texts[r[0]][r[1]:r[2]][:70]), r[4], '|', r[6], r[7])


if __name__ == "__main__":
    for lang in [a for a in sys.argv[1:] if not a.startswith("--")]:
        build(lang)
