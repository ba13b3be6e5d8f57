#!/usr/bin/env node
/** The falgen command: `falgen <command> [options]` (generator/cli/main.ts), its exit code the process's. */
import { main } from "./cli/main.js";
import { guardOutputStreams, outputFailure, streamProblem } from "./cli/output-streams.js";

guardOutputStreams();
void main(process.argv.slice(2)).then(async (code) => {
  // A write's error is emitted a tick after it: the command's last lines are heard too.
  await new Promise((resolve) => setImmediate(resolve));
  // What the command printed did not arrive: a script reading it must not take the run for a success.
  const lost = outputFailure(process.stdout);
  if (lost !== undefined && code === 0) {
    console.error(`falgen: could not write its output to stdout (${streamProblem(lost)})`);
    code = 1;
  }
  process.exitCode = code;
});
