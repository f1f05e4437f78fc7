#!/usr/bin/env bash
# run.sh ZIC ZIRUN SOURCE_DIR WORK_DIR — end to end from the command line: the bundled criteria check clean,
# build at every -O level into modules that depend on nothing, zirun links no LLVM, and every example
# worksheet (wide CSV, long CSV, JSON, the ';' Excel export) scores exactly as the independent reference
# calculator (scripts/lke_reference.py) says, whatever the format and the -O level.
set -uo pipefail
zic=$1 zirun=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$(dirname "$0")/../lib/cli.sh"
passes=0
pass() { passes=$((passes + 1)); echo "ok: $*"; }

out=$(${ZI_TEST_EXEC:-} "$zic" check "$src/criteria/lke-zi-2021.zi" 2>&1) && [ -z "$out" ] && pass "zic check is clean" \
  || fail "zic check: $out"

for level in 0 1 2 3; do
  if ${ZI_TEST_EXEC:-} "$zic" build "$src/criteria/lke-zi-2021.zi" -o "$work/lke-O$level.so" -O$level 2>"$work/build.err"; then
    pass "zic build -O$level"
  else
    fail "zic build -O$level: $(cat "$work/build.err")"
  fi
done

deps=$(ldd "$work/lke-O2.so" 2>&1)
if echo "$deps" | grep -qiE 'llvm|libzi|=>'; then fail "the module depends on something: $deps"; else pass "module has no dependencies (ldd: $(echo "$deps" | head -1 | xargs))"; fi
if ldd "$zirun" | grep -qi llvm; then fail "zirun links LLVM"; else pass "zirun links no LLVM"; fi

