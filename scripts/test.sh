#!/usr/bin/env bash
# The whole test suite: formatting, lints, every crate's tests. Installs what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== test dependencies (headless Chromium for the browser tests)"
bash scripts/install-test-deps.sh
echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
