/**
 * `falgen simulator [--port 4010] [--specs DIR] [--queue-ms N] [--run-ms N] [--queue-depth N]
 *   [--log-lines N] [--error-rate 0.1] [--rate-limit-rate 0.05] [--retry-after S] [--latency-ms 50]
 *   [--drop-rate 0.05] [--cut-rate 0.05] [--malformed-rate 0.05] [--fault-submit] [--seed N] [--api-key K]...
 *   [--max-body-bytes N] [--max-upload-bytes N]`
 *
 * Prints one line with the URL it listens on, then serves until SIGINT/SIGTERM (exit 0), reloading
 * the specs when one changes on disk.
 */
import { EXIT, runCommand, UsageError } from "../cli/command-line.js";
import { InputError } from "../errors.js";
import { checkedKey } from "../runtime/internal/credentials.js";
import { CONFIG_OPTIONS, specsFolder } from "../cli/generate.js";
import { startSimulator } from "./start-simulator.js";
import type { SimulatorOptions } from "./types.js";
import { printError, printOut } from "../shared/print.js";

const COMMAND = {
  name: "simulator",
  options: {
    ...CONFIG_OPTIONS,
    port: { type: "string" },
    "queue-ms": { type: "string" },
    "run-ms": { type: "string" },
    "queue-depth": { type: "string" },
    "log-lines": { type: "string" },
    "error-rate": { type: "string" },
    "rate-limit-rate": { type: "string" },
    "retry-after": { type: "string" },
    "latency-ms": { type: "string" },
    "drop-rate": { type: "string" },
    "cut-rate": { type: "string" },
    "malformed-rate": { type: "string" },
    "fault-submit": { type: "boolean" },
    seed: { type: "string" },
    "realtime-close-after": { type: "string" },
    "realtime-close-code": { type: "string" },
    "api-key": { type: "string", multiple: true },
    "max-body-bytes": { type: "string" },
    "max-upload-bytes": { type: "string" },
  },
  usage: `Usage: falgen simulator [options]

A local fal queue on 127.0.0.1 for every spec: submit, status, SSE stream, result, cancel, 422s,
webhooks, storage uploads, and fal's document route (/api/openapi/queue/openapi.json?endpoint_id=)
for \`falgen add --from\`. A spec that changes on disk is reloaded.

  --port N              port on 127.0.0.1 (default 4010; 0 picks a free one)
  --specs DIR           specs folder (default specs, or the config's)
  --queue-ms N          time a request stays IN_QUEUE (default 1000)
  --run-ms N            time a request stays IN_PROGRESS (default 2000)
  --queue-depth N       queue_position a request starts at (default 3)
  --log-lines N         log lines per request (default 3)
  --error-rate R        share of status/stream/result/cancel calls answered 500/502/503
  --rate-limit-rate R   share answered 429 with Retry-After
  --retry-after S       Retry-After of injected 429s (default 1)
  --latency-ms N        extra latency on those calls
  --drop-rate R         share whose connection is dropped without a response
  --cut-rate R          share whose response is cut off after its headers (mid-body)
  --malformed-rate R    share answered 200 with an HTML page instead of JSON
  --fault-submit        let the rates above hit submit too
  --seed N              seed of the fault PRNG (default 1)
  --realtime-close-after N  close each realtime connection after N answers (a forced reconnection)
  --realtime-close-code C   the close code of those closes (1011 by default; 1000-1014 or 3000-4999)
  --api-key K           accepted key (repeatable; default: any non-empty key)
  --max-body-bytes N    largest JSON body (and realtime message) accepted; beyond it 413
                        (default 10485760, 10 MiB)
  --max-upload-bytes N  largest storage upload in one PUT; beyond it 413 (default 104857600, 100 MiB)
  --config FILE         the config file (default: falgen.config.{ts,mts,mjs,js,json} in this folder)

Exit: 0 stopped by SIGINT or SIGTERM, 2 usage or input error.`,
} as const;

/** A WebSocket close code a server may send (RFC 6455 section 7.4, as the ws package checks them). */
function closeCode(value: string | undefined): number | undefined {
  const code = number(value, "--realtime-close-code");
  if (code === undefined || (Number.isInteger(code) && ((code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999)))) return code;
  throw new UsageError(`--realtime-close-code must be a close code a server may send (1000-1014 except 1004-1006, or 3000-4999), got ${value}`);
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new UsageError(`${flag} must be a non-negative number, got "${value}"`);
  return parsed;
}