# The reference's columns, for comparison: unit,total,verdict,pengungkit,pemenuhan,reform,hasil,area.*
expected="$src/examples/expected-scores.csv"
# A report's last line is a comment (docs/runtime.md, "The last line"): skipped as pandas' comment='#' does.
pick='BEGIN { FS = "," } /^#/ { next } NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      { printf "%s,%s,%s,%s,%s,%s,%s\n", $col["unit"], $col["total"], $col["verdict"], $col[k1], $col[k2], $col[k3], $col[k4] }'
# Units come out in the order they first appear, which for a shuffled long CSV is not the reference's order.
want=$(awk -v k1=pengungkit -v k2=pemenuhan -v k3=reform -v k4=hasil "$pick" "$expected" | sort)
for data in units-wide.csv units-long.csv units.json units-2.csv; do
  for level in 0 2 3; do
    ${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O$level.so" "$src/examples/$data" --format csv -o "$work/out.csv" 2>"$work/run.err"
    status=$?
    got=$(awk -v k1=pengungkit -v k2=pengungkit.pemenuhan -v k3=pengungkit.reform -v k4=hasil "$pick" "$work/out.csv" | sort)
    if [ "$status" -gt 1 ]; then
      fail "zirun $data -O$level exited $status: $(head -3 "$work/run.err")"
    elif [ "$(tail -n 1 "$work/out.csv")" != "# end of report: 8 units | 8 scored | 0 with errors" ]; then
      fail "zirun $data -O$level: the report's last line is '$(tail -n 1 "$work/out.csv")'"
    elif [ "$got" != "$want" ]; then
      fail "zirun $data -O$level differs from the reference:"; diff <(echo "$want") <(echo "$got") | head -10
    else
      pass "zirun $data -O$level: every total, verdict and component equals the reference"
    fi
  done
done

# zic run gives what zic build + zirun give.
${ZI_TEST_EXEC:-} "$zic" run "$src/criteria/lke-zi-2021.zi" "$src/examples/units-wide.csv" --format csv >"$work/run.csv" 2>/dev/null
${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O0.so" "$src/examples/units-wide.csv" --format csv >"$work/zirun.csv" 2>/dev/null
if cmp -s "$work/run.csv" "$work/zirun.csv"; then pass "zic run equals zic build + zirun"; else fail "zic run differs"; fi

# zic run takes zirun's data options (one parser, zi_run_option_parse): a worksheet below a title is refused
# until --header-row names its header, and then scores as the plain one; a column missing from the whole file
# is refused until --allow-missing-columns scores it as unanswered.
# expect_run NAME STATUS MESSAGE DATA OPTIONS...: zic run on the LKE and DATA exits STATUS, says MESSAGE on
# standard error (nothing to check when MESSAGE is empty), and leaves its report in $work/run-out.csv.
expect_run() {
  name=$1 want=$2 message=$3 data=$4
  shift 4
  ${ZI_TEST_EXEC:-} "$zic" run "$src/criteria/lke-zi-2021.zi" "$data" "$@" >"$work/run-out.csv" 2>"$work/run-out.err"
  status=$?
  if [ "$status" = "$want" ] && { [ -z "$message" ] || grep -qF -e "$message" "$work/run-out.err"; }; then
    pass "$name"
    return 0
  fi
  fail "$name: exit $status, $(head -3 "$work/run-out.err")"
  return 1
}
{ printf 'Rekap LKE ZI 2026\n\n'; cat "$src/examples/units-wide.csv"; } >"$work/title.csv"
expect_run "zic run refuses a worksheet below a title" 2 \
  "judul kolom tampaknya mulai di baris 3, di bawah judul: beri --header-row 3" "$work/title.csv" --format csv
expect_run "zic run --header-row 3" 0 "" "$work/title.csv" --header-row 3 --format csv \
  && { cmp -s "$work/run-out.csv" "$work/run.csv" || fail "zic run --header-row 3: the report differs from the plain file's"; }
cut -d, -f1,3- "$src/examples/units-wide.csv" >"$work/partial.csv"
expect_run "zic run refuses a file without a column" 2 "zic: $work/partial.csv: baris 1: 1 masukan kriteria tidak punya kolom: 'A.I.1.i.a'" \
  "$work/partial.csv" --format csv
expect_run "zic run --allow-missing-columns" 0 "warning: 1 masukan tanpa kolom: 'A.I.1.i.a' (dihitung belum dijawab)" \
  "$work/partial.csv" --allow-missing-columns --format=csv \
  && { [ "$(tail -n 1 "$work/run-out.csv")" = "# end of report: 8 units | 8 scored | 0 with errors" ] \
         || fail "zic run --allow-missing-columns: the report ends with '$(tail -n 1 "$work/run-out.csv")'"; }

# zic's own temporary files (the object files, the module zic run loads, the output's temporary file) are gone
# when zic is stopped by SIGTERM: a linker that waits (ZI_LD) holds zic at the moment all of them exist. This
# linker writes its output 3 s later, as a real one would go on writing after zic died: zic must stop it first.
printf '#!/bin/sh\nwhile [ "$1" != -o ]; do shift; done\necho $$ >"%s/ld.pid"\nsleep 3\n: >"$2"\n' "$work" >"$work/slow-ld"
chmod +x "$work/slow-ld"
for cmd in "build $src/criteria/lke-zi-2021.zi -o $work/killed/out.so" "run $src/criteria/lke-zi-2021.zi $src/examples/units-wide.csv -o $work/killed/out.txt"; do
  rm -rf "$work/killed" "$work/ld.pid" && mkdir -p "$work/killed/tmp"
  # shellcheck disable=SC2086 # $cmd is the command's words
  TMPDIR="$work/killed/tmp" ZI_LD="$work/slow-ld" ${ZI_TEST_EXEC:-} "$zic" $cmd 2>"$work/killed.err" &
  pid=$!
  for _ in $(seq 6000); do [ -s "$work/ld.pid" ] && break; sleep 0.1; done # valgrind builds slowly
  before=$(find "$work/killed" -type f | wc -l)
  kill -TERM "$pid"; wait "$pid"; status=$?
  sleep 4 # past the moment the linker would have written
  left=$(find "$work/killed" -type f)
  if [ "$status" = 143 ] && [ "$before" -ge 3 ] && [ -z "$left" ]; then
    pass "zic ${cmd%% *} stopped by SIGTERM while linking stops the linker and leaves none of its $before temporary files"
  else
    fail "zic ${cmd%% *} stopped by SIGTERM: exit $status, $before files while linking, left: $left $(head -3 "$work/killed.err")"
  fi
done

# A blank worksheet from zic template scores: every unit present, every answer missing.
${ZI_TEST_EXEC:-} "$zic" template "$src/criteria/lke-zi-2021.zi" --format long -o "$work/blank.csv"
${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O2.so" "$work/blank.csv" --format csv >"$work/blank-out.csv" 2>/dev/null
if grep -q '^UNIT-ID,0,BELUM' "$work/blank-out.csv"; then pass "blank template scores 0, BELUM"; else fail "blank template: $(head -2 "$work/blank-out.csv")"; fi

# Issue 11, item 6: each template zic writes is what zirun reads back as a unit, once its blanks are filled
# (a scale's first label, 5 for a count, 3,5 for a number), and every format gives the same scores.
fill=$(cat <<'PY'
import csv, json, sys
kind, form, path = sys.argv[1], sys.argv[2], sys.argv[3]
answers = {}
for row in csv.DictReader(open(form, encoding="utf-8")):
    t = row["type"]
    answers[row["key"]] = (row["accepted"].split(" / ")[0] if t == "scale" else "5" if t == "count"
                           else "3,5" if t == "number" else "50%")
if kind == "csv":
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    w = csv.DictWriter(sys.stdout, fieldnames=rows[0].keys(), lineterminator="\n")
    w.writeheader()
    for r in rows:
        r["answer"] = answers[r["key"]]
        w.writerow(r)
elif kind == "long":
    rows = list(csv.reader(open(path, encoding="utf-8")))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(rows[0])
    for r in rows[1:]:
        out.writerow([r[0], r[1], answers[r[1]]])
elif kind == "wide":
    header = next(csv.reader(open(path, encoding="utf-8")))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(header)
    out.writerow(["UNIT-ID"] + [answers[k] for k in header[1:]])
else:
    doc = json.load(open(path, encoding="utf-8"))
    for k in doc["units"][0]["answers"]:
        doc["units"][0]["answers"][k] = answers[k]
    json.dump(doc, sys.stdout)
PY
)
${ZI_TEST_EXEC:-} "$zic" template "$src/criteria/lke-zi-2021.zi" -o "$work/form.csv"
for format in csv long wide json; do
  ${ZI_TEST_EXEC:-} "$zic" template "$src/criteria/lke-zi-2021.zi" --format $format -o "$work/template.$format"
  python3 -c "$fill" $format "$work/form.csv" "$work/template.$format" >"$work/filled.$format"
  ${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O2.so" "$work/filled.$format" --format csv -o "$work/filled-$format.out" 2>"$work/filled.err"
  status=$?
  if [ "$status" -ne 0 ] || [ "$(grep -c '^UNIT-ID,' "$work/filled-$format.out")" -ne 1 ] || [ -s "$work/filled.err" ] || ! grep -q '^UNIT-ID,[0-9.]*,[A-Z]*,ok,' "$work/filled-$format.out"; then
    fail "template --format $format filled in: exit $status, $(head -c 300 "$work/filled.err") $(tail -1 "$work/filled-$format.out" | head -c 100)"
  elif ! cmp -s "$work/filled-$format.out" "$work/filled-csv.out"; then
    fail "template --format $format filled in scores differently from the csv form"
  else
    pass "template --format $format, filled in, is one unit scored: $(tail -1 "$work/filled-$format.out" | cut -d, -f1-4)"
  fi
done

# Issue 13: the facts about a unit come after its answers in every template, each with the values it accepts
# (a category's names, then its other spellings; a grade best first; a yes/no with Excel's TRUE/FALSE).
facts_zi="$src/tests/backend/criteria/facts.zi"
${ZI_TEST_EXEC:-} "$zic" template "$facts_zi" -o "$work/facts-form.csv"
${ZI_TEST_EXEC:-} "$zic" template "$facts_zi" --format wide -o "$work/facts-wide.csv"
${ZI_TEST_EXEC:-} "$zic" template "$facts_zi" --format json -o "$work/facts-form.json"
opini='UNIT-ID,instansi.opini_bpk,instansi,,,Opini BPK,category,"WTP / WDP / TW / TMP (also Wajar Tanpa Pengecualian = WTP; Wajar Dengan Pengecualian = WDP; Tidak Wajar = TW; Tidak Menyatakan Pendapat, Disclaimer = TMP)",'
grade='UNIT-ID,instansi.indeks_rb,instansi,,,Indeks RB,grade,"AA / A / BB / B / CC / C / D, best first",'
yes_no='UNIT-ID,unit.inti,unit,,,Layanan inti,boolean,"Ya / Tidak (also Y, Yes, True, Benar, 1 = Ya; T, No, False, Salah, 0 = Tidak)",'
wide='unit,A.1,A.2,A.3,B.1,B.2,instansi.opini_bpk,instansi.jenis,instansi.indeks_rb,instansi.spip,unit.tlhp,unit.lama_zi,unit.inti,unit.jenis_layanan'
if grep -qxF "$opini" "$work/facts-form.csv" && grep -qxF "$grade" "$work/facts-form.csv" &&
   grep -qxF "$yes_no" "$work/facts-form.csv" && [ "$(sed -n 7p "$work/facts-form.csv" | cut -d, -f2)" = instansi.opini_bpk ] &&
   [ "$(cat "$work/facts-wide.csv")" = "$wide" ] &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); i=[x["key"] for x in d["items"]]; assert i.index("unit.inti") > i.index("B.2") and [x["type"] for x in d["items"] if x["key"]=="instansi.indeks_rb"] == ["grade"] and d["units"][0]["answers"]["unit.inti"] is None' "$work/facts-form.json"; then
  pass "zic template lists the facts after the answers with their accepted values (csv, wide, json)"
else
  fail "zic template of facts: $(sed -n 7,14p "$work/facts-form.csv" | head -c 600)"
fi

# Issue 13: proposability end to end — a criteria with facts and prerequisites built by zic, scored by zirun
# (and by zic run, the same), for a unit that may be proposed, one under the relaxation, one blocked, one whose
# instansi data is missing, and one that reaches only the `otherwise` (docs/runtime.md, "Proposability").
cat >"$work/usul.zi" <<'ZI'
criteria usul "Uji usulan" {
  regulation "Uji (bukan peraturan)"
  language id
  scale ya_tidak "Ya/Tidak" { "Ya" = 1, "Tidak" = 0 }
  category opini "Opini BPK" { "WTP" | "Wajar Tanpa Pengecualian", "WDP" | "Wajar Dengan Pengecualian" }
  category layanan "Jenis layanan" { "rsud", "lainnya" }
  facts instansi "Data Instansi" {
    fact opini_bpk "Opini BPK" : opini
  }
  facts unit "Data Unit" {
    fact tlhp "TLHP" : percent
    fact jenis_layanan "Jenis layanan" : layanan
  }
  group kinerja "Kinerja" weight 100 {
    question "A.1" a "Soal A" : ya_tidak
    question "A.2" b "Soal B" : ya_tidak
  }
  verdict WBK "Wilayah Bebas dari Korupsi" { total >= 50 }
  otherwise TIDAK "Belum"
  prerequisites WBK "Syarat WBK" {
    instansi.opini_bpk == "WTP"  "Opini BPK WTP"
    unit.tlhp >= 100%            "TLHP 100%"
    relaxation unit.jenis_layanan in ["rsud"]  "Unit RSUD"
  }
}
ZI
cat >"$work/usul.csv" <<'CSV'
unit,A.1,A.2,instansi.opini_bpk,unit.tlhp,unit.jenis_layanan
Layak,Ya,Ya,WTP,100%,lainnya
RSUD,Ya,Tidak,WDP,90%,rsud
Terhambat,Ya,Ya,Wajar Dengan Pengecualian,100%,lainnya
Tanpa data instansi,Ya,Ya,,100,lainnya
Belum,Tidak,Tidak,WTP,100%,lainnya
CSV
usul_want='unit,total,verdict,proposable,prerequisites,status,kinerja,missing,errors
Layak,100,WBK,yes,,ok,100,,
RSUD,50,WBK,relaxed,"unmet: Opini BPK WTP; unmet: TLHP 100%; relaxation: Unit RSUD",ok,50,,
Terhambat,100,WBK,no,"unmet: Opini BPK WTP; unmet relaxation: Unit RSUD",ok,100,,
Tanpa data instansi,100,WBK,unknown,"unknown: Opini BPK WTP; unmet relaxation: Unit RSUD",ok,100,,
Belum,0,TIDAK,-,,ok,0,,
# end of report: 5 units | 5 scored | 0 with errors'
if ${ZI_TEST_EXEC:-} "$zic" build "$work/usul.zi" -o "$work/usul.so" 2>"$work/usul.err"; then
  ${ZI_TEST_EXEC:-} "$zirun" "$work/usul.so" "$work/usul.csv" --format csv >"$work/usul.out" 2>"$work/usul.err"
  status=$?
  ${ZI_TEST_EXEC:-} "$zic" run "$work/usul.zi" "$work/usul.csv" --format csv >"$work/usul-run.out" 2>/dev/null
  if [ "$status" -ne 0 ] || [ "$(cat "$work/usul.out")" != "$usul_want" ]; then
    fail "proposability from a built module (exit $status):"; diff <(echo "$usul_want") "$work/usul.out" | head -12
  elif ! cmp -s "$work/usul.out" "$work/usul-run.out"; then
    fail "zic run's proposability differs from zirun's"
  else
    pass "proposable, relaxed, blocked, unknown and not applicable from a built module; exit 0; zic run the same"
  fi
  ${ZI_TEST_EXEC:-} "$zirun" "$work/usul.so" "$work/usul.csv" --format json >"$work/usul.json" 2>/dev/null
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); u={x["id"]: x for x in d["units"]}
p=u["Tanpa data instansi"]["prerequisites"]
assert [x["proposable"] for x in d["units"]] == ["yes", "relaxed", "no", "unknown", None]
assert p[0]["status"] == "unknown" and p[0]["missing"] == ["instansi.opini_bpk"] and p[2]["relaxation"] is True
assert u["Belum"]["prerequisites"] == []' "$work/usul.json"; then
    pass "the JSON report of proposability is JSON and names the missing facts"
  else
    fail "the JSON report of proposability: $(head -c 600 "$work/usul.json")"
  fi
  # A wrong fact value is a located data error (exit 1); a worksheet without the fact columns is scored with
  # one warning, its prerequisites unknown (exit 0).
  printf 'unit,A.1,A.2,instansi.opini_bpk,unit.tlhp,unit.jenis_layanan\nSalah,Ya,Ya,WTX,100%%,lainnya\n' >"$work/usul-bad.csv"
  ${ZI_TEST_EXEC:-} "$zirun" "$work/usul.so" "$work/usul-bad.csv" >/dev/null 2>"$work/usul.err"
  status=$?
  if [ "$status" -eq 1 ] && grep -qF "usul-bad.csv:2:4: error: unit 'Salah': fakta instansi.opini_bpk: 'WTX' bukan nilai dari opini (yang diterima: WTP (Wajar Tanpa Pengecualian), WDP (Wajar Dengan Pengecualian))" "$work/usul.err"; then
    pass "a wrong fact value is a located error naming the accepted values"
  else
    fail "a wrong fact value (exit $status): $(head -c 400 "$work/usul.err")"
  fi
  printf 'unit,A.1,A.2\nTanpa fakta,Ya,Ya\n' >"$work/usul-nofacts.csv"
  ${ZI_TEST_EXEC:-} "$zirun" "$work/usul.so" "$work/usul-nofacts.csv" >"$work/usul.out" 2>"$work/usul.err"
  status=$?
  if [ "$status" -eq 0 ] && grep -qF "dapat diusulkan: belum diketahui" "$work/usul.out" &&
     grep -qF "warning: tidak ada kolom untuk fakta 'instansi.opini_bpk', 'unit.tlhp', 'unit.jenis_layanan': syarat yang membacanya menjadi belum diketahui" "$work/usul.err"; then
    pass "fact columns absent: one warning, proposability unknown, exit 0"
  else
    fail "fact columns absent (exit $status): $(head -c 400 "$work/usul.err") $(head -c 400 "$work/usul.out")"
  fi
else
  fail "zic build of a criteria with prerequisites: $(head -c 400 "$work/usul.err")"
fi

# Signed modules (docs/runtime.md, "Signed modules"): zic keygen, zic build --sign, zirun --trust and --verify.
# expect_refused NAME MESSAGE MODULE: zirun --trust refuses MODULE with MESSAGE, and scores nothing.
expect_refused() {
  ${ZI_TEST_EXEC:-} "$zirun" "$3" "$src/examples/units-wide.csv" --trust "$work/ministry.pub" >"$work/trust.out" 2>"$work/trust.err"
  status=$?
  if [ "$status" -eq 2 ] && grep -qF -- "$2" "$work/trust.err" && [ ! -s "$work/trust.out" ]; then
    pass "zirun --trust refuses $1"
  else
    fail "zirun --trust on $1: exit $status, $(head -c 300 "$work/trust.err")"
  fi
}
lke="$src/criteria/lke-zi-2021.zi"
if ${ZI_TEST_EXEC:-} "$zic" keygen "$work/ministry" 2>"$work/keygen.err" && ${ZI_TEST_EXEC:-} "$zic" keygen "$work/other" 2>/dev/null &&
   [ "$(stat -c %a "$work/ministry")" = 600 ] && grep -q '^ed25519 [0-9a-f]\{64\} ministry$' "$work/ministry.pub"; then
  pass "zic keygen: a secret key (mode 600) and its public key"
else
  fail "zic keygen: $(cat "$work/keygen.err")"
fi
${ZI_TEST_EXEC:-} "$zic" keygen "$work/ministry" 2>"$work/keygen.err"
if [ $? -eq 2 ] && grep -qF "'$work/ministry' exists already: a secret key is never written over a file" "$work/keygen.err"; then
  pass "zic keygen never writes over a key"
else
  fail "zic keygen over an existing key: $(cat "$work/keygen.err")"
fi
${ZI_TEST_EXEC:-} "$zic" build "$lke" -o "$work/signed.so" --sign "$work/ministry" 2>"$work/sign.err" || fail "zic build --sign: $(cat "$work/sign.err")"
${ZI_TEST_EXEC:-} "$zic" build "$lke" -o "$work/other.so" --sign "$work/other" 2>/dev/null
id=$(awk '{ print substr($2, 1, 16) }' "$work/ministry.pub")
other_id=$(awk '{ print substr($2, 1, 16) }' "$work/other.pub")
${ZI_TEST_EXEC:-} "$zirun" "$work/signed.so" "$src/examples/units-wide.csv" --trust "$work/ministry.pub" --format csv -o "$work/signed.csv" 2>/dev/null
if cmp -s "$work/signed.csv" "$work/zirun.csv"; then pass "a signed module scores as the unsigned one, with --trust"; else fail "signed module: report differs"; fi
${ZI_TEST_EXEC:-} "$zirun" --verify "$work/signed.so" --trust "$work/ministry.pub" >"$work/verify.out" 2>&1
if grep -qxF "signature:     ed25519 key $id (ministry, trusted)" "$work/verify.out"; then pass "zirun --verify shows the signer"; else fail "zirun --verify: $(head -3 "$work/verify.out")"; fi
expect_refused "an unsigned module" "'$work/lke-O2.so' was refused: it is not signed, and --trust accepts only modules signed by a trusted key" "$work/lke-O2.so"
expect_refused "a module signed by another key" "'$work/other.so' was refused: it is signed by key $other_id, which is not one of the trusted keys" "$work/other.so"
cp "$work/signed.so" "$work/flipped.so"
printf '\001' | dd of="$work/flipped.so" bs=1 seek=4096 conv=notrunc 2>/dev/null
expect_refused "a module with one flipped byte" "'$work/flipped.so' was refused: it was altered after it was signed (the signature of key $id does not match its bytes)" "$work/flipped.so"

# zic's outputs never lose a file either: one that is the criteria file is refused, and it stays as it was.
cp "$lke" "$work/copy.zi"
for cmd in "build $work/copy.zi -o $work/copy.zi" "template $work/copy.zi -o $work/copy.zi" "run $work/copy.zi $src/examples/units-wide.csv -o $work/copy.zi"; do
  # shellcheck disable=SC2086
  ${ZI_TEST_EXEC:-} "$zic" $cmd 2>"$work/self.err"
  if [ $? -eq 2 ] && grep -qF "zic: error: '$work/copy.zi' is the criteria file: refusing to write over it" "$work/self.err" && cmp -s "$lke" "$work/copy.zi"; then
    pass "zic ${cmd%% *} -o the criteria file is refused"
  else
    fail "zic ${cmd%% *} -o the criteria file: $(head -c 300 "$work/self.err")"
  fi
done
# On a copy: a zic that wrongly accepted the -o would otherwise destroy the repository's example.
cp "$src/examples/units-wide.csv" "$work/data-copy.csv"
${ZI_TEST_EXEC:-} "$zic" run "$lke" "$work/data-copy.csv" -o "$work/data-copy.csv" 2>"$work/self.err"
if grep -qF "is the data file: refusing to write over it" "$work/self.err" && cmp -s "$src/examples/units-wide.csv" "$work/data-copy.csv"; then
  pass "zic run -o the data file is refused"
else
  fail "zic run -o the data file: $(cat "$work/self.err")"
fi
echo "old module" >"$work/kept.so"
${ZI_TEST_EXEC:-} "$zic" build "$lke" -o "$work/kept.so" --sign "$work/no-such-key" 2>"$work/self.err"
if [ "$(cat "$work/kept.so")" = "old module" ] && ! ls -A "$work" | grep -qF '.zi-'; then
  pass "zic build that fails keeps the old output and leaves no temporary file"
else
  fail "zic build that fails: $(cat "$work/self.err")"
fi

# A rule set built on another (`extends`): a variant that changes nothing but its header scores every unit as its
# base does; its module lists both files with their SHA-256 (zirun --verify, and "bases" in the JSON report).
mkdir -p "$work/variant"
cat >"$work/variant/same.zi" <<EOF
criteria lke_sama "LKE, the same rules" extends "$src/criteria/lke-zi-2021.zi" {
  regulation "PermenPANRB 90/2021 (a variant that changes nothing)"
}
EOF
if ${ZI_TEST_EXEC:-} "$zic" build "$work/variant/same.zi" -o "$work/same.so" 2>"$work/variant.err"; then
  ${ZI_TEST_EXEC:-} "$zirun" "$work/same.so" "$src/examples/units-wide.csv" --format csv -o "$work/same.csv" 2>/dev/null
  ${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O2.so" "$src/examples/units-wide.csv" --format csv -o "$work/base.csv" 2>/dev/null
  if cmp -s "$work/same.csv" "$work/base.csv"; then pass "a variant that changes nothing scores as its base"; else fail "the variant scores differently: $(diff "$work/base.csv" "$work/same.csv" | head -5)"; fi
  ${ZI_TEST_EXEC:-} "$zirun" --verify "$work/same.so" >"$work/verify.out" 2>&1
  base_sum=$(sha256sum "$src/criteria/lke-zi-2021.zi" | cut -d' ' -f1)
  own_sum=$(sha256sum "$work/variant/same.zi" | cut -d' ' -f1)
  if grep -qxF "source sha256: $own_sum" "$work/verify.out" &&
     grep -qxF "extends:       $src/criteria/lke-zi-2021.zi sha256 $base_sum" "$work/verify.out"; then
    pass "zirun --verify lists the variant and its base with their SHA-256"
  else
    fail "zirun --verify of a variant: $(cat "$work/verify.out")"
  fi
  ${ZI_TEST_EXEC:-} "$zirun" "$work/same.so" "$src/examples/units-wide.csv" --format json -o "$work/same.json" 2>/dev/null
  if grep -qF "\"bases\":[{\"name\":\"$src/criteria/lke-zi-2021.zi\",\"sha256\":\"$base_sum\"}]" "$work/same.json"; then
    pass "the JSON report names the base and its SHA-256"
  else
    fail "the JSON report of a variant: $(head -c 400 "$work/same.json")"
  fi
else
  fail "zic build of a variant: $(cat "$work/variant.err")"
fi

# One module, every CPU (module ABI 5): the portable build carries the score loop for x86-64, x86-64-v3 and
# x86-64-v4; zirun --verify names the one this CPU runs, and every level this CPU has scores the example units
# to the same bytes. Levels it lacks are refused by name, never run. (Under valgrind, whose CPU has no AVX-512,
# the level run is x86-64-v3.)
if [ "$(uname -m)" = x86_64 ]; then
  ${ZI_TEST_EXEC:-} "$zirun" --verify "$work/lke-O2.so" >"$work/levels.out" 2>&1
  if grep -qxF "score loop:    x86-64 (2 units a step), x86-64-v3 (4 units a step), x86-64-v4 (8 units a step)" \
    "$work/levels.out"; then
    pass "zirun --verify lists the module's three score levels"
  else
    fail "zirun --verify, score levels: $(grep -E 'score loop|this CPU' "$work/levels.out")"
  fi
  picked=$(sed -n 's/^this CPU:      .*: runs \(x86-64[-v0-9]*\)$/\1/p' "$work/levels.out")
  case "$(grep '^this CPU:' "$work/levels.out")" in
    *"x86-64-v4 (AVX-512): runs x86-64-v4" | *"x86-64-v3 (AVX2): runs x86-64-v3" | *"x86-64-v2 (SSE4.2): runs x86-64" | *"baseline: runs x86-64")
      pass "zirun --verify: $(grep '^this CPU:' "$work/levels.out" | tr -s ' ')" ;;
    *) fail "zirun --verify does not say which level runs: $(cat "$work/levels.out")" ;;
  esac
  ${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O2.so" "$src/examples/units-wide.csv" --format csv -o "$work/best.csv" 2>/dev/null
  for level in x86-64 x86-64-v3 x86-64-v4; do
    if ${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O2.so" "$src/examples/units-wide.csv" --format csv --cpu-level "$level" \
      -o "$work/level.csv" 2>"$work/level.err" || [ $? = 1 ]; then
      if cmp -s "$work/best.csv" "$work/level.csv"; then pass "--cpu-level $level: the same report, byte for byte"
      else fail "--cpu-level $level differs: $(diff "$work/best.csv" "$work/level.csv" | head -3)"; fi
    elif grep -qF "the module's level $level needs" "$work/level.err"; then
      pass "--cpu-level $level: refused on this CPU ($(head -1 "$work/level.err"))"
    else
      fail "--cpu-level $level: $(cat "$work/level.err")"
    fi
    [ "$level" = "$picked" ] && break
  done
  # A level the module does not have: refused, exit 2, named by the module's file (not the data's).
  if ${ZI_TEST_EXEC:-} "$zirun" "$work/lke-O2.so" "$src/examples/units-wide.csv" --cpu-level x86-64-V4 \
    >/dev/null 2>"$work/level.err"; then
    fail "--cpu-level x86-64-V4 was accepted"
  elif [ $? = 2 ] && grep -qF "zirun: $work/lke-O2.so: the module has no level 'x86-64-V4' (it has x86-64, x86-64-v3, x86-64-v4)" "$work/level.err"; then
    pass "--cpu-level x86-64-V4: refused by the module's name, exit 2"
  else
    fail "--cpu-level x86-64-V4: $(cat "$work/level.err")"
  fi
  # --cpu=native: this machine's CPU, one level; --cpu=generic: the baseline alone.
  for cpu in native generic; do
    if ${ZI_TEST_EXEC:-} "$zic" build "$src/criteria/lke-zi-2021.zi" -o "$work/lke-$cpu.so" --cpu=$cpu 2>"$work/build.err"; then
      ${ZI_TEST_EXEC:-} "$zirun" --verify "$work/lke-$cpu.so" >"$work/levels.out" 2>&1
      ${ZI_TEST_EXEC:-} "$zirun" "$work/lke-$cpu.so" "$src/examples/units-wide.csv" --format csv -o "$work/level.csv" 2>/dev/null
      loop=$(grep '^score loop:' "$work/levels.out")
      case "$cpu:$loop" in
        "native:score loop:    native ("*) ok=1 ;;
        "generic:score loop:    x86-64 (2 units a step)") ok=1 ;;
        *) ok=0 ;;
      esac
      if [ "$ok" = 1 ] && cmp -s "$work/best.csv" "$work/level.csv"; then pass "--cpu=$cpu: $loop; the same report"
      else fail "--cpu=$cpu: $loop; $(diff "$work/best.csv" "$work/level.csv" | head -3)"; fi
    else
      fail "zic build --cpu=$cpu: $(cat "$work/build.err")"
    fi
  done
fi

finish "end to end, $passes checks passed"
