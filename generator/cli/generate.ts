import { hostname } from "node:os";
import type { FalgenConfig } from "../config.js";
import { packageNameProblem, packageVersionProblem } from "../emit/package-info.js";
import { endpointIdOfDoc } from "../naming.js";
import { generate, type GenerateOptions, type GenerateReport } from "../pipeline.js";
import { printError, printOut } from "../shared/print.js";
import { holderIsGone, LockLostError, STALE_LOCK_MS, type LockHolder } from "../write/output-lock.js";
import { EXIT, runCommand, UsageError } from "./command-line.js";

/** The flags every command that reads the project's config shares. */
export const CONFIG_OPTIONS = {
  config: { type: "string" },
  specs: { type: "string" },
} as const;

/** The flags of `falgen generate` (add and update regenerate with them too). */
export const GENERATE_OPTIONS = {
  ...CONFIG_OPTIONS,
  out: { type: "string" },
  name: { type: "string" },
  "package-version": { type: "string" },
  endpoints: { type: "string", multiple: true },
  "keep-going": { type: "boolean" },
  "no-cache": { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

export const GENERATE_FLAGS_HELP = `  --specs DIR              the specs folder (default: specs)
  --out DIR                where the package is written (default: generated)
  --name PKG               the package's npm name (default: @falgen/models), e.g. @acme/fal
  --package-version V      the package's version (default: 0.1.0)
  --endpoints GLOB         generate only endpoints whose id matches (repeatable), e.g. "fal-ai/flux/**"
  --keep-going             generate every valid spec, report each broken one, exit 1; an
                           endpoint whose spec broke keeps its last good output (stale)
  --no-cache               regenerate every endpoint (default: reuse unchanged ones from node_modules/.cache/falgen)
  --quiet                  print errors only
  --config FILE            the config file (default: falgen.config.{ts,mts,mjs,js,json} in this folder)`;

const COMMAND = {
  name: "generate",
  options: { ...GENERATE_OPTIONS, check: { type: "boolean" } },
  usage: `Usage: falgen generate [options]

Generates the typed package from the specs: a module per endpoint, its docs, and the runtime.
Flags override the config file (falgen.config.ts: specs, out, name, version, endpoints).

  --check                  write nothing; exit 1 listing each stale, missing or extra file
                           (extra: no longer generated, or not falgen's but inside src/ or docs/;
                           leftover: a temporary file of an interrupted run, which generate removes)
${GENERATE_FLAGS_HELP}

Runs into one output folder take turns (its lock, .falgen-lock/, is there while one writes or
compares): a run that finds the folder in use says which run holds it and waits; a killed run's
lock expires within 10 s.

Exit: 0 done (or current with --check), 1 a spec failed or the output is stale, 2 usage or input error.`,
} as const;

type GenerateFlags = { [K in keyof typeof GENERATE_OPTIONS]?: (typeof GENERATE_OPTIONS)[K] extends { type: "boolean" } ? boolean : (typeof GENERATE_OPTIONS)[K] extends { multiple: true } ? string[] : string };

/** `falgen generate`: the pipeline, its report printed. */
export function generateCommand(argv: string[]): Promise<number> {
  return runCommand(COMMAND, argv, async ({ values, config }) =>
    runGenerate(generateOptions(values, config), { check: values.check ?? false, quiet: values.quiet ?? false }),
  );
}

/** The specs folder: the flag, else the config's, else `specs`. */
export function specsFolder(flags: { specs?: string | undefined }, config: FalgenConfig): string {
  return flags.specs ?? config.specs ?? "specs";
}

/** The pipeline's options from the flags, then the config, then the defaults. */
export function generateOptions(flags: GenerateFlags, config: FalgenConfig): GenerateOptions {
  const name = flags.name ?? config.name;
  const version = flags["package-version"] ?? config.version;
  const problem = (flags.name !== undefined && packageNameProblem(flags.name)) || (flags["package-version"] !== undefined && packageVersionProblem(flags["package-version"]));
  if (problem) throw new UsageError(problem);
  const endpoints = flags.endpoints ?? config.endpoints;
  return {
    specsDir: specsFolder(flags, config),
    outDir: flags.out ?? config.out ?? "generated",
    ...(name !== undefined ? { name } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(endpoints !== undefined ? { endpoints } : {}),
    keepGoing: flags["keep-going"] ?? false,
    ...(flags["no-cache"] ? { cacheDir: false as const } : {}),
  };
}

/** Runs the pipeline and prints its report; returns the exit code. Ctrl-C and SIGTERM stop it (see {@link interruptible}). */
export async function runGenerate(options: GenerateOptions, { check, quiet }: { check: boolean; quiet: boolean }): Promise<number> {
  return interruptible(options.outDir, check, async (signal) => {
    const onWait = quiet ? undefined : (holder: LockHolder | undefined) => printError(waitNotice(options.outDir, holder));
    let report: GenerateReport;
    try {
      report = await generate({ ...options, check, signal, ...(onWait ? { onWait } : {}) });
    } catch (error) {
      if (!(error instanceof LockLostError)) throw error;
      printError(`falgen: ${error.message}.`);
      return EXIT.findings;
    }
    printReport(report, { check, quiet, out: options.outDir });
    return report.ok ? EXIT.ok : EXIT.findings;
  });
}

/** The one line a run prints when another holds the output folder's lock, before it waits for it. */
export function waitNotice(out: string, holder: LockHolder | undefined): string {
  const wait = "waiting for it to finish (Ctrl-C stops waiting)";
  if (!holder) return `falgen: ${out}/ is in use by another falgen run; ${wait}.`;
  const what = holder.checking ? "checking" : "writing";
  const since = `${holder.since.slice(0, 19).replace("T", " ")} UTC`;
  if (holderIsGone(holder)) {
    return `falgen: ${out}/ is locked by a falgen run that no longer runs (pid ${holder.pid}, ${what} it since ${since}; killed?); its lock expires within ${STALE_LOCK_MS / 1000} s of its last refresh, then this run goes on.`;
  }
  const host = holder.hostname === hostname() ? "" : ` on ${holder.hostname}`;
  return `falgen: ${out}/ is in use by another falgen run (pid ${holder.pid}${host}, ${what} it since ${since}); ${wait}.`;
}

/** The exit code of a run stopped by a signal: 128 + the signal's number, as shells report one. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT;

/**
 * Runs `run` with SIGINT (Ctrl-C) and SIGTERM turned into an abort of the signal it is given, so
 * the pipeline undoes what it wrote instead of dying with its temporary files in the package; then
 * says in one line that the run was interrupted and what state `out` is in, and returns 130 or
 * 143. A second signal quits at once (a temporary file may then stay behind: the next run removes it).
 */
async function interruptible(out: string, check: boolean, run: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const onSignal = (signal: StopSignal) => {
    if (received) process.exit(SIGNAL_EXIT[received]);
    received = signal;
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    let code: number;
    try {
      code = await run(controller.signal);
    } catch (error) {
      if (received === undefined || error !== controller.signal.reason) throw error;
      const state = check ? "nothing was written" : `${out}/ is as it was: this run left nothing of its own in it (it removed what it had written, if anything); run \`falgen generate\` again`;
      printError(`falgen: interrupted by ${received}; ${state}.`);
      return SIGNAL_EXIT[received];
    }
    // A signal that came while the new files replaced the old (no pause there) is handled here.
    await new Promise(setImmediate);
    if (received === undefined) return code;
    printError(`falgen: interrupted by ${received}, but only after the run ${check ? "finished" : `wrote ${out}/ in full`}.`);
    return SIGNAL_EXIT[received];
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Why a file falgen did not write, among the files it did, is a finding. */
const UNLISTED = "not written by falgen, but inside what the package publishes; falgen leaves it to you to remove";

/** What a temporary file an interrupted run left is, and what to do. */
const LEFTOVER = "a temporary file of an interrupted falgen run; `falgen generate` removes it";

/** The one place a run's report is printed: errors and findings on stderr, the summary on stdout. */
function printReport(report: GenerateReport, { check, quiet, out }: { check: boolean; quiet: boolean; out: string }): void {
  if (!quiet) for (const warning of report.warnings) printError(`warning: ${warning.message}`);
  for (const error of report.errors) printError(`error: ${error.message}`);
  // Endpoints whose spec fails, with their last good output in the package: kept by this run
  // (--keep-going), or there still, stale.
  const keptNow = !check && report.files > 0;
  for (const { endpointId, error } of report.kept) {
    printError(keptNow ? `falgen: kept the last good output of ${endpointId}; its spec fails: ${error.message}` : `falgen: ${out}/ holds the last good output of ${endpointId}, stale: its spec fails: ${error.message}`);
  }
  if (report.errors.length > 0 && report.files === 0) {
    printError(`falgen: ${report.errors.length} spec(s) failed; ${out}/ was ${check ? "not compared (`--check --keep-going` compares the rest)" : "left unchanged"}.`);
    return;
  }
  if (check && report.diff) {
    const { stale, missing, extra, unlisted, leftovers } = report.diff;
    for (const file of stale) printError(`stale:   ${out}/${file}`);
    for (const file of missing) printError(`missing: ${out}/${file}`);
    for (const file of extra) printError(`extra:   ${out}/${file}`);
    for (const file of unlisted) printError(`extra:   ${out}/${file} (${UNLISTED})`);
    for (const file of leftovers) printError(`leftover: ${out}/${file} (${LEFTOVER})`);
    if (report.patch) printError(report.patch);
    if (stale.length + missing.length + extra.length + leftovers.length > 0) printError(`falgen: ${out}/ is not current with the specs; run \`falgen generate\`.`);
    else if (unlisted.length > 0) printError(`falgen: ${out}/ holds files falgen did not write; remove them.`);
  } else if (report.diff) {
    for (const file of report.diff.unlisted) printError(`warning: ${out}/${file}: ${UNLISTED}`);
  }
  if (quiet) return;
  const timings = report.timings.map(({ stage, ms }) => `${stage} ${ms.toFixed(0)} ms`).join(", ");
  const cached = report.cached > 0 ? `, ${report.cached} unchanged from cache` : "";
  const { stale = [], missing = [], extra = [], leftovers = [] } = report.diff ?? {};
  const cleaned = leftovers.length > 0 ? ` (and ${leftovers.length} temporary file(s) an interrupted run left)` : "";
  const outcome = check ? (report.ok ? "current" : "checked") : `${stale.length + missing.length} written, ${extra.length} removed${cleaned}`;
  const kept = report.kept.length > 0 ? ` (and ${report.kept.length} kept as ${check ? "it is" : "it was"})` : "";
  printOut(`falgen: ${report.endpoints.length} endpoints${kept}${cached}, ${report.files} files, ${outcome} (${out}/) [${timings}]`);
  if (report.errors.length > 0) {
    // --keep-going: endpoints whose spec broke keep their last good output; a broken spec that
    // made none is left out; and the summary names any endpoint the package no longer has.
    const keptIds = report.kept.map(({ endpointId }) => endpointId);
    const leftOut = report.errors.length - keptIds.length;
    const parts = [
      ...(keptIds.length > 0 ? [`the last good output of ${keptIds.join(", ")} kept, stale until ${keptIds.length === 1 ? "its spec loads" : "their specs load"} again (\`falgen generate --check\` fails until then)`] : []),
      ...(leftOut > 0 ? [`${leftOut} left out of the package`] : []),
    ];
    const gone = extra.flatMap((file) => endpointIdOfDoc(file) ?? []);
    const removed = gone.length > 0 ? `; the package no longer has ${gone.join(", ")}: their files were removed` : "";
    printError(`falgen: ${report.errors.length} spec(s) failed: ${parts.join("; ")}${removed}.`);
  }
}
