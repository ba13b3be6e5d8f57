import type { ServerResponse } from "node:http";
import type { SimulatorContext } from "./simulator-context.js";

/** A Server-Sent Events answer being written; an events reply sends through it. */
export interface EventSink {
  /** Sends `data` as one `data:` event (JSON); `flushed` runs once it is written. */
  send(data: unknown, flushed?: () => void): void;
  /** Writes raw text (an injected `cut` writes part of an event). */
  write(text: string, flushed?: () => void): void;
  /** Ends the stream. */
  end(): void;
  /** Destroys the connection: the client sees it drop. */
  destroy(): void;
  /** Whether the stream ended or the client went away. */
  readonly closed: boolean;
  /** Runs `listener` once the stream is closed (at once when it already is). */
  onClose(listener: () => void): void;
}

/** The text of one event. */
export function eventText(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/**
 * Starts a Server-Sent Events answer on `res`: status 200 with `headers`, `: ping` comments every
 * `streamPingMs` while open, registered in `sim.streams` so closing the simulator ends it.
 */
export function openEventStream(sim: Pick<SimulatorContext, "streams" | "streamPingMs">, res: ServerResponse, headers: Record<string, string>): EventSink {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive", ...headers });
  sim.streams.add(res);
  const ping = setInterval(() => res.write(": ping\n\n"), sim.streamPingMs);
  const listeners: (() => void)[] = [];
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(ping);
    sim.streams.delete(res);
    for (const listener of listeners.splice(0)) listener();
  };
  res.on("close", finish);
  const sink: EventSink = {
    get closed() {
      return finished || res.destroyed || res.writableEnded;
    },
    send(data, flushed) {
      sink.write(eventText(data), flushed);
    },
    write(text, flushed) {
      if (!sink.closed) res.write(text, flushed);
    },
    end() {
      finish();
      res.end();
    },
    destroy() {
      finish();
      res.socket?.destroy();
    },
    onClose(listener) {
      if (finished) listener();
      else listeners.push(listener);
    },
  };
  return sink;
}
