#!/usr/bin/env python3
"""Print a random sample of dedup groups with titles and text heads, for reading by eye.

usage: sample_groups.py GROUPS.jsonl CORPUS.jsonl[.gz]... [--n 30] [--seed 1]
"""
import argparse, gzip, json, random

ap = argparse.ArgumentParser()
ap.add_argument("groups")
ap.add_argument("corpora", nargs="+")
ap.add_argument("--n", type=int, default=30)
ap.add_argument("--seed", type=int, default=1)
args = ap.parse_args()
groups = [json.loads(l) for l in open(args.groups, encoding="utf-8")]
random.Random(args.seed).shuffle(groups)
groups = groups[: args.n]
want = {g["origin"] for g in groups} | {m["id"] for g in groups for m in g["members"]}
docs = {}
for path in args.corpora:
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            i = str(r.get("id") or r.get("docno"))
            if i in want:
                body = r.get("text") or r.get("content") or ""
                docs[i] = (r.get("source") or r.get("src"), r.get("title", ""), len(body), " ".join(body.split())[:160])
for g in groups:
    o = docs.get(g["origin"], ("?", "?", 0, ""))
    print("## group %s agency=%s origin %s [%s] %s (%d chars)\n   %s" % (g["group"], g.get("agency"), g["origin"], o[0], o[1], o[2], o[3]))
    for m in g["members"][:6]:
        d = docs.get(m["id"], ("?", "?", 0, ""))
        print("   - %-11s %.2f %s [%s] %s (%d chars)" % (m["kind"], m["similarity"], m["id"], d[0], d[1], d[2]))
    if len(g["members"]) > 6:
        print("   ... %d more" % (len(g["members"]) - 6))
