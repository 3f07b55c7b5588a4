#!/usr/bin/env bash
# Side-by-side near-duplicate benchmark: khabar dedup vs datasketch, rensa and gaoya.
#
#   bench/dedup/run.sh [N]          (run from anywhere; N = synthetic corpus size, default 20000)
#
# Environment: SHARED (default <repo>/../shared), DATA (default <repo>/../bench-data, outside the
# repo), VENV (default <repo>/../peers-venv). Creates the venv and the corpus when missing.
# Same parameters for everyone: 128 hashes, threshold 0.8. Peers run with and without
# `--normalize arabic`. Every engine is scored with the same eval_pairs.py; wall and CPU seconds
# come from /usr/bin/time. Also runs khabar on the two real corpora (both at once) and on the dev
# set. Results: $DATA/results/*.{log,json,jsonl} and a table on stdout.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED="${SHARED:-$REPO/../shared}"
DATA="${DATA:-$REPO/../bench-data}"
VENV="${VENV:-$REPO/../peers-venv}"
N="${1:-20000}"
PEERS="$SHARED/bench/peers"
CORPUS="$DATA/corpus_$((N / 1000))k"
OUT="$DATA/results"
mkdir -p "$OUT"
if [ ! -d "$PEERS" ]; then echo "no $PEERS: skipping"; exit 0; fi
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q datasketch rensa gaoya
fi
if [ ! -s "$CORPUS/corpus.jsonl" ]; then
  python3 "$PEERS/make_corpus.py" "$N" --out "$CORPUS" > "$OUT/make_corpus.log"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target-dedup}"
(cd "$REPO" && cargo build --release -q -p dedup --example dedup_jsonl)
KHABAR="$CARGO_TARGET_DIR/release/examples/dedup_jsonl"
GOLD=(--gold "$CORPUS/gold_pairs.jsonl" --hard-negatives "$CORPUS/hard_negatives.jsonl")
TIME=(/usr/bin/time -f "TIME wall=%e user=%U sys=%S maxrss_kb=%M")

echo "== $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for peer in datasketch rensa gaoya; do
  for norm in none arabic; do
    tag="${peer}_${norm}"
    "${TIME[@]}" "$VENV/bin/python" "$PEERS/bench_$peer.py" "$CORPUS/corpus.jsonl" "$OUT/pairs_$tag.jsonl" \
      --threshold 0.8 --normalize "$norm" "${GOLD[@]}" --summary-json "$OUT/summary_$tag.json" \
      > "$OUT/$tag.log" 2>&1
    grep -E "CORE|END-TO-END|TIME" "$OUT/$tag.log" | sed "s/^/$tag: /"
  done
done
"${TIME[@]}" "$KHABAR" "$CORPUS/corpus.jsonl" --pairs "$OUT/pairs_khabar.jsonl" --threshold 0.8 --num-perm 128 \
  > "$OUT/khabar.log" 2>&1
sed 's/^/khabar: /' "$OUT/khabar.log"
# Second run for the incremental index (insert+query speed, heap bytes per document).
"$KHABAR" "$CORPUS/corpus.jsonl" --index | grep -E "incremental|signatures" | sed 's/^/khabar --index: /'

# Score every engine the same way; khabar's near-duplicates alone for the hard-negative count.
grep -v '"kind":"containment"' "$OUT/pairs_khabar.jsonl" > "$OUT/pairs_khabar_near.jsonl"
for f in "$OUT"/pairs_*.jsonl; do
  tag="$(basename "$f" .jsonl)"; tag="${tag#pairs_}"
  for field in jaccard5_raw jaccard5_norm; do
    python3 "$PEERS/eval_pairs.py" "$f" "$CORPUS/gold_pairs.jsonl" --hard-negatives "$CORPUS/hard_negatives.jsonl" \
      --field "$field" > "$OUT/eval_${tag}_$field.json"
  done
done

python3 - "$OUT" <<'PY'
import json, re, sys, os
out = sys.argv[1]
def timing(log):
    t = re.search(r"TIME wall=([\d.]+) user=([\d.]+) sys=([\d.]+) maxrss_kb=(\d+)", open(log).read())
    return (float(t[1]), float(t[2]) + float(t[3]), int(t[4]) / 1024) if t else (None, None, None)
