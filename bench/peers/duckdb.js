'use strict';
// duckdb.js UNITS.csv ZIC_SCORES.csv RUNS — the LKE rules as SQL (duckdb/lke-zi-2021.sql) run by DuckDB through
// @duckdb/node-api, end to end as zirun is measured: the wide CSV file in, a CSV report with zic's columns out.
// For each thread count in PEERS_DUCKDB_THREADS (default "1 2"): one run whose report is compared with zic's unit
// by unit (exit 1 naming the unit and the column on any difference), then RUNS timed runs. Then the same query
// over the units already loaded in a table, timed alone. Prints, per thread count:
//
//   peer duckdb threads=T units=N runs=R median_ups=X min_ups=Y max_ups=Z verified=N
//   peer duckdb-query threads=T units=N runs=R median_ups=X min_ups=Y max_ups=Z verified=N
//
// Details (verdict counts, bit-for-bit counts, CPU time over wall time) go to standard error.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { DuckDBInstance } = require('@duckdb/node-api');
const lib = require('./lib');

const { unitsFile, zicFile, runs } = lib.args('node duckdb.js');
const threadCounts = (process.env.PEERS_DUCKDB_THREADS || '1 2').trim().split(/\s+/).map((t) => {
  if (!/^[1-9]\d*$/.test(t)) throw new Error(`PEERS_DUCKDB_THREADS: '${t}' is not a thread count`);
  return Number(t);
});
const work = process.env.PEERS_WORKDIR || fs.mkdtempSync(path.join(os.tmpdir(), 'duckdb-'));
const reportFile = path.join(work, 'duckdb-report.csv');

// The three statements of the generated file, the comments dropped (the SQL itself has no `--` nor `;` in strings).
function statements(file, units, report, sep) {
  const lit = (s) => `'${s.replace(/'/g, "''")}'`;
  const text = fs.readFileSync(file, 'utf8').replace(/^--.*\n/gm, '');
  const list = text.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
  if (list.length !== 3) throw new Error(`${file}: ${list.length} statements, expected 3`);
  return list.map((s) => s.replace('{units}', lit(units)).replace('{report}', lit(report)).replace('{sep}', lit(sep)));
}

// The separator as zirun picks it: ';' when the header has more of them than ','.
function separator(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(65536);
  const head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8').split('\n')[0];
  fs.closeSync(fd);
  return head.split(';').length > head.split(',').length ? ';' : ',';
}

// The class of a report row, as lib.loadZic reads zic's: ok -> the verdict; error with scores -> ERROR (a require
// rule broken); error without -> WITHHELD (a cell that could not be read).
function cls(row, col, file, line) {
  const status = row[col.get('status')];
  if (status === 'ok') return row[col.get('verdict')];
  if (status === 'error') return row[col.get('total')] === '' ? 'WITHHELD' : 'ERROR';
  throw new Error(`${file}:${line}: status '${status}'`);
}

// DuckDB's report against zic's, row by row, both read as streams (a million units' reports are about 500 MB
// each). Both list the units in the input's order (DuckDB keeps insertion order: preserve_insertion_order is on),
// so a unit at another row is a difference too. Every verdict class; unless withheld, every one of zic's score
// columns, bit for bit counted, within lib.TOLERANCE required. Exits 1 naming the first differences.
async function verify(peer, duckFile) {
  const zi = lib.csvRows(zicFile)[Symbol.asyncIterator]();
  const du = lib.csvRows(duckFile)[Symbol.asyncIterator]();
  const zh = (await zi.next()).value;
  const dh = (await du.next()).value;
  const zc = new Map(zh.map((h, i) => [h, i]));
  const dc = new Map(dh.map((h, i) => [h, i]));
  const known = new Set(['unit', 'total', 'verdict', 'status', 'missing', 'errors',
                         ...lib.model.outputs.map((o) => o.zic)]);
  const extra = zh.filter((h) => !known.has(h));
  if (extra.length) throw new Error(`${zicFile}: zic reports columns the SQL does not compute: ${extra.join(', ')}`);
  const cols = lib.model.outputs.map((o) => {
    for (const [f, m] of [[zicFile, zc], [duckFile, dc]]) {
      if (!m.has(o.zic)) throw new Error(`${f}: no column ${o.zic}`);
    }
    return [o.zic, zc.get(o.zic), dc.get(o.zic)];
  });
  const problems = [];
  const counts = {};
  let n = 0;
  let compared = 0;
  let exact = 0;
  let worst = 0;
  let footer = null;
  for (let line = 2; ; line++) {
    const z = await zi.next();
    const d = await du.next();
    if (!z.done && z.value[0].startsWith('#')) { footer = z.value.join(','); break; }
    if (z.done || d.done) {
      problems.push(z.done ? `${zicFile}: ends at row ${line} without '# end of report'`
                           : `${duckFile}: ends at row ${line}, before zic's report`);
      break;
    }
    const zr = z.value;
    const dr = d.value;
    n++;
    const id = zr[zc.get('unit')];
    if (dr[dc.get('unit')] !== id) {
      problems.push(`row ${line}: unit '${id}' in zic's report, '${dr[dc.get('unit')]}' in ${peer}'s`);
      continue;
    }
    const zk = cls(zr, zc, zicFile, line);
    const dk = cls(dr, dc, duckFile, line);
    counts[dk] = (counts[dk] || 0) + 1;
    if (zk !== dk) {
      problems.push(`unit '${id}' (row ${line}): verdict ${peer} ${dk}, zic ${zk}` +
                    (zr[zc.get('errors')] ? ` (zic: ${zr[zc.get('errors')]})` : ''));
      continue;
    }
    for (const [name, zi2, di] of cols) {
      if (zk === 'WITHHELD') {
        if (dr[di] !== '') problems.push(`unit '${id}' (row ${line}): ${name}: ${peer} ${dr[di]} for a withheld unit`);
        continue;
      }
      const a = Number(dr[di]);
      const b = Number(zr[zi2]);
      compared++;
      if (a === b && dr[di] !== '' && zr[zi2] !== '') { exact++; continue; }
      const diff = Math.abs(a - b);
      if (!(diff <= lib.TOLERANCE * Math.max(1, Math.abs(b)))) {
        problems.push(`unit '${id}' (row ${line}): ${name}: ${peer} ${dr[di]}, zic ${zr[zi2]} (differ by ${diff})`);
      } else {
        worst = Math.max(worst, diff);
      }
    }
    if (problems.length > 20) break;
  }
  if (footer !== null) {
    const m = /^# end of report: (\d+) units\b/.exec(footer);
    if (!m) problems.push(`${zicFile}: ${footer}`);
    else if (Number(m[1]) !== n) problems.push(`${zicFile}: says ${m[1]} units, lists ${n}`);
    if (!(await du.next()).done) problems.push(`${duckFile}: more units than zic's report`);
  }
  if (problems.length) {
    for (const msg of problems.slice(0, 20)) process.stderr.write(`verify ${peer}: MISMATCH ${msg}\n`);
    process.stderr.write(`verify ${peer}: FAILED: differences from zic\n`);
    process.exit(1);
  }
  const verdicts = ['WBBM', 'WBK', 'BELUM', 'ERROR', 'WITHHELD'].map((v) => `${v} ${counts[v] || 0}`).join(', ');
  process.stderr.write(`verify ${peer}: ${n} units agree with zic (${verdicts}); ${compared} scores compared, ` +
                       `${exact} bit for bit, largest difference ${worst.toExponential(2)}\n`);
  return n;
}

