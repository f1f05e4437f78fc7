'use strict';
// clips.js UNITS.csv ZIC_SCORES.csv RUNS — the LKE rules in CLIPS (clips/lke-zi-2021.clp), run through the `clips`
// command-line program as a user would: a batch file (`clips -f2 BATCH`) that loads the rules, then per run
// (reset), (load-facts UNITS.fct), (run), and a pass over the result facts.
//
//   1. Not timed: the units are converted to CLIPS facts files (one (unit) fact and one (answer) fact per answered
//      cell), in chunks for the verification and one file for the timed runs.
//   2. Verification: one clips process scores every unit, chunk by chunk ((reset) between chunks), and writes every
//      result and group score to a file (write-results, not timed); each is compared with zic's.
//   3. Timing: another clips process loads the rules (not timed), then for each run: (reset) (not timed: it clears
//      the previous run's facts and asserts the table facts), then — timed — (load-facts) of the units' facts file
//      (CLIPS parses it), (run) to quiescence, and (count-results), a pass over the result facts.
//
// The timed part is measured by this script as the wall time between two marker lines that the batch prints
// before (load-facts) and after (count-results); clips runs under `stdbuf -oL`, so each line reaches the pipe when
// printed. CLIPS's own (time) (CPU time in this build) is read alongside and reported on stderr.
// Units per timed run: PEERS_CLIPS_UNITS, else about PEERS_TARGET_SECONDS (default 2) worth at the verification's
// rate; a subset of the units, never more than there are.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const lib = require('./lib');

const { unitsFile, zicFile, runs } = lib.args('node clips.js');
const CLP = path.join(__dirname, 'clips', 'lke-zi-2021.clp');
const CHUNK = lib.envInt("PEERS_CLIPS_CHUNK", 1000);

