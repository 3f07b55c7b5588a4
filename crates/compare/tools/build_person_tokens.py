#!/usr/bin/env python3
"""Build crates/compare/data/person_tokens.tsv: Arabic words of people's names with how often
Wikidata uses them, from the NETransliteration Wikidata pairs (Merhav & Ash, COLING 2018; CC0 1.0).

Input lines are `english_token<TAB>space-separated Arabic letters<TAB>count`; the Arabic letters are
joined and counts summed per Arabic word. Words of one or two letters are dropped; stop words are
dropped when the table is loaded (the crate uses its own stop-word list).

Usage (from crates/compare):
  python3 tools/build_person_tokens.py [PATH] > data/person_tokens.tsv
"""
import collections
import sys

path = sys.argv[1] if len(sys.argv) > 1 else \
    "../../../shared/data/arabic/netransliteration-wikidata-ar/wd_arabic.normalized.aligned.tokens"
counts = collections.Counter()
with open(path, encoding="utf-8") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        word = parts[1].replace(" ", "")
        if len(word) < 3 or not all("\u0600" <= c <= "\u06ff" for c in word):
            continue
        try:
            counts[word] += int(parts[2])
        except ValueError:
            continue
print("# Arabic words of people's names with their Wikidata count. Derived from NETransliteration "
      "(Merhav & Ash, COLING 2018), CC0 1.0. Built by tools/build_person_tokens.py.")
for w, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
    print(f"{w}\t{c}")
