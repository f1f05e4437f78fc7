#!/usr/bin/env bash
# The law lives in criteria/*.zi, never in C: no source of the compiler, the grammar or the runtime names a
# prerequisite of PermenPANRB 5/2024 (issue 13's rule: a new regulation needs no C change). A word found here
# is regulation-specific code or an example that should use neutral words.
set -euo pipefail
root=${1:?usage: law_in_zi.sh PROJECT_ROOT}
if found=$(grep -rnwE 'WTP|WDP|SAKIP|SPIP|LHKPN|LHKASN|TLHP|RSUD|Dukcapil|SAMSAT|PTSP' \
  "$root/compiler" "$root/grammar" "$root/runtime"); then
  echo "law_in_zi.sh: regulation words in C sources (write them in criteria/*.zi instead):" >&2
  echo "$found" >&2
  exit 1
fi
echo "law_in_zi.sh: no regulation words in compiler/, grammar/, runtime/"
