// Runs tsc as bin/tsc does (TypeScript's own `executeCommandLine` on `ts.sys`, the same compiler
// pipeline and report), then prints the phase times of its `--extendedDiagnostics` report once more
// at full precision: tsc prints them in steps of 10 ms, coarser than the differences the type-check
// benchmark compares. Usage: node tsc-precise.cjs <path of typescript.js> <tsc arguments...>
// Plain CommonJS on purpose: no loader (tsx) in the process whose time and heap are measured.
"use strict";
const [typescriptPath, ...args] = process.argv.slice(2);
const ts = require(typescriptPath);

// tsc's report reads its timers, then turns them off (which clears them): keep the last values
// seen while they are on. Nothing is timed after the checker's work, so these are the final ones.
let times;
const write = ts.sys.write.bind(ts.sys);
ts.sys.write = (text) => {
  if (ts.performance.isEnabled()) {
    const duration = (name) => ts.performance.getDuration(name);
    times = { program: duration("Program"), bind: duration("Bind"), check: duration("Check"), emit: duration("Emit") };
  }
  write(text);
};
const exit = ts.sys.exit.bind(ts.sys);
ts.sys.exit = (code) => {
  if (times) write(`Precise times (ms): ${JSON.stringify(times)}\n`);
  exit(code);
};
ts.executeCommandLine(ts.sys, () => {}, args);
