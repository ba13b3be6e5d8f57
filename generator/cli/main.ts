/**
 * The falgen command line: one table of subcommands, each loaded only when run, so `falgen --help`
 * stays fast. generator/cli.ts runs it as the `falgen` process; tests call `main` in-process.
 */
import { createRequire } from "node:module";
import { printError, printOut } from "../shared/print.js";

/** One subcommand: what `falgen --help` says of it, and how to run it (argv after its name; resolves to the exit code). */
interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** Every subcommand, in the order `falgen --help` lists them. Add a command here. */
const COMMANDS: Record<string, Command> = {
  generate: {
    summary: "generate the typed package from the specs (--check in CI)",
    run: async (argv) => (await import("./generate.js")).generateCommand(argv),
  },
  add: {
    summary: "fetch fal's document of each endpoint into specs/, then generate",
    run: async (argv) => (await import("./add.js")).addCommand(argv),
  },
  update: {
    summary: "re-fetch every spec's document; report field changes, breaking ones marked",
    run: async (argv) => (await import("./update.js")).updateCommand(argv),
  },
  import: {
    summary: "import saved fal queue documents (files or URLs) into specs/",
    run: async (argv) => (await import("../import/cli.js")).importCommand(argv),
  },
  capture: {
    summary: "capture specs from fal model API pages saved as text",
    run: async (argv) => (await import("../capture/cli.js")).captureCommand(argv),
  },
  simulator: {
    summary: "serve a local fal queue for the specs (reloads changed specs)",
    run: async (argv) => (await import("../simulator/cli.js")).simulatorCommand(argv),
  },
  run: {
    summary: "call an endpoint: fields as flags, live progress, output files saved (falgen run <id> --help)",
    run: async (argv) => (await import("../run-command/run-command.js")).runCommand(argv),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `Usage: falgen <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`)
  .join("\n")}

Run "falgen <command> --help" for a command's options. Options are read from falgen.config.ts
(or .mjs, .json) in this folder when there is one; flags override it.
Exit codes: 0 ok, 1 findings (stale output, changed documents, failed specs), 2 usage or input error.`;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic !== undefined && COMMANDS[topic]) return COMMANDS[topic].run(["--help"]);
    (name === undefined ? printError : printOut)(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    printOut((createRequire(import.meta.url)("../../package.json") as { version: string }).version);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    printError(`falgen: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}
