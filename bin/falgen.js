#!/usr/bin/env node
// The falgen command: dist/cli.cjs, built by `npm run build` (prepack runs it, so the tarball
// holds it; in falgen's own repository the tests build it when stale). CommonJS, so TypeScript
// and ts-morph load through require(), which Node's compile cache serves from Node 22.1 on, and
// code-cache.cjs before. CommonJS itself (bin/package.json), so that Node starts it without
// setting up its ES module loader (~10 ms of every command).
"use strict";
const module_ = require("node:module");
const path = require("node:path");

let cli;
try {
  cli = require.resolve("../dist/cli.cjs");
} catch {
  console.error("falgen: its build (dist/cli.cjs) is missing; in falgen's own folder run `npm run build`.");
  process.exit(2);
}
if (module_.enableCompileCache) module_.enableCompileCache();
else {
  const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`)) + path.sep;
  require("./code-cache.cjs").enableCodeCache([cli, ...["typescript", "ts-morph", "@ts-morph/common"].map(packageDir)]);
}
require(cli);
