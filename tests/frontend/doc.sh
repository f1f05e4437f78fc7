#!/bin/sh
# doc.sh ZIC SOURCE_DIR TMP_DIR [--update] — `zic doc`: the Markdown of tests/frontend/doc/kecil.zi (Indonesian
# and English) and of criteria/lke-zi-2021.zi equal their golden files, byte for byte; and the command's errors.
# Each document is made from the criteria's own folder, so the files it lists are named as there. Two things
# vary from machine to machine and are replaced before comparing: the compiler's version ("zic 0.1.0 (LLVM
# 14.0.6)" -> "zic VERSION"), and each file's SHA-256, which must be the file's real one (sha256sum) and is
# then written "SHA256(NAME)" — so that editing a criteria file's comments or layout does not break its
# golden document, while a wrong hash still does. --update rewrites the golden files.
set -u
zic=$1 src=$2 tmp=$3 update=${4:-}
golden=$src/tests/frontend/doc
mkdir -p "$tmp"
# shellcheck source-path=SCRIPTDIR source=../lib/cli.sh
. "$(dirname "$0")/../lib/cli.sh"
[ "$update" = --update ] && update_golden=1
cli_prefix=$tmp/doc

# document DIR FILE LANG GOLDEN: zic doc DIR/FILE --lang LANG, compared with GOLDEN.
document() {
    dir=$1 file=$2 lang=$3 expected=$4
    out=$tmp/$(basename "$expected")
    (cd "$dir" && ${ZI_TEST_EXEC:-} "$zic" doc "$file" --lang "$lang" -o "$out") || {
        fail "zic doc $file --lang $lang exits $?"
        return
    }
    sed -i -E 's/zic [0-9][0-9.]* \(LLVM [0-9][0-9.]*\)/zic VERSION/' "$out"
    for zi in "$dir"/*.zi; do
        hash=$(sha256sum "$zi" | cut -d' ' -f1)
        sed -i "s/$hash/SHA256($(basename "$zi"))/" "$out"
    done
    grep -q '| [0-9a-f]\{64\} |' "$out" && fail "$file: a SHA-256 that is no file's: $(grep '[0-9a-f]\{64\}' "$out")"
    same_as_golden "$out" "$expected" "zic doc $file --lang $lang"
}
document "$golden" kecil.zi id "$golden/kecil.md"
document "$golden" kecil.zi en "$golden/kecil.en.md"
document "$src/criteria" lke-zi-2021.zi id "$golden/lke-zi-2021.md"

# says STATUS MESSAGE ARGS...: zic ARGS exits STATUS and says MESSAGE on standard error (unless MESSAGE is "").
says() {
    says_status=$1 says_message=$2
    shift 2
    expect "$says_status" "zic $*" -- "$zic" "$@"
    [ -z "$says_message" ] || contains "$tmp/doc.err" "$says_message" "zic $*"
}
says 2 "--format takes md, html or json, not 'pdf'" doc --format pdf "$golden/kecil.zi"
says 2 "--lang takes id or en, not 'fr'" doc --lang=fr "$golden/kecil.zi"
says 2 "'zic doc' takes no option '-O2'" doc -O2 "$golden/kecil.zi"
says 2 "no input file" doc --format html
says 2 "give one criteria file, not also" doc "$golden/kecil.zi" "$golden/dasar.zi"
# Never over the file read, nor over a file it extends.
cp "$golden/kecil.zi" "$golden/dasar.zi" "$tmp/"
says 2 "the criteria file" doc "$tmp/kecil.zi" -o "$tmp/kecil.zi"
says 2 "a file the criteria extends" doc "$tmp/kecil.zi" --format html -o "$tmp/dasar.zi"
cmp -s "$tmp/dasar.zi" "$golden/dasar.zi" || fail "zic doc wrote over the base it read"
# A criteria with errors gets its diagnostics and no document.
printf 'criteria x "X" {\n  group g "G" weight 10 { }\n  verdict A "A" { total >= 20 }\n  otherwise B "B"\n}\n' >"$tmp/bad.zi"
rm -f "$tmp/bad.md"
says 1 "E030" doc "$tmp/bad.zi" -o "$tmp/bad.md"
[ -e "$tmp/bad.md" ] && fail "a document was written for a criteria with errors"
# The document is in the criteria's own language unless --lang says otherwise.
sed 's/^  missing zero$/  missing zero\n  language en/' "$golden/kecil.zi" >"$tmp/kecil.zi"
says 0 "" doc "$tmp/kecil.zi"
grep -q '^## Weights$' "$tmp/doc.out" || fail "a criteria in 'language en' does not get an English document"
says 0 "" doc "$tmp/kecil.zi" --lang id
grep -q '^## Ringkasan bobot$' "$tmp/doc.out" || fail "--lang id does not override 'language en'"
# Standard output by default, HTML and JSON too.
says 0 "" doc "$golden/kecil.zi" --format html
grep -q '^<!DOCTYPE html>' "$tmp/doc.out" || fail "--format html does not write a page"
grep -q 'data-path="pengungkit.reform.tim" data-weight="30" data-items="2"' "$tmp/doc.out" ||
    fail "--format html: no data-* numbers on the group pengungkit.reform.tim"
says 0 "" doc "$golden/kecil.zi" --format=json
grep -qF '{"path": "hasil", "weight": 40, "items": 2}' "$tmp/doc.out" ||
    fail "--format json: no group hasil with weight 40 and 2 items: $(cat "$tmp/doc.out")"

finish "zic doc writes the golden documents; its errors are as expected"
