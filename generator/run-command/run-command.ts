import { existsSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { text as streamText } from "node:stream/consumers";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { validationSchema } from "../emit/json-schemas.js";
import type { EndpointModel } from "../model/endpoint-model.js";
import { loadConfig } from "../config.js";
import { danglingLink, fileProblem, formatPlace, InputError, shownPath } from "../errors.js";
import { parseArguments, UsageError } from "../cli/command-line.js";
import { parseEndpointId } from "../naming.js";
import { fileInTheWay, makeFolders } from "../shared/atomic-write.js";
import { checkedBaseUrl } from "../shared/base-url.js";
import { inexactInteger, JsonSyntaxError, parseJsonText, repeatedKey } from "../shared/json-text.js";
import { abortScope, NEVER_ABORTED, runScoped, sleep } from "../runtime/internal/abort.js";
import { checkedKey } from "../runtime/internal/credentials.js";
import { REDACTED } from "../runtime/internal/redact.js";
import { printable, printError, printOut } from "../shared/print.js";
import { redactKeys } from "../shared/redact-keys.js";
import { tooDeepAt, tooDeepMessage } from "../runtime/internal/input-depth.js";
import { createFalClient, createValidator, FalApiError, FalError, FalTimeoutError, FalValidationError, type CompletedStatus, type FalClient, type FieldError, type QueueStatus } from "../runtime/index.js";
import { cancel, status, submit } from "../runtime/endpoint-calls.js";
import { fetchResult, givenRequestUrl, hasFailed } from "../runtime/internal/queue-calls.js";
import { DEFAULT_MAX_DOWNLOAD_BYTES, outputFiles, saveOutputFile } from "./downloads.js";
import { documentSource, endpointModel } from "./endpoint-spec.js";
import { decimalNumber, fieldFlags, fieldsHelp, fieldValue, FlagError, inexactMessage, inputFields, isBoolean, withFileUrls, type FieldFlag, type InputField } from "./input-flags.js";
import { setOwn } from "../shared/plain-data.js";
import { createProgress, type Progress } from "./progress.js";
import { streamProblem, writeOutput } from "../cli/output-streams.js";
import { SubmitWatch } from "./submit-watch.js";

const POLL_INTERVAL_MS = 500;
/** How long a cancel after Ctrl-C may take before falgen gives up on it. */
const CANCEL_TIMEOUT_MS = 10_000;

const OPTIONS = {
  input: { type: "string" },
  out: { type: "string", default: "." },
  config: { type: "string" },
  specs: { type: "string" },
  spec: { type: "string" },
  result: { type: "string" },
  "queue-url": { type: "string" },
  "storage-url": { type: "string" },
  from: { type: "string" },
  timeout: { type: "string" },
  "no-download": { type: "boolean", default: false },
  "max-download-bytes": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies ParseArgsConfig["options"];

const USAGE = `Usage: falgen run <endpoint id> [--<field> value ...] [--input FILE] [--out DIR]
       falgen run <endpoint id> --result <request id>
       falgen run <endpoint id> --help      the endpoint's fields, from its spec

Calls a fal endpoint: checks the input against the spec, submits it, shows its progress, prints
the output JSON on stdout and saves every output file into --out. Ctrl-C cancels the request
(once fal completed it, Ctrl-C only stops the downloads).

  --<field> value     an input field (see --help after the endpoint id): numbers, booleans
                      (--flag / --no-flag), enums, JSON for objects, a local file for *_url fields
  --input FILE        the input as a JSON object (- reads it from stdin); flags override its fields
  --out DIR           where output files are saved (default: the current directory)
  --no-download       print the output only
  --max-download-bytes N
                      the largest output file saved, in bytes, or with a K, M or G suffix
                      (KiB, MiB, GiB; default 4G): a larger one is not saved, exit 1
  --result ID         wait for a request submitted earlier and fetch its output
  --specs DIR         where the endpoint's spec is looked up (default: the config's specs, else
                      specs); else fal's document
  --config FILE       the config file (default: falgen.config.{ts,mts,mjs,js,json} in this folder)
  --spec FILE|URL     the endpoint's OpenAPI document
  --from URL          where its queue document is fetched when no spec is local (default:
                      --queue-url's host when that is not fal's queue, else https://fal.ai)
  --queue-url URL     the queue to call (default https://queue.fal.run), e.g. the simulator's
  --storage-url URL   where files are uploaded (default https://rest.fal.ai, or <queue-url>/_rest)
  --timeout MS        give up after MS milliseconds, uploads and submit included (the runtime's
                      \`timeout\`): exit 1, the request not cancelled, and --result fetches it
                      later when fal named its id (default: none)

Credentials: FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET).
Exit codes: 0 done, 1 the request failed, 2 usage or input error, 130 cancelled with Ctrl-C,
143 quit by SIGTERM (a second Ctrl-C, or SIGTERM, says where the request stands).`;

/** `falgen run`: exit code 0 done, 1 the request failed, 2 usage or input error, 130 interrupted, 143 terminated. */
export async function runCommand(argv: string[]): Promise<number> {
  const endpointId = argv[0] !== undefined && !argv[0].startsWith("-") ? argv[0] : undefined;
  if (endpointId === undefined) {
    const help = argv.includes("--help") || argv.includes("-h");
    (help ? printOut : printError)(help ? USAGE : `falgen run: which endpoint? Give its id first.\n\n${USAGE}`);
    return help ? 0 : 2;
  }
  const parts = parseEndpointId(endpointId);
  if ("invalid" in parts) return usageError(parts.invalid);
  const args = argv.slice(1);
  const where = parseArguments({ args, options: OPTIONS, strict: false, allowPositionals: true }).values;
  let specsDir = typeof where.specs === "string" ? where.specs : undefined;
  const spec = typeof where.spec === "string" ? where.spec : undefined;
  // The project's config names its specs folder as for generate and the simulator; flags win.
  try {
    const { config, file } = await loadConfig({ file: typeof where.config === "string" ? where.config : undefined });
    if (specsDir === undefined && spec === undefined && config.specs !== undefined) {
      if (!existsSync(config.specs)) return usageError(`config file ${shownPath(file!)}: its specs folder ${config.specs} does not exist`);
      specsDir = config.specs;
    }
  } catch (error) {
    if (error instanceof InputError) return usageError(error.message);
    throw error;
  }
  // Checked before the spec is looked up: a queue given elsewhere is where its document comes from too.
  let from: string | undefined;
  try {
    const queueUrl = typeof where["queue-url"] === "string" ? checkedQueueUrl(where["queue-url"]) : undefined;
    from = documentSource(typeof where.from === "string" ? checkedBaseUrl("--from", where.from, "http://127.0.0.1:4010 for the simulator") : undefined, queueUrl);
  } catch (error) {
    if (error instanceof InputError) return usageError(error.message);
    throw error;
  }
  let model: EndpointModel;
  try {
    model = await endpointModel(endpointId, { specsDir, spec, from });
  } catch (error) {
    const hint = spec === undefined ? ` (give its document with --spec FILE|URL, or where documents are served with --from URL)` : "";
    return usageError(`no spec for ${endpointId}: ${(error as Error).message}${hint}`);
  }
  const fields = inputFields(model);
  const reserved = new Set(Object.keys(OPTIONS));
  const flags = fieldFlags(fields, reserved);
  let parsed;
  try {
    parsed = parseArguments({ args, options: { ...OPTIONS, ...fieldOptions(flags) }, allowPositionals: false, tokens: true });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usageError(`${error.message} (falgen run ${endpointId} --help lists its fields)`);
  }
  const { values } = parsed;
  const repeated = repeatedOption(parsed.tokens ?? []);
  if (repeated) return usageError(repeated);
  if (values.help) {
    printOut(`Usage: falgen run ${endpointId} [--<field> value ...] [--input FILE] [--out DIR]\n\n${model.title}\n\nInput fields:\n${fieldsHelp(model, fields, reserved, process.stdout.isTTY ? process.stdout.columns : undefined)}\n\nRun \`falgen run --help\` for falgen's own options.`);
    return 0;
  }
  // Everything local is checked before anything is sent: a refusal after the submit would come
  // after a paid request.
  let client: FalClient;
  let watch: SubmitWatch;
  let timeout: number | undefined;
  let maxDownloadBytes: number;
  let input: Record<string, unknown> | undefined;
  let created: string[] = [];
  try {
    const queueUrl = values["queue-url"] === undefined ? undefined : checkedQueueUrl(values["queue-url"]);
    const storageUrl = values["storage-url"] === undefined ? undefined : checkedBaseUrl("--storage-url", values["storage-url"], "https://rest.fal.ai");
    timeout = values.timeout === undefined ? undefined : milliseconds("--timeout", values.timeout);
    maxDownloadBytes = values["max-download-bytes"] === undefined ? DEFAULT_MAX_DOWNLOAD_BYTES : byteCount("--max-download-bytes", values["max-download-bytes"]);
    checkKey();
    const queue = (queueUrl ?? "https://queue.fal.run").replace(/\/+$/, "");
    watch = new SubmitWatch(`${queue}/${endpointId}`);
    client = createFalClient({ queueUrl, storageUrl: storageUrl ?? (queueUrl === undefined ? undefined : `${queue}/_rest`), fetch: watch.fetch });
    if (values.result !== undefined) {
      checkRequestId(values.result);
      // Its input was sent with the earlier submit: one given now would be ignored without a word.
      const inputs = [...new Set((parsed.tokens ?? []).flatMap((token) => (token.kind === "option" && (token.name === "input" || flags.has(token.name)) ? [`--${token.name}`] : [])))];
      if (inputs.length > 0) throw new FlagError(`--result fetches a request submitted earlier, with the input it was sent with; ${inputs.join(", ")} would be ignored: leave ${inputs.length === 1 ? "it" : "them"} out, or drop --result to submit a new request`);
    } else input = await inputOf(model, flags, values.input, parsed.tokens ?? []);
    // Last: a folder it creates is removed again (if empty) once the run is over.
    if (!values["no-download"]) created = prepareOutFolder(values.out);
  } catch (error) {
    if (error instanceof FlagError || error instanceof InputError) return usageError(error.message);
    throw error;
  }
  try {
    return await new Run(client, watch, model, flagOfField(flags), locatingOptions(values), values.out, !values["no-download"], timeout, maxDownloadBytes).start(input, values.result);
  } finally {
    removeIfEmpty(created);
  }
}

function checkedQueueUrl(value: string): string {
  return checkedBaseUrl("--queue-url", value, "http://127.0.0.1:4010 for the simulator");
}

/**
 * A request id as fal prints them (a UUID; any visible ASCII but the URL's `/ ? # %`, not `.` or
 * `..`): it becomes a path segment of every URL asked, so one like `..` would address another route.
 */
function checkRequestId(id: string): void {
  if (!/^[!-~]+$/.test(id) || /[/?#%]/.test(id) || id === "." || id === "..") {
    throw new FlagError(`--result ${JSON.stringify(id)}: not a request id (the id printed at submit, e.g. 764cabcf-b745-4b3e-ae38-1200304cf45b)`);
  }
}

/** Why one of falgen's own options that take a value was given more than once, or undefined: parseArgs would keep the last. */
function repeatedOption(tokens: NonNullable<ReturnType<typeof parseArgs>["tokens"]>): string | undefined {
  const given = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind !== "option" || !Object.hasOwn(OPTIONS, token.name) || OPTIONS[token.name as keyof typeof OPTIONS].type !== "string") continue;
    given.set(token.name, [...(given.get(token.name) ?? []), token.value ?? ""]);
  }
  for (const [name, values] of given) if (values.length > 1) return `--${name} was given ${values.length} times (${values.map((value) => JSON.stringify(value)).join(", ")}); it takes one value`;
  return undefined;
}

/** The options that say where a request and its endpoint's spec are (these runs' --result hints repeat them), as shell words. */
const LOCATING_OPTIONS = ["config", "specs", "spec", "from", "queue-url", "storage-url"] as const;

/** ` --queue-url 'http://…'`: each locating option given, shell-quoted; "" when none was. */
function locatingOptions(values: Partial<Record<(typeof LOCATING_OPTIONS)[number], string>>): string {
  return LOCATING_OPTIONS.flatMap((name) => (values[name] === undefined ? [] : [` --${name} ${shellWord(values[name])}`])).join("");
}

/** `text` as one POSIX shell word: bare when it holds only characters no shell treats specially, else single-quoted. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

const BYTE_UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A byte count above 0 for `flag`, bare or with a K, M or G suffix (KiB, MiB, GiB; `500M`, `2GiB`); a FlagError otherwise. */
function byteCount(flag: string, value: string): number {
  const match = /^(\d+)\s*(?:([kmg])(?:i?b)?)?$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * BYTE_UNITS[(match[2] ?? "").toLowerCase()]! : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new FlagError(`${flag} must be a number of bytes above 0, e.g. 500M or 2G (K, M, G: KiB, MiB, GiB), got ${JSON.stringify(value)}`);
  return bytes;
}

/** A whole number of milliseconds above 0 for `flag`; a FlagError otherwise. */
function milliseconds(flag: string, value: string): number {
  const ms = decimalNumber(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new FlagError(`${flag} must be a whole number of milliseconds above 0, got ${JSON.stringify(value)}`);
  return ms;
}

/**
 * --out made ready before anything is sent: a refusal after the request was paid for loses it.
 * A file there (or in its way) is refused; missing folders are created one level at a time (a
 * recursive mkdir loops forever under /proc) and a file is created and removed in it, so a
 * read-only or special file system (/sys, /proc) is found now. Returns the folders it created,
 * outermost first, for `removeIfEmpty` once the run is over.
 */
function prepareOutFolder(out: string): string[] {
  const file = fileInTheWay(out);
  if (file === path.resolve(out)) throw new FlagError(`--out ${out}: a file, not a folder; name a folder for the output files`);
  if (file !== undefined) throw new FlagError(`--out ${out}: ${shownPath(file)} is a file, not a folder`);
  const target = path.resolve(out);
  let created: string[] = [];
  try {
    created = makeFolders(target);
    const probe = path.join(target, `.falgen-probe-${process.pid}`);
    writeFileSync(probe, "", { flag: "wx" });
    unlinkSync(probe);
  } catch (error) {
    removeIfEmpty(created);
    // Node's "EPERM: operation not permitted, mkdir '/sys/nope'": the reason alone; the path is said once.
    const reason = /^[A-Z]+: ([^,]+)/.exec((error as Error).message)?.[1] ?? fileProblem(error);
    const { syscall, code, path: at = target } = error as NodeJS.ErrnoException;
    const link = code === "ENOENT" ? danglingLink(at) : undefined;
    if (link) throw new FlagError(`--out ${out}: ${link}`);
    const problem = syscall === "mkdir" ? `cannot be created there${code === "ENOENT" ? "" : ` (${reason})`}` : `cannot write files in it (${reason})`;
    throw new FlagError(`--out ${out}: ${shownPath(at)}: ${problem}`);
  }
  return created;
}

/** Removes `folders` (outermost first) from the innermost out while they are empty: those a run created and saved nothing in. */
function removeIfEmpty(folders: string[]): void {
  for (const folder of [...folders].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}

/**
 * The key checked as the runtime reads and checks it before each request (FAL_KEY when set, even
 * to blanks; else FAL_KEY_ID and FAL_KEY_SECRET; control characters, non-ASCII), in the CLI's
 * words: which variable, never its value.
 */
function checkKey(): void {
  const { FAL_KEY: key, FAL_KEY_ID: id, FAL_KEY_SECRET: secret } = process.env;
  if (key !== undefined && key !== "" && key.trim() === "") throw new FlagError("FAL_KEY holds only whitespace: set it to your fal key (or unset it and set FAL_KEY_ID and FAL_KEY_SECRET)");
  if (!key) {
    if (!id?.trim() && !secret?.trim()) throw new FlagError("no credentials: set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET)");
    const blank = !id?.trim() ? "FAL_KEY_ID" : !secret?.trim() ? "FAL_KEY_SECRET" : undefined;
    if (blank) throw new FlagError(`${blank} is ${process.env[blank] ? "only whitespace" : "not set"}: set both FAL_KEY_ID and FAL_KEY_SECRET (or FAL_KEY)`);
  }
  try {
    checkedKey(undefined);
  } catch (error) {
    // "Invalid fal key: character 3 is not printable ASCII": said of the variable it came from.
    throw new FlagError(`${key ? "FAL_KEY" : "FAL_KEY_ID:FAL_KEY_SECRET"}: ${(error as Error).message.replace(/^Invalid fal key: /, "")}`);
  }
}

/** The field errors of an input refused before anything was sent: exit 2. */
function invalidInput(id: string, problems: FieldError[], flagOf: ReadonlyMap<string, string>): number {
  say(`falgen run: the input does not fit ${id}; nothing was sent:`);
  for (const line of fieldErrorLines(problems, flagOf)) say(`  ${line}`);
  return 2;
}

/** Each field's flag (its first spelling that sets it), by field name: fields only `--input` can give have none. */
function flagOfField(flags: Map<string, FieldFlag>): Map<string, string> {
  const flagOf = new Map<string, string>();
  for (const [name, { field, negated }] of flags) if (!negated && !flagOf.has(field.name)) flagOf.set(field.name, name);
  return flagOf;
}

function usageError(message: string): number {
  say(`falgen run: ${message}`);
  return 2;
}

/**
 * A line on stderr, keys redacted and safe for a terminal (see `printable`): request ids, logs and
 * messages come from the server, which may echo the key or send escape sequences, field errors
 * quote the spec, and a config file's error may hold the key.
 */
function say(text: string): void {
  printError(text);
}

/** parseArgs options for the field flags: a string (repeatable) per spelling, booleans and their --no- forms without a value. */
function fieldOptions(flags: Map<string, FieldFlag>): NonNullable<ParseArgsConfig["options"]> {
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  // Own properties, set so: `options["__proto__"] = ...` would set the prototype, not an option.
  for (const [name, { field, negated }] of flags) setOwn(options, name, negated || isBoolean(field) ? { type: "boolean" } : { type: "string", multiple: true });
  return options;
}

/**
 * The input: --input's object, then each field flag in command-line order (a later one wins); the
 * file URLs of both checked (see `withFileUrls`).
 */
async function inputOf(model: EndpointModel, flags: Map<string, FieldFlag>, inputFile: string | undefined, tokens: NonNullable<ReturnType<typeof parseArgs>["tokens"]>): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = inputFile === undefined ? {} : await readInputFile(inputFile);
  const given = new Map<InputField, (string | boolean)[]>();
  const flagOf = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const flag = flags.get(token.name);
    if (!flag) continue;
    const value = isBoolean(flag.field) ? !flag.negated : token.value ?? "";
    given.set(flag.field, [...(given.get(flag.field) ?? []), value]);
    flagOf.set(flag.field.name, `--${token.name}`);
  }
  for (const [field, values] of given) setOwn(input, field.name, await fieldValue(model, field, values));
  // An input nested past the runtime's limit is refused by its check, saying so, before any walk could overflow the stack.
  if (tooDeepAt(input) !== undefined) return input;
  for (const [name, value] of Object.entries(input)) setOwn(input, name, await withFileUrls(value, flagOf.get(name) ?? `--input ${inputName(inputFile!)}: ${name}`, name));
  return input;
}

/** `--input -` reads the input from stdin. */
const STDIN = "-";

function inputName(file: string): string {
  return file === STDIN ? "(stdin)" : file;
}

async function readInputFile(file: string): Promise<Record<string, unknown>> {
  const name = inputName(file);
  let text: string;
  try {
    text = file === STDIN ? await streamText(process.stdin) : await readFile(file, "utf8");
  } catch (error) {
    throw new FlagError(`--input: cannot read ${name} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new FlagError(`--input: ${formatPlace(name, error.line, error.column)}: not JSON: ${error.reason}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new FlagError(`--input: ${name} must hold a JSON object`);
  // JSON.parse keeps a repeated key's last value: which one was meant is the user's to say.
  const repeated = repeatedKey(text);
  if (repeated) throw new FlagError(`--input: ${formatPlace(name, repeated.line, repeated.column)}: ${JSON.stringify(repeated.key)} is given twice in ${repeated.within}; keep one`);
  const inexact = inexactInteger(text);
  if (inexact) throw new FlagError(inexactMessage(`--input: ${formatPlace(name, inexact.line, inexact.column)}`, inexact.literal, Number(inexact.literal)));
  return value as Record<string, unknown>;
}

/** One request from submit (or a given id) to its saved files; Ctrl-C cancels it on fal. */
class Run {
  private readonly controller = new AbortController();
  /** Aborted by Ctrl-C (the controller) or when --timeout elapses; the submit itself only by the timeout. */
  private signal: AbortSignal = this.controller.signal;
  /** Aborted by --timeout alone: the submit's signal (Ctrl-C waits for the request id instead). */
  private deadline: AbortSignal = NEVER_ABORTED;
  private readonly progress: Progress;
  private requestId: string | undefined;
  /** Whether this run submitted the request (so Ctrl-C cancels it), rather than waiting for one given by --result. */
  private submitted = false;
  /** Whether the spec's validator refused the input here, before anything was sent (fal's own 422 is another matter). */
  private refusedLocally = false;
  /** The request's COMPLETED status when it says the request failed (`error`, `error_type`). */
  private failure: CompletedStatus | undefined;
  /** Where the run is once fal said the request COMPLETED (nothing left to cancel): fetching its output, then saving its files. */
  private afterCompletion: "fetching its output" | "downloading its output files" | undefined;

  constructor(
    private readonly client: FalClient,
    private readonly watch: SubmitWatch,
    private readonly model: EndpointModel,
    /** The flag of each input field the spec has, by field name (fal's field errors name them). */
    private readonly flagOf: ReadonlyMap<string, string>,
    /** The options given that locate the request (--queue-url, --specs, ...), as shell words after a space each. */
    private readonly locating: string,
    private readonly outDir: string,
    private readonly download: boolean,
    /** Milliseconds for the whole run (--timeout), as the runtime's `timeout`; undefined: none. */
    private readonly timeout: number | undefined,
    /** --max-download-bytes: the largest output file saved. */
    private readonly maxDownloadBytes: number,
  ) {
    this.progress = createProgress();
  }

  async start(input: Record<string, unknown> | undefined, requestId: string | undefined): Promise<number> {
    // A second Ctrl-C, or SIGTERM, leaves at once, without waiting for the submit or the cancel,
    // saying what fal may hold.
    const quit = (code: number) => {
      this.progress.stop();
      say(`falgen run: quit${this.standing()}`);
      process.exit(code);
    };
    const interrupt = () => {
      if (this.controller.signal.aborted) quit(130);
      if (this.requestId === undefined) this.progress.line("interrupted: the request is cancelled as soon as fal has queued it (Ctrl-C again to quit now)");
      this.controller.abort();
    };
    const terminate = () => quit(143);
    process.on("SIGINT", interrupt);
    process.on("SIGTERM", terminate);
    // Ctrl-C and --timeout as one signal, as the runtime's calls combine `signal` and `timeout`.
    const scope = abortScope({ signal: this.controller.signal, timeout: this.timeout });
    const deadline = abortScope({ timeout: this.timeout });
    this.signal = scope.signal;
    this.deadline = deadline.signal;
    try {
      this.requestId = requestId ?? (await this.submit(input!));
      const received = await this.wait(this.requestId);
      this.progress.stop();
      // Printing and the file scan recurse: an output nested past the runtime's limit is reported, with its request id.
      const deep = tooDeepAt(received);
      if (deep) throw new FalError(`the output is ${tooDeepMessage(deep)}; falgen cannot show or save it`);
      // What is printed, checked and saved: a server that echoes the key into the output never gets it shown.
      const output = scrubbed(received);
      this.checkOutput(this.requestId, output);
      // A stdout that cannot be written (a closed pipe, a full disk) loses only the printing: the
      // files are still saved, and the request id says how to print the output again.
      const unprinted = await writeOutput(process.stdout, `${printable(JSON.stringify(output, null, 2))}\n`);
      if (this.download) await this.save(output);
      if (unprinted === undefined) return 0;
      say(`falgen run: could not print the output on stdout (${streamProblem(unprinted)})${this.download ? "; its files were saved" : ""}\nrequest ${this.requestId}; to print its output again: ${this.resultCommand(this.requestId)}`);
      return 1;
    } catch (error) {
      this.progress.stop();
      return await this.failed(error);
    } finally {
      scope.dispose();
      deadline.dispose();
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", terminate);
    }
  }

  /** The command that fetches `requestId`'s output later: the locating options given with it, shell-quoted (never the key: it is in the environment). */
  private resultCommand(requestId: string): string {
    return `falgen run ${shellWord(this.model.id)} --result ${shellWord(requestId)}${this.locating}`;
  }

  /** Every id known so far: the submit's answer, its headers (an answer cut off mid-body), the error's. */
  private knownRequestId(error?: unknown): string | undefined {
    return this.requestId ?? this.watch.requestId ?? (error instanceof FalError ? error.requestId : undefined);
  }

  /**
   * Where the request stands when this run stops before its end, after "quit" or "gave up ...":
   * its id when known (not cancelled; how to fetch it later), else whether fal may have queued it.
   */
  private standing(error?: unknown): string {
    const requestId = this.knownRequestId(error);
    if (requestId !== undefined && this.afterCompletion !== undefined) return ` while ${this.afterCompletion}; request ${requestId} is done on fal (${this.resultCommand(requestId)} fetches its output again)`;
    if (requestId !== undefined) return `; request ${requestId} is not cancelled and may still run on fal (${this.resultCommand(requestId)} waits again)`;
    if (this.watch.sent) return " while submitting, before fal answered with a request id: the request may still have been queued and run on fal, with no id here to fetch or cancel it by (your fal dashboard lists your requests)";
    return " before submitting: nothing was queued on fal";
  }

  private async submit(input: Record<string, unknown>): Promise<string> {
    const { id } = this.model;
    const validator = createValidator(id, validationSchema(this.model, this.model.input));
    // Not aborted by Ctrl-C: a submit cut off in flight may still queue a paid request whose id
    // nobody then has. Ctrl-C waits for the id instead, then cancels the request. --timeout does
    // cut it off (the user set a limit on the whole run); the message then says what fal may hold.
    // "submitting" is said once the input passed (the runtime checks it with its files standing in
    // as URLs, before any upload): a refused input never reads as if something was sent.
    const fieldErrors = (value: unknown) => {
      const errors = validator.fieldErrors(value);
      this.refusedLocally = errors.length > 0;
      if (errors.length === 0) this.progress.step("submitting");
      return errors;
    };
    const { requestId } = await submit(this.client, id, input, { validate: { ...validator, fieldErrors }, signal: this.timeout === undefined ? undefined : this.deadline });
    this.requestId = requestId;
    this.submitted = true;
    this.progress.line(`request ${requestId} queued; to fetch its output later: ${this.resultCommand(requestId)}`);
    this.signal.throwIfAborted();
    return requestId;
  }

  private async wait(requestId: string): Promise<unknown> {
    const { signal } = this;
    let current: QueueStatus;
    for (;;) {
      current = await status(this.client, this.model.id, requestId, { logs: true, signal });
      this.progress.status(current);
      if (current.status === "COMPLETED") break;
      await sleep(POLL_INTERVAL_MS, signal);
    }
    this.afterCompletion = "fetching its output";
    if (hasFailed(current)) this.failure = current;
    // As subscribe fetches it: a request whose status says it failed is a failure whatever its result answers.
    const url = givenRequestUrl(this.client, this.model.id, requestId);
    return (await runScoped({ signal }, requestId, (scoped) => fetchResult(this.client, url, requestId, scoped, current))).data;
  }

  /**
   * Warns, on stderr, of every place the output does not fit the spec's Output schema (the input's
   * validator, on the output): fal changed the endpoint under the spec. The output is still printed
   * and saved, as fal sent it (the request is done and paid for), and the exit code stays 0.
   */
  private checkOutput(requestId: string, output: unknown): void {
    const { id } = this.model;
    const problems = createValidator(id, validationSchema(this.model, this.model.output)).fieldErrors(output);
    if (problems.length === 0) return;
    say(`falgen run: warning: the output of request ${requestId} does not fit ${id}'s Output schema in its spec (fal may have changed the endpoint: falgen update --check lists what changed); it is printed and saved as received:`);
    for (const { loc, msg } of problems) say(`  ${["output", ...(loc[0] === "body" ? loc.slice(1) : loc)].join(".")}: ${msg}`);
  }

  private async save(output: unknown): Promise<void> {
    this.afterCompletion = "downloading its output files";
    for (const file of outputFiles(output)) {
      // The key was scrubbed from the output: fetching such a URL would send the key to its host.
      if (file.url.includes(REDACTED)) throw new FalError(`${file.name}: its URL holds your fal key, so falgen does not fetch it (that would hand the key to its host)`);
      const saved = await saveOutputFile(file, this.outDir, this.signal, this.maxDownloadBytes);
      // Not what the output names (a ZIP for an image): kept, as what it is, and said.
      if (saved.warning) say(`falgen run: warning: request ${this.requestId}: ${saved.warning}`);
      else this.progress.line(`saved ${saved.path}`);
    }
  }

  private async failed(error: unknown): Promise<number> {
    const { id } = this.model;
    if (this.requestId !== undefined && this.controller.signal.aborted) {
      // Done on fal: there is nothing to cancel, only this run's fetching stopped.
      if (this.afterCompletion !== undefined) {
        say(`falgen run: interrupted${this.standing()}`);
        return 130;
      }
      if (this.submitted) return this.cancelled(this.requestId);
      // A request submitted by an earlier run is left running: this run only waited for it.
      say(`falgen run: stopped waiting; request ${this.requestId} is not cancelled (${this.resultCommand(this.requestId)} waits again)`);
      return 130;
    }
    // The runtime's own check of the input raises the same error as fal's 422: only the one the
    // spec's validator found here was local.
    if (error instanceof FalValidationError && this.refusedLocally) return invalidInput(id, error.fieldErrors, this.flagOf);
    const requestId = this.knownRequestId(error);
    if (error instanceof FalValidationError) return this.refusedByFal(error, requestId);
    if (this.deadline.aborted || this.signal.reason instanceof FalTimeoutError) {
      say(`falgen run: gave up after --timeout ${this.timeout} ms${this.standing(error)}`);
      return 1;
    }
    if (this.failure) return this.failedOnFal(this.failure, error);
    const later = requestId === undefined ? "" : `\nrequest ${requestId}${mayPassOnRetry(error) ? `; to try its output again: ${this.resultCommand(requestId)}` : ""}`;
    const message = error instanceof FalError ? error.message : String((error as Error)?.message ?? error);
    say(`falgen run: ${message}${later}`);
    return 1;
  }

  /**
   * A request fal says failed (its COMPLETED status carries `error`): the status's error and
   * error_type with the request id, then what its result route answered (its error response, or
   * an output, which is not shown: the request did not succeed). Exit 1.
   */
  private failedOnFal(failure: CompletedStatus, error: unknown): number {
    const requestId = this.requestId!;
    const type = failure.error_type == null ? "" : ` (error_type: ${failure.error_type})`;
    say(`falgen run: request ${requestId} failed on fal: ${failure.error ?? "no reason given"}${type}`);
    if (error instanceof FalApiError) say(`  its result: ${error.message}`);
    else if ((error as Error | undefined)?.cause === failure) say("  its result: an output (HTTP 200), not shown: fal says the request failed");
    else say(`  its result could not be fetched: ${(error as Error)?.message ?? error}`);
    say(`  to see it again: ${this.resultCommand(requestId)}`);
    return 1;
  }

  /**
   * fal's own 422 for an input the spec accepted: fal checks against the endpoint as it is now,
   * so the spec may be out of date. Exit 2 when fal refused the submit (the input is at fault),
   * 1 when a request fal queued failed so.
   */
  private refusedByFal(error: FalValidationError, requestId: string | undefined): number {
    const { id, sourcePath } = this.model;
    say(`falgen run: fal refused the input of ${id} (HTTP ${error.status})${requestId === undefined ? "" : ` for request ${requestId}`}:`);
    for (const line of fieldErrorLines(error.fieldErrors, this.flagOf)) say(`  ${line}`);
    say(`The input fit the spec falgen checked it against (${sourcePath}); fal may have changed ${id} since: falgen update --check lists what changed.`);
    return requestId === undefined ? 2 : 1;
  }

  private async cancelled(requestId: string): Promise<number> {
    try {
      await cancel(this.client, this.model.id, requestId, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) });
      say(`falgen run: cancelled request ${requestId} on fal`);
    } catch (error) {
      const done = error instanceof FalApiError && error.status === 400;
      say(
        done
          ? `falgen run: request ${requestId} had already completed; its output: ${this.resultCommand(requestId)}`
          : `falgen run: could not cancel request ${requestId} (${(error as Error).message}); it may still run`,
      );
    }
    return 130;
  }
}

/**
 * Whether fetching the request again may get past `error`: a network error, a timeout, 408, 429
 * or a 5xx may pass; another 4xx (404 no such request, 499 cancelled, 403) answers the same again.
 */
function mayPassOnRetry(error: unknown): boolean {
  if (!(error instanceof FalApiError)) return true;
  return error.status >= 500 || error.status === 408 || error.status === 429;
}

/**
 * `value` (plain JSON data) with every fal key replaced by `[redacted]` (see `redactKeys`), in
 * strings and property names alike.
 */
function scrubbed(value: unknown): unknown {
  if (typeof value === "string") return redactKeys(value);
  if (Array.isArray(value)) return value.map(scrubbed);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) setOwn(copy, redactKeys(name), scrubbed(item));
  return copy;
}

/**
 * `image_size.width: Input should be a valid integer (--image_size)`: fal's field errors, each with
 * the flag of its field when the spec has one (`flagOf`, by field name).
 */
function fieldErrorLines(errors: FieldError[], flagOf: ReadonlyMap<string, string>): string[] {
  return errors.map(({ loc, msg }) => {
    const [, field, ...rest] = loc;
    if (field === undefined) return `input: ${msg}`;
    const flag = flagOf.get(String(field));
    return `${[field, ...rest].join(".")}: ${msg}${flag === undefined ? "" : ` (--${flag})`}`;
  });
}
