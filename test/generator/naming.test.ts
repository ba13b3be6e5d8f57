import { describe, expect, test } from "vitest";
import { endpointBaseName, parseEndpointId, typeIdentifier, typeIdentifiers } from "../../generator/naming.js";

describe("endpointBaseName: fal's rule for schema names", () => {
  test.each([
    ["fal-ai/flux/dev", "FluxDev"],
    ["fal-ai/bytedance/seedream/v4/text-to-image", "BytedanceSeedreamV4TextToImage"],
    ["fal-ai/qwen-image", "QwenImage"],
    ["fal-ai/gpt-image-1/text-to-image/byok", "GptImage1TextToImageByok"],
    ["tripo3d/tripo/v2.5/image-to-3d", "TripoV25ImageTo3d"],
    ["openrouter/router/openai/v1/chat/completions", "RouterOpenaiV1ChatCompletions"],
  ])("%s -> %s", (id, want) => expect(endpointBaseName(id)).toBe(want));
});

describe("parseEndpointId", () => {
  test.each([
    ["fal-ai/flux/dev", { owner: "fal-ai", app: "flux", path: ["dev"] }],
    ["fal-ai/veo3", { owner: "fal-ai", app: "veo3", path: [] }],
    ["workflows/acme/pipeline/step", { namespace: "workflows", owner: "acme", app: "pipeline", path: ["step"] }],
    ["comfy/acme/graph", { namespace: "comfy", owner: "acme", app: "graph", path: [] }],
  ])("%s splits into owner/app/path", (id, want) => expect(parseEndpointId(id)).toEqual(want));

  test.each([["flux"], [""], ["fal-ai//dev"], ["fal-ai/../x"], ["fal-ai/flux dev"], ["/fal-ai/flux"], ["fal-ai/flux/"], ["workflows/acme"], ["comfy/acme"]])(
    "%j is refused with a reason",
    (id) => expect(parseEndpointId(id)).toHaveProperty("invalid", expect.stringContaining(JSON.stringify(id))),
  );
});

describe("typeIdentifier", () => {
  test.each([
    ["Image", "Image"],
    ["RGBColor", "RGBColor"],
    ["Body_generate_image", "Body_generate_image"],
    ["image-size", "ImageSize"],
    ["3d model", "_3dModel"],
    ["Input", "InputSchema"],
    ["components", "componentsSchema"],
    // The module's namespace imports share its scope with the spec's types.
    ["$runtime", "$runtimeSchema"],
    ["$calls", "$callsSchema"],
    ["class", "classSchema"],
    ["!!!", "Schema"],
    // Identifiers in any script, and with `$`, keep their spelling (README: a valid identifier never changes).
    ["ñandú", "ñandú"],
    ["画像", "画像"],
    ["Größe", "Größe"],
    ["a$b", "a$b"],
    ["x\u200cy", "x\u200cy"],
    // Others are PascalCase of their Unicode letters and digits; a leading digit or combining mark gets `_`.
    ["ñandú-size", "ÑandúSize"],
    ["élan vital", "ÉlanVital"],
    ["\u0301accent", "_\u0301accent"],
  ])("%j -> %j", (name, want) => expect(typeIdentifier(name)).toBe(want));

  test("non-ASCII names that collide settle in code-unit order, whatever the order of the spec's keys", () => {
    const names = ["ñandú-", "Ñandú", "ñandú.", "ñandú"];
    const want = new Map([["Ñandú", "Ñandú"], ["ñandú", "ñandú"], ["ñandú-", "Ñandú_2"], ["ñandú.", "Ñandú_3"]]);
    expect(typeIdentifiers(names)).toEqual(want);
    expect(typeIdentifiers([...names].reverse())).toEqual(want);
  });

  test("collisions get stable numeric suffixes and never rename a well-formed name", () => {
    const names = ["image.size", "ImageSize", "image-size"];
    const want = new Map([["ImageSize", "ImageSize"], ["image-size", "ImageSize_2"], ["image.size", "ImageSize_3"]]);
    expect(typeIdentifiers(names)).toEqual(want);
    expect(typeIdentifiers([...names].reverse())).toEqual(want);
  });
});
