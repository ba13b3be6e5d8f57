import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventSink } from "./event-stream.js";
import { FAL_ERRORS, type FalError } from "./fal-errors.js";

/** One incoming call, as the routes see it (after proxy rewriting). */
export interface Call {
  url: URL;
  header(name: string): string | undefined;
  body(): Promise<Buffer>;
}

/** What a route answers; the server writes it (or, for an injected `drop-after`, `cut` or `malformed`, spoils it). */
export type Reply =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "bytes"; status: number; body: Buffer; contentType: string; headers?: Record<string, string> }
  | { kind: "empty"; status: number; headers?: Record<string, string> }
  /** Server-Sent Events: `start` sends `data:` events through the sink (server/event-stream.ts). */
  | { kind: "events"; headers: Record<string, string>; start(events: EventSink): void };

/** A reply written in one go. */
export type PlainReply = Exclude<Reply, { kind: "events" }>;

export function json(status: number, body: unknown, headers?: Record<string, string>): PlainReply {
  return { kind: "json", status, body, headers };
}

/** fal's error shape for a row of FAL_ERRORS: `{detail}`, plus `error_type` (and the `X-Fal-Error-Type` header) when the row has one. */
export function errorReply(error: FalError | keyof typeof FAL_ERRORS, detail: unknown, headers?: Record<string, string>): PlainReply {
  const { status, errorType } = typeof error === "string" ? (FAL_ERRORS[error] as FalError) : error;
  if (!errorType) return json(status, { detail }, headers);
  return json(status, { detail, error_type: errorType }, { ...headers, "X-Fal-Error-Type": errorType });
}

/** A request body over its route's limit (thrown by `readBody`; the server answers 413). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body too large: more than ${limit} bytes`);
  }
}

/**
 * The request's body, or a BodyTooLargeError as soon as the bytes read pass `limit`: what comes
 * after is not kept (the reply that follows closes the connection), so an oversize body is never
 * buffered whole.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (req.destroyed) return Promise.reject(new Error("the client closed the connection before sending the whole body"));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(() => reject(new BodyTooLargeError(limit)));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks)));
    const onError = (error: Error) => settle(() => reject(error));
    const onClose = () => settle(() => reject(new Error("the client closed the connection before sending the whole body")));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** A request header (repeated ones joined by ", "). */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** A plain reply as bytes on the wire: status, headers (content type and length included) and body. */
export function encodeReply(reply: PlainReply): { status: number; headers: Record<string, string>; body: Buffer } {
  const body = reply.kind === "json" ? Buffer.from(JSON.stringify(reply.body), "utf8") : reply.kind === "bytes" ? reply.body : Buffer.alloc(0);
  const contentType: Record<string, string> = reply.kind === "json" ? { "Content-Type": "application/json" } : reply.kind === "bytes" ? { "Content-Type": reply.contentType } : {};
  return { status: reply.status, headers: { ...reply.headers, ...contentType, "Content-Length": String(body.length) }, body };
}

export function writeReply(res: ServerResponse, reply: PlainReply, head = false): void {
  const { status, headers, body } = encodeReply(reply);
  res.writeHead(status, headers);
  res.end(head ? undefined : body);
}
