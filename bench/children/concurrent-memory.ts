/**
 * In a child started with --expose-gc: `jobs` subscribes at once, all in flight together (the
 * simulator's queue and run times outlast the submits), and the most memory the process held
 * meanwhile above what it held, collected, just before starting them.
 */
import { childInput, replyToHarness } from "./protocol.js";
import { loadSubscribe, type ClientTarget, type SubscribeMode } from "./subscribers.js";

export interface ConcurrentMemoryInput {
  target: ClientTarget;
  mode: SubscribeMode;
  jobs: number;
}

export interface ConcurrentMemoryOutput {
  addedRssBytes: number;
  addedHeapBytes: number;
  /** Most subscribes between enqueued and resolved at one time: should be all of them. */
  peakInFlight: number;
}

/** Often enough to catch the peak, which lasts as long as the requests are in flight. */
const SAMPLE_EVERY_MS = 10;

const { target, mode, jobs } = childInput<ConcurrentMemoryInput>();
const subscribe = await loadSubscribe(target);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc, so the baseline is taken after a collection");
gc();
const baseline = process.memoryUsage();
const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed };
const sample = () => {
  const now = process.memoryUsage();
  peak.rss = Math.max(peak.rss, now.rss);
  peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
};
const sampler = setInterval(sample, SAMPLE_EVERY_MS);
let inFlight = 0;
let peakInFlight = 0;
await Promise.all(
  Array.from({ length: jobs }, () =>
    subscribe({
      mode,
      onEnqueue: () => {
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
      },
    }).finally(() => inFlight--),
  ),
);
clearInterval(sampler);
sample();
replyToHarness({ addedRssBytes: peak.rss - baseline.rss, addedHeapBytes: peak.heapUsed - baseline.heapUsed, peakInFlight } satisfies ConcurrentMemoryOutput);
