import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { endpointBaseName } from "../generator/naming.js";
import type { Benchmark, BenchmarkContext } from "./benchmark.js";
import type { OpenapiTypescriptCorpusInput, OpenapiTypescriptCorpusOutput } from "./children/openapi-typescript-corpus.js";
import { runChildScript } from "./children/protocol.js";
import { buildCorpus, CORPUS_SIZE, type Corpus } from "./corpus.js";
import { assertSucceeded, median, runProcess, type ProcessResult } from "./measure.js";
import { FALGEN_BIN, REPO_ROOT } from "./paths.js";
import type { BenchmarkResult, DetailTable } from "./report.js";

const RUN_TIMEOUT_MS = 600_000;
const CORPUS_LABEL = CORPUS_SIZE.toLocaleString("en-US");

/** One `falgen generate` as measured, with what its summary line says. */
interface FalgenRun {
  wallMs: number;
  peakRssBytes: number;
  exitCode: number;
  endpoints: number;
  /** Endpoints the generator took from its cache. */
  cached: number;
  /** Files written (new or changed); undefined for `--check`, which writes nothing. */
  written: number | undefined;
  /** The CLI's own per-stage timings (load, model, emit, write or check). */
  stages: Record<string, number>;
}

type FalgenStep = "full" | "regeneration" | "check";

interface FalgenRound extends Record<FalgenStep, FalgenRun> {
  /** `falgen --help`: Node and the compiled generator loading, which every run pays. */
  startupMs: number;
}

interface PeerRun {
  wallMs: number;
  peakRssBytes: number;
}

/**
 * Generation of a 1,000-endpoint corpus: falgen's command (types, clients, docs) from a fresh
 * working directory and output folder, so no cache of an earlier run helps it, then after one spec
 * changed, then `--check`; against openapi-typescript turning the same documents into types. Each
 * is a fresh process, timed from spawn to exit, its peak RSS from GNU time.
 */
export const generationBenchmark: Benchmark = {
  name: "generation",
  timeBoxMs: (runs) => 120_000 + runs * 900_000,
  async run(context) {
    // The bin runs dist/, so it is built from the sources as they are now.
    context.progress("generation: building falgen (npm run build)");
    assertSucceeded(await runProcess("npm", ["run", "build", "--silent"], { cwd: REPO_ROOT, timeoutMs: RUN_TIMEOUT_MS, signal: context.signal }), "npm run build");
    context.progress(`generation: building the ${CORPUS_LABEL}-endpoint corpus`);
    const corpus = await buildCorpus(context.scratch.outsideRepo("corpus"));
    const falgen: FalgenRound[] = [];
    const peer: PeerRun[] = [];
    for (let run = 0; run < context.runs; run++) {
      const measureFalgen = async () => falgen.push(await falgenRound(corpus, context, run));
      const measurePeer = async () => peer.push(await openapiTypescriptRun(corpus, context, run));
      // Alternate which goes first, so neither always meets the machine's noisier moments.
      for (const measure of run % 2 === 0 ? [measureFalgen, measurePeer] : [measurePeer, measureFalgen]) await measure();
    }
    return summarize(falgen, peer);
  },
};

