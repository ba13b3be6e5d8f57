#!/usr/bin/env node
/** The falgen command: `falgen <command> [options]` (generator/cli/main.ts), its exit code the process's. */
import { main } from "./cli/main.js";

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
