#!/usr/bin/env bash
# run.sh UNITS.csv ZIC_SCORES.csv RUNS — the LKE rules in three other engines, checked against zic, then timed.
#
#   UNITS.csv       worksheets in the wide CSV format (examples/units-wide.csv; gen_units.py makes them)
#   ZIC_SCORES.csv  zic's scores of the same units: build/runtime/zirun LKE.so UNITS.csv --format csv
#   RUNS            timed runs per peer (the median, min and max are printed)
#
# Installs what is missing (Debian's clips, node/npm, and the npm packages pinned in package-lock.json, DuckDB's
# among them, with `npm ci` into bench/peers/node_modules), checks that the generated encodings are up to date with
# their generator, then for each peer: converts the units to its input (not timed), scores EVERY unit and compares the
# verdict and every score with zic's (exit 1 naming the unit and the difference on any mismatch), and times RUNS
# runs of scoring only. Prints one line per peer:
#
#   peer NAME units=N runs=R median_ups=X min_ups=Y max_ups=Z verified=N
#
# units=N is the number of units scored per timed run (ups = units per second of wall time, one thread), verified=N
# the number of units compared with zic. Details (verdict counts, bit-for-bit counts, CPU/wall) go to stderr.
# Environment: PEERS_TARGET_SECONDS (default 2: units per run are chosen for about that long),
# PEERS_ZEN_UNITS, PEERS_JSONLOGIC_UNITS, PEERS_CLIPS_UNITS (fix the units per run), PEERS_CLIPS_CHUNK (units per
# CLIPS verification batch, default 1000), PEERS_ONLY="zen jsonlogic clips" (a subset of the peers; "duckdb" runs
# the DuckDB peer, which is not in the default list: it is timed end to end, file in, report out, on the large
# files of scripts/bench.sh's section 2b, and prints one line per thread count in PEERS_DUCKDB_THREADS, see
# bench/peers/README.md).
set -euo pipefail

if [ $# -ne 3 ] || ! [[ $3 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 UNITS.csv ZIC_SCORES.csv RUNS" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
units=$(realpath "$1")
zic=$(realpath "$2")
runs=$3
for f in "$units" "$zic"; do
  [ -r "$f" ] || { echo "run.sh: cannot read $f" >&2; exit 2; }
done

# ---- what is missing (the pattern of scripts/deps.sh) ----------------------------------------------------------
missing=()
command -v clips >/dev/null || missing+=(clips)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v python3 >/dev/null || missing+=(python3)
command -v stdbuf >/dev/null || missing+=(coreutils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "run.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 2; }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# node_modules as package-lock.json pins it (and zen-engine's native addon loads), else npm ci
if ! (cd "$here" && node -e '
  const lock = require("./package-lock.json").packages;
  for (const [dir, meta] of Object.entries(lock)) {
    if (!dir || meta.optional) continue;
    if (require("./" + dir + "/package.json").version !== meta.version) process.exit(1);
  }
  require("@gorules/zen-engine"); require("json-logic-js"); require("@duckdb/node-api");' 2>/dev/null); then
  echo "run.sh: npm ci (bench/peers/node_modules)" >&2
  # npm ci insists that the lock list every platform's build of zen-engine's native addon; a registry that serves
  # only some (as the one this machine reaches does: the Linux ones) cannot give it that, so npm install --no-save
  # installs the same pinned versions instead, with the lock file left as it is.
  if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=silent >&2); then
    echo "run.sh: npm ci refused; npm install --no-save with the pinned versions" >&2
    (cd "$here" && npm install --no-save --no-audit --no-fund --loglevel=error >&2)
  fi
  (cd "$here" && node -e '
    const lock = require("./package-lock.json").packages;
    for (const [dir, meta] of Object.entries(lock)) {
      if (!dir || meta.optional) continue;
      const v = require("./" + dir + "/package.json").version;
      if (v !== meta.version) { console.error(dir + " " + v + " installed, " + meta.version + " pinned"); process.exit(1); }
    }
    require("@gorules/zen-engine"); require("json-logic-js"); require("@duckdb/node-api");') ||
    { echo "run.sh: npm packages not as pinned" >&2; exit 2; }
fi

# ---- the encodings are what their generator makes from the reference tables -----------------------------------
python3 "$here/gen_rules.py" --check || {
  echo "run.sh: the encodings are not what gen_rules.py generates: run python3 bench/peers/gen_rules.py" >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PEERS_WORKDIR=$work
export TOKIO_WORKER_THREADS=1 # zen-engine's tokio runtime: one worker thread (evaluations are sequential anyway)

peers=${PEERS_ONLY:-"zen jsonlogic clips"}
status=0
lines=()
for p in $peers; do
  case $p in
    zen | jsonlogic | clips | duckdb) ;;
    *) echo "run.sh: unknown peer '$p' (zen, jsonlogic, clips, duckdb)" >&2; exit 2 ;;
  esac
  echo "run.sh: $p ..." >&2
  if out=$(node "$here/$p.js" "$units" "$zic" "$runs"); then
    lines+=("$out") # duckdb prints several lines (one per thread count, end to end and the query alone)
  else
    echo "run.sh: $p FAILED" >&2
    status=1
  fi
done
for l in "${lines[@]}"; do
  echo "$l"
done
exit $status
