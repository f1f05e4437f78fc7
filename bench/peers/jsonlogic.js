'use strict';
// jsonlogic.js UNITS.csv ZIC_SCORES.csv RUNS — the LKE rules as json-logic (jsonlogic/lke-zi-2021.rules.json),
// evaluated with json-logic-js: one rule per output, applied in order, each result stored in the unit's data under
// its name for the rules after it. Verifies every unit against zic, then times RUNS runs of scoring only.

const fs = require('fs');
const path = require('path');
const jsonLogic = require('json-logic-js');
const lib = require('./lib');

const { unitsFile, zicFile, runs } = lib.args('node jsonlogic.js');
const rules = JSON.parse(fs.readFileSync(path.join(__dirname, 'jsonlogic', 'lke-zi-2021.rules.json'), 'utf8')).rules;
const outputs = lib.model.outputs.map((o) => o.name);

function score(input) {
  const data = Object.assign({}, input); // the unit's answers stay as they were
  for (let r = 0; r < rules.length; r++) data[rules[r][0]] = jsonLogic.apply(rules[r][1], data);
  return data;
}

function asResult(data) {
  const values = {};
  for (const name of outputs) values[name] = data[name];
  return { verdict: data.verdict, values };
}

// Not timed: reading and converting the units, and the verification pass (which also warms the JIT up).
const units = lib.loadUnits(unitsFile);
const Z = lib.loadZic(zicFile);
const t0 = process.hrtime.bigint();
const results = units.map((u) => asResult(score(u.data)));
const rate = units.length / (Number(process.hrtime.bigint() - t0) / 1e9);
const verified = lib.verify('json-logic-js', units, results, Z);
process.stderr.write(`json-logic-js: verification pass ${Math.round(rate)} units/s\n`);

// Timed: scoring only, cycling over the converted units when a run scores more units than there are.
const n = lib.unitsPerRun('jsonlogic', rate, 10 * units.length);
const inputs = units.map((u) => u.data);
const out = new Array(n);
const rates = [];
const cpu0 = process.cpuUsage();
let wall = 0;
for (let r = 0; r < runs; r++) {
  const start = process.hrtime.bigint();
  for (let i = 0, k = 0; i < n; i++, k = (k + 1 === inputs.length ? 0 : k + 1)) out[i] = score(inputs[k]);
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  wall += secs;
  rates.push(n / secs);
}
const cpu = process.cpuUsage(cpu0);
// The last timed run's results are the verified ones.
for (let i = 0; i < Math.min(n, units.length); i++) {
  if (out[i].verdict !== results[i].verdict || !Object.is(out[i].total, results[i].values.total)) {
    process.stderr.write(`json-logic-js: unit '${units[i].id}': the timed run differs from the verified one\n`);
    process.exit(1);
  }
}
process.stderr.write(`json-logic-js ${require('json-logic-js/package.json').version}: ${rules.length} rules; ` +
                     `cpu/wall over the timed runs ${((cpu.user + cpu.system) / 1e6 / wall).toFixed(2)}, ` +
                       `${Math.round(n * runs / ((cpu.user + cpu.system) / 1e6))} units per CPU second\n`);
console.log(lib.summary('json-logic-js', n, rates, verified));
