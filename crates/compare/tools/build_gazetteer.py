#!/usr/bin/env python3
"""Build crates/compare/data/gazetteer.tsv from the WikiFANE gold corpus (CC BY-SA 3.0).

Only the Wikipedia part is used, so that the newswire part (NewsFANE) stays held out for the
evaluation in `examples/fane_eval.rs`.

For every annotated entity string we count how often it is tagged as an entity and how often the
same token sequence occurs untagged (tag O on all its tokens). Strings that are untagged more often
than tagged (common words that happen to be a name somewhere: الزهرة، الشمس، الحياة ...) are dropped,
as are one-letter strings. Fine FANE types are folded to three coarse ones: PER, ORG, LOC.

Usage: python3 tools/build_gazetteer.py [PATH_TO_WikiFANE_Gold_2014_500K.txt] > data/gazetteer.tsv
"""
import collections
import sys

PER = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
       "Businessperson", "Lawyer", "Engineer"}
ORG = {"Non-Governmental", "Sports", "Media", "Government", "Commercial", "Educational",
       "Police", "Religious_ORG", "Entertainment", "Medical-Science"}
LOC = {"Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "Continent",
       "Water-Body", "Land", "County-or-District", "Building-Grounds", "Land-Region-Natural",
       "Path", "Airport", "Subarea-Facility"}


def coarse(fine):
    if fine in PER:
        return "PER"
    if fine in ORG:
        return "ORG"
    if fine in LOC:
        return "LOC"
    return None


def clean(tok):
    return tok.replace("\u200e", "").replace("\u200f", "").replace("\ufeff", "").strip()


def sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            sent.append((clean(parts[0]), parts[1].strip()))
    if sent:
        yield sent


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else \
        "../../../shared/data/arabic/fane-gold-ner/WikiFANE_Gold_2014_500K.txt"
    tagged = collections.Counter()
    types = collections.defaultdict(collections.Counter)
    sents = list(sentences(path))
    for sent in sents:
        i = 0
        while i < len(sent):
            tok, tag = sent[i]
            if tag.startswith("B-"):
                fine = tag[2:]
                j = i + 1
                while j < len(sent) and sent[j][1] == "I-" + fine:
                    j += 1
                name = " ".join(t for t, _ in sent[i:j])
                c = coarse(fine)
                if c:
                    tagged[name] += 1
                    types[name][c] += 1
                i = j
            else:
                i += 1
    maxlen = max((len(n.split()) for n in tagged), default=1)
    untagged = collections.Counter()
    for sent in sents:
        toks = [t for t, _ in sent]
        tags = [g for _, g in sent]
        for n in range(1, maxlen + 1):
            for i in range(0, len(toks) - n + 1):
                if all(g == "O" for g in tags[i:i + n]):
                    s = " ".join(toks[i:i + n])
                    if s in tagged:
                        untagged[s] += 1
    print("# Derived from WikiFANE Gold 2014 (Alotaibi & Lee, COLING 2014), CC BY-SA 3.0. "
          "Columns: entity, coarse type (PER/ORG/LOC), tagged count. Built by tools/build_gazetteer.py.")
    for name, cnt in sorted(tagged.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(name.replace(" ", "")) < 2:
            continue
        if untagged[name] > cnt:
            continue
        typ = types[name].most_common(1)[0][0]
        print(f"{name}\t{typ}\t{cnt}")


if __name__ == "__main__":
    main()
