import { printWrittenSpecs } from "../spec-files/spec-cli.js";
import type { EndpointUpdate } from "../update/update.js";
import { update } from "../update/update.js";
import { printError, printOut } from "../shared/print.js";
import { EXIT, runCommand } from "./command-line.js";
import { GENERATE_FLAGS_HELP, GENERATE_OPTIONS, generateOptions, runGenerate } from "./generate.js";

const COMMAND = {
  name: "update",
  options: { ...GENERATE_OPTIONS, from: { type: "string" }, check: { type: "boolean" }, "no-generate": { type: "boolean" } },
  usage: `Usage: falgen update [options]

Re-fetches the queue document of every spec from fal and reports, per endpoint, what changed
field by field (added, removed, type, required, enum values, defaults), marking the changes that
break callers. Writes the changed specs (each in place, in its format) and regenerates, unless
--check. A document that describes another endpoint than its spec's is refused; when a spec or a
document fails, no spec is written.

  --check                  write nothing; exit 1 on any change (a nightly CI job)
  --from URL               where the documents are served (default: https://fal.ai), e.g. the simulator's URL
  --no-generate            write the specs only
${GENERATE_FLAGS_HELP}

Exit: 0 current (or updated), 1 a change with --check or a document that failed, 2 usage or input error.`,
} as const;

/** `falgen update`: compare every spec with fal's document, report, then write and regenerate. */
export function updateCommand(argv: string[]): Promise<number> {
  return runCommand(COMMAND, argv, async ({ values, config }) => {
    const options = generateOptions(values, config);
    const check = values.check ?? false;
    const report = await update({ specsDir: options.specsDir, check, ...(values.from !== undefined ? { from: values.from } : {}) });
    for (const endpoint of report.endpoints) printEndpoint(endpoint);
    for (const error of report.errors) printError(`error: ${error.message}`);
    const changed = report.endpoints.filter((endpoint) => endpoint.changed);
    const breaking = changed.flatMap((endpoint) => endpoint.changes).filter((change) => change.breaking).length;
    const summary = `${changed.length} of ${report.endpoints.length} endpoint(s) changed, ${breaking} breaking change(s)`;
    // Failures are in the summary too: "0 of 0 changed" alone reads as all being current.
    const failedFiles = new Set(report.errors.map((error) => error.file)).size;
    const failed = failedFiles > 0 ? `; ${failedFiles} spec(s) or document(s) failed (errors above)${check ? "" : ", so no spec was written"}` : "";
    if (check) {
      printOut(`falgen update: ${summary}${failed}${changed.length > 0 ? "; run `falgen update` to take them" : ""}.`);
      return changed.length > 0 || report.errors.length > 0 ? EXIT.findings : EXIT.ok;
    }
    printOut(`falgen update: ${summary}${failed}.`);
    if (report.written.length > 0) printWrittenSpecs(COMMAND.name, report.written);
    const regenerated = report.written.length > 0 && !values["no-generate"] ? await runGenerate(options, { check: false, quiet: values.quiet ?? false }) : EXIT.ok;
    return report.errors.length > 0 ? EXIT.findings : regenerated;
  });
}

/** One endpoint's line, then one line per field change, breaking ones first and marked. */
function printEndpoint({ endpointId, file, changes, changed }: EndpointUpdate): void {
  if (!changed) {
    printOut(`${endpointId}: unchanged`, { oneLine: true });
    return;
  }
  const breaking = changes.filter((change) => change.breaking);
  const counts = changes.length === 0 ? "descriptions or examples only" : `${changes.length} change(s), ${breaking.length} breaking`;
  printOut(`${endpointId} (${file}): ${counts}`, { oneLine: true });
  for (const change of [...breaking, ...changes.filter((change) => !change.breaking)]) {
    const used = change.usedIn.length > 0 ? ` [${change.usedIn.join(", ")}]` : "";
    printOut(`  ${change.breaking ? "BREAKING" : "        "}  ${change.path}: ${change.kind}${change.detail ? ` (${change.detail})` : ""}${used}`, { oneLine: true });
  }
}
