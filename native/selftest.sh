#!/bin/sh
# Self-test of tbdriver under Wine: builds it, runs native/samples, checks the summary line, the
# exit status, that exactly the scenarios listed in samples/wine-8.0-failures.txt fail, that the
# transcript is valid JSON Lines with one result record per scenario, that the host snapshot is
# valid JSON, and that every malformed file in tests/bad is refused with its file:line message.
set -eu
cd "$(dirname "$0")"
: "${WINEPREFIX:=${TMPDIR:-/tmp}/tokenbridge-wine}"
: "${WINEDEBUG:=-all}"
export WINEPREFIX WINEDEBUG
command -v wine >/dev/null || { echo "selftest: wine not found (apt-get install wine64)"; exit 2; }
make -s
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
rc=0
wine build/tbdriver.exe --transcript "$out/t.jsonl" --snapshot "$out/s.json" samples >"$out/stdout" 2>"$out/stderr" || rc=$?
summary=$(tail -n 1 "$out/stdout")
echo "samples: $summary (exit $rc)"
echo "$summary" | grep -Eq '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' || { echo "FAIL: bad summary line"; fail=1; }
grep '^failed ' "$out/stdout" | sed 's/^failed \([^:]*\):.*/\1/' | sort >"$out/failed"
grep -v '^#' samples/wine-8.0-failures.txt | awk 'NF {print $1}' | sort >"$out/expected"
if ! diff "$out/expected" "$out/failed" >"$out/diff"; then
    echo "FAIL: failing scenarios differ from samples/wine-8.0-failures.txt:"; cat "$out/diff"; fail=1
fi
nfailed=$(wc -l <"$out/failed")
want_rc=0; [ "$nfailed" -gt 0 ] && want_rc=1
[ "$rc" = "$want_rc" ] || { echo "FAIL: exit status $rc, expected $want_rc"; fail=1; }
python3 - "$out/t.jsonl" "$out/s.json" "$summary" <<'PY' || fail=1
import json, sys
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
results = [r for r in records if r["kind"] == "result"]
counts = {s: sum(1 for r in results if r["status"] == s) for s in ("passed", "failed", "skipped")}
expected = "%(passed)d passed, %(failed)d failed, %(skipped)d skipped" % counts
assert sys.argv[3] == expected, (sys.argv[3], expected)
for r in records:
    assert r["backend"] == "native", r
    if r["kind"] == "step":
        assert {"scenario", "step", "line", "verb", "thread", "outcome", "expected", "fields", "raw"} <= r.keys(), r
    elif r["kind"] == "check":
        assert {"scenario", "step", "line", "text", "thread", "value"} <= r.keys(), r
        assert r["value"] in (True, False) or ("error" in r and r["value"] is None), r
snap = json.load(open(sys.argv[2], encoding="utf-8"))
assert snap["user"].startswith("S-1-"), snap
print("transcript: %d records, valid JSON Lines; snapshot valid" % len(records))
PY
for f in tests/bad/*.scn; do
    exp=$(sed -n 's/^# expect: //p' "$f")
    line=${exp%%: *}; msg=${exp#*: }
    brc=0
    wine build/tbdriver.exe --transcript "$out/bad.jsonl" "$f" >/dev/null 2>"$out/err" || brc=$?
    if [ "$brc" != 2 ] || ! grep -qF "$f:$line: $msg" "$out/err"; then
        echo "FAIL: $f: exit $brc, stderr: $(cat "$out/err")"; fail=1
    fi
done
echo "parse errors: $(ls tests/bad/*.scn | wc -l) malformed files checked"
brc=0; wine build/tbdriver.exe >/dev/null 2>&1 || brc=$?
[ "$brc" = 2 ] || { echo "FAIL: no arguments gave exit $brc, expected 2"; fail=1; }
[ "$fail" = 0 ] && echo "selftest: OK" || echo "selftest: FAILED"
exit "$fail"
