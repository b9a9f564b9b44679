#!/usr/bin/env bash
# Copies the team's labelled samples from ../shared/data (beside the repository) into the test resources, where the
# tests read them (CI's clean clone has no ../shared). The samples are never training data: they are test inputs.
# Usage: scripts/copy-shared-samples.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
target=text/src/test/resources/shared
mkdir -p "$target"
for f in triage-sample.jsonl listening-sample.jsonl streams-sample.json outage-day-sample.jsonl; do
  cp "$shared/data/$f" "$target/$f"
  echo "copied $f"
done
