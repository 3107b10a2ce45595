#!/usr/bin/env bash
# Compares the native driver under Wine with the model on the shipped corpus (run from the repo
# root; used by .ci/run). Builds tbdriver.exe, runs it under Wine (own prefix under target/),
# configures the model from the Wine host snapshot, runs the model on the same corpus (it must
# have no failed scenario), then compares the two transcripts with the register of known
# divergences (host wine). Exits non-zero when a step fails, the driver exits with 2 (usage or
# parse error) or crashes, or a divergence is not in the register. The native run's exit status
# 1 (failed scenarios) is expected: the scenarios state Windows behaviour and Wine deviates.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

corpus=src/main/resources/io/github/tokenbridge/conformance/corpus
register=src/main/resources/io/github/tokenbridge/conformance/divergences.reg
out=target/conformance
export WINEPREFIX="$PWD/target/wineprefix"
export WINEDEBUG=-all

command -v wine >/dev/null || { echo "compare-with-wine: wine not found (apt-get install wine64)" >&2; exit 2; }
jar_present() {
  local j
  for j in target/tokenbridge-*.jar; do
    case "$j" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) [ -f "$j" ] && return 0 ;; esac
  done
  return 1
}
if ! jar_present || [ ! -d target/lib ]; then
  echo "compare-with-wine: building the jar (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
fi

make -s -C native
mkdir -p "$out"
rm -f "$out/native.jsonl" "$out/native.snapshot.json" "$out/model.jsonl"

# 1. the native driver under Wine (the first start in a new prefix takes ~10 s)
rc=0
wine native/build/tbdriver.exe --transcript "$out/native.jsonl" --snapshot "$out/native.snapshot.json" \
  "$corpus" >"$out/native.stdout" 2>"$out/native.stderr" || rc=$?
native_summary=$(tail -n 1 "$out/native.stdout" || true)
echo "native (wine): $native_summary (exit $rc)"
if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
  echo "compare-with-wine: the native driver exited with $rc:" >&2
  grep -v '^wine: \|rundll32' "$out/native.stderr" >&2 || true
  exit 1
fi
if ! grep -Eq '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' <<<"$native_summary" \
   || [ ! -s "$out/native.jsonl" ] || [ ! -s "$out/native.snapshot.json" ]; then
  echo "compare-with-wine: the native run did not finish (no summary, transcript or snapshot)" >&2
  exit 1
fi

# 2. the model, configured from the Wine host snapshot; it must pass every scenario it runs
mrc=0
./tokenbridge conformance --backend model --snapshot "$out/native.snapshot.json" \
  --transcript "$out/model.jsonl" --scenarios "$corpus" >"$out/model.stdout" 2>&1 || mrc=$?
echo "model (wine snapshot): $(tail -n 1 "$out/model.stdout") (exit $mrc)"
if [ "$mrc" != 0 ]; then
  echo "compare-with-wine: the model run failed:" >&2
  grep -v '^passed \|^skipped ' "$out/model.stdout" >&2 || true
  exit 1
fi

# 3. the comparison; every divergence must be registered for host wine
crc=0
./tokenbridge conformance --compare "$out/model.jsonl" "$out/native.jsonl" \
  --register "$register" --host wine >"$out/compare.stdout" 2>&1 || crc=$?
if [ "$crc" != 0 ]; then
  cat "$out/compare.stdout"
fi
echo "compare (model vs wine): $(tail -n 1 "$out/compare.stdout") (exit $crc)"
[ "$crc" = 0 ] || { echo "compare-with-wine: divergences not in $register (above)" >&2; exit 1; }
echo "compare-with-wine: OK"
