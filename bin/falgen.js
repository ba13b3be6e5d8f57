#!/usr/bin/env node
// The falgen command: the generator, compiled once per version of its sources (compiled-generator.js).
import { createRequire } from "node:module";
import module from "node:module";
import { compiledGenerator } from "./compiled-generator.js";

const require = createRequire(import.meta.url);
// V8's code cache spares re-parsing TypeScript's 9 MB on each run: built into Node from 22.1,
// the v8-compile-cache package before that.
if (module.enableCompileCache) module.enableCompileCache();
else require("v8-compile-cache");
require(await compiledGenerator());
