import { errorReply, json, type Reply } from "../server/http-reply.js";
import type { SimulatorContext } from "../server/simulator-context.js";
import { findEndpoint } from "./endpoint-registry.js";

/** Where fal.ai serves each endpoint's queue document (`?endpoint_id=<id>`): `falgen add` and `update` read it. */
export const QUEUE_DOCUMENT_PATH = "api/openapi/queue/openapi.json";

/** The spec the simulator serves for an endpoint, as fal serves its document: JSON, no auth. */
export function queueDocument(sim: SimulatorContext, endpointId: string | null): Reply {
  if (!endpointId) return errorReply("invalid", "Missing the endpoint_id query parameter");
  const endpoint = findEndpoint(sim.registry, endpointId);
  return endpoint ? json(200, endpoint.spec.document) : errorReply("notFound", `Endpoint "${endpointId}" not found`);
}
