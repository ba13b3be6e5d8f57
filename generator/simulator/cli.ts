/**
 * `npm run simulator -- [--port 4010] [--specs DIR] [--queue-ms N] [--run-ms N] [--queue-depth N]
 *   [--log-lines N] [--error-rate 0.1] [--rate-limit-rate 0.05] [--retry-after S] [--latency-ms 50]
 *   [--drop-rate 0.05] [--cut-rate 0.05] [--malformed-rate 0.05] [--fault-submit] [--seed N] [--api-key K]...`
 *
 * Prints one line with the URL it listens on, then serves until SIGINT/SIGTERM (exit 0).
 */
import { parseArgs } from "node:util";
import { startSimulator } from "./start-simulator.js";
import type { SimulatorOptions } from "./types.js";

const USAGE = `usage: npm run simulator -- [options]
  --port N              port on 127.0.0.1 (default 4010; 0 picks a free one)
  --specs DIR           specs folder (default specs)
  --queue-ms N          time a request stays IN_QUEUE (default 1000)
  --run-ms N            time a request stays IN_PROGRESS (default 2000)
  --queue-depth N       queue_position a request starts at (default 3)
  --log-lines N         log lines per request (default 3)
  --error-rate R        share of status/stream/result/cancel calls answered 500/502/503
  --rate-limit-rate R   share answered 429 with Retry-After
  --retry-after S       Retry-After of injected 429s (default 1)
  --latency-ms N        extra latency on those calls
  --drop-rate R         share whose connection is dropped without a response
  --cut-rate R          share handled, then cut off mid-body
  --malformed-rate R    share handled, then answered 200 with an HTML page
  --fault-submit        let the rates above hit submit too
  --seed N              seed of the fault PRNG (default 1)
  --realtime-close-after N  close each realtime connection after N answers (a forced reconnection)
  --realtime-close-code C   the close code of those closes (1011 by default; 1000-1014 or 3000-4999)
  --api-key K           accepted key (repeatable; default: any non-empty key)`;

/** A WebSocket close code a server may send (RFC 6455 section 7.4, as the ws package checks them). */
function closeCode(value: string | undefined): number | undefined {
  const code = number(value, "--realtime-close-code");
  if (code === undefined || (Number.isInteger(code) && ((code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999)))) return code;
  throw new Error(`--realtime-close-code must be a close code a server may send (1000-1014 except 1004-1006, or 3000-4999), got ${value}`);
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} must be a non-negative number, got "${value}"`);
  return parsed;
}

function rate(value: string | undefined, flag: string): number | undefined {
  const parsed = number(value, flag);
  if (parsed !== undefined && parsed > 1) throw new Error(`${flag} must be between 0 and 1, got "${value}"`);
  return parsed;
}

function parseCliOptions(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      specs: { type: "string" },
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
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return {
    port: number(values.port, "--port") ?? 4010,
    specsDir: values.specs ?? "specs",
    queueMs: number(values["queue-ms"], "--queue-ms") ?? 1000,
    runMs: number(values["run-ms"], "--run-ms") ?? 2000,
    queueDepth: number(values["queue-depth"], "--queue-depth"),
    logLines: number(values["log-lines"], "--log-lines"),
    apiKeys: values["api-key"],
    faults: {
      errorRate: rate(values["error-rate"], "--error-rate"),
      rateLimitRate: rate(values["rate-limit-rate"], "--rate-limit-rate"),
      retryAfterSeconds: number(values["retry-after"], "--retry-after"),
      latencyMs: number(values["latency-ms"], "--latency-ms"),
      dropRate: rate(values["drop-rate"], "--drop-rate"),
      cutRate: rate(values["cut-rate"], "--cut-rate"),
      malformedRate: rate(values["malformed-rate"], "--malformed-rate"),
      includeSubmit: values["fault-submit"] ?? false,
      seed: number(values.seed, "--seed"),
      realtimeCloseAfter: number(values["realtime-close-after"], "--realtime-close-after"),
      realtimeCloseCode: closeCode(values["realtime-close-code"]),
    },
  };
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const simulator = await startSimulator(options);
  for (const error of simulator.specErrors) process.stderr.write(`skipped spec: ${error.message}\n`);
  const count = simulator.endpointIds.length;
  process.stdout.write(`fal simulator listening on ${simulator.url} (${count} endpoint${count === 1 ? "" : "s"})\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fal simulator failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
