#!/usr/bin/env python3
"""Check data/languages/LANG/gold/{hedges,quotes}.tsv against ../shared/corpora/languages/LANG.jsonl.

hedges: columns, split == LANG, sentence span inside the text, 8-55 words, each expr@offset|category equal to
  sentence[offset:offset+len(expr)], known category. quotes: columns, known kind/type, span inside the text,
  a direct/mixed/scare/name span opens and closes with a quotation mark when the text has marks there,
  cue == text[cue_start:cue_start+len(cue)], speaker span inside the text, every listed article in `# articles:`.
--coverage lists every quotation-mark pair (and, in German, every Konjunktiv-I-looking sentence) of the
fully annotated articles that no quotation span covers: the check used in the second pass.
--inline prints every sample sentence with its hedges bracketed: the view of the second pass.
--heldout checks the held-out samples {hedges,quotes}_heldout.tsv instead (split == LANG-heldout, no sentence
  overlapping a sentence of the dev sample hedges.tsv, no duplicate sentence; quotes only where the file exists).
--dev2 checks the second development sample hedges_dev2.tsv (split == LANG-dev2, no sentence overlapping a
  sentence of hedges.tsv or hedges_heldout.tsv, no duplicate sentence; quotes only where quotes_dev2.tsv exists).
Usage: verify_languages_gold.py LANG [--show] [--coverage] [--inline] [--heldout | --dev2]
"""
import json, os, sys

CATS = {"evidential", "modal", "epistemic_verb", "expectation", "adverb_adjective", "approximator",
        "vague_quantifier", "weasel"}
SUFFIX = "_heldout" if "--heldout" in sys.argv else "_dev2" if "--dev2" in sys.argv else ""
OPEN, CLOSE = "\"«“„‘'‹‚", "\"»”“‘’'›"


def main():
    lang, show = sys.argv[1], "--show" in sys.argv
    with open(f"/work/shared/corpora/languages/{lang}.jsonl", encoding="utf-8") as f:
        tx = {d["id"]: d["text"] for d in map(json.loads, f)}
    bad, nh, nq = 0, 0, 0
    dev, seen = dev_spans(lang) if SUFFIX else {}, set()
    for line in open(f"data/languages/{lang}/gold/hedges{SUFFIX}.tsv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        n, split, art, a, b, h = line.rstrip("\n").split("\t")
        a, b = int(a), int(b)
        sent = tx[art][a:b]
        assert split == lang + SUFFIX.replace("_", "-") and 0 <= a < b <= len(tx[art]) and 8 <= len(sent.split()) <= 55, line
        if any(a < y and x < b for x, y in dev.get(art, [])) or (art, a) in seen:
            bad += 1
            print("BAD overlap with the dev sample or duplicate", n, art, a, b)
        seen.add((art, a))
        for item in filter(None, h.split("; ")):
            expr_off, cat = item.rsplit("|", 1)
            expr, off = expr_off.rsplit("@", 1)
            off = int(off)
            nh += 1
            if sent[off:off + len(expr)] != expr or cat not in CATS:
                bad += 1
                print("BAD hedge", n, item)
    arts = set()
    qpath = f"data/languages/{lang}/gold/quotes{SUFFIX}.tsv"
    for line in (open(qpath, encoding="utf-8") if os.path.exists(qpath) else []):
        if line.startswith("# articles:"):
            arts |= {x.strip() for x in line.split(":", 1)[1].split(",") if x.strip()}
        if line.startswith("#"):
            continue
        n, art, kind, a, b, cue, cs, spk, st, ss, se = line.rstrip("\n").split("\t")
        t = tx[art]
        a, b = int(a), int(b)
        nq += 1
        ok = 0 <= a < b <= len(t) and art in arts
        if kind != "indirect" and t[a] in OPEN + "”":
            ok &= t[b - 1] in CLOSE
        if cue:
            ok &= t[int(cs):int(cs) + len(cue)] == cue
        if ss:
            ok &= 0 <= int(ss) < int(se) <= len(t)
        if not ok:
            bad += 1
            print("BAD quote", line.rstrip())
        if show:
            ctx = t[int(cs) - 15:int(cs) + len(cue) + 15].replace("\n", " ") if cue else ""
            print(f"{n} {kind} [{t[a:b]}] cue<{ctx}> spk={spk}/{t[int(ss):int(se)] if ss else ''}/{st}")
    if "--coverage" in sys.argv:
        coverage(lang, tx, arts)
    if "--inline" in sys.argv:
        inline(lang, tx)
    print(f"{lang}: {nh} hedges, {nq} quotes, {bad} bad", file=sys.stderr)
    sys.exit(1 if bad else 0)


def coverage(lang, tx, arts):
    import re
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from draw_languages import sentences, KONJ
    spans = {}
    for line in open(f"data/languages/{lang}/gold/quotes{SUFFIX}.tsv", encoding="utf-8"):
        if not line.startswith("#"):
            f = line.split("\t")
            spans.setdefault(f[1], []).append((int(f[3]), int(f[4])))
    for a in sorted(arts):
        t, sp = tx[a], spans.get(a, [])
        for m in re.finditer(r"[«“„\"'‘][^«»“”\"\n]{1,400}?[»”“\"'’]", t):
            s, e = m.span()
            if t[s] == "'" and s > 0 and t[s - 1].isalpha():
                continue
            if not any(x <= s and e <= y for x, y in sp):
                print("UNCOVERED mark", a, s, repr(t[s:e][:80]))
        for s, e in sentences(t, lang):
            if lang == "de" and KONJ.search(t[s:e]) and not any(x < e and s < y for x, y in sp):
                print("UNCOVERED Konjunktiv", a, s, t[s:e][:100])


def dev_spans(lang):
    """The sentence spans of the dev sample hedges.tsv by article (with --dev2 also of hedges_heldout.tsv)."""
    dev = {}
    for name in ["hedges.tsv"] + (["hedges_heldout.tsv"] if SUFFIX == "_dev2" else []):
        for line in open(f"data/languages/{lang}/gold/{name}", encoding="utf-8"):
            if not line.startswith("#") and line.strip():
                f = line.split("\t")
                dev.setdefault(f[2], []).append((int(f[3]), int(f[4])))
    return dev


def inline(lang, tx):
    for line in open(f"data/languages/{lang}/gold/hedges{SUFFIX}.tsv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        n, _, art, a, b, h = line.rstrip("\n").split("\t")
        out = tx[art][int(a):int(b)]
        items = []
        for item in filter(None, h.split("; ")):
            expr_off, cat = item.rsplit("|", 1)
            expr, off = expr_off.rsplit("@", 1)
            items.append((int(off), len(expr), cat))
        for off, ln, cat in sorted(items, reverse=True):
            out = out[:off] + "[" + out[off:off + ln] + "]{" + cat + "}" + out[off + ln:]
        print(n, out)


if __name__ == "__main__":
    main()
