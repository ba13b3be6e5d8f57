import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Benchmark, BenchmarkContext } from "./benchmark.js";
import { NODE_APP_FLOOR, NODE_APPS } from "./consumer-apps.js";
import { assertSucceeded, median, runProcess } from "./measure.js";
import { TSC, TSC_PRECISE, TYPESCRIPT_LIB } from "./paths.js";
import type { BenchmarkResult } from "./report.js";

/**
 * A strict Node project. skipLibCheck is on, as in most projects; it favours the peer, whose
 * 1.9 MB endpoint types are then loaded and bound but not checked in full.
 */
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
  files: ["app.ts"],
};

/** The figures of `tsc --extendedDiagnostics` this benchmark uses. */
interface TscFigures {
  totalMs: number;
  /** Reading, parsing and resolving the program's files (tsc's "Program time"). */
  programMs: number;
  bindMs: number;
  checkMs: number;
  memoryBytes: number;
  files: number;
  /** Lines of .d.ts files other than the standard library's. */
  definitionLines: number;
  types: number;
  /** Of the tsc process, from GNU time. */
  peakRssBytes: number;
}

type Project = "empty" | "floor" | "minimal" | "falgen" | "peer";

/**
 * A type-check takes about a second and its total time varies by ±100 ms from one process to the
 * next, while falgen's added time is tens of ms: 10 samples per run (30 at the default 3 runs),
 * with times at full precision (tsc-precise.cjs; tsc prints them in steps of 10 ms), keep the
 * median's noise below the differences between the projects.
 */
const SAMPLES_PER_RUN = 10;

/**
 * Consumer type-check: `tsc --extendedDiagnostics` of the same one-call program on each package,
 * in a fresh process per run; what each package adds is its figure minus the empty project's.
 */
