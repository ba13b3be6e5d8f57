#!/usr/bin/env node
// The falgen command: dist/cli.cjs, built by `npm run build` (prepack runs it; in falgen's own
// repository, prepare does on `npm ci`). CommonJS, so TypeScript and ts-morph load through
// require(), which V8's compile cache serves: built into Node from 22.1, v8-compile-cache before.
import module, { createRequire } from "node:module";

const require = createRequire(import.meta.url);
if (module.enableCompileCache) module.enableCompileCache();
else require("v8-compile-cache");
let cli;
try {
  cli = require.resolve("../dist/cli.cjs");
} catch {
  console.error("falgen: its build (dist/cli.cjs) is missing; in falgen's own folder run `npm run build`.");
  process.exit(2);
}
require(cli);
