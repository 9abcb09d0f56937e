#!/usr/bin/env bash
# Refactoring check: run a hedgerow binary on the sample, the seeds, abp_medium, the French and
# the mixed-language corpora, and compare every output file with a reference folder (run.json and
# the timings aside).
#   docs/tools/same_outputs.sh BINARY OUT_DIR            # write OUT_DIR/<corpus>/...
#   docs/tools/same_outputs.sh BINARY OUT_DIR REF_DIR    # then diff -r against REF_DIR
set -euo pipefail
bin=$(realpath "$1"); out=$2; ref=${3:-}
shared=${HEDGEROW_SHARED:-$(dirname "$(realpath "$0")")/../../../shared}
mkdir -p "$out"
run() { local name=$1; shift; rm -rf "$out/$name"; "$bin" analyze "$@" --out "$out/$name" -q; }
run sample data/sample
run mixed tests/fixtures/mixed/reports.jsonl --language auto
if [ -d "$shared/seeds" ]; then run seeds "$shared/seeds"; fi
if [ -f "$shared/corpora/abp/abp_medium.jsonl" ]; then
  run abp_medium "$shared/corpora/abp/abp_medium.jsonl" --id-field ID --text-field content_original \
    --source-field source --date-field date --title-field title
fi
if [ -f "$shared/corpora/languages/fr.jsonl" ]; then
  run fr "$shared/corpora/languages/fr.jsonl" --language fr
fi
if [ -n "$ref" ]; then
  diff -r -q -x run.json "$ref" "$out" && echo "same outputs as $ref"
fi
