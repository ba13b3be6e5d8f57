#!/usr/bin/env node
import { parseArgs } from "node:util";
import { OutputFolderError } from "./errors.js";
import { generate, type GenerateReport } from "./pipeline.js";

const USAGE = `Usage: falgen [generate] [--specs DIR] [--out DIR] [--check] [--keep-going] [--quiet]

  --specs DIR     where the OpenAPI specs are (default: specs)
  --out DIR       where the package is written (default: generated)
  --check         write nothing; exit 1 listing each stale, missing or extra file
  --keep-going    generate every valid spec, report each broken one, exit 1
  --no-cache      regenerate every endpoint (default: reuse unchanged ones from node_modules/.cache/falgen)
  --quiet         print errors only

       falgen run <endpoint id> [--<field> value ...]   call an endpoint (falgen run --help)`;

async function main(argv: string[]): Promise<number> {
  // `falgen run` parses its own flags (an endpoint's fields), so it is dispatched before the others.
  if (argv[0] === "run") return (await import("./run-command/run-command.js")).runCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        specs: { type: "string", default: "specs" },
        out: { type: "string", default: "generated" },
        check: { type: "boolean", default: false },
        "keep-going": { type: "boolean", default: false },
        "no-cache": { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`falgen: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1 || (positionals[0] !== undefined && positionals[0] !== "generate")) {
    console.error(`falgen: unknown command ${JSON.stringify(positionals.join(" "))}\n\n${USAGE}`);
    return 2;
  }
  let report;
  try {
    report = await generate({
      specsDir: values.specs,
      outDir: values.out,
      check: values.check,
      keepGoing: values["keep-going"],
      ...(values["no-cache"] ? { cacheDir: false as const } : {}),
    });
  } catch (error) {
    if (!(error instanceof OutputFolderError)) throw error;
    console.error(`falgen: ${error.message}`);
    return 2;
  }
  printReport(report, { check: values.check, quiet: values.quiet, out: values.out });
  return report.ok ? 0 : 1;
}

function printReport(report: GenerateReport, { check, quiet, out }: { check: boolean; quiet: boolean; out: string }): void {
  for (const error of report.errors) console.error(`error: ${error.message}`);
  if (report.errors.length > 0 && report.files === 0) {
    console.error(`falgen: ${report.errors.length} spec(s) failed; ${out}/ was left unchanged.`);
    return;
  }
  if (check && report.diff) {
    const { stale, missing, extra } = report.diff;
    for (const file of stale) console.error(`stale:   ${out}/${file}`);
    for (const file of missing) console.error(`missing: ${out}/${file}`);
    for (const file of extra) console.error(`extra:   ${out}/${file}`);
    if (report.patch) console.error(report.patch);
    if (stale.length + missing.length + extra.length > 0) console.error(`falgen: ${out}/ is not current with the specs; run \`falgen generate\`.`);
  }
  if (quiet) return;
  const timings = report.timings.map(({ stage, ms }) => `${stage} ${ms.toFixed(0)} ms`).join(", ");
  const cached = report.cached > 0 ? `, ${report.cached} unchanged from cache` : "";
  const { stale = [], missing = [], extra = [] } = report.diff ?? {};
  const outcome = check ? (report.ok ? "current" : "checked") : `${stale.length + missing.length} written, ${extra.length} removed`;
  console.log(`falgen: ${report.endpoints.length} endpoints${cached}, ${report.files} files, ${outcome} (${out}/) [${timings}]`);
  if (report.errors.length > 0) console.error(`falgen: ${report.errors.length} spec(s) failed and were skipped.`);
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
