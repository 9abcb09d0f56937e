#!/usr/bin/env python3
"""Check data/annotations/polnear_dev_pronoun_sources.tsv against the PolNeAR dev text.

1. Offset convention: every T span of every dev .ann must equal text[start:end] with the text
   file read as UTF-8 and indexed as a Python str (code points); discontinuous spans are
   joined with one space, as brat writes them.
2. Every row: text[source_start:source_end] == source_text, the span is a Source of its
   annotator_file, and when an antecedent is given text[antecedent_start:antecedent_end] ==
   antecedent (offsets empty iff antecedent empty); an empty antecedent has a note.
Exit status 1 on any failure.
"""
import csv, os, re, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/polnear/data/dev"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TSV = os.path.join(REPO, "data", "annotations", "polnear_dev_pronoun_sources.tsv")

texts = {}
def text(name):
    if name not in texts:
        with open(os.path.join(ROOT, "text", name), encoding="utf-8") as f:
            texts[name] = f.read()
    return texts[name]

bad = 0
spans = checked = non_ascii_before = 0
sources = set()
for ann in sorted(os.listdir(os.path.join(ROOT, "attributions"))):
    if not ann.endswith(".ann"):
        continue
    t = text(re.sub(r"_[0-9a-f]{4}\.ann$", ".txt", ann))
    b = t.encode("utf-8")
    with open(os.path.join(ROOT, "attributions", ann), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("T"):
                continue
            _, info, st = line.rstrip("\n").split("\t", 2)
            typ, offs = info.split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offs.split(";")]
            spans += 1
            if " ".join(t[s:e] for s, e in pieces) != st:
                bad += 1
                print(f"convention: {ann} {typ} {pieces} {st!r}")
            else:
                checked += 1
                if any(ord(c) > 127 for c in t[:pieces[0][0]]):
                    non_ascii_before += 1
            if typ == "Source" and len(pieces) == 1:
                sources.add((ann, pieces[0]))
print(f"offset convention: {checked}/{spans} brat spans equal text[start:end] over code points; "
      f"{non_ascii_before} of them follow a non-ASCII character (so byte offsets would differ)")

rows = empty = 0
with open(TSV, encoding="utf-8") as f:
    reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
    for r in reader:
        rows += 1
        t = text(r["file"])
        s, e = int(r["source_start"]), int(r["source_end"])
        if t[s:e] != r["source_text"]:
            bad += 1; print("source text mismatch", r)
        if (r["annotator_file"], (s, e)) not in sources:
            bad += 1; print("not a Source span of its annotator_file", r)
        if not r["annotator_file"].startswith(r["file"][:-4]):
            bad += 1; print("annotator_file does not belong to file", r)
        a = r["antecedent"]
        if a:
            a_s, a_e = int(r["antecedent_start"]), int(r["antecedent_end"])
            if t[a_s:a_e] != a:
                bad += 1; print("antecedent mismatch", r)
        else:
            empty += 1
            if r["antecedent_start"] or r["antecedent_end"] or not r["note"]:
                bad += 1; print("empty antecedent needs empty offsets and a note", r)
print(f"{rows} rows, {empty} with empty antecedent, {bad} problems")
sys.exit(1 if bad else 0)
