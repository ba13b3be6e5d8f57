// V8's code cache for falgen's CommonJS modules on Node before 22.1, which has no
// module.enableCompileCache. TypeScript and ts-morph are ~20 MB of JavaScript: compiling them is
// most of a small regeneration (about 300 of its 600 ms on Node 20). The cache is written when the
// process exits, after the run, so it holds the functions the run compiled too; the v8-compile-cache
// package writes it right after compiling, when V8 has compiled almost nothing (lazy functions),
// and measured no faster here. Any failure to read or write the cache only costs the speed-up.
"use strict";
const Module = require("node:module");
const vm = require("node:vm");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");

/** A run this long (a generation, not a `--help` or a check with nothing to do) has compiled what later runs need. */
const LONG_RUN_SECONDS = 1.5;

/**
 * Where the cache lives: like Node 22's compile cache, a folder under the OS's temp folder, one per
 * user. Made only there (not the temp folder's own path), and used only when it is a real folder of
 * this user's that no one else may write to: another user's could hold code of their choosing.
 */
function cacheDir() {
  const dir = path.join(os.tmpdir(), `falgen-code-cache-${process.getuid?.() ?? "user"}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  const stats = fs.lstatSync(dir);
  if (!stats.isDirectory()) throw new Error("not a folder");
  if (process.getuid && (stats.uid !== process.getuid() || (stats.mode & 0o022) !== 0)) throw new Error("not our own folder");
  return dir;
}

/**
 * Compiles the modules under `roots` (dist/cli.cjs, and TypeScript and ts-morph wherever npm put
 * them) through V8's code cache. Other files compile as Node compiles them: a script compiled this
 * way cannot call import() on Node 20 without an experimental flag, and jiti loads a user's config
 * that way (the bundle itself only require()s, see generator/config.ts).
 */
function enableCodeCache(roots) {
  let dir;
  try {
    dir = cacheDir();
  } catch {
    return;
  }
  const compiled = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (!roots.some((root) => filename.startsWith(root))) return compile.call(this, content, filename);
    // One cache file per module and Node version, so a rebuilt or updated module replaces its entry
    // instead of adding one. Its first line says which build of the module the data is for, and
    // whether a long run wrote it: the data holds what the writing run compiled, and a `--help`
    // compiles little of what a generation needs, so a long run replaces what a short one wrote.
    const file = path.join(dir, crypto.createHash("sha256").update(`${process.version}\0${filename}`).digest("hex").slice(0, 32));
    const { size, mtimeMs } = fs.statSync(filename);
    const stamp = `${size} ${mtimeMs} `;
    let cachedData;
    let fromLongRun = false;
    try {
      const stored = fs.readFileSync(file);
      const header = stored.subarray(0, stored.indexOf(10) + 1).toString("latin1");
      if (header.startsWith(stamp)) [cachedData, fromLongRun] = [stored.subarray(header.length), header === `${stamp}long\n`];
    } catch {}
    const script = new vm.Script(Module.wrap(content.replace(/^#!.*/, "")), { filename, cachedData });
    compiled.push({ script, file, stamp, fresh: cachedData === undefined || script.cachedDataRejected, fromLongRun });
    const require = (id) => this.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, this);
    require.main = process.mainModule;
    require.cache = Module._cache;
    require.extensions = Module._extensions;
    return script.runInThisContext().call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    const long = process.uptime() > LONG_RUN_SECONDS;
    for (const { script, file, stamp, fresh, fromLongRun } of compiled) {
      if (!fresh && (fromLongRun || !long)) continue;
      try {
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${stamp}${long ? "long" : "short"}\n`), script.createCachedData()]), { mode: 0o600 });
        fs.renameSync(temporary, file);
      } catch {}
    }
  });
}

module.exports = { enableCodeCache };
