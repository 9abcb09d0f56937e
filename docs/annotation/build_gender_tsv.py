#!/usr/bin/env python3
"""Write data/annotations/polnear_dev_speaker_gender.tsv: the gender the article's own words give
each speaker of a gold direct quotation of PolNeAR dev (guideline: speaker_gender.md).

For every gold attribution whose Content (or Content2) opens with a quote mark and that has a
Source, the speaker is the Source as written, or, for a pronoun Source, its antecedent in
data/annotations/polnear_dev_pronoun_sources.tsv. Evidence, all from the gold spans and the text
(never from hedgerow's output, never from first names):
  pronoun  - a gold Source (of any attribution in that article, direct or not) that is "he" or
             "she" and whose antecedent is that speaker (same surname);
  honorific - "Mr." / "Mrs." / "Ms." / "Miss" right before the speaker's surname in the text;
  title    - a gendered word in a gold Source of that speaker (spokeswoman, congressman, ...).
Male and female evidence for one speaker: 'unknown', noted as a conflict. No evidence: 'unknown'.
"""
import os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ROOT = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/polnear/data/dev"
QUOTE_OPEN = ("\u201c", '"', "\u2018", "'", "\u00ab")
MALE_T = {"spokesman", "congressman", "chairman", "councilman", "businessman", "father", "husband", "son", "brother", "king", "prince", "sir"}
FEMALE_T = {"spokeswoman", "congresswoman", "chairwoman", "councilwoman", "businesswoman", "mother", "wife", "daughter", "sister", "queen", "princess", "actress", "mrs", "ms", "miss"}
STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "former"}

ante = {}
with open(os.path.join(REPO, "data/annotations/polnear_dev_pronoun_sources.tsv"), encoding="utf-8") as f:
    next(f)
    for line in f:
        c = line.rstrip("\n").split("\t")
        ante[(c[0], int(c[2]), int(c[3]))] = c[5]

def parse(path):
    spans, events = {}, []
    for line in open(path, encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        if p[0].startswith("T") and len(p) >= 3:
            label, offs = p[1].split(" ", 1)
            nums = [int(x) for x in re.findall(r"\d+", offs)]
            spans[p[0]] = (label, min(nums), max(nums), p[2])
        elif p[0].startswith("E"):
            events.append(dict(kv.split(":") for kv in p[1].split()))
    return spans, events

def surname(name):
    name = re.split(r"[,(]| who | of ", name)[0]
    words = [w for w in re.findall(r"[\w'’.-]+", name) if w.lower().strip(".") not in STOP]
    words = [w for w in words if not re.fullmatch(r"[A-Z]\.?", w)]
    return words[-1].strip(".,") if words else ""

texts = sorted(os.listdir(os.path.join(ROOT, "text")))
anns = sorted(os.listdir(os.path.join(ROOT, "attributions")))
rows = []
for tf in texts:
    stem = tf[:-4]
    ann = next((a for a in anns if a.startswith(stem) and len(a) == len(stem) + 9), None)
    if not ann:
        continue
    text = open(os.path.join(ROOT, "text", tf), encoding="utf-8").read()
    spans, events = parse(os.path.join(ROOT, "attributions", ann))
    evidence = collections.defaultdict(list)  # speaker -> [(gender, start, end, text, basis)]
    order = []
    for e in events:
        contents = [spans[e[k]] for k in ("Content", "Content2") if k in e and e[k] in spans]
        if not contents or not any(c[3].startswith(QUOTE_OPEN) for c in contents) or "Source" not in e:
            continue
        _, s, t, src = spans[e["Source"]]
        low = src.strip().lower()
        speaker = ante.get((tf, s, t), src) if low in ("he", "she", "they", "it", "i", "we", "you") else src
        speaker = speaker.strip()
        if not speaker:
            continue
        if speaker not in evidence:
            order.append(speaker)
            evidence[speaker]
        if low in ("he", "she"):
            evidence[speaker].append(("male" if low == "he" else "female", s, t, src, "pronoun"))
        words = re.findall(r"[A-Za-z]+", src)
        for k, w in enumerate(words):
            # a capitalized gendered word ends no name ("Charlie King"): a title precedes one
            honor = w in ("Mrs", "Ms", "Miss")
            if not (w.islower() or honor or (k + 1 < len(words) and words[k + 1][0].isupper())):
                continue
            if w.lower() in MALE_T or w.lower() in FEMALE_T:
                g = "male" if w.lower() in MALE_T else "female"
                evidence[speaker].append((g, s, t, src, "title"))
    # the pronoun Sources of any attribution (direct or not) whose antecedent is the speaker
    for e in events:
        if "Source" not in e or e["Source"] not in spans:
            continue
        _, s, t, src = spans[e["Source"]]
        low = src.strip().lower()
        a = ante.get((tf, s, t), "").strip()
        if low in ("he", "she") and a:
            for speaker in order:
                sw = set(re.split(r"[,(]| who | of ", speaker)[0].split())
                aw = set(a.split()) - {"Mr.", "Mrs.", "Ms."}
                if speaker != a and surname(speaker) == surname(a) and surname(a) and (aw <= sw or sw <= aw):
                    a = speaker
            if a in evidence:
                g = "male" if low == "he" else "female"
                if (g, s, t, src, "pronoun") not in evidence[a]:
                    evidence[a].append((g, s, t, src, "pronoun"))
    for speaker in order:
        sur = surname(speaker)
        if sur and sur[0].isupper():
            for m in re.finditer(r"\b(Mr|Mrs|Ms|Miss)\.? " + re.escape(sur) + r"\b", text):
                g = "male" if m.group(1) == "Mr" else "female"
                evidence[speaker].append((g, m.start(), m.end(), m.group(0), "honorific"))
        ev = evidence[speaker]
        genders = {x[0] for x in ev}
        if len(genders) == 1:
            g, s, t, et, basis = ev[0]
            note = f"{len(ev)} piece(s) of evidence"
        elif genders:
            g, s, t, et, basis = "unknown", ev[0][1], ev[0][2], ev[0][3], "conflict"
            note = "; ".join(f"{x[0]}:{x[4]}:{x[3]}" for x in ev[:4])
        else:
            g, s, t, et, basis, note = "unknown", "", "", "", "none", ""
        rows.append((tf, speaker, g, str(s), str(t), et, basis, note))

out = os.path.join(REPO, "data/annotations/polnear_dev_speaker_gender.tsv")
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("file\tspeaker\tgender\tevidence_start\tevidence_end\tevidence_text\tbasis\tnote\n")
    for r in rows:
        f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in r) + "\n")
c = collections.Counter(r[2] for r in rows)
print(f"{len(rows)} speakers: {dict(c)}; bases {dict(collections.Counter(r[6] for r in rows))}", file=sys.stderr)
