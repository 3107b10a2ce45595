#!/usr/bin/env bash
# Differential run: generated scenarios on the model and on the native driver under Wine (run from
# the repo root; CI runs it with a fixed seed). Usage:
#   bash native/differential.sh [--count N] [--seed S] [--batch N] [--shrink N] [--out DIR]
# Without --seed a random seed is drawn and printed first. Exit status 0 exactly when every
# divergence is in src/main/resources/io/github/tokenbridge/conformance/differential.reg; the last
# line is `differential: N generated, A agree, R registered, U unregistered`. Unregistered
# divergences are shrunk and written to DIR/shrunk/*.scn. Overnight: --count 100000.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export WINEPREFIX="${WINEPREFIX:-$PWD/target/wineprefix}"
export WINEDEBUG=-all
command -v wine >/dev/null || { echo "differential: wine not found (apt-get install wine64)" >&2; exit 2; }
count=500; seed=""; out=target/differential; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --batch|--shrink|--max-lines) extra+=("$1" "$2"); shift 2 ;;
    *) echo "differential: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$seed" ] || seed=$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')
echo "differential: seed $seed"
ls target/tokenbridge-*.jar >/dev/null 2>&1 && [ -d target/lib ] || mvn -B -q -DskipTests package
make -s -C native
rm -rf "$out"
./tokenbridge conformance --generate "$count" --seed "$seed" --driver "wine native/build/tbdriver.exe" \
  --host wine --out "$out" "${extra[@]}" >"$out.log" 2>&1 || rc=$?
sed -n '/^corner coverage/,$p' "$out.log" | head -n 200
[ "$(wc -l < "$out.log")" -le 200 ] || tail -n 1 "$out.log"
exit "${rc:-0}"