rows = []
kh_log = open(os.path.join(out, "khabar.log")).read()
kh_core = float(re.search(r"CORE ([\d.]+)s", kh_log)[1])
n = int(re.search(r"\| (\d+) docs", kh_log)[1])
for tag in ["datasketch_none", "datasketch_arabic", "rensa_none", "rensa_arabic", "gaoya_none", "gaoya_arabic", "khabar", "khabar_near"]:
    log = os.path.join(out, ("khabar" if tag.startswith("khabar") else tag) + ".log")
    if tag.startswith("khabar"):
        core = kh_core
    else:
        s = json.load(open(os.path.join(out, f"summary_{tag}.json")))
        core = s["seconds"]["core"]
    wall, cpu, rss = timing(log)
    e_raw = json.load(open(os.path.join(out, f"eval_{tag}_jaccard5_raw.json")))
    e_norm = json.load(open(os.path.join(out, f"eval_{tag}_jaccard5_norm.json")))
    rows.append((tag, n / core, wall, cpu, rss, e_raw["all_gold"]["precision"], e_raw["all_gold"]["recall"],
                 e_raw["gold_with_jaccard5_raw_ge_0.80"]["recall"], e_norm["gold_with_jaccard5_norm_ge_0.80"]["recall"],
                 e_raw["hard_negatives_predicted"]["predicted"], e_raw["hard_negatives_predicted"]["pairs"]))
kh = n / kh_core
kh_cpu = [r for r in rows if r[0] == "khabar"][0][3]
print("\n| engine | core docs/s | khabar / engine (core docs/s) | wall s (process) | CPU s (process) | engine CPU / khabar CPU | peak RSS MB | precision | recall all gold | recall J5raw>=0.8 | recall J5norm>=0.8 | hard neg. reported |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    k = r[0].startswith("khabar")
    print("| %s | %.0f | %s | %.2f | %.2f | %s | %.0f | %.4f | %.4f | %.4f | %.4f | %d/%d |" % (
        r[0], r[1], "%.1fx" % (kh / r[1]) if not k else "-", r[2], r[3], "%.1fx" % (r[3] / kh_cpu) if not k else "-",
        r[4], r[5], r[6], r[7], r[8], r[9], r[10]))
print("(khabar_near = khabar's exact+near pairs only; khabar = all kinds incl. containment)")
PY

echo "== real corpora (both at once)"
"${TIME[@]}" "$KHABAR" "$SHARED/data/corpora/ant-multisource-2018.jsonl.gz" "$SHARED/data/corpora/saudinewsnet-2015.jsonl.gz" \
  --pairs "$OUT/corpora_pairs.jsonl" --groups "$OUT/corpora_groups.jsonl" > "$OUT/corpora.log" 2>&1
sed 's/^/corpora: /' "$OUT/corpora.log"
python3 "$REPO/bench/dedup/sample_groups.py" "$OUT/corpora_groups.jsonl" "$SHARED/data/corpora/ant-multisource-2018.jsonl.gz" \
  "$SHARED/data/corpora/saudinewsnet-2015.jsonl.gz" --n 30 --seed 2 > "$OUT/corpora_sample30.txt"
echo "corpora: 30 sampled groups for reading in $OUT/corpora_sample30.txt"
echo "== dev set"
"$KHABAR" "$SHARED/data/dev-stories-ant-2018-03/articles.jsonl" --pairs "$OUT/dev_pairs.jsonl" --groups "$OUT/dev_groups.jsonl" \
  | sed 's/^/dev: /'
python3 - "$SHARED/data/dev-stories-ant-2018-03/near_duplicates.jsonl" "$OUT/dev_pairs.jsonl" <<'PY'
import json, sys
key = lambda r: tuple(sorted((r["a"], r["b"])))
gold = {key(json.loads(l)) for l in open(sys.argv[1]) if l.strip()}
pred = {key(json.loads(l)) for l in open(sys.argv[2]) if l.strip()}
print("dev: gold pairs found %d/%d; extra pairs %d" % (len(gold & pred), len(gold), len(pred - gold)))
PY
