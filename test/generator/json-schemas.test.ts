import { describe, expect, test } from "vitest";
import { jsonLiteral } from "../../generator/emit/emit-endpoint-module.js";
import { bundledSchema, validationSchema } from "../../generator/emit/json-schemas.js";
import { createValidator } from "../../generator/runtime/validator.js";
import { modelWithInput } from "../helpers/model.js";

describe("the schemas an endpoint module exports", () => {
  const model = modelWithInput(
    {
      prompt: { type: "string", description: "What to draw", examples: ["a fox"] },
      tree: { $ref: "#/components/schemas/Node" },
      ["__proto__"]: { type: "integer", maximum: 3 },
    },
    {
      Node: { type: "object", properties: { value: { type: "integer" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } }, required: ["value"] },
      Unused: { type: "string" },
    },
    ["prompt"],
  );

  test("inputSchema: standalone, refs under $defs (recursive ones too), only the schemas it reaches, descriptions kept", () => {
    const schema = bundledSchema(model, model.input);
    expect(schema.$defs).toEqual({
      Node: { type: "object", properties: { value: { type: "integer" }, children: { type: "array", items: { $ref: "#/$defs/Node" } } }, required: ["value"] },
    });
    expect((schema.properties as Record<string, unknown>).tree).toEqual({ $ref: "#/$defs/Node" });
    expect((schema.properties as Record<string, unknown>).prompt).toEqual({ type: "string", description: "What to draw", examples: ["a fox"] });
  });

  test("the validator's schema keeps validation keywords only; a __proto__ field stays a field in the emitted literal", () => {
    const literal = jsonLiteral(validationSchema(model, model.input));
    expect(literal).toBe(
      '{"type":"object","properties":{"prompt":{"type":"string"},"tree":{"$ref":"Node"},["__proto__"]:{"type":"integer","maximum":3}},"required":["prompt"],' +
        '"$defs":{"Node":{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"Node"}}},"required":["value"]}}}',
    );
    const evaluated = new Function(`return ${literal}`)() as { properties: object };
    expect(Object.hasOwn(evaluated.properties, "__proto__")).toBe(true);
    const validator = createValidator("fal-ai/test/model", evaluated);
    expect(validator.fieldErrors(JSON.parse('{"prompt": "x", "__proto__": 9, "tree": {"value": 1, "children": [{}]}}'))).toEqual([
      { loc: ["body", "__proto__"], msg: "Input should be less than or equal to 3", type: "less_than_equal" },
      { loc: ["body", "tree", "children", 0, "value"], msg: "Field required", type: "missing" },
    ]);
  });

  test("a description holding the text of a __proto__ key is left alone", () => {
    const value = { description: ', "__proto__": 1' };
    expect(new Function(`return ${jsonLiteral(value, 2)}`)()).toEqual(value);
  });
});
