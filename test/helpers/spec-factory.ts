import { endpointBaseName } from "../../generator/naming.js";

type Json = Record<string, unknown>;

/**
 * A minimal valid fal queue document for `id`, in fal's layout, with `schemas` merged over a
 * default Input (required prompt) and Output (required images).
 */
export function falSpec(id: string, schemas: Record<string, unknown> = {}): Json {
  const name = endpointBaseName(id);
  const ref = (schema: string) => ({ $ref: `#/components/schemas/${schema}` });
  const json = (schema: unknown) => ({ "application/json": { schema } });
  return {
    openapi: "3.0.4",
    info: { title: `Queue OpenAPI for ${id}`, version: "1.0.0", "x-fal-metadata": { endpointId: id, category: "text-to-image" } },
    servers: [{ url: "https://queue.fal.run" }],
    components: {
      schemas: {
        [`${name}Input`]: {
          type: "object",
          properties: { prompt: { type: "string", description: "What to draw.", examples: ["a red fox"] } },
          required: ["prompt"],
        },
        [`${name}Output`]: {
          type: "object",
          properties: { images: { type: "array", items: ref("Image") } },
          required: ["images"],
        },
        Image: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
        ...schemas,
      },
    },
    paths: {
      [`/${id}`]: { post: { requestBody: { required: true, content: json(ref(`${name}Input`)) }, responses: { "200": { description: "queued", content: json({ type: "object" }) } } } },
      [`/${id}/requests/{request_id}`]: { get: { responses: { "200": { description: "result", content: json(ref(`${name}Output`)) } } } },
    },
  };
}
