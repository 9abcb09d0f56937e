#!/usr/bin/env python3
"""Check data/hedges_gold/news_fourth.tsv against the corpus, independently of its build script:
verify_news_third.py's checks (`verify`) for 200 rows, at most 10 sentences per outlet, drawn by
draw_abp_fourth.py, hedges equal to docs/annotation/news_fourth_hedges.txt; and, as the draw
promises, no article of news_fresh.tsv or news_third.tsv and no outlet of news_third.tsv.
Prints the errors (if any), the counts, and exits non-zero on an error.

Usage: verify_news_fourth.py [ABP_DIR]   (default /work/shared/corpora/abp)
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from verify_news_third import verify  # noqa: E402

if __name__ == "__main__":
    ABP = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/abp"
    sys.exit(verify("news_fourth", 200, 10, "draw_abp_fourth.py", ABP,
                    disjoint=("news_fresh", "news_third"), outlets_not_of=("news_third",)))
