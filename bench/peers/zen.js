'use strict';
// zen.js UNITS.csv ZIC_SCORES.csv RUNS — the LKE rules as a GoRules JDM graph (zen/lke-zi-2021.jdm.json), evaluated
// by @gorules/zen-engine: the graph is compiled once (new ZenDecisionContent, the pre-compilation zen's documentation
// recommends; not timed) and made a decision with ZenEngine.createDecision; then decision.evaluate(unit) per unit,
// one at a time (each awaited before the next is started, so no two evaluations run at once). Verifies every unit
// against zic, then times RUNS runs of scoring only.
//
// zen-engine evaluates on a tokio runtime inside its native addon, on a worker thread, not on node's main thread;
// run.sh sets TOKIO_WORKER_THREADS=1, and with one evaluation at a time only one thread computes at any moment.
// This script reports the process's CPU time over wall time for the timed runs (at most 1.0 shows no parallelism).

const fs = require('fs');
const path = require('path');
const { ZenEngine, ZenDecisionContent } = require('@gorules/zen-engine');
const lib = require('./lib');

const { unitsFile, zicFile, runs } = lib.args('node zen.js');
const jdm = fs.readFileSync(path.join(__dirname, 'zen', 'lke-zi-2021.jdm.json'));
const outputs = lib.model.outputs.map((o) => o.name);

function asResult(r) {
  const values = {};
  for (const name of outputs) values[name] = r[name];
  return { verdict: r.verdict, values };
}

async function main() {
  const engine = new ZenEngine();
  const decision = engine.createDecision(new ZenDecisionContent(jdm));
  // Not timed: reading and converting the units, and the verification pass (which also warms up).
  const units = lib.loadUnits(unitsFile);
  const Z = lib.loadZic(zicFile);
  const results = new Array(units.length);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < units.length; i++) results[i] = asResult((await decision.evaluate(units[i].data)).result);
  const rate = units.length / (Number(process.hrtime.bigint() - t0) / 1e9);
  const verified = lib.verify('zen-engine', units, results, Z);
  process.stderr.write(`zen-engine: verification pass ${Math.round(rate)} units/s\n`);

  // Timed: scoring only, cycling over the converted units when a run scores more units than there are.
  const n = lib.unitsPerRun('zen', rate, 10 * units.length);
  const inputs = units.map((u) => u.data);
  const out = new Array(n);
  const rates = [];
  const cpu0 = process.cpuUsage();
  let wall = 0;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0, k = 0; i < n; i++, k = (k + 1 === inputs.length ? 0 : k + 1)) {
      out[i] = (await decision.evaluate(inputs[k])).result;
    }
    const secs = Number(process.hrtime.bigint() - start) / 1e9;
    wall += secs;
    rates.push(n / secs);
  }
  const cpu = process.cpuUsage(cpu0);
  for (let i = 0; i < Math.min(n, units.length); i++) {
    if (out[i].verdict !== results[i].verdict || !Object.is(out[i].total, results[i].values.total)) {
      process.stderr.write(`zen-engine: unit '${units[i].id}': the timed run differs from the verified one\n`);
      process.exit(1);
    }
  }
  engine.dispose();
  process.stderr.write(`zen-engine ${require('@gorules/zen-engine/package.json').version}: ` +
                       `TOKIO_WORKER_THREADS=${process.env.TOKIO_WORKER_THREADS || '(unset)'}; ` +
                       `cpu/wall over the timed runs ${((cpu.user + cpu.system) / 1e6 / wall).toFixed(2)}, ` +
                       `${Math.round(n * runs / ((cpu.user + cpu.system) / 1e6))} units per CPU second\n`);
  console.log(lib.summary('zen-engine', n, rates, verified));
}

main().catch((err) => {
  process.stderr.write(`zen-engine: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
