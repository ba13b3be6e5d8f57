import { add } from "../add/add.js";
import { printWrittenSpecs } from "../spec-files/spec-cli.js";
import { EXIT, runCommand } from "./command-line.js";
import { GENERATE_FLAGS_HELP, GENERATE_OPTIONS, generateOptions, runGenerate } from "./generate.js";

const COMMAND = {
  name: "add",
  writesSpecs: true,
  options: { ...GENERATE_OPTIONS, from: { type: "string" }, "no-generate": { type: "boolean" } },
  positionals: { name: "<endpoint id> (e.g. fal-ai/flux/dev)", min: 1 },
  usage: `Usage: falgen add <endpoint id>... [options]

Fetches each endpoint's queue OpenAPI document from fal
(https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=<id>), writes it as
<specs>/<endpoint id>.yaml, or over the endpoint's existing spec in place (a .json stays JSON),
all or nothing, then regenerates the package. A document that describes another endpoint than
the one asked for is refused.

  --from URL               where the documents are served (default: https://fal.ai), e.g. the simulator's URL
  --no-generate            write the specs only
${GENERATE_FLAGS_HELP}

Exit: 0 done, 1 a document was refused or a spec failed, 2 usage or input error (e.g. an unknown endpoint).`,
} as const;

/** `falgen add`: fetch, write the specs, regenerate. */
export function addCommand(argv: string[]): Promise<number> {
  return runCommand(COMMAND, argv, async ({ values, positionals, config }) => {
    const options = generateOptions(values, config);
    const written = await add({ endpointIds: positionals, specsDir: options.specsDir, ...(values.from !== undefined ? { from: values.from } : {}) });
    printWrittenSpecs(COMMAND.name, written);
    if (values["no-generate"]) return EXIT.ok;
    return runGenerate(options, { check: false, quiet: values.quiet ?? false });
  });
}
