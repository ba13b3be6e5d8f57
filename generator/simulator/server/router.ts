import { findEndpoint } from "../endpoints/endpoint-registry.js";
import { QUEUE_DOCUMENT_PATH, queueDocument } from "../endpoints/queue-document.js";
import type { FaultRoute } from "../faults/faults.js";
import { errorReply, json, type Call, type Reply } from "./http-reply.js";
import type { QueueRequest } from "../queue/queue-request.js";
import { cancelRequest, requestStatus, resultOf, streamStatus, submitRequest } from "../queue/queue-routes.js";
import { streamOutput } from "../run/run-routes.js";
import type { SimulatorContext } from "./simulator-context.js";
import { completeMultipart, initiateUpload, putPart, putUpload, serveFile } from "../storage/storage-routes.js";
import { issueToken } from "../run/token-routes.js";
import type { RouteName } from "../types.js";

/** What a method and path resolve to: a handler plus what the server checks before calling it. */
export interface RouteMatch {
  name: RouteName;
  /** Whether `Authorization: Key <key>` is required. */
  auth: boolean;
  /** The route name faults are planned for (absent: never faulted). */
  faultRoute?: FaultRoute;
  /** The request the call is about, for faults attached to it at submit. */
  requestId?: string;
  /** Whether its body is a storage upload (limited by `maxUploadBytes`), not JSON (`maxBodyBytes`). */
  upload?: true;
  handle(call: Call): Promise<Reply> | Reply;
}

/**
 * Paths (one server; queue at the root like queue.fal.run, REST under /_rest like rest.fal.ai):
 *   POST /<endpoint id>                                 submit
 *   GET  /<owner>/<app>/requests/<id>/status            status
 *   GET  /<owner>/<app>/requests/<id>/status/stream     SSE status stream
 *   GET  /<owner>/<app>/requests/<id>                   result
 *   PUT  /<owner>/<app>/requests/<id>/cancel            cancel
 *   POST /_run/<endpoint id>                            synchronous run (fal.run)
 *   POST /_run/<endpoint id>/stream                     streamed run: SSE partial outputs
 *   GET  /_run/<endpoint id>/realtime (WebSocket)       realtime (run/realtime-socket.ts)
 *   POST /_rest/tokens/                                 realtime token
 *   POST /_rest/storage/upload/initiate[-multipart]     storage upload initiation
 *   PUT  /_rest/storage/upload/put/<token>              upload bytes (presigned, no auth)
 *   PUT  /_rest/storage/upload/multipart/<token>/<n>    upload a part; POST .../complete
 *   GET  /_files/<token>/<name>                         stored files and generated media (public)
 *   GET  /.well-known/jwks.json (and /_rest/...)        webhook public keys
 *   GET  /api/openapi/queue/openapi.json?endpoint_id=   an endpoint's queue OpenAPI document (fal.ai's route)
 * Endpoint ids never start with `_` or `.`, so the simulator's own prefixes cannot clash with them.
 */
