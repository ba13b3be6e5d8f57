/**
 * In a child: for each of `jobs` subscribes (started `spacingMs` apart, so completions do not pile
 * up), the time from the moment the simulator completed the request to the moment `subscribe`
 * resolved with its result.
 *
 * The simulator's clock says when it completed: its first log line is stamped as the run starts,
 * and `metrics.inference_time` of the COMPLETED status is how long the run took (both to the
 * millisecond), so completion = first log's timestamp + inference_time. Both processes read the
 * same wall clock.
 */
import { childInput, replyToHarness } from "./protocol.js";
import { loadSubscribe, type ClientTarget, type ObservedStatus, type Subscribe, type SubscribeMode } from "./subscribers.js";

export interface LatencyInput {
  target: ClientTarget;
  mode: SubscribeMode;
  pollInterval: number;
  jobs: number;
  spacingMs: number;
}

export interface LatencyOutput {
  latenciesMs: number[];
}

function completedAt(status: ObservedStatus): number | undefined {
  const started = status.logs?.[0]?.timestamp;
  const inferenceSeconds = status.metrics?.inference_time;
  if (status.status !== "COMPLETED" || started === undefined || typeof inferenceSeconds !== "number") return undefined;
  return Date.parse(started) + inferenceSeconds * 1000;
}

async function latencyOfOneJob(subscribe: Subscribe, mode: SubscribeMode, pollInterval: number): Promise<number> {
  let completion: number | undefined;
  await subscribe({ mode, pollInterval, logs: true, onQueueUpdate: (status) => (completion = completedAt(status) ?? completion) });
  const resolved = Date.now();
  if (completion === undefined) throw new Error("no COMPLETED status with logs and inference_time reached onQueueUpdate");
  return resolved - completion;
}

const { target, mode, pollInterval, jobs, spacingMs } = childInput<LatencyInput>();
const subscribe = await loadSubscribe(target);
const latenciesMs = await Promise.all(
  Array.from({ length: jobs }, async (_, index) => {
    await new Promise((resolve) => setTimeout(resolve, index * spacingMs));
    return latencyOfOneJob(subscribe, mode, pollInterval);
  }),
);
replyToHarness({ latenciesMs } satisfies LatencyOutput);
