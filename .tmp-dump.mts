import { build } from "esbuild"; import { writeFileSync } from "node:fs";
import { BROWSER_APPS, BROWSER_STREAM_APPS } from "/work/main/bench/consumer-apps.ts";
const dir = process.argv[2]; const which = process.argv[3] ?? "queue";
const src = which === "queue" ? BROWSER_APPS.falgen : BROWSER_STREAM_APPS.falgen;
const r = await build({ stdin: { contents: src, loader: "ts", resolveDir: dir, sourcefile: "app.ts" }, absWorkingDir: dir, bundle: true, minify: false, minifySyntax: true, platform: "browser", format: "esm", outfile: "app.js", write: false, logLevel: "silent", metafile: true });
writeFileSync(`/tmp/page-${which}.js`, r.outputFiles[0]!.contents);
for (const [f, v] of Object.entries(Object.values(r.metafile.outputs)[0].inputs)) console.log(v.bytesInOutput, f);
