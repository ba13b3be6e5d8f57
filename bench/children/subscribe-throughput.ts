/**
 * In a child: `jobs` subscribes, `concurrency` at a time, timed from the first submit to the last
 * result, with the CPU time the client spent meanwhile.
 */
import { cpuMs } from "../measure.js";
import { childInput, replyToHarness } from "./protocol.js";
import { loadSubscribe, type ClientTarget, type SubscribeMode } from "./subscribers.js";

export interface ThroughputInput {
  target: ClientTarget;
  mode: SubscribeMode;
  jobs: number;
  concurrency: number;
}

export interface ThroughputOutput {
  wallMs: number;
  cpuMs: number;
}

const { target, mode, jobs, concurrency } = childInput<ThroughputInput>();
const subscribe = await loadSubscribe(target);
let started = 0;
const start = performance.now();
const cpuAtStart = process.cpuUsage();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (started < jobs) {
      started++;
      await subscribe({ mode });
    }
  }),
);
replyToHarness({ wallMs: performance.now() - start, cpuMs: cpuMs(process.cpuUsage(cpuAtStart)) } satisfies ThroughputOutput);
