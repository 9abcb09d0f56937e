#!/usr/bin/env python3
"""Draw the frozen samples of data/languages/{de,fr,es}/gold/ (seed 20261205).

hedges:  draw_languages.py hedges LANG [--show]  -> rows n, split, article, start_char, end_char
quotes:  draw_languages.py quotes LANG [--show]  -> the articles to annotate in full for quotations

Texts: ../shared/corpora/languages/LANG.jsonl (fields id, source, title, date, url, text [+ topic]).
Offsets: Python str (Unicode code point) offsets into `text` as decoded from JSON, end exclusive.

Hedge sample (deterministic given the file):
1. Group the articles by stratum: `source` (fr, es) or `topic` (de: one source, derStandard, in
   nine topics). Sort the ids in each stratum, shuffle each with random.Random(SEED + language
   offset); shuffle the sorted stratum names with the same generator.
2. Round robin over the strata (in that order), taking each stratum's next article, so that small
   sources are reached as often as large ones until they run out.
3. Split the article's text into sentences (below); keep those of 8 to 55 whitespace-separated
   words; pick one with rng.choice (one sentence per article, so at most 2 holds); skip an article
   with none. Stop at N_HEDGE sentences.

Quote sample: the articles whose text holds at least MIN_MARKS opening quotation marks
(« “ „ or a straight " counted in pairs) -- German: at least 2 sentences in Konjunktiv-I-looking
reported speech, since 10kGNAD stripped most quotation marks -- sorted by id, shuffled with
random.Random(SEED + 100 + language offset); the annotator takes them in that order until the
language has at least 100 quotations, and annotates every quotation in each article taken.

Held-out samples (--heldout, fr and es; drawn 2026-12-05 for the *_heldout.tsv files): the same
procedures with seed HELDOUT_SEED = 20261206 (+ the language offset; quotes + 100 + offset), N_HELDOUT =
80 sentences, over the articles that appear in neither dev gold file of the language (hedges: neither
hedges.tsv nor the `# articles:` line of quotes.tsv; quotes: not in that `# articles:` line). For the
quote sample the shuffled candidates are reordered so that outlets alternate: the first article of each
outlet in shuffled order (sources in the order they first appear), then the second of each, and so on;
the annotator takes them in that order until the language has at least 50 quotations.

Second development samples (--dev2, hedges only; drawn 2026-12-06 for the hedges_dev2.tsv files): the
hedge procedure with seed DEV2_SEED = 20261207 (+ the language offset), N_DEV2 = 120 sentences, split
`LANG-dev2`, over the articles in neither hedges.tsv nor hedges_heldout.tsv of the language. Were fewer
than N_DEV2 articles to give a sentence, a second round over the same strata order would add a second
sentence per article (one overlapping no sentence drawn from it), with the same generator.

Sentence splitting: paragraphs at newlines; within a paragraph a sentence ends at . ! ? or …
(optionally followed by closing quotes/brackets) followed by whitespace and then an uppercase
letter (accented too), a digit, an opening quote or ¿ ¡. Not after the abbreviations below, a
single letter, or (German) a number of one or two digits (an ordinal: "am 3. Oktober").
"""
import json, os, random, re, sys

SEED = 20261205
N_HEDGE = 150
HELDOUT_SEED = 20261206
N_HELDOUT = 80
DEV2_SEED = 20261207
N_DEV2 = 120
LANG_OFFSET = {"de": 1, "fr": 2, "es": 3}
ABBREV = {
    "de": {"dr", "prof", "nr", "bzw", "ca", "z.b", "u.a", "d.h", "vgl", "inkl", "mio", "mrd", "st",
           "abs", "art", "jan", "feb", "okt", "nov", "dez", "sept", "usw", "etc", "bzw", "evtl", "s",
           "hl", "mag", "ing", "dipl", "ao", "o", "univ", "min", "max", "rd", "gem"},
    "fr": {"m", "mm", "mme", "mmes", "dr", "st", "ste", "etc", "av", "env", "n", "no", "p", "ex",
           "jan", "fév", "janv", "sept", "oct", "nov", "déc", "c.-à-d", "cf", "vol"},
    "es": {"sr", "sra", "srta", "dr", "dra", "ud", "uds", "etc", "av", "avda", "núm", "no", "pág",
           "p", "ej", "lic", "ing", "gral", "gob", "dip", "sen", "arq", "mtro", "profa", "prof",
           "ee.uu", "eeuu", "ee", "uu", "vs", "aprox"},
}
UPPER = "A-ZÀ-ÖØ-ÞŒŠŽ"
END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s+[\"“„«‘'(¿¡" + UPPER + r"0-9])")


def sentences(text, lang):
    out, pos = [], 0
    for para in text.split("\n"):
        start = pos
        pos += len(para) + 1
        s = 0
        for m in END.finditer(para):
            word = re.search(r"(\S+)$", para[s:m.start() + 1])
            w = word.group(1).rstrip(".").lower().lstrip("(\"“„«'") if word else ""
            if m.group(0)[0] == "." and (w in ABBREV[lang] or re.fullmatch(r"[^\W\d_]", w)
                                         or (lang == "de" and re.fullmatch(r"\d{1,2}", w))):
                continue
            out.append((start + s, start + m.end()))
            s = m.end()
        out.append((start + s, start + len(para)))
    spans = []
    for a, b in out:
        seg = text[a:b]
        a2, b2 = a + len(seg) - len(seg.lstrip()), b - (len(seg) - len(seg.rstrip()))
        if b2 > a2:
            spans.append((a2, b2))
    return spans


