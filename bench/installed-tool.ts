import { cp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { packAndInstall } from "../scripts/pack-package.js";
import type { Benchmark, BenchmarkContext } from "./benchmark.js";
import { assertSucceeded, median, runProcess, type ProcessResult } from "./measure.js";
import { REPO_ROOT, SPECS_DIR } from "./paths.js";
import type { BenchmarkResult } from "./report.js";

const TIMEOUT_MS = 120_000;
/** Two real endpoints: what a project that just adopted falgen has. */
const DOCUMENTS = ["fal-ai/qwen-image.yaml", "fal-ai/ideogram/v3.yaml"];
const OPENAPI_TYPESCRIPT_CLI = path.join(REPO_ROOT, "node_modules/openapi-typescript/bin/cli.js");

/**
 * falgen as a project installs it: `npm pack`, installed into a scratch project outside the repo,
 * then `falgen --help` (start-up) and `falgen generate` for 2 endpoints cold (no cache, fresh
 * output folder), each a fresh process; against openapi-typescript's CLI turning the same two
 * documents into types (one process per document, as its CLI takes one input).
 */
export const installedToolBenchmark: Benchmark = {
  name: "tool",
  timeBoxMs: (runs) => 600_000 + runs * 60_000,
  async run(context) {
    const project = context.scratch.outsideRepo("installed-falgen");
    await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "adopter", private: true, type: "module" }));
    context.progress("tool: packing falgen and installing the tarball into a scratch project");
    await packAndInstall(REPO_ROOT, project);
    for (const document of DOCUMENTS) await cp(path.join(SPECS_DIR, document), path.join(project, "specs", document));
    const bin = path.join(project, "node_modules/falgen/bin/falgen.js");
    const node = (args: string[], label: string) => runProcess(process.execPath, args, { cwd: project, timeoutMs: TIMEOUT_MS, signal: context.signal }).then((result) => assertSucceeded(result, label));

    const help: number[] = [];
    const peerHelp: number[] = [];
    const generate: number[] = [];
    const peerGenerate: number[] = [];
    for (let run = 0; run < context.runs; run++) {
      context.progress(`tool: run ${run + 1}/${context.runs}`);
      help.push((await node([bin, "--help"], "falgen --help")).wallMs);
      peerHelp.push((await node([OPENAPI_TYPESCRIPT_CLI, "--help"], "openapi-typescript --help")).wallMs);
      generate.push(await coldGenerate(project, bin, run, node));
      peerGenerate.push(await openapiTypescript(project, run, node, context));
    }
    return summarize(help, peerHelp, generate, peerGenerate);
  },
};

type Node = (args: string[], label: string) => Promise<ProcessResult>;

async function coldGenerate(project: string, bin: string, run: number, node: Node): Promise<number> {
  const out = `out-${run}`;
  await rm(path.join(project, "node_modules/.cache/falgen"), { recursive: true, force: true });
  const result = await node([bin, "generate", "--specs", "specs", "--out", out], "falgen generate");
  if (!/^falgen: 2 endpoints, \d+ files/m.test(result.stdout) || /unchanged from cache/.test(result.stdout)) throw new Error(`falgen generate did not generate 2 endpoints cold:\n${result.stdout}`);
  await rm(path.join(project, out), { recursive: true, force: true });
  return result.wallMs;
}

async function openapiTypescript(project: string, run: number, node: Node, context: BenchmarkContext): Promise<number> {
  const out = path.join(project, `peer-${run}`);
  let total = 0;
  for (const document of DOCUMENTS) {
    context.signal.throwIfAborted();
    total += (await node([OPENAPI_TYPESCRIPT_CLI, path.join("specs", document), "--output", path.join(out, document.replace(/\.yaml$/, ".ts"))], `openapi-typescript ${document}`)).wallMs;
  }
  await rm(out, { recursive: true, force: true });
  return total;
}

function summarize(help: number[], peerHelp: number[], generate: number[], peerGenerate: number[]): BenchmarkResult {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  return {
    rows: [
      { what: "falgen --help from the installed tarball (peer: openapi-typescript --help)", unit: "ms", falgen: median(help), peer: median(peerHelp), goal: { kind: "below", limit: 300 } },
      {
        what: "falgen generate, 2 endpoints, cold, from the installed tarball (falgen: types + clients + docs + runtime; peer: openapi-typescript CLI, types, 2 processes)",
        unit: "ms",
        falgen: median(generate),
        peer: median(peerGenerate),
        goal: { kind: "below", limit: 1500 },
      },
    ],
    details: [
      {
        title: "Installed tool, each run (wall time of fresh processes)",
        columns: ["run", "falgen --help", "openapi-typescript --help", "falgen generate (2, cold)", "openapi-typescript (2 documents)"],
        rows: help.map((value, index) => [index + 1, ms(value), ms(peerHelp[index]!), ms(generate[index]!), ms(peerGenerate[index]!)]),
      },
    ],
  };
}