/** A count (lines, a queue position, a seed): a whole number 0 or more. */
function count(value: string | undefined, flag: string): number | undefined {
  const parsed = number(value, flag);
  if (parsed !== undefined && !Number.isInteger(parsed)) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return parsed;
}

/** A body limit: a whole number of bytes above 0. */
function byteLimit(value: string | undefined, flag: string): number | undefined {
  const parsed = count(value, flag);
  if (parsed === 0) throw new UsageError(`${flag} must be a whole number of bytes above 0, got "${value}"`);
  return parsed;
}

/** A TCP port: a whole number 0-65535 (0 picks a free one). */
function port(value: string | undefined): number | undefined {
  const parsed = number(value, "--port");
  if (parsed !== undefined && (!Number.isInteger(parsed) || parsed > 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535 (0 picks a free one), got "${value}"`);
  return parsed;
}

/**
 * An accepted key, trimmed as the runtime trims the key it sends; an empty one, or one the runtime
 * would refuse to send (a control or non-ASCII character), is a UsageError that never repeats it.
 */
function apiKey(value: string): string {
  const key = value.trim();
  if (key === "") throw new UsageError("--api-key must not be empty (without --api-key, any non-empty key is accepted)");
  try {
    // The runtime's own check.
    return checkedKey(key);
  } catch (error) {
    throw new UsageError(`--api-key: ${(error as Error).message}, so no client could send it`);
  }
}

function rate(value: string | undefined, flag: string): number | undefined {
  const parsed = number(value, flag);
  if (parsed !== undefined && parsed > 1) throw new UsageError(`${flag} must be between 0 and 1, got "${value}"`);
  return parsed;
}

/** `falgen simulator`: serves until SIGINT or SIGTERM. */
export function simulatorCommand(argv: string[]): Promise<number> {
  return runCommand(COMMAND, argv, async ({ values, config }) => {
    const options: SimulatorOptions = {
      port: port(values.port) ?? 4010,
      specsDir: specsFolder(values, config),
      queueMs: number(values["queue-ms"], "--queue-ms") ?? 1000,
      runMs: number(values["run-ms"], "--run-ms") ?? 2000,
      queueDepth: count(values["queue-depth"], "--queue-depth"),
      logLines: count(values["log-lines"], "--log-lines"),
      apiKeys: values["api-key"]?.map(apiKey),
      maxBodyBytes: byteLimit(values["max-body-bytes"], "--max-body-bytes"),
      maxUploadBytes: byteLimit(values["max-upload-bytes"], "--max-upload-bytes"),
      faults: {
        errorRate: rate(values["error-rate"], "--error-rate"),
        rateLimitRate: rate(values["rate-limit-rate"], "--rate-limit-rate"),
        retryAfterSeconds: number(values["retry-after"], "--retry-after"),
        latencyMs: number(values["latency-ms"], "--latency-ms"),
        dropRate: rate(values["drop-rate"], "--drop-rate"),
        cutRate: rate(values["cut-rate"], "--cut-rate"),
        malformedRate: rate(values["malformed-rate"], "--malformed-rate"),
        includeSubmit: values["fault-submit"] ?? false,
        seed: count(values.seed, "--seed"),
        realtimeCloseAfter: count(values["realtime-close-after"], "--realtime-close-after"),
        realtimeCloseCode: closeCode(values["realtime-close-code"]),
      },
      onReload: ({ endpointIds, specErrors }) => {
        for (const error of specErrors) printError(`skipped spec: ${error.message}`);
        printOut(`reloaded specs: ${plural(endpointIds.length, "endpoint")}`);
      },
    };
    const simulator = await startSimulator(options).catch((error: unknown) => {
      const { code } = error as NodeJS.ErrnoException;
      if (code === "EADDRINUSE") throw new InputError(`port ${options.port} on 127.0.0.1 is in use (another simulator?); choose another with --port, or --port 0 for a free one`);
      if (code === "EACCES") throw new InputError(`port ${options.port} on 127.0.0.1: permission denied; choose a port above 1023 with --port, or --port 0 for a free one`);
      throw error;
    });
    for (const error of simulator.specErrors) printError(`skipped spec: ${error.message}`);
    return new Promise<number>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        simulator.close().then(
          () => resolve(EXIT.ok),
          (error: unknown) => {
            printError(`falgen simulator: ${(error as Error).message}`);
            resolve(EXIT.findings);
          },
        );
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      // Announced once Ctrl-C and SIGTERM are handled: a supervisor may signal as soon as it reads this.
      printOut(`fal simulator listening on ${simulator.url} (${plural(simulator.endpointIds.length, "endpoint")})`);
    });
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
