#!/usr/bin/env node
// The falgen command: dist/cli.cjs, built by `npm run build` (prepack runs it; in falgen's own
// repository, prepare does on `npm ci`). CommonJS, so TypeScript and ts-morph load through
// require(), which Node's compile cache serves from Node 22.1 on. (The v8-compile-cache package
// did that before 22.1, but it compiles every module through vm.Script, which breaks the dynamic
// import() a config file's loader needs, and measured no faster here on Node 20.)
import module, { createRequire } from "node:module";

module.enableCompileCache?.();
const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("../dist/cli.cjs");
} catch {
  console.error("falgen: its build (dist/cli.cjs) is missing; in falgen's own folder run `npm run build`.");
  process.exit(2);
}
require(cli);
