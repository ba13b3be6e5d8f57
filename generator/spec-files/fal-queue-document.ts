/**
 * The fixed frame of a fal queue OpenAPI document (see test/fixtures/fal-openapi/): the
 * four queue paths, the QueueStatus schema and the auth scheme. Capture wraps page schemas in it;
 * import checks a served document against it.
 */

type Json = Record<string, unknown>;

export interface QueueOperation {
  path: string;
  method: "get" | "put" | "post";
}

/** The four queue operations under the full endpoint id, in protocol order: submit, status, cancel, result. */
export function queueOperations(endpointId: string): QueueOperation[] {
  return [
    { path: `/${endpointId}`, method: "post" },
    { path: `/${endpointId}/requests/{request_id}/status`, method: "get" },
    { path: `/${endpointId}/requests/{request_id}/cancel`, method: "put" },
    { path: `/${endpointId}/requests/{request_id}`, method: "get" },
  ];
}

export const QUEUE_STATUS_SCHEMA_NAME = "QueueStatus";

/** fal's QueueStatus schema, as every fixture has it. */
const QUEUE_STATUS: Json = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"] },
    request_id: { type: "string", description: "The request id." },
    response_url: { type: "string", description: "The response url." },
    status_url: { type: "string", description: "The status url." },
    cancel_url: { type: "string", description: "The cancel url." },
    logs: { type: "object", description: "The logs.", additionalProperties: true },
    metrics: { type: "object", description: "The metrics.", additionalProperties: true },
    queue_position: { type: "integer", description: "The queue position." },
  },
  required: ["status", "request_id"],
};

export interface QueueDocumentParts {
  endpointId: string;
  inputSchemaName: string;
  outputSchemaName: string;
  /** The endpoint's own schemas (Input, Output and what they reference), in the order to write them. */
  schemas: Record<string, Json>;
}

/** A complete queue document in fal's layout around the endpoint's own schemas. */
export function queueDocument({ endpointId, inputSchemaName, outputSchemaName, schemas }: QueueDocumentParts): Json {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (schema: unknown) => ({ "application/json": { schema } });
  const requestId = () => ({ name: "request_id", in: "path", required: true, schema: { type: "string", description: "Request ID" } });
  const queued = () => ({ "200": { description: "The request status.", content: json(ref(QUEUE_STATUS_SCHEMA_NAME)) } });
  const [submit, status, cancel, result] = queueOperations(endpointId).map((operation) => operation.path) as [string, string, string, string];
  return {
    openapi: "3.0.4",
    info: {
      title: `Queue OpenAPI for ${endpointId}`,
      version: "1.0.0",
      description: `The OpenAPI schema for the ${endpointId} queue.`,
      "x-fal-metadata": {
        endpointId,
        playgroundUrl: `https://fal.ai/models/${endpointId}`,
        documentationUrl: `https://fal.ai/models/${endpointId}/api`,
      },
    },
    servers: [{ url: "https://queue.fal.run" }],
    security: [{ apiKeyAuth: [] }],
    components: {
      securitySchemes: { apiKeyAuth: { type: "apiKey", in: "header", name: "Authorization", description: "Fal Key" } },
      schemas: { [QUEUE_STATUS_SCHEMA_NAME]: structuredClone(QUEUE_STATUS), ...schemas },
    },
    paths: {
      [submit]: { post: { requestBody: { required: true, content: json(ref(inputSchemaName)) }, responses: queued() } },
      [status]: {
        get: {
          parameters: [
            requestId(),
            { name: "logs", in: "query", required: false, schema: { type: "number", description: "Whether to include logs (`1`) in the response or not (`0`)." } },
          ],
          responses: queued(),
        },
      },
      [cancel]: {
        put: {
          parameters: [requestId()],
          responses: {
            "200": {
              description: "The request was cancelled.",
              content: json({ type: "object", properties: { success: { type: "boolean", description: "Whether the request was cancelled successfully." } } }),
            },
          },
        },
      },
      [result]: { get: { parameters: [requestId()], responses: { "200": { description: "Result of the request.", content: json(ref(outputSchemaName)) } } } },
    },
  };
}
