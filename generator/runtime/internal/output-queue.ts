import type { FalError } from "../errors.js";

/** Values handed from a producer (a stream, a realtime connection) to one `for await` over it. */
export interface OutputQueue<T> {
  push(value: T): void;
  /** No more values: the iteration ends after those queued, then throws `error` if given. Later calls change nothing. */
  end(error?: FalError): void;
  /** Whether `end` was called, and with what. */
  readonly ended: { error?: FalError } | undefined;
  /** The iterator; `onStop` runs when the consumer stops early (`break` in a `for await`). */
  iterator(onStop: () => void): AsyncIterator<T>;
}

export function outputQueue<T>(): OutputQueue<T> {
  const values: T[] = [];
  let wake: (() => void) | undefined;
  let ended: { error?: FalError } | undefined;
  return {
    push(value) {
      values.push(value);
      wake?.();
    },
    end(error) {
      ended ??= error ? { error } : {};
      wake?.();
    },
    get ended() {
      return ended;
    },
    iterator(onStop) {
      return {
        async next(): Promise<IteratorResult<T>> {
          for (;;) {
            if (values.length > 0) return { done: false, value: values.shift() as T };
            if (ended?.error) throw ended.error;
            if (ended) return { done: true, value: undefined };
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
          }
        },
        async return(): Promise<IteratorResult<T>> {
          onStop();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
