#!/usr/bin/env bash
# Benchmark `khabar serve` on loopback with both corpora loaded.
#
#   crates/server/examples/bench_load.sh [DATA_DIR]
#
# Loads ../shared/data/corpora/*.jsonl.gz with `khabar run` (release build) into DATA_DIR
# (default target/bench-serve-data; reused when it already holds a store), starts the server,
# then measures with wrk: search latency (p50/p99, --latency) and the story page rate
# (requests/s on GET /api/stories/ID, cached comparison). Skips when the corpora or wrk are
# missing. Figures go to stdout; keep them with the command that produced them.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
CORPORA=("$ROOT"/../shared/data/corpora/*.jsonl.gz)
DATA=${1:-$ROOT/target/bench-serve-data}
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
if [ ! -e "${CORPORA[0]}" ]; then echo "SKIP: no corpora in ../shared/data/corpora"; exit 0; fi
if ! command -v wrk >/dev/null; then echo "SKIP: wrk missing (apt-get install wrk)"; exit 0; fi

cargo build --release -p khabar
KHABAR=${CARGO_TARGET_DIR:-$ROOT/target}/release/khabar

if [ ! -e "$DATA/khabar.sqlite" ]; then
    mkdir -p "$DATA"
    echo "== loading corpora into $DATA"
    # Exit status 1 means some records were skipped (reported in the log); 2 is fatal.
    status=0
    /usr/bin/time -v "$KHABAR" --data "$DATA" run "${CORPORA[@]}" > /dev/null 2> "$DATA.load.log" || status=$?
    if [ "$status" -gt 1 ]; then tail -20 "$DATA.load.log"; exit 1; fi
    echo "skipped records: $(grep -c '^khabar: .*\[' "$DATA.load.log" || true)"
    grep -E "Elapsed|Maximum resident" "$DATA.load.log" || true
fi

"$KHABAR" --data "$DATA" serve --addr "127.0.0.1:$PORT" > "$DATA.serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 1800); do
    curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
    sleep 0.5
done
curl -s "http://127.0.0.1:$PORT/healthz"; echo

# The largest story on the first page, and a few search words in both spellings.
STORY=$(curl -s "http://127.0.0.1:$PORT/api/stories?per_page=100" \
    | python3 -c 'import json,sys; s=json.load(sys.stdin)["stories"]; print(max(s, key=lambda x: x["article_count"])["id"])')
echo "story page: /api/stories/$STORY"

LUA=$(mktemp --suffix=.lua)
cat > "$LUA" <<'LUA'
local words = {"%D8%A7%D9%84%D8%A8%D9%86%D8%AA%D8%A7%D8%AC%D9%88%D9%86", -- البنتاجون
               "%D8%BA%D8%B2%D8%A9", -- غزة
               "%D8%A7%D9%84%D8%B1%D9%8A%D8%A7%D8%B6", -- الرياض
               "%D9%88%D8%B2%D9%8A%D8%B1%20%D8%A7%D9%84%D8%AE%D8%A7%D8%B1%D8%AC%D9%8A%D8%A9", -- وزير الخارجية
               "%D8%A7%D9%84%D9%86%D9%81%D8%B7", -- النفط
               "%D8%A7%D9%84%D8%A7%D9%86%D8%AA%D8%AE%D8%A7%D8%A8%D8%A7%D8%AA"} -- الانتخابات
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?q=" .. words[(i % #words) + 1])
end
LUA
echo "== search (wrk -t2 -c8 -d$DURATION --latency, 6 queries in turn)"
wrk -t2 -c8 -d"$DURATION" --latency -s "$LUA" "http://127.0.0.1:$PORT"
echo "== story page (wrk -t2 -c16 -d$DURATION --latency)"
curl -s -o /dev/null -w "first (uncached) story page: %{time_total}s\n" "http://127.0.0.1:$PORT/api/stories/$STORY"
wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$PORT/api/stories/$STORY"
echo "== story list"
wrk -t2 -c8 -d10s --latency "http://127.0.0.1:$PORT/api/stories"
rm -f "$LUA"