async function falgenRound(corpus: Corpus, context: BenchmarkContext, run: number): Promise<FalgenRound> {
  // A fresh working directory per round: the generator keeps its cache relative to it.
  const workDir = context.scratch.outsideRepo(`falgen-generation-${run}`);
  const falgen = (label: string, args: string[]) => {
    context.progress(`generation: run ${run + 1}/${context.runs}, falgen ${label}`);
    return runProcess(process.execPath, [FALGEN_BIN, ...args], { cwd: workDir, timeoutMs: RUN_TIMEOUT_MS, signal: context.signal, measurePeakRss: true });
  };
  const generate = async (label: string, extraArgs: string[] = []) => falgenRun(await falgen(label, ["generate", "--specs", "specs", "--out", "out", ...extraArgs]), label);
  try {
    await cp(corpus.dir, path.join(workDir, "specs"), { recursive: true });
    const startupMs = assertSucceeded(await falgen("--help", ["--help"]), "falgen --help").wallMs;
    const full = await generate("full run");
    await editOneSpec(workDir, corpus.endpointIds[Math.floor(corpus.endpointIds.length / 2)]!);
    const regeneration = await generate("regeneration");
    const check = await generate("--check", ["--check"]);
    return { startupMs, full, regeneration, check };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Reads the CLI's summary line, e.g. `falgen: 1000 endpoints, 999 unchanged from cache, 3020 files, 2 written, 0 removed (out/) [load 12 ms, ...]`. */
function falgenRun(result: ProcessResult, label: string): FalgenRun {
  const summary = result.stdout.split("\n").find((line) => line.startsWith("falgen: "));
  const endpoints = summary && /^falgen: (\d+) endpoints/.exec(summary);
  if (!summary || !endpoints) throw new Error(`falgen ${label} printed no summary (exit ${result.code}):\n${(result.stderr || result.stdout).trim().slice(-2000)}`);
  const stageList = /\[([^\]]*)\]\s*$/.exec(summary)?.[1] ?? "";
  const written = /(\d+) written/.exec(summary)?.[1];
  return {
    wallMs: result.wallMs,
    peakRssBytes: result.peakRssBytes ?? Number.NaN,
    exitCode: result.code,
    endpoints: Number(endpoints[1]),
    cached: Number(/(\d+) unchanged from cache/.exec(summary)?.[1] ?? 0),
    written: written === undefined ? undefined : Number(written),
    stages: Object.fromEntries([...stageList.matchAll(/(\w+) (\d+) ms/g)].map((match) => [match[1]!, Number(match[2])])),
  };
}

/** A real change a user might make: one more sentence in an endpoint's input description. */
async function editOneSpec(workDir: string, endpointId: string): Promise<void> {
  const file = path.join(workDir, "specs", `${endpointId}.json`);
  const document = JSON.parse(await readFile(file, "utf8")) as { components: { schemas: Record<string, { description?: string }> } };
  const input = document.components.schemas[`${endpointBaseName(endpointId)}Input`]!;
  input.description = `${input.description ?? ""} Edited for the regeneration benchmark.`.trim();
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
}

async function openapiTypescriptRun(corpus: Corpus, context: BenchmarkContext, run: number): Promise<PeerRun> {
  context.progress(`generation: run ${run + 1}/${context.runs}, openapi-typescript`);
  const outDir = context.scratch.outsideRepo(`openapi-typescript-${run}`);
  try {
    const { output, process: result } = await runChildScript<OpenapiTypescriptCorpusInput, OpenapiTypescriptCorpusOutput>(
      "openapi-typescript-corpus.ts",
      { corpusDir: corpus.dir, outDir },
      { cwd: REPO_ROOT, timeoutMs: RUN_TIMEOUT_MS, signal: context.signal, measurePeakRss: true },
    );
    if (output.documents !== corpus.endpointIds.length) throw new Error(`openapi-typescript saw ${output.documents} documents, not ${corpus.endpointIds.length}`);
    return { wallMs: result.wallMs, peakRssBytes: result.peakRssBytes ?? Number.NaN };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

function summarize(rounds: FalgenRound[], peer: PeerRun[]): BenchmarkResult {
  const medianOf = (step: FalgenStep, key: "wallMs" | "peakRssBytes") => median(rounds.map((round) => round[step][key]));
  const fullMs = medianOf("full", "wallMs");
  const warnings: string[] = [];
  for (const [index, round] of rounds.entries()) {
    if (round.full.endpoints !== CORPUS_SIZE || round.full.exitCode !== 0) warnings.push(`run ${index + 1}: the full run generated ${round.full.endpoints} endpoints (exit ${round.full.exitCode}), not ${CORPUS_SIZE}`);
    if (round.full.cached > 0) warnings.push(`run ${index + 1}: the full run took ${round.full.cached} endpoints from a cache, so it was not a cold run`);
    if (round.regeneration.exitCode !== 0) warnings.push(`run ${index + 1}: the regeneration exited ${round.regeneration.exitCode}`);
    if (round.regeneration.written === 0) warnings.push(`run ${index + 1}: the regeneration wrote no file, so the edit changed nothing`);
    if (round.check.exitCode !== 0) warnings.push(`run ${index + 1}: --check right after generating exited ${round.check.exitCode} (it found differences)`);
  }
  return {
    rows: [
      {
        what: `generation of ${CORPUS_LABEL} endpoints (falgen: types + clients + docs; peer: openapi-typescript, types): time`,
        unit: "ms",
        falgen: fullMs,
        peer: median(peer.map((run) => run.wallMs)),
        // Issue 14: types, clients and docs in at most 0.6 of the time the peer takes for types alone.
        goal: { kind: "ratio", limit: 0.6 },
      },
      {
        what: `generation of ${CORPUS_LABEL} endpoints: peak RSS`,
        unit: "bytes",
        falgen: medianOf("full", "peakRssBytes"),
        peer: median(peer.map((run) => run.peakRssBytes)),
        // "Bounded" read as: no worse than twice what the types-only peer needs.
        goal: { kind: "ratio", limit: 2 },
      },
      { what: `regeneration after one spec of ${CORPUS_LABEL} changed`, unit: "ms", falgen: medianOf("regeneration", "wallMs"), peer: fullMs, peerLabel: "falgen full run", goal: { kind: "ratio", limit: 0.1 } },
      { what: "--check, nothing changed", unit: "ms", falgen: medianOf("check", "wallMs"), peer: fullMs, peerLabel: "falgen full run", goal: { kind: "ratio", limit: 0.1 } },
    ],
    details: [stageTable(rounds, peer)],
    warnings,
  };
}

function stageTable(rounds: FalgenRound[], peer: PeerRun[]): DetailTable {
  const steps: [FalgenStep, string][] = [
    ["full", "falgen full run"],
    ["regeneration", "falgen, one spec changed"],
    ["check", "falgen --check"],
  ];
  const stages = [...new Set(rounds.flatMap((round) => steps.flatMap(([step]) => Object.keys(round[step].stages))))];
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(0)} MB`;
  return {
    title: "Generation, medians: wall time and peak RSS of the process, and the falgen CLI's own stage timings",
    columns: ["run", "wall", "peak RSS", "from cache", "files written", ...stages],
    rows: [
      ...steps.map(([step, label]) => [
        label,
        ms(median(rounds.map((round) => round[step].wallMs))),
        mb(median(rounds.map((round) => round[step].peakRssBytes))),
        median(rounds.map((round) => round[step].cached)),
        step === "check" ? "—" : median(rounds.map((round) => round[step].written ?? Number.NaN)),
        ...stages.map((stage) => {
          const values = rounds.map((round) => round[step].stages[stage]).filter((value) => value !== undefined);
          return values.length > 0 ? ms(median(values)) : "—";
        }),
      ]),
      ["falgen --help (start-up only)", ms(median(rounds.map((round) => round.startupMs))), "—", "—", "—", ...stages.map(() => "—")],
      ["openapi-typescript", ms(median(peer.map((run) => run.wallMs))), mb(median(peer.map((run) => run.peakRssBytes))), "—", "—", ...stages.map(() => "—")],
    ],
  };
}