export function matchRoute(sim: SimulatorContext, method: string, url: URL): RouteMatch {
  const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const path = segments.join("/");
  const other = (error: "notFound" | "methodNotAllowed"): RouteMatch => ({ name: "other", auth: false, handle: () => errorReply(error, OTHER_DETAIL[error]) });

  if (path === ".well-known/jwks.json" || path === "_rest/.well-known/jwks.json") {
    return method === "GET" ? { name: "jwks", auth: false, handle: () => json(200, sim.signer.jwks, { "Cache-Control": "public, max-age=3600" }) } : other("methodNotAllowed");
  }
  if (path === QUEUE_DOCUMENT_PATH) {
    return method === "GET" ? { name: "document", auth: false, handle: () => queueDocument(sim, url.searchParams.get("endpoint_id")) } : other("methodNotAllowed");
  }
  if (segments[0] === "_files") {
    const token = segments[1] ?? "";
    return method === "GET" || method === "HEAD" ? { name: "file", auth: false, handle: () => serveFile(sim, token) } : other("methodNotAllowed");
  }
  if (segments[0] === "_rest") return restRoute(sim, method, segments.slice(1), other);
  if (segments[0] === "_run") {
    const id = segments.slice(1).join("/");
    const endpoint = findEndpoint(sim.registry, id);
    if (method !== "POST") return other("methodNotAllowed");
    if (endpoint) return { name: "run", auth: true, faultRoute: "run", handle: (call) => submitRequest(sim, call, endpoint, true) };
    // `<id>/stream`, unless an endpoint's own id ends in `/stream` (matched above).
    const streamed = segments.at(-1) === "stream" ? findEndpoint(sim.registry, segments.slice(1, -1).join("/")) : undefined;
    return streamed ? { name: "run-stream", auth: true, faultRoute: "run", handle: (call) => streamOutput(sim, call, streamed) } : notFoundEndpoint(sim, id);
  }

  const requestsAt = segments.indexOf("requests");
  if (requestsAt >= 2 && segments[requestsAt + 1] !== undefined && method !== "POST") {
    const prefix = segments.slice(0, requestsAt).join("/");
    const id = segments[requestsAt + 1]!;
    const rest = segments.slice(requestsAt + 2).join("/");
    const kind: Record<string, [string, RouteName]> = { "": ["GET", "result"], status: ["GET", "status"], "status/stream": ["GET", "stream"], cancel: ["PUT", "cancel"] };
    const entry = kind[rest];
    if (!entry) return other("notFound");
    if (entry[0] !== method) return other("methodNotAllowed");
    const name = entry[1];
    return {
      name,
      auth: true,
      faultRoute: name as FaultRoute,
      requestId: id,
      handle: (call) => {
        const found = findRequest(sim, prefix, id);
        if ("reply" in found) return found.reply;
        const request = found.request;
        switch (name) {
          case "status":
            return requestStatus(sim, call, request);
          case "stream":
            return streamStatus(sim, call, request);
          case "cancel":
            return cancelRequest(request);
          default:
            return resultOf(sim, request);
        }
      },
    };
  }

  if (method === "POST") {
    const endpoint = findEndpoint(sim.registry, path);
    return endpoint ? { name: "submit", auth: true, faultRoute: "submit", handle: (call) => submitRequest(sim, call, endpoint) } : notFoundEndpoint(sim, path);
  }
  return other("notFound");
}

const OTHER_DETAIL = { notFound: "Not Found", methodNotAllowed: "Method Not Allowed" };

function restRoute(sim: SimulatorContext, method: string, segments: string[], other: (error: "notFound" | "methodNotAllowed") => RouteMatch): RouteMatch {
  const path = segments.join("/");
  if (path === "storage/upload/initiate" || path === "storage/upload/initiate-multipart") {
    if (method !== "POST") return other("methodNotAllowed");
    const multipart = path.endsWith("multipart");
    return { name: "storage", auth: true, faultRoute: "storage", handle: (call) => initiateUpload(sim, call, multipart) };
  }
  if (path === "tokens") {
    return method === "POST" ? { name: "token", auth: true, faultRoute: "token", handle: (call) => issueToken(sim, call) } : other("methodNotAllowed");
  }
  const [storage, upload, mode, token, part] = segments;
  if (storage === "storage" && upload === "upload" && token !== undefined) {
    if (mode === "put" && part === undefined && method === "PUT") return { name: "upload", auth: false, faultRoute: "storage", upload: true, handle: (call) => putUpload(sim, call, token) };
    if (mode === "multipart" && part === "complete" && method === "POST") {
      return { name: "upload", auth: false, faultRoute: "storage", handle: (call) => completeMultipart(sim, call, token) };
    }
    if (mode === "multipart" && part !== undefined && /^\d+$/.test(part) && method === "PUT") {
      return { name: "upload", auth: false, faultRoute: "storage", upload: true, handle: (call) => putPart(sim, call, token, Number(part)) };
    }
  }
  return other("notFound");
}

function findRequest(sim: SimulatorContext, prefix: string, id: string): { request: QueueRequest } | { reply: Reply } {
  const request = sim.requests.get(id);
  if (!request) return { reply: errorReply("notFound", `Request ${id} not found`) };
  if (request.endpoint.appPath !== prefix) {
    const hint = prefix === request.endpoint.endpointId ? ` (status, result and cancel live under owner/app: /${request.endpoint.appPath}/requests/${id})` : "";
    return { reply: errorReply("notFound", `Request ${id} not found under ${prefix}${hint}`) };
  }
  return { request };
}

/**
 * A 404 for an id no spec serves; while specs fail to load (a file broken while the simulator
 * runs drops its endpoint), it names them: the id asked for may be one of theirs.
 */
function notFoundEndpoint(sim: SimulatorContext, path: string): RouteMatch {
  const { errors } = sim.registry;
  const broken = errors.length === 0 ? "" : `; ${errors.length} spec(s) do not load, which may serve it: ${errors.map((error) => error.message).join("; ")}`;
  return { name: "submit", auth: true, handle: () => errorReply("notFound", `Application "${path}" not found: the simulator serves no spec with this endpoint id${broken}`) };
}
