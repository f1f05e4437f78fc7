'use strict';
// lib.js — shared by the peer drivers: reading the units CSV and converting it to each peer's input (before any
// timing), reading zic's scores, verifying a peer's results against them, and the timing summary.

const fs = require('fs');
const path = require('path');

const HERE = __dirname;
const model = JSON.parse(fs.readFileSync(path.join(HERE, 'model.json'), 'utf8'));
const TOLERANCE = 1e-9; // relative (absolute below 1): the same 1e-9 the cross-check of tests/lke uses

// ---- CSV -------------------------------------------------------------------------------------------------------

// RFC 4180 with the liberties zirun takes: a UTF-8 BOM, CRLF or LF, `;` as the separator when the header has
// more `;` than `,`. Returns an array of rows (arrays of strings); blank lines are skipped.
function readCsv(file) {
  let text = fs.readFileSync(file, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  const sep = (firstLine.split(';').length > firstLine.split(',').length) ? ';' : ',';
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0].trim() === '')) rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === sep) { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { endRow(); i += 2; continue; }
    if (c === '\n') { endRow(); i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

// ---- cells -----------------------------------------------------------------------------------------------------

const MISSING = /^(|-|na|n\/a)$/i;

function isMissing(cell) {
  return cell === undefined || MISSING.test(cell.trim());
}

// A scale label, lexically: spaces around dropped, inner runs of spaces (and no-break spaces) as one, ASCII
// letters in lower case. Whether it is a label of the item's scale is for the rules to decide.
function normLabel(cell) {
  return cell.replace(/[\s\u00a0]+/g, ' ').trim().replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

// A number as zirun reads one (docs/runtime.md, "Reading answers"): a decimal point or comma; with both, the
// last is the decimal separator and the other groups thousands; one kind several times groups thousands; a
// leading sign; an exponent. Returns a JS number (the double nearest the decimal) or throws.
function parseNumber(cell) {
  let t = cell.replace(/[\s\u00a0]+/g, '');
  let sign = '';
  if (t[0] === '+' || t[0] === '-') { sign = t[0] === '-' ? '-' : ''; t = t.slice(1); }
  let exp = '';
  const e = t.search(/[eE]/);
  if (e >= 0) { exp = t.slice(e); t = t.slice(0, e); if (!/^[eE][+-]?\d+$/.test(exp)) throw new Error('not a number'); }
  const commas = (t.match(/,/g) || []).length;
  const points = (t.match(/\./g) || []).length;
  if (commas && points) {
    const dec = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    const group = dec === ',' ? '.' : ',';
    t = t.split(group).join('');
    if ((t.match(dec === ',' ? /,/g : /\./g) || []).length !== 1) throw new Error('not a number');
    t = t.replace(',', '.');
  } else if (commas > 1 || points > 1) {
    const group = commas > 1 ? ',' : '.';
    const parts = t.split(group);
    if (parts.slice(1).some((p) => p.length !== 3) || parts[0].length === 0 || parts[0].length > 3) {
      throw new Error('not a number');
    }
    t = parts.join('');
  } else if (commas === 1) {
    t = t.replace(',', '.');
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) throw new Error('not a number');
  return Number(sign + t + exp);
}

// ---- units -----------------------------------------------------------------------------------------------------

// -> [{id, row, data}] with data = {input name: value}: a label (normalised string) for a scale input, a number
// for a count or survey index; a missing answer is no key at all. This is the reading layer (zirun's reader, for
// zic), done once before any peer is timed. A numeric cell that is not a number is refused here with a message:
// zic would withhold that unit, and the peers' inputs cannot carry such a cell (gen_units.py makes none).
function loadUnits(file) {
  const rows = readCsv(file);
  const header = rows[0].map((h) => h.trim());
  if (header[0].toLowerCase() !== 'unit') throw new Error(`${file}: the first column must be 'unit'`);
  const byKey = new Map(model.inputs.map((inp) => [inp.key, inp]));
  const cols = [];
  header.forEach((h, i) => {
    if (i === 0) return;
    const inp = byKey.get(h);
    if (!inp) { process.stderr.write(`${file}: warning: unknown column '${h}' ignored\n`); return; }
    cols.push([i, inp]);
  });
  const units = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    const id = (cells[0] || '').trim();
    const data = {};
    for (const [i, inp] of cols) {
      const cell = cells[i];
      if (isMissing(cell)) continue;
      if (inp.kind === 'scale') {
        data[inp.name] = normLabel(cell);
      } else {
        try {
          data[inp.name] = parseNumber(cell);
        } catch (err) {
          throw new Error(`${file}:${r + 1}: unit '${id}', ${inp.key}: '${cell}' is not a number; ` +
                          'the peers\' converter reads only numbers in count and index columns');
        }
      }
    }
    units.push({ id, row: r + 1, data });
  }
  return units;
}

// ---- zic's scores ----------------------------------------------------------------------------------------------

// zirun --format csv: unit,total,verdict,status, one column per group/view member, missing, errors. The class of
// a unit: its verdict when status is ok; ERROR when status is error and the scores are shown (a broken require
// rule); WITHHELD when status is error and the scores are empty (a cell that could not be read).
function loadZic(file) {
  const rows = readCsv(file);
  const header = rows[0];
  const col = new Map(header.map((h, i) => [h, i]));
  for (const need of ['unit', 'total', 'verdict', 'status']) {
    if (!col.has(need)) throw new Error(`${file}: no column '${need}' (expected zirun --format csv)`);
  }
  const outputs = model.outputs.map((o) => {
    if (!col.has(o.zic)) throw new Error(`${file}: no column '${o.zic}' (for ${o.name})`);
    return [o.name, col.get(o.zic), o.zic];
  });
  const known = new Set(['unit', 'total', 'verdict', 'status', 'missing', 'errors', 'explain',
                         ...model.outputs.map((o) => o.zic)]);
  const extra = header.filter((h) => !known.has(h));
  if (extra.length) throw new Error(`${file}: zic reports columns no peer computes: ${extra.join(', ')}`);
  const zic = new Map();
  const last = dropFooter(file, rows);
  for (let r = 1; r < last; r++) {
    const c = rows[r];
    const id = c[col.get('unit')];
    const status = c[col.get('status')];
    const total = c[col.get('total')];
    let cls;
    if (status === 'ok') cls = c[col.get('verdict')];
    else if (status === 'error') cls = total === '' ? 'WITHHELD' : 'ERROR';
    else throw new Error(`${file}:${r + 1}: status '${status}'`);
    const values = {};
    if (cls !== 'WITHHELD') {
      for (const [name, i] of outputs) values[name] = Number(c[i]);
    }
    if (zic.has(id)) throw new Error(`${file}: unit '${id}' twice`);
    zic.set(id, { cls, values, errors: c[col.get('errors')] || '' });
  }
  return { zic, order: rows.slice(1, last).map((c) => c[col.get('unit')]), outputs };
}

// zirun ends a CSV report with a line `# end of report: N units | ...` (docs/runtime.md), or `# INCOMPLETE report`
// when the run stopped. Returns the index of the first row after the units; throws on an incomplete report, on a
// count that is not the number of rows, and on a report without the line (cut short).
function dropFooter(file, rows) {
  const lastRow = rows[rows.length - 1];
  const line = rows.length > 1 ? lastRow.join(',') : '';
  const m = /^# end of report: (\d+) units\b/.exec(line);
  if (!m) {
    throw new Error(`${file}: no '# end of report' line at the end: ` +
                    (line.startsWith('# INCOMPLETE') ? line : 'the report is cut short'));
  }
  if (Number(m[1]) !== rows.length - 2) {
    throw new Error(`${file}: the report says ${m[1]} units, it lists ${rows.length - 2}`);
  }
  return rows.length - 1;
}

// The rows of a CSV file one at a time, for files too large to hold as one string (a million units' report is
// about 500 MB): an async iterator of arrays of fields, a field in quotes may hold the separator, quotes and line
// breaks. The separator is ','.
async function* csvRows(file) {
  const rl = require('readline').createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }),
                                                   crlfDelay: Infinity });
  let pending = '';
  for await (const line of rl) {
    pending = pending === '' ? line : pending + '\n' + line;
    if ((pending.split('"').length - 1) % 2 === 1) continue; // a quoted field goes on on the next line
    const row = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < pending.length; i++) {
      const c = pending[i];
      if (quoted) {
        if (c === '"' && pending[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"' && field === '') quoted = true;
      else if (c === ',') { row.push(field); field = ''; } else field += c;
    }
    row.push(field);
    pending = '';
    yield row;
  }
  if (pending !== '') throw new Error(`${file}: ends inside a quoted field`);
}

// ---- verification ----------------------------------------------------------------------------------------------

// results: array parallel to units, each {verdict, values: {name: number}}. Every unit: the same verdict class;
// unless withheld, every one of zic's score columns within 1e-9 (relative; absolute below 1). Returns a summary;
// on any difference prints the first ones (unit, column, both values) and exits 1.
function verify(peer, units, results, Z) {
  const problems = [];
  let exact = 0;
  let compared = 0;
  let worst = 0;
  const counts = {};
  if (units.length !== Z.zic.size) {
    problems.push(`${units.length} units read, zic scored ${Z.zic.size}`);
  }
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const z = Z.zic.get(u.id);
    const p = results[i];
    if (!z) { problems.push(`unit '${u.id}': not in zic's scores`); continue; }
    if (!p) { problems.push(`unit '${u.id}': ${peer} gave no result`); continue; }
    counts[p.verdict] = (counts[p.verdict] || 0) + 1;
    if (p.verdict !== z.cls) {
      problems.push(`unit '${u.id}' (row ${u.row}): verdict ${peer} ${p.verdict}, zic ${z.cls}` +
                    (z.errors ? ` (zic: ${z.errors})` : ''));
      continue;
    }
    if (z.cls === 'WITHHELD') continue;
    for (const [name, , zicCol] of Z.outputs) {
      const a = p.values[name];
      const b = z.values[name];
      compared++;
      if (a === b) { exact++; continue; }
      const d = Math.abs(a - b);
      if (!(d <= TOLERANCE * Math.max(1, Math.abs(b)))) {
        problems.push(`unit '${u.id}' (row ${u.row}): ${zicCol}: ${peer} ${a}, zic ${b} (differ by ${d})`);
      } else {
        worst = Math.max(worst, d);
      }
    }
  }
  if (problems.length) {
    for (const msg of problems.slice(0, 20)) process.stderr.write(`verify ${peer}: MISMATCH ${msg}\n`);
    if (problems.length > 20) process.stderr.write(`verify ${peer}: ... ${problems.length - 20} more\n`);
    process.stderr.write(`verify ${peer}: FAILED: ${problems.length} differences from zic\n`);
    process.exit(1);
  }
  const verdicts = ['WBBM', 'WBK', 'BELUM', 'ERROR', 'WITHHELD'].map((v) => `${v} ${counts[v] || 0}`).join(', ');
  process.stderr.write(`verify ${peer}: ${units.length} units agree with zic (${verdicts}); ` +
                       `${compared} scores compared, ${exact} bit for bit, largest difference ${worst.toExponential(2)}\n`);
  return units.length;
}

