#!/usr/bin/env python3
"""List every distinct gold Source span of PolNeAR dev whose text is a pronoun.

Only lists spans with context for a human reader; it decides nothing.
Usage: list_pronoun_sources.py [POLNEAR_DEV_DIR] > listing.txt
       list_pronoun_sources.py --tsv ... prints file, annotator_file, start, end, text only.
Distinct = same text file and same (start, end); the first .ann in sorted order is recorded.
"""
import os, re, sys

PRONOUNS = {
    "i", "me", "my", "myself", "we", "us", "our", "ourselves",
    "you", "your", "yourself", "yourselves",
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "themselves",
}
REFLEXIVES = {"myself", "ourselves", "yourself", "yourselves", "himself", "herself", "itself", "themselves"}


def is_pronoun(text):
    words = text.strip().lower().split()
    if len(words) == 1:
        return words[0] in PRONOUNS
    # "she herself", "we ourselves": a pronoun with its intensifying reflexive
    return len(words) == 2 and words[0] in PRONOUNS and words[1] in REFLEXIVES


def parse_ann(path):
    spans = {}
    rels = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("T"):
                tid, info, text = line.split("\t", 2)
                typ, offs = info.split(" ", 1)
                pieces = [tuple(map(int, p.split())) for p in offs.split(";")]
                spans[tid] = (typ, pieces, text)
            elif line.startswith("E"):
                parts = line.split("\t")[1].split()
                rels.append(dict(p.split(":", 1) for p in parts))
    return spans, rels


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    tsv = "--tsv" in sys.argv
    root = args[0] if args else "/work/shared/corpora/polnear/data/dev"
    anns = sorted(os.listdir(os.path.join(root, "attributions")))
    seen = {}
    for ann in anns:
        if not ann.endswith(".ann"):
            continue
        textname = re.sub(r"_[0-9a-f]{4}\.ann$", ".txt", ann)
        spans, rels = parse_ann(os.path.join(root, "attributions", ann))
        for r in rels:
            src = r.get("Source")
            if not src or src not in spans:
                continue
            typ, pieces, stext = spans[src]
            if len(pieces) != 1 or not is_pronoun(stext):
                continue
            key = (textname, pieces[0])
            if key in seen:
                continue
            cue = spans[r["Cue"]][2] if r.get("Cue") in spans else ""
            content = spans[r["Content"]][2] if r.get("Content") in spans else ""
            seen[key] = (ann, stext, cue, content)
    n = 0
    for (textname, (s, e)), (ann, stext, cue, content) in sorted(seen.items()):
        n += 1
        if tsv:
            print(f"{textname}\t{ann}\t{s}\t{e}\t{stext}")
            continue
        with open(os.path.join(root, "text", textname), encoding="utf-8") as f:
            text = f.read()
        before = text[max(0, s - 600):s].replace("\n", " / ")
        after = text[e:e + 150].replace("\n", " / ")
        print(f"=== #{n} {textname} [{ann}] {s}-{e} {stext!r} | cue={cue!r} | content={content[:120]!r}")
        print(f"{before}[[{text[s:e]}]]{after}")
        print()
    print(f"# {n} distinct pronoun sources", file=sys.stderr)


if __name__ == "__main__":
    main()
