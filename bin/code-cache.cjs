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

/** Where the cache lives: like Node 22's compile cache, under the OS's temp folder, per Node version (V8 rejects another's). */
function cacheDir() {
  const dir = path.join(os.tmpdir(), `falgen-code-cache-${process.getuid?.() ?? "user"}`, process.version);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A folder someone else made could hold code they chose: use only one of our own.
  const owner = fs.statSync(path.dirname(dir)).uid;
  if (process.getuid && owner !== process.getuid()) throw new Error("not our folder");
  return dir;
}

/**
 * Compiles the modules under `roots` (TypeScript and ts-morph, wherever npm put them) through V8's
 * code cache. Other files compile as Node compiles them: a script compiled this way cannot call
 * import() on Node 20 without an experimental flag, and dist/cli.cjs imports jiti (and jiti a
 * user's config) that way.
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
    const { size, mtimeMs } = fs.statSync(filename);
    const file = path.join(dir, crypto.createHash("sha256").update(`${filename}\0${size}\0${mtimeMs}`).digest("hex").slice(0, 32));
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {}
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, file });
    const require = (id) => this.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, this);
    require.main = process.mainModule;
    require.cache = Module._cache;
    require.extensions = Module._extensions;
    return script.runInThisContext().call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    for (const { script, file } of pending) {
      try {
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, file);
      } catch {}
    }
  });
}

module.exports = { enableCodeCache };
