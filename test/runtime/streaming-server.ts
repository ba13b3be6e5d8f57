import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { whenDone } from "../helpers/cleanup.js";

export interface StreamingServer {
  url: string;
  /** Request body bytes the handler pulled from the socket so far, summed over all requests. */
  bytesRead(): number;
}


/**
 * A real HTTP server on 127.0.0.1 that hands a fetch-style handler the request body as a stream,
 * as fetch-style servers (Deno, Bun, Hono on Node) do, counting the bytes the handler pulls: what
 * serve.ts buffers up front is here left to the handler. Closed after the test.
 */
export async function serveStreaming(handler: (request: Request) => Promise<Response>): Promise<StreamingServer> {
  let read = 0;
  const server = createServer(async (req, res) => {
    const url = `http://127.0.0.1${req.url ?? "/"}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, { method: req.method, headers, body: hasBody ? counted(req, (n) => (read += n)) : undefined, duplex: "half" } as RequestInit);
    try {
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  whenDone(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bytesRead: () => read };
}

/** The request's body as a web stream that counts what is pulled (and pulls only on demand). */
function counted(req: IncomingMessage, add: (bytes: number) => void): ReadableStream<Uint8Array> {
  const iterator = (Readable.prototype[Symbol.asyncIterator] as () => AsyncIterator<Buffer>).call(req);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await iterator.next();
        if (done) return controller.close();
        add(value.length);
        controller.enqueue(new Uint8Array(value));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** POSTs `totalBytes` of filler in 1 MiB chunks, returning the status and body text (status 0: the request failed). */
export async function postLarge(url: string, headers: Record<string, string>, totalBytes: number): Promise<{ status: number; text: string }> {
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  try {
    const response = await fetch(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return { status: 0, text: String(error) };
  }
}

/** POSTs headers declaring a 1 GiB body, sends 1 KiB of it, and returns the status of the answer (which comes before the rest). */
export function postDeclaringGigabyte(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", headers: { ...headers, "content-length": String(2 ** 30) } });
    request.on("response", (response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on("error", reject);
    request.write(Buffer.alloc(1024));
  });
}