async function timed(conn, sqls) {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const s of sqls) await conn.run(s);
  return { secs: Number(process.hrtime.bigint() - start) / 1e9, cpu: process.cpuUsage(cpu0) };
}

function cpuNote(samples) {
  const wall = samples.reduce((t, s) => t + s.secs, 0);
  const cpu = samples.reduce((t, s) => t + (s.cpu.user + s.cpu.system) / 1e6, 0);
  return `cpu/wall ${(cpu / wall).toFixed(2)}`;
}

async function main() {
  const sqlFile = path.join(__dirname, 'duckdb', 'lke-zi-2021.sql');
  const [units, report, copy] = statements(sqlFile, path.resolve(unitsFile), reportFile, separator(unitsFile));
  // Not timed: starting DuckDB (an in-memory database) and connecting.
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const version = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
  const lines = [];
  for (const t of threadCounts) {
    await conn.run(`SET threads = ${t}`);
    // Not timed: one run whose report is verified (it also warms the file cache up).
    await timed(conn, [units, report, copy]);
    const verified = await verify('duckdb', reportFile);
    const first = fs.readFileSync(reportFile);
    // Timed: the wide CSV file in, the report file out (reading, parsing, scoring, writing).
    const samples = [];
    // Each run writes a new report: the previous one is removed first, untimed, as bench.sh does for zirun.
    for (let r = 0; r < runs; r++) {
      fs.rmSync(reportFile, { force: true });
      samples.push(await timed(conn, [units, report, copy]));
    }
    if (!first.equals(fs.readFileSync(reportFile))) {
      process.stderr.write(`duckdb threads=${t}: the last timed report differs from the verified one\n`);
      process.exit(1);
    }
    fs.unlinkSync(reportFile);
    process.stderr.write(`duckdb ${version} threads=${t}, end to end: ${cpuNote(samples)}\n`);
    lines.push(lib.summary('duckdb', verified, samples.map((s) => verified / s.secs), verified)
      .replace('peer duckdb ', `peer duckdb threads=${t} `));
    // Timed apart: the query alone, over the units already read into a table, its result kept in memory.
    await conn.run(units);
    await conn.run('CREATE OR REPLACE TEMP TABLE lke_loaded AS SELECT * FROM lke_units');
    await conn.run('CREATE OR REPLACE TEMP VIEW lke_units AS SELECT * FROM lke_loaded');
    await conn.run(report);
    const got = (await conn.runAndReadAll('SELECT count(*) FROM lke_report')).getRows()[0][0];
    if (Number(got) !== verified) throw new Error(`the loaded table has ${got} units, the file ${verified}`);
    const q = [];
    const ctas = 'CREATE OR REPLACE TEMP TABLE lke_out AS SELECT * FROM lke_report';
    for (let r = 0; r < runs; r++) q.push(await timed(conn, [ctas]));
    await conn.run('DROP TABLE lke_out');
    await conn.run('DROP VIEW lke_units');
    await conn.run('DROP TABLE lke_loaded');
    process.stderr.write(`duckdb threads=${t}, the query alone: ${cpuNote(q)}\n`);
    lines.push(lib.summary('duckdb-query', verified, q.map((s) => verified / s.secs), verified)
      .replace('peer duckdb-query ', `peer duckdb-query threads=${t} `));
  }
  conn.closeSync();
  for (const l of lines) console.log(l);
}

main().catch((err) => {
  process.stderr.write(`duckdb.js: ${err.message}\n`);
  process.exit(1);
});
