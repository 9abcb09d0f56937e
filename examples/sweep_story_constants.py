#!/usr/bin/env python3
"""Sweeps the story-grouping constants of src/stories/group.rs on ECB+ train and dev and BASIL dev.

    python3 examples/sweep_story_constants.py [../shared/eval/stories] [--out FILE]

The constants were set while rejoining one ECB+ dev pair (issue 34 item 4); this shows each one's
neighbouring values on ECB+ train as well, one constant moved at a time, the others at their
committed values. For every value it rewrites the constant in src/stories/group.rs, rebuilds
`examples/eval_stories` (incremental, about 20 s) and scores the three sets with it (B-cubed
precision, recall, F1). The source file is restored afterwards, also on an error or Ctrl-C, and
the example is rebuilt from it. Prints a Markdown table (and writes it to --out).

ECB+ is undated, so the two date constants (DATED_WORDS_ONLY, LATER_DAYS) can move BASIL only.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUP = ROOT / "src" / "stories" / "group.rs"
SETS = ["ecb-train", "ecb-dev", "basil-dev"]


def const(name, values):
    """A `const NAME: T = V;` line and the values to try (the committed one is found in the file)."""
    pattern = re.compile(rf"^((?:pub )?const {name}: \w+ = )([^;]+);", re.M)
    return (name, pattern, values, lambda m, v: f"{m.group(1)}{v};")


def literal(name, pattern, values):
    """A rule written in code: `pattern` (one group, the varied part) and the texts to try."""
    return (name, re.compile(pattern), values, lambda m, v: m.group(0).replace(m.group(1), v))


SWEEP = [
    const("MAIN_NAME_MENTIONS", ["2", "3", "4", "5", "6"]),
    literal(
        "shared figure cancels 'about different people'",
        r"if (numbers == 0\.0 && )self\.about_others\(a, b\)",
        ["numbers == 0.0 && ", ""],
    ),
    literal(
        "main name share of the top name (4c >= 3top)",
        r"\.filter\(\|&t\| (4 \* term_count\(p, t\) >= 3 \* top)\)",
        ["2 * term_count(p, t) >= top", "4 * term_count(p, t) >= 3 * top", "term_count(p, t) >= top"],
    ),
    const("EDGE", ["0.25", "0.30", "0.35"]),
    const("AVERAGE", ["0.18", "0.22", "0.26"]),
    const("OTHER_PEOPLE", ["0.1", "0.2", "0.3"]),
    const("CONFIRMED", ["0.05", "0.1", "0.15"]),
    const("STOCK", ["2", "4", "6"]),
    const("NAME_WEIGHT", ["2.0", "3.0", "4.0"]),
    const("SIGNATURE", ["6", "10", "14"]),
    const("MIN_SHARED_SIGNATURE", ["1", "2", "3"]),
    const("MAX_SHINGLE_DF", ["15", "25", "40"]),
    const("MAX_STORY", ["20", "30", "40"]),
    const("DATED_WORDS_ONLY", ["0.0", "0.05", "0.1"]),
    const("LATER_DAYS", ["0.05", "0.1", "0.2"]),
]

LINE = re.compile(r"^(\S+): .*precision ([\d.]+), recall ([\d.]+), F1 ([\d.]+)")


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--example", "eval_stories"],
        cwd=ROOT,
        check=True,
        env={**__import__("os").environ, "CARGO_INCREMENTAL": "1"},
    )


def score(stories):
    """{set: (precision, recall, F1)} from one run of eval_stories."""
    exe = ROOT / "target" / "release" / "examples" / "eval_stories"
    out = subprocess.run([str(exe), stories, *SETS], capture_output=True, text=True, check=True)
    got = {}
    for line in out.stdout.splitlines():
        m = LINE.match(line)
        if m:
            got[m.group(1)] = tuple(float(x) for x in m.group(2, 3, 4))
    missing = [s for s in SETS if s not in got]
    if missing:
        sys.exit(f"eval_stories scored no {missing}: {out.stderr.strip()}")
    return got


def cell(f):
    return f"{f[0]:.3f} / {f[1]:.3f} / **{f[2]:.3f}**"


def sweep(stories, original):
    rows = []
    for name, pattern, values, put in SWEEP:
        found = list(pattern.finditer(original))
        if len(found) != 1:
            sys.exit(f"{GROUP}: {name}: expected one match of {pattern.pattern}, found {len(found)}")
        m = found[0]
        committed = m.group(2).strip() if m.re.groups >= 2 else m.group(1)
        for v in values:
            GROUP.write_text(original[: m.start()] + put(m, v) + original[m.end():])
            build()
            got = score(stories)
            mark = " (committed)" if v == committed else ""
            shown = v if v.strip() else "(rule off)"
            rows.append(f"| {name} | `{shown.strip()}`{mark} | " + " | ".join(cell(got[s]) for s in SETS) + " |")
            print(rows[-1], flush=True)
    return rows


def main():
    args = [a for a in sys.argv[1:]]
    out = None
    if "--out" in args:
        i = args.index("--out")
        out = args[i + 1]
        del args[i : i + 2]
    stories = args[0] if args else str(ROOT.parent / "shared" / "eval" / "stories")
    original = GROUP.read_text()
    head = "| constant | value | " + " | ".join(f"{s} P / R / F1" for s in SETS) + " |"
    print(head + "\n|" + " --- |" * (2 + len(SETS)), flush=True)
    try:
        rows = sweep(stories, original)
    finally:
        GROUP.write_text(original)
        build()
    if out:
        Path(out).write_text(head + "\n|" + " --- |" * (2 + len(SETS)) + "\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
