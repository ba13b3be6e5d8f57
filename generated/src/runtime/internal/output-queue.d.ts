// falgen's runtime (runtime/internal/output-queue.ts), written by `falgen generate`. Do not edit.
import type { FalError } from "../errors.js";
/** Values handed from a producer (a stream, a realtime connection) to one `for await` over it. */
export interface OutputQueue<T> {
	push(value: T): void;
	/** No more values: the iteration ends after those queued, then throws `error` if given. Later calls change nothing. */
	end(error?: FalError): void;
	/** Whether `end` was called, and with what. */
	readonly ended: {
		error?: FalError;
	} | undefined;
	/** The iterator; `onStop` runs when the consumer stops early (`break` in a `for await`). */
	iterator(onStop: () => void): AsyncIterator<T>;
}
export declare function outputQueue<T>(): OutputQueue<T>;
