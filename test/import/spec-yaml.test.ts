import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { expect, test } from "vitest";
import { listSpecFiles } from "../../generator/load/load-specs.js";
import { specToYaml } from "../../generator/spec-files/spec-yaml.js";
import { REPO_ROOT } from "../helpers/temp-dir.js";

test("keywords come in a fixed order; names and data keep theirs", () => {
  const document = {
    paths: {
      "/o/a": { post: { responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/AInput" } } }, description: "ok" } }, requestBody: { content: {}, required: true } } },
    },
    components: {
      schemas: {
        Zeta: { required: ["b"], properties: { b: { examples: [{ z: 1, a: 2 }], type: "integer", title: "B" }, a: { default: "x", type: "string" } }, type: "object" },
        Alpha: { "x-custom": 1, "x-another": 2, type: "object", title: "Alpha" },
      },
      securitySchemes: { apiKeyAuth: { name: "Authorization", in: "header", type: "apiKey" } },
    },
    info: { "x-fal-metadata": { documentationUrl: "d", endpointId: "o/a" }, title: "T", version: "1" },
    openapi: "3.0.4",
  };
  expect(specToYaml(document)).toBe(
    [
      "openapi: 3.0.4",
      "info:",
      "  title: T",
      "  version: '1'",
      "  x-fal-metadata:",
      "    endpointId: o/a",
      "    documentationUrl: d",
      "components:",
      "  securitySchemes:",
      "    apiKeyAuth:",
      "      type: apiKey",
      "      in: header",
      "      name: Authorization",
      "  schemas:",
      "    Zeta:",
      "      type: object",
      "      properties:",
      "        b:",
      "          title: B",
      "          type: integer",
      "          examples:",
      "            - z: 1",
      "              a: 2",
      "        a:",
      "          type: string",
      "          default: x",
      "      required:",
      "        - b",
      "    Alpha:",
      "      title: Alpha",
      "      type: object",
      "      x-another: 2",
      "      x-custom: 1",
      "paths:",
      "  /o/a:",
      "    post:",
      "      requestBody:",
      "        required: true",
      "        content: {}",
      "      responses:",
      "        '200':",
      "          description: ok",
      "          content:",
      "            application/json:",
      "              schema:",
      "                $ref: '#/components/schemas/AInput'",
      "",
    ].join("\n"),
  );
});

test("every committed spec is already in the writer's layout", async () => {
  for (const file of await listSpecFiles(path.join(REPO_ROOT, "specs"))) {
    const text = readFileSync(file, "utf8");
    expect(specToYaml(parse(text)), file).toBe(text);
  }
});
