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

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(`request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
