import { build } from "esbuild"; import { gzipSync } from "node:zlib";
import { BROWSER_STREAM_APPS, BROWSER_APPS } from "/work/main/bench/consumer-apps.ts";
const dir = process.argv[2] ?? "/tmp/pz";
for (const [name, src] of [["queue", BROWSER_APPS.falgen], ["stream", BROWSER_STREAM_APPS.falgen], ["peer-stream", BROWSER_STREAM_APPS.peer], ["peer-queue", BROWSER_APPS.peer]] as const) {
  const d = name.startsWith("peer") ? "/tmp/peer" : dir;
  const r = await build({ stdin: { contents: src, loader: "ts", resolveDir: d, sourcefile: "app.ts" }, absWorkingDir: d, bundle: true, minify: true, platform: "browser", format: "esm", outfile: "app.js", write: false, logLevel: "silent" });
  const out = r.outputFiles[0]!.contents; console.log(name, out.byteLength, gzipSync(out, { level: 9 }).byteLength);
}