function clipsString(s) {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

function clipsValue(v) {
  if (typeof v === 'string') return clipsString(v);
  if (Number.isInteger(v)) return String(v);
  const t = String(v);
  return /[.e]/.test(t) ? t : t + '.0';
}

function writeFacts(file, units) {
  const lines = [];
  for (const u of units) {
    const id = clipsString(u.id);
    lines.push(`(unit (id ${id}))`);
    for (const [k, v] of Object.entries(u.data)) lines.push(`(answer (unit ${id}) (key ${k}) (value ${clipsValue(v)}))`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

// Runs `clips -f2 batch` and returns [{line, at}] for the marker lines (starting @@), `at` the wall time in seconds
// when the line arrived. Fails on any CLIPS error message.
function runClips(batchFile) {
  return new Promise((resolve, reject) => {
    const child = spawn('stdbuf', ['-oL', '-eL', 'clips', '-f2', batchFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const marks = [];
    const other = [];
    let buf = '';
    const onData = (chunk) => {
      const at = Number(process.hrtime.bigint()) / 1e9;
      buf += chunk.toString('utf8');
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('@@')) marks.push({ line, at });
        else if (line.trim() !== '') other.push(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => other.push(c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const errors = other.filter((l) => /\[[A-Z]+\d+\]/.test(l)); // CLIPS messages: [PRNTUTIL2] Syntax Error ...
      if (code !== 0 || errors.length) {
        reject(new Error(`clips exited with ${code}; its output:\n${other.slice(0, 40).join('\n')}`));
      } else {
        resolve(marks);
      }
    });
  });
}

function readResults(file, byId) {
  const text = fs.readFileSync(file, 'utf8');
  for (const line of text.split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    const r = byId.get(f[1]);
    if (!r) throw new Error(`${file}: unknown unit '${f[1]}'`);
    if (f[0] === 'R') {
      if (r.verdict) throw new Error(`${file}: two results for unit '${f[1]}'`);
      r.verdict = f[2];
    } else if (f[0] === 'S') {
      if (f[2] in r.values) throw new Error(`${file}: unit '${f[1]}': two scores '${f[2]}'`);
      r.values[f[2]] = Number(f[3]);
    }
  }
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main() {
  const units = lib.loadUnits(unitsFile);
  const Z = lib.loadZic(zicFile);
  const dir = fs.mkdtempSync(path.join(process.env.PEERS_WORKDIR || os.tmpdir(), 'clips-'));
  try {
    // 1 + 2: verification, chunk by chunk
    const chunks = [];
    for (let i = 0; i < units.length; i += CHUNK) chunks.push(units.slice(i, i + CHUNK));
    let batch = `(unwatch compilations)\n(load ${clipsString(CLP)})\n`;
    chunks.forEach((c, k) => {
      const facts = path.join(dir, `verify-${k}.fct`);
      writeFacts(facts, c);
      batch += `(reset)\n(printout t "@@start ${k}" crlf)\n(load-facts ${clipsString(facts)})\n(run)\n` +
               `(printout t "@@end ${k} " (count-results) crlf)\n` +
               `(write-results ${clipsString(path.join(dir, `verify-${k}.out`))})\n`;
    });
    batch += '(exit)\n';
    fs.writeFileSync(path.join(dir, 'verify.bat'), batch);
    const vmarks = await runClips(path.join(dir, 'verify.bat'));
    let vsecs = 0;
    for (let k = 0; k < chunks.length; k++) {
      const s = vmarks.find((m) => m.line === `@@start ${k}`);
      const e = vmarks.find((m) => m.line.startsWith(`@@end ${k} `));
      if (!s || !e) throw new Error(`clips: chunk ${k} did not finish`);
      vsecs += e.at - s.at;
    }
    const byId = new Map(units.map((u) => [u.id, { verdict: null, values: {} }]));
    chunks.forEach((c, k) => readResults(path.join(dir, `verify-${k}.out`), byId));
    const results = units.map((u) => byId.get(u.id));
    const verified = lib.verify('clips', units, results, Z);
    const rate = units.length / vsecs;
    process.stderr.write(`clips: verification pass ${Math.round(rate)} units/s (chunks of ${CHUNK})\n`);

    // 3: timing
    const n = Math.min(units.length, lib.unitsPerRun('clips', rate, units.length));
    const facts = path.join(dir, 'timed.fct');
    writeFacts(facts, units.slice(0, n));
    batch = `(unwatch compilations)\n(load ${clipsString(CLP)})\n`;
    for (let r = 0; r < runs; r++) {
      batch += `(reset)\n(printout t "@@start ${r} " (time) crlf)\n(load-facts ${clipsString(facts)})\n(run)\n` +
               `(printout t "@@end ${r} " (count-results) " " (time) crlf)\n`;
    }
    batch += '(exit)\n';
    fs.writeFileSync(path.join(dir, 'timed.bat'), batch);
    const tmarks = await runClips(path.join(dir, 'timed.bat'));
    const rates = [];
    const cpuRates = [];
    for (let r = 0; r < runs; r++) {
      const s = tmarks.find((m) => m.line.startsWith(`@@start ${r} `));
      const e = tmarks.find((m) => m.line.startsWith(`@@end ${r} `));
      if (!s || !e) throw new Error(`clips: timed run ${r} did not finish`);
      const [, , count, cpuEnd] = e.line.split(' ');
      if (Number(count) !== n) throw new Error(`clips: timed run ${r} gave ${count} results for ${n} units`);
      rates.push(n / (e.at - s.at));
      cpuRates.push(n / (Number(cpuEnd) - Number(s.line.split(' ')[2])));
    }
    const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'clips']).toString();
    process.stderr.write(`clips ${version}: median ${Math.round(median(cpuRates))} units/s by CLIPS's own (time), which counts CPU time, not wall time, in this build\n`);
    console.log(lib.summary('clips', n, rates, verified));
  } finally {
    if (!process.env.PEERS_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`clips: files kept in ${dir}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`clips: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