export const typecheckBenchmark: Benchmark = {
  name: "typecheck",
  timeBoxMs: (runs) => 600_000 + runs * SAMPLES_PER_RUN * 40_000,
  async run(context) {
    const projects = await context.consumerProjects();
    const dirs: Record<Project, string> = {
      empty: projects.emptyDir,
      floor: projects.floorDir,
      minimal: projects.minimalPackageDir,
      falgen: projects.falgenDir,
      peer: projects.peerDir,
    };
    const sources: Record<Project, string> = { empty: "", floor: NODE_APP_FLOOR, minimal: NODE_APPS.falgen, ...NODE_APPS };
    for (const project of Object.keys(dirs) as Project[]) {
      await writeFile(path.join(dirs[project], "app.ts"), `${sources[project]}\n`);
      await writeFile(path.join(dirs[project], "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    }
    const figures: Record<Project, TscFigures[]> = { empty: [], floor: [], minimal: [], falgen: [], peer: [] };
    const order: Project[] = ["empty", "floor", "minimal", "falgen", "peer"];
    const runs = context.runs * SAMPLES_PER_RUN;
    for (let run = 0; run < runs; run++) {
      // Rotate the order so a noisy moment of the machine does not always hit the same project.
      for (const project of [...order.slice(run % order.length), ...order.slice(0, run % order.length)]) {
        context.progress(`typecheck: run ${run + 1}/${runs}, ${project}`);
        figures[project].push(await typecheck(dirs[project], context, false));
      }
    }
    const retained: Record<Project, number[]> = { empty: [], floor: [], minimal: [], falgen: [], peer: [] };
    // Memory from runs of their own: single-threaded, a run's figure is the same every time (see
    // typecheck), so one per run is enough and it replaces the noisy figures of the timed runs.
    for (let run = 0; run < context.runs; run++) {
      for (const project of order) {
        context.progress(`typecheck: memory run ${run + 1}/${context.runs}, ${project}`);
        const { memoryBytes } = await typecheck(dirs[project], context, true);
        retained[project].push(memoryBytes);
      }
    }
    return summarize(figures, retained);
  },
};

/**
 * One `tsc --extendedDiagnostics` of the project in `dir`. Timed runs go through tsc-precise.cjs,
 * which runs the same tsc (TypeScript's `executeCommandLine`, as bin/tsc) and adds its phase times
 * at full precision; memory runs are bin/tsc itself. With gc exposed, tsc collects before it
 * reads the heap, so "Memory used" is what the program retains rather than wherever the collector
 * happened to be. That still varies by about ±200 kB from run to run, as V8's background threads
 * compile and optimise tsc's own functions at their own pace and compiled code is on the heap too:
 * `singleThreaded` runs V8 with `--single-threaded`, which makes the figure the same to the kilobyte
 * on every run (its times are not the usual ones, so only its memory is used).
 */
async function typecheck(dir: string, context: BenchmarkContext, singleThreaded: boolean): Promise<TscFigures> {
  const v8Flags = singleThreaded ? ["--expose-gc", "--single-threaded"] : ["--expose-gc"];
  const tsc = singleThreaded ? [TSC] : [TSC_PRECISE, TYPESCRIPT_LIB];
  const result = await runProcess(process.execPath, [...v8Flags, ...tsc, "-p", "tsconfig.json", "--extendedDiagnostics"], {
    cwd: dir,
    timeoutMs: 120_000,
    signal: context.signal,
    measurePeakRss: true,
  });
  // A program with type errors would not be the comparison we mean: insist it compiles.
  assertSucceeded(result, `tsc in ${dir}`);
  return { ...parseDiagnostics(result.stdout, !singleThreaded), peakRssBytes: result.peakRssBytes ?? Number.NaN };
}

function parseDiagnostics(stdout: string, precise: boolean): Omit<TscFigures, "peakRssBytes"> {
  const field = (name: string): string => {
    const match = new RegExp(`^${name}:\\s+(\\S+)$`, "m").exec(stdout);
    if (!match) throw new Error(`tsc --extendedDiagnostics printed no "${name}":\n${stdout}`);
    return match[1]!;
  };
  const seconds = (name: string) => Number(field(name).replace(/s$/, "")) * 1000;
  // tsc's Total time is Program + Bind + Check + Emit, the same sum at full precision.
  const times = precise
    ? (JSON.parse(field("Precise times \\(ms\\)")) as { program: number; bind: number; check: number; emit: number })
    : { program: seconds("Program time"), bind: seconds("Bind time"), check: seconds("Check time"), emit: seconds("Emit time") };
  return {
    totalMs: times.program + times.bind + times.check + times.emit,
    programMs: times.program,
    bindMs: times.bind,
    checkMs: times.check,
    memoryBytes: Number(field("Memory used").replace(/K$/, "")) * 1024,
    files: Number(field("Files")),
    definitionLines: Number(field("Lines of Definitions")),
    types: Number(field("Types")),
  };
}

/** `figures` from the timed runs, `retained` the memory of the single-threaded ones (per project, per run). */
function summarize(figures: Record<Project, TscFigures[]>, retained: Record<Project, number[]>): BenchmarkResult {
  for (const project of Object.keys(figures) as Project[]) {
    figures[project].forEach((figure, run) => (figure.memoryBytes = retained[project][run % retained[project].length]!));
  }
  const medianOf = (project: Project, key: keyof TscFigures) => median(figures[project].map((figure) => figure[key]));
  // Each run's figure minus the empty project's from the same run (they ran seconds apart), then
  // the median: slow swings in the machine's load cancel out.
  const added = (project: Exclude<Project, "empty">, key: "totalMs" | "memoryBytes") =>
    median(figures[project].map((figure, run) => figure[key] - figures.empty[run]![key]));
  return {
    rows: [
      // Issue 14 raised both goals from 0.1x to 0.05x.
      { what: "consumer type-check: time above empty project", unit: "ms", falgen: added("falgen", "totalMs"), peer: added("peer", "totalMs"), goal: { kind: "ratio", limit: 0.05 } },
      { what: "consumer type-check: memory above empty project", unit: "bytes", falgen: added("falgen", "memoryBytes"), peer: added("peer", "memoryBytes"), goal: { kind: "ratio", limit: 0.05 } },
      // No goal: the least any package could add, for reading the two rows above.
      { what: "the same program with its declarations inline (the floor): time above empty project", unit: "ms", falgen: added("floor", "totalMs"), peer: added("peer", "totalMs") },
      { what: "the same program with its declarations inline (the floor): memory above empty project", unit: "bytes", falgen: added("floor", "memoryBytes"), peer: added("peer", "memoryBytes") },
      // No goal either: the floor's declarations imported from a package of a few lines (MINIMAL_PACKAGE).
      { what: "the floor's declarations as a minimal package: time above empty project", unit: "ms", falgen: added("minimal", "totalMs"), peer: added("peer", "totalMs") },
      { what: "the floor's declarations as a minimal package: memory above empty project", unit: "bytes", falgen: added("minimal", "memoryBytes"), peer: added("peer", "memoryBytes") },
    ],
    details: [
      {
        title: `Consumer type-check, tsc --extendedDiagnostics (medians of ${figures.empty.length} runs; the empty project is the baseline)`,
        columns: ["project", "total time", "program (read, parse, resolve)", "bind", "check", "memory used", "peak RSS", "files", "lines of .d.ts", "types"],
        rows: (["empty", "floor", "minimal", "falgen", "peer"] as const).map((project) => [
          project,
          ...(["totalMs", "programMs", "bindMs", "checkMs"] as const).map((key) => `${medianOf(project, key).toFixed(0)} ms`),
          ...(["memoryBytes", "peakRssBytes"] as const).map((key) => `${(medianOf(project, key) / 1024 / 1024).toFixed(1)} MB`),
          medianOf(project, "files"),
          medianOf(project, "definitionLines"),
          medianOf(project, "types"),
        ]),
      },
    ],
  };
}