def load(lang, root):
    with open(os.path.join(root, f"{lang}.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def drawn_articles(lang, names=("hedges.tsv", "hedges_heldout.tsv"), gold="data/languages"):
    """The articles of the given hedge gold files of the language."""
    out = set()
    for name in names:
        for line in open(f"{gold}/{lang}/gold/{name}", encoding="utf-8"):
            if not line.startswith("#"):
                out.add(line.split("\t")[2])
    return out


def draw_hedges_dev2(lang, docs):
    """--dev2: draw_hedges with DEV2_SEED / N_DEV2; a second sentence per article only if too few."""
    picked = draw_hedges(lang, docs, DEV2_SEED, N_DEV2)
    if len(picked) == N_DEV2:
        return picked
    rng = random.Random(DEV2_SEED + LANG_OFFSET[lang] + 1000)
    for d, a0, b0 in list(picked):
        if len(picked) == N_DEV2:
            break
        t = d["text"]
        ok = [(a, b) for a, b in sentences(t, lang)
              if 8 <= len(t[a:b].split()) <= 55 and (b <= a0 or a >= b0)]
        if ok:
            a, b = rng.choice(ok)
            picked.append((d, a, b))
    return picked


def draw_hedges(lang, docs, seed=SEED, n_hedge=N_HEDGE):
    rng = random.Random(seed + LANG_OFFSET[lang])
    key = "topic" if lang == "de" else "source"
    strata = {}
    for d in docs:
        strata.setdefault(d[key], []).append(d)
    names = sorted(strata)
    for n in names:
        strata[n].sort(key=lambda d: d["id"])
        rng.shuffle(strata[n])
    rng.shuffle(names)
    picked, rnd = [], 0
    while len(picked) < n_hedge and any(len(strata[n]) > rnd for n in names):
        for n in names:
            if rnd >= len(strata[n]) or len(picked) == n_hedge:
                continue
            d = strata[n][rnd]
            t = d["text"]
            ok = [(a, b) for a, b in sentences(t, lang) if 8 <= len(t[a:b].split()) <= 55]
            if ok:
                a, b = rng.choice(ok)
                picked.append((d, a, b))
        rnd += 1
    return picked


KONJ = re.compile(r"\b(sei|seien|habe|hätten|werde|könne|müsse|solle|gebe|wolle|dürfe)\b")


def dev_articles(lang, gold="data/languages"):
    """(articles of the dev hedges.tsv, articles of the dev quotes.tsv `# articles:` line)."""
    h, q = set(), set()
    for line in open(f"{gold}/{lang}/gold/hedges.tsv", encoding="utf-8"):
        if not line.startswith("#"):
            h.add(line.split("\t")[2])
    for line in open(f"{gold}/{lang}/gold/quotes.tsv", encoding="utf-8"):
        if line.startswith("# articles:"):
            q |= {x.strip() for x in line.split(":", 1)[1].split(",") if x.strip()}
    return h, q


def alternate_sources(docs):
    """Reorder so that outlets alternate: round r holds the r-th article of each source."""
    seen, rank = {}, []
    for i, d in enumerate(docs):
        r = seen.get(d["source"], 0)
        seen[d["source"]] = r + 1
        rank.append((r, i, d))
    return [d for r, i, d in sorted(rank, key=lambda x: (x[0], x[1]))]


def quote_candidates(lang, docs, seed=SEED):
    out = []
    for d in docs:
        t = d["text"]
        if lang == "de":
            n = sum(1 for a, b in sentences(t, lang) if KONJ.search(t[a:b]))
            if n >= 2:
                out.append(d)
        else:
            marks = t.count("«") + t.count("“") + t.count('"') // 2
            if marks >= 4:
                out.append(d)
    out.sort(key=lambda d: d["id"])
    random.Random(seed + 100 + LANG_OFFSET[lang]).shuffle(out)
    return out


def main():
    mode, lang = sys.argv[1], sys.argv[2]
    root = os.environ.get("LANG_CORPUS", "/work/shared/corpora/languages")
    docs = load(lang, root)
    show = "--show" in sys.argv
    heldout = "--heldout" in sys.argv
    dev2 = "--dev2" in sys.argv
    split = f"{lang}-dev2" if dev2 else f"{lang}-heldout" if heldout else lang
    if heldout:
        dev_h, dev_q = dev_articles(lang)
    if mode == "hedges":
        if dev2:
            pool = [d for d in docs if d["id"] not in drawn_articles(lang)]
            picked = draw_hedges_dev2(lang, pool)
        elif heldout:
            pool = [d for d in docs if d["id"] not in dev_h | dev_q]
            picked = draw_hedges(lang, pool, HELDOUT_SEED, N_HELDOUT)
        else:
            picked = draw_hedges(lang, docs)
        for n, (d, a, b) in enumerate(picked, 1):
            extra = f"\t{d['text'][a:b]}" if show else ""
            print(f"{n}\t{split}\t{d['id']}\t{a}\t{b}{extra}")
    elif heldout:
        pool = [d for d in docs if d["id"] not in dev_q]
        for d in alternate_sources(quote_candidates(lang, pool, HELDOUT_SEED))[:40]:
            print(d["id"], d["source"], len(d["text"]), sep="\t")
    else:
        for d in quote_candidates(lang, docs)[:40]:
            print(d["id"], d["source"], len(d["text"]), sep="\t")


if __name__ == "__main__":
    main()
