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
  const pending = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (!roots.some((root) => filename.startsWith(root))) return compile.call(this, content, filename);
    // One cache file per module and Node version, so a rebuilt or updated module replaces its entry
    // instead of adding one; its first line says which build of the module the data is for.
    const file = path.join(dir, crypto.createHash("sha256").update(`${process.version}\0${filename}`).digest("hex").slice(0, 32));
    const { size, mtimeMs } = fs.statSync(filename);
    const stamp = Buffer.from(`${size} ${mtimeMs}\n`);
    let cachedData;
    try {
      const stored = fs.readFileSync(file);
      if (stored.subarray(0, stamp.length).equals(stamp)) cachedData = stored.subarray(stamp.length);
    } catch {}
    const script = new vm.Script(Module.wrap(content.replace(/^#!.*/, "")), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, file, stamp });
    const require = (id) => this.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, this);
    require.main = process.mainModule;
    require.cache = Module._cache;
    require.extensions = Module._extensions;
    return script.runInThisContext().call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    for (const { script, file, stamp } of pending) {
      try {
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, Buffer.concat([stamp, script.createCachedData()]), { mode: 0o600 });
        fs.renameSync(temporary, file);
      } catch {}
    }
  });
}

module.exports = { enableCodeCache };
