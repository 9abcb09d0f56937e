#!/usr/bin/env python3
"""Join the hand decisions (pronoun_decisions.tsv) to the span listing and write
data/annotations/polnear_dev_pronoun_sources.tsv.

The decisions are a reader's: per case number n of list_pronoun_sources.py (sorted by file,
offsets), the antecedent string, which occurrence of that exact string in the text is meant
(default 1 = the first), and a note. This script only locates the chosen string; it decides
nothing. It fails if a chosen string is absent from the text.
"""
import os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ROOT = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/polnear/data/dev"

listing = subprocess.run([sys.executable, os.path.join(HERE, "list_pronoun_sources.py"), ROOT, "--tsv"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
cases = [l.split("\t") for l in listing]
decisions = {}
with open(os.path.join(HERE, "pronoun_decisions.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        n, ante, occ, note = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
        decisions[int(n)] = (ante, int(occ) if occ else 1, note)

out = os.path.join(REPO, "data", "annotations", "polnear_dev_pronoun_sources.tsv")
rows = 0
with open(out, "w", encoding="utf-8", newline="") as f:
    def row(fields):
        fields = [str(x) for x in fields]
        assert not any("\t" in x or "\n" in x for x in fields), fields
        f.write("\t".join(fields) + "\n")
    row(["file", "annotator_file", "source_start", "source_end", "source_text",
                "antecedent", "antecedent_start", "antecedent_end", "note"])
    for n, (textname, ann, s, e, stext) in enumerate(cases, 1):
        if n not in decisions:
            continue
        ante, occ, note = decisions[n]
        a_s = a_e = ""
        if ante:
            text = open(os.path.join(ROOT, "text", textname), encoding="utf-8").read()
            pos = -1
            for _ in range(occ):
                pos = text.find(ante, pos + 1)
                if pos < 0:
                    sys.exit(f"case {n}: {ante!r} occurrence {occ} not in {textname}")
            a_s, a_e = pos, pos + len(ante)
        row([textname, ann, s, e, stext, ante, a_s, a_e, note])
        rows += 1
print(f"{rows} rows of {len(cases)} cases -> {out}", file=sys.stderr)
