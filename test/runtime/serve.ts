import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { whenDone } from "../helpers/cleanup.js";

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface TestServer {
  url: string;
  /** Every request the server received, as `METHOD /path?query`. */
  calls: string[];
  /** Every request received, with its headers and body text. */
  received: { method: string; url: URL; headers: Headers; body: string }[];
}


/**
 * A real HTTP server on 127.0.0.1 (port 0) running a fetch-style handler; closed after the test.
 * A response body that errors mid-way destroys the socket, like a dropped connection; a client
 * that disconnects cancels the response body.
 */
export async function serve(handler: FetchHandler): Promise<TestServer> {
  const state: TestServer = { url: "", calls: [], received: [] };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", state.url);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = Buffer.concat(chunks);
    state.calls.push(`${req.method} ${url.pathname}${url.search}`);
    state.received.push({ method: req.method ?? "GET", url, headers, body: body.toString("utf8") });
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    try {
      const response = await handler(new Request(url, { method: req.method, headers, body: hasBody ? body : undefined }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      const reader = response.body?.getReader();
      // A client that goes away cancels the body, as a real server's stream would see.
      res.on("close", () => void reader?.cancel().catch(() => {}));
      for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) res.write(chunk.value);
      res.end();
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  whenDone(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return state;
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { ...init, headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) } });
}
