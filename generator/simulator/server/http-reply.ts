import type { IncomingMessage, ServerResponse } from "node:http";

/** What a route answers; the server writes it (or, for an injected `drop-after`, `cut` or `malformed`, does not). */
export type Reply =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "bytes"; status: number; body: Buffer; contentType: string; headers?: Record<string, string> }
  | { kind: "empty"; status: number; headers?: Record<string, string> }
  | { kind: "stream"; start(res: ServerResponse, options: { dropAfterFirstEvent: boolean; stallAfterFirstEvent?: boolean }): void };

/** A reply written in one go. */
export type PlainReply = Exclude<Reply, { kind: "stream" }>;

export function json(status: number, body: unknown, headers?: Record<string, string>): PlainReply {
  return { kind: "json", status, body, headers };
}

/** fal's error shape: `{detail}`, plus `error_type` (and the `X-Fal-Error-Type` header) when given. */
export function errorReply(status: number, detail: unknown, options: { errorType?: string; headers?: Record<string, string> } = {}): PlainReply {
  const headers = { ...options.headers, ...(options.errorType ? { "X-Fal-Error-Type": options.errorType } : {}) };
  return json(status, options.errorType ? { detail, error_type: options.errorType } : { detail }, headers);
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

/**
 * Writes a reply. With `cutMidBody` (an injected `cut`), its headers and the first half of its body
 * are sent, then the socket is destroyed: the client sees the connection drop mid-body.
 */
export function writeReply(res: ServerResponse, reply: PlainReply, head: boolean, { cutMidBody = false } = {}): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.kind === "empty") {
    res.statusCode = reply.status;
    res.setHeader("Content-Length", "0");
    res.end();
    return;
  }
  const body = reply.kind === "json" ? Buffer.from(JSON.stringify(reply.body), "utf8") : reply.body;
  res.statusCode = reply.status;
  res.setHeader("Content-Type", reply.kind === "json" ? "application/json" : reply.contentType);
  res.setHeader("Content-Length", String(body.length));
  if (cutMidBody) {
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(head ? undefined : body);
}