// ---- timing ----------------------------------------------------------------------------------------------------

function summary(peer, units, rates, verified) {
  const s = rates.slice().sort((a, b) => a - b);
  const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return `peer ${peer} units=${units} runs=${rates.length} median_ups=${Math.round(med)} ` +
         `min_ups=${Math.round(s[0])} max_ups=${Math.round(s[s.length - 1])} verified=${verified}`;
}

function envInt(name, dflt) {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${v}: expected a whole number >= 1`);
  return n;
}

function args(usage) {
  const a = process.argv.slice(2);
  if (a.length !== 3 || !/^\d+$/.test(a[2]) || Number(a[2]) < 1) {
    process.stderr.write(`usage: ${usage} UNITS.csv ZIC_SCORES.csv RUNS\n`);
    process.exit(2);
  }
  return { unitsFile: a[0], zicFile: a[1], runs: Number(a[2]) };
}

// How many units a timed run scores: PEERS_<PEER>_UNITS if set, else enough for about PEERS_TARGET_SECONDS
// (default 2) at the rate seen while verifying, at least 1000, at most `cap`.
function unitsPerRun(peer, rate, cap) {
  const env = envInt(`PEERS_${peer.toUpperCase().replace(/-/g, '_')}_UNITS`, 0);
  if (env) return env;
  const target = Number(process.env.PEERS_TARGET_SECONDS || 2);
  return Math.max(1000, Math.min(cap, Math.round(rate * target / 1000) * 1000 || 1000));
}

module.exports = { model, readCsv, loadUnits, loadZic, verify, summary, args, envInt, unitsPerRun, parseNumber, csvRows,
                   TOLERANCE };
