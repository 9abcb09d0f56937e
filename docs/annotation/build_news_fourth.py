#!/usr/bin/env python3
"""Fill the hedges column of data/hedges_gold/news_fourth.tsv from the hand annotation
docs/annotation/news_fourth_hedges.txt, exactly as build_news_second.py does for its sample
(the same `build`: locates each chosen expression in its sentence, decides nothing, and checks
every expression against the sentence text), the sentences read from abp_full.jsonl.gz.

Usage: build_news_fourth.py [ABP_DIR]   (default /work/shared/corpora/abp; reads abp_full.jsonl.gz)
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_news_second import build  # noqa: E402

if __name__ == "__main__":
    ABP = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/abp"
    build("news_fourth", os.path.join(ABP, "abp_full.jsonl.gz"))
