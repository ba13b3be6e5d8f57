import { parseArgs, type ParseArgsConfig } from "node:util";
import { loadConfig, type FalgenConfig } from "../config.js";
import { InputError, refusedByFileSystem, SpecError, SpecErrors } from "../errors.js";
import { printError, printOut } from "../shared/print.js";

/** Exit codes of every falgen command. */
export const EXIT = {
  ok: 0,
  /** Findings: stale output, changed documents, failed specs. */
  findings: 1,
  /** Usage or input error: unknown flag, missing folder, unknown endpoint. */
  usage: 2,
} as const;

/** A command line that does not fit the command's usage. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** A command's words: its usage text, its options and how many positionals it takes. */
export interface CommandLine<O extends Options> {
  name: string;
  usage: string;
  options: O;
  /** What the positionals are called in messages (`<endpoint id>`); absent: the command takes none. */
  positionals?: { name: string; min: number };
}

type Values<O extends Options> = { [K in keyof O]: O[K] extends { type: "boolean" } ? boolean | undefined : O[K] extends { multiple: true } ? string[] | undefined : string | undefined };

/**
 * Parses argv with node:util's parseArgs (strict: an unknown flag is a UsageError), handling
 * `--help`. Returns undefined when help was printed.
 */
function parseCommandLine<O extends Options>(command: CommandLine<O>, argv: string[]): { values: Values<O>; positionals: string[] } | undefined {
  const parsed = parseArguments({ args: argv, allowPositionals: true, strict: true, options: { ...command.options, help: { type: "boolean", short: "h" } } as Options });
  if (parsed.values.help) {
    printOut(command.usage);
    return undefined;
  }
  const { positionals } = parsed;
  if (!command.positionals && positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (command.positionals && positionals.length < command.positionals.min) throw new UsageError(`missing ${command.positionals.name}`);
  return { values: parsed.values as Values<O>, positionals };
}

/**
 * node:util's parseArgs, with what it refuses as a UsageError of one line, and a negative number
 * after an option that takes a value taken as that value (`--port -1` is `--port=-1`, which the
 * option's own check then judges): parseArgs alone calls it "ambiguous".
 */
export function parseArguments<T extends ParseArgsConfig>(config: T & { args: string[] }): ReturnType<typeof parseArgs<T>> {
  const options = config.options ?? {};
  const args: string[] = [];
  for (let index = 0; index < config.args.length; index++) {
    const arg = config.args[index]!;
    const next = config.args[index + 1];
    if (arg === "--") {
      args.push(...config.args.slice(index));
      break;
    }
    const name = /^--([^=]+)$/.exec(arg)?.[1];
    if (name !== undefined && options[name]?.type === "string" && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      args.push(`${arg}=${next}`);
      index++;
    } else args.push(arg);
  }
  try {
    return parseArgs({ ...config, args } as T);
  } catch (error) {
    throw new UsageError(parseProblem(error as Error & { code?: string }, args));
  }
}

/** parseArgs' messages, shortened to what the user typed, on one line. */
function parseProblem(error: Error & { code?: string }, args: string[]): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1];
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option ?? error.message}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (/argument missing/.test(error.message)) return `option ${option ?? ""} needs a value`;
      if (/argument is ambiguous/.test(error.message) && option !== undefined) {
        const next = args[args.indexOf(option) + 1];
        return `option ${option} needs a value, but is followed by the option ${JSON.stringify(next)}; a value that starts with "-" is written ${option}=-value`;
      }
      return error.message.split("\n")[0]!;
    default:
      return error.message.split("\n")[0]!;
  }
}

/** What a command's body is given: its parsed flags and positionals, and the project's config (`--config`, else falgen.config.*). */
export interface CommandInput<O extends Options> {
  values: Values<O>;
  positionals: string[];
  config: FalgenConfig;
}

/**
 * Runs a command: parses argv (`--help` prints the usage and exits 0), loads the config, runs the
 * body, and turns what it throws into one line per problem and an exit code: usage and input
 * errors exit 2, as does a file system that refuses a write (`refusedByFileSystem`), spec errors
 * (file, line, JSON pointer) exit 1 (a command that `writesSpecs` says nothing was written: it
 * writes all or nothing). Anything else is a falgen bug: its message, and
 * the stack only with FALGEN_DEBUG=1.
 */
export async function runCommand<O extends Options>(
  command: CommandLine<O> & { writesSpecs?: boolean },
  argv: string[],
  body: (input: CommandInput<O>) => Promise<number>,
): Promise<number> {
  const run = async () => {
    const parsed = parseCommandLine(command, argv);
    if (!parsed) return EXIT.ok;
    const { config } = await loadConfig({ file: (parsed.values as { config?: string }).config });
    return body({ ...parsed, config });
  };
  // What a failure says may come from the user's code (a config file that throws), a server or a spec.
  const say = printError;
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError) {
      say(`falgen ${command.name}: ${error.message}\nRun "falgen ${command.name} --help" for its usage.`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      say(`falgen ${command.name}: ${error.message}`);
      return EXIT.usage;
    }
    const specErrors = error instanceof SpecErrors ? error.errors : error instanceof SpecError ? [error] : undefined;
    if (specErrors) {
      for (const each of specErrors) say(`error: ${each.message}`);
      if (command.writesSpecs) say(`falgen ${command.name}: nothing was written.`);
      return EXIT.findings;
    }
    const refused = refusedByFileSystem(error);
    if (refused) {
      say(`falgen ${command.name}: ${refused}`);
      return EXIT.usage;
    }
    say(`falgen ${command.name}: unexpected error (a falgen bug): ${(error as Error).message ?? String(error)}`);
    if (process.env.FALGEN_DEBUG === "1") say(String((error as Error).stack));
    return EXIT.findings;
  }
}

