/** How long a stage runs before it lets the event loop turn (to see a signal): short for a person, long to the loop. */
const TURN_MS = 10;

/**
 * Points where a long synchronous stretch (emit, write) may be stopped by `signal`: each call lets
 * the event loop turn once at least {@link TURN_MS} passed since the last turn (so a SIGINT or
 * SIGTERM handler, or a message from another thread, gets to run), then throws the signal's reason
 * if it was aborted. Without a signal, a call does nothing.
 */
export function interruptionPoints(signal: AbortSignal | undefined): () => Promise<void> {
  let turned = performance.now();
  return async () => {
    if (!signal) return;
    if (performance.now() - turned >= TURN_MS) {
      await new Promise(setImmediate);
      turned = performance.now();
    }
    signal.throwIfAborted();
  };
}
