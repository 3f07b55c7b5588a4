#!/usr/bin/env python3
"""Build crates/compare/data/df.tsv: sentence document frequencies of words in WikiFANE (CC BY-SA 3.0).

Only the Wikipedia part is used (the newswire part stays held out for the NER evaluation). Each
sentence counts as one document; words seen in fewer than 3 sentences are left out (the library
treats an absent word as rare). The first data line is `#N<TAB>number of sentences`.

Usage: python3 tools/build_idf.py [PATH_TO_WikiFANE_Gold_2014_500K.txt] > data/df.tsv
"""
import collections
import sys

path = sys.argv[1] if len(sys.argv) > 1 else \
    "../../../shared/data/arabic/fane-gold-ner/WikiFANE_Gold_2014_500K.txt"
df = collections.Counter()
n = 0
cur = set()
with open(path, encoding="utf-8") as f:
    for line in f:
        tok = line.split("\t")[0].replace("\u200e", "").replace("\u200f", "").replace("\ufeff", "").strip()
        if not line.strip():
            if cur:
                n += 1
                df.update(cur)
            cur = set()
            continue
        if tok and any(c.isalpha() for c in tok):
            cur.add(tok)
if cur:
    n += 1
    df.update(cur)
print("# Sentence frequencies of words in WikiFANE Gold 2014 (Alotaibi & Lee), CC BY-SA 3.0. Built by tools/build_idf.py.")
print(f"#N\t{n}")
for w, c in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
    if c >= 3:
        print(f"{w}\t{c}")
