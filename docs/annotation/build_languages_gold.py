#!/usr/bin/env python3
"""Write the hand annotation of docs/annotation/languages_LANG_{hedges,quotes}.txt into
data/languages/LANG/gold/{hedges,quotes}.tsv as code-point offsets, and verify every offset.

hedges LANG: the annotation file has `n<TAB>expr|category; ...`; expr#k is the k-th occurrence of expr
  in the sentence (word-bounded). The frozen rows of hedges.tsv keep their n/article/start/end; only the
  hedges column is (re)written. Every expression is checked: sentence[offset:offset+len(expr)] == expr.
quotes LANG: the annotation file has one quotation a line:
  article<TAB>kind<TAB>content<TAB>cue<TAB>speaker<TAB>speaker_mention<TAB>speaker_type
  content = `prefix...suffix` (or the whole text) of the span INCLUDING its quotation marks, searched from
  one past the start of the previous quotation of the same article (so quotations are listed by start, a
  quotation nested in another after it; a `@N` suffix on the content forces the search start N); cue / speaker_mention are searched nearest the
  content (cue#k / mention#k pick the k-th occurrence in the article). Lines `#>...` are written as `#...`
  (the header, `# articles: ...`).
Usage: build_languages_gold.py hedges|quotes LANG [--check] [--heldout | --dev2]
--heldout: read docs/annotation/languages_LANG_{hedges,quotes}_heldout.txt and write
data/languages/LANG/gold/{hedges,quotes}_heldout.tsv (the held-out samples).
--dev2 (hedges only): read docs/annotation/languages_LANG_hedges_dev2.txt and write
data/languages/LANG/gold/hedges_dev2.tsv (the second development samples, drawn by draw_languages.py --dev2).
"""
import json, re, sys

CATS = {"evidential", "modal", "epistemic_verb", "expectation", "adverb_adjective", "approximator",
        "vague_quantifier", "weasel"}
KINDS = {"direct", "indirect", "mixed", "scare", "name"}
TYPES = {"person", "organisation", "anonymous", "unresolved"}
ROOT = "/work/shared/corpora/languages"
SUFFIX = "_dev2" if "--dev2" in sys.argv else "_heldout" if "--heldout" in sys.argv else ""


def texts(lang):
    with open(f"{ROOT}/{lang}.jsonl", encoding="utf-8") as f:
        return {d["id"]: d["text"] for d in map(json.loads, f)}


def occurrences(hay, needle):
    out = []
    for m in re.finditer(spaced(needle), hay):
        a, b = m.start(), m.end()
        left_ok = a == 0 or not (hay[a - 1].isalnum() and needle[0].isalnum())
        # a paragraph glued without a space ("de la peurPour une grande partie"): a capital after a
        # lower-case letter starts a word
        left_ok = left_ok or (hay[a - 1].islower() and needle[0].isupper())
        right_ok = b == len(hay) or not (hay[b].isalnum() and needle[-1].isalnum())
        if left_ok and right_ok:
            out.append(a)
    return out


def split_k(s):
    m = re.fullmatch(r"(.*)#(\d+)", s)
    return (m.group(1), int(m.group(2))) if m else (s, 0)


def hedges(lang):
    tx = texts(lang)
    ann = {}
    for line in open(f"docs/annotation/languages_{lang}_hedges{SUFFIX}.txt", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        n, h = line.rstrip("\n").split("\t")
        ann[n] = h
    path = f"data/languages/{lang}/gold/hedges{SUFFIX}.tsv"
    out, seen = [], set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            out.append(line)
            continue
        n, split, art, a, b, _ = line.rstrip("\n").split("\t")
        sent = tx[art][int(a):int(b)]
        cells = []
        for item in filter(None, (x.strip() for x in ann.get(n, "").split(";"))):
            expr, cat = item.rsplit("|", 1)
            assert cat in CATS, (n, item)
            expr, k = split_k(expr)
            occ = occurrences(sent, expr)
            assert occ, (n, expr, sent)
            assert k or len(occ) == 1, (n, expr, "ambiguous", occ)
            off = occ[max(k, 1) - 1]
            expr = sent[off:off + len(expr)]  # as written (a no-break space stays one)
            cells.append((off, f"{expr}@{off}|{cat}"))
        seen.add(n)
        out.append("\t".join([n, split, art, a, b, "; ".join(c for _, c in sorted(cells))]) + "\n")
    assert set(ann) <= seen, set(ann) - seen
    return path, out


def spaced(s):
    """A pattern for s in which a space also matches a no-break or narrow no-break space."""
    return "".join("[ \u00a0\u202f]" if c == " " else re.escape(c) for c in s)


def nearest(text, needle, a, b, k):
    """The k-th occurrence, or the one nearest either end of the span a..b."""
    occ = occurrences(text, needle)
    assert occ, (needle,)
    if k:
        return occ[k - 1]
    return min(occ, key=lambda o: min(abs(o - a), abs(o + len(needle) - b)))



def quotes(lang):
    tx = texts(lang)
    path = f"data/languages/{lang}/gold/quotes{SUFFIX}.tsv"
    out, n, last = [], 0, {}
    for line in open(f"docs/annotation/languages_{lang}_quotes{SUFFIX}.txt", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            if line.startswith("#>"):
                out.append("#" + line[2:])
            continue
        art, kind, content, cue, speaker, mention, stype = (line.rstrip("\n").split("\t") + [""] * 7)[:7]
        assert kind in KINDS and stype in TYPES, line
        text = tx[art]
        m = re.fullmatch(r"(.*)@(\d+)", content)
        frm = int(m.group(2)) if m else last.get(art, 0)
        if m:
            content = m.group(1)
        pre, suf = content.split("...", 1) if "..." in content else (content, "")
        m = re.compile(spaced(pre) + (".*?" + spaced(suf) if suf else ""), re.S).search(text, frm)
        if not m:
            sys.exit(f"content not found after {frm}: {line!r}")
        a, b = m.start(), m.end()
        last[art] = a + 1
        cs = ""
        if cue:
            cue, k = split_k(cue)
            cs = nearest(text, cue, a, b, k)
            cue = text[cs:cs + len(cue)]
        ss = se = ""
        if mention:
            mention, k = split_k(mention)
            if cue:
                ss = nearest(text, mention, cs, cs + len(cue), k)
            else:  # no cue: the nearest mention before the quotation, else the nearest after it
                before = [o for o in occurrences(text, mention) if o + len(mention) <= a]
                ss = before[-1] if before and not k else nearest(text, mention, a, b, k)
            se = ss + len(mention)
        n += 1
        out.append("\t".join(map(str, [n, art, kind, a, b, cue, cs, speaker, stype, ss, se])) + "\n")
    return path, out


def main():
    mode, lang = sys.argv[1], sys.argv[2]
    path, rows = (hedges if mode == "hedges" else quotes)(lang)
    if "--check" in sys.argv:
        sys.stdout.writelines(rows)
        return
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(rows)
    print(f"wrote {path}: {sum(1 for r in rows if not r.startswith('#'))} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
