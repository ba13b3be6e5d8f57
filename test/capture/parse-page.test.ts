import { describe, expect, test } from "vitest";
import { SpecError } from "../../generator/errors.js";
import { descriptionAndDefault, parsePages, type PageField } from "../../generator/capture/parse-page.js";

/** A minimal page in fal's text form whose Input section is `input` (lines). */
function pageText(input: string[], { otherTypes = [] as string[], output = ["images list<string>"] } = {}): string {
  return [
    "About",
    "A test model.",
    "1. Calling the API#",
    "result = fal_client.subscribe(",
    '    "fal-ai/test-model",',
    "    arguments={},",
    ")",
    'status = fal_client.status("fal-ai/test-model", request_id, with_logs=True)',
    "5. Schema#",
    "Input#",
    ...input,
    "Output#",
    ...output,
    ...(otherTypes.length > 0 ? ["Other types#", ...otherTypes] : []),
    "",
  ].join("\n");
}

/** The 1-based number of the last line that is exactly `line`. */
function lastLineOf(text: string, line: string): number {
  return text.split("\n").lastIndexOf(line) + 1;
}

function inputFields(input: string[]): PageField[] {
  const [page] = parsePages("page.txt", pageText(input));
  return page!.types.find((type) => type.name === "Input")!.fields;
}

describe("field lines", () => {
  // [given lines, want field (name, line-independent parts)]
  const CASES: [string[], Omit<PageField, "line">][] = [
    [["prompt string"], { name: "prompt", type: { kind: "string" } }],
    [["num_images integer"], { name: "num_images", type: { kind: "integer" } }],
    [["guidance_scale float"], { name: "guidance_scale", type: { kind: "float" } }],
    [["sync_mode boolean"], { name: "sync_mode", type: { kind: "boolean" } }],
    [["image_urls list<string>"], { name: "image_urls", type: { kind: "list", items: { kind: "string" } } }],
    [["has_nsfw_concepts list<boolean>"], { name: "has_nsfw_concepts", type: { kind: "list", items: { kind: "boolean" } } }],
    [["images list<Image>"], { name: "images", type: { kind: "list", items: { kind: "named", name: "Image" } } }],
    [["color_palette ColorPalette"], { name: "color_palette", type: { kind: "named", name: "ColorPalette" } }],
    // Python identifiers may be Unicode: such names are read as the page writes them.
    [["größe integer"], { name: "größe", type: { kind: "integer" } }],
    [["paleta Ñandú"], { name: "paleta", type: { kind: "named", name: "Ñandú" } }],
    [
      ["style Enum", "Possible enum values: AUTO, GENERAL"],
      { name: "style", type: { kind: "enum", name: "Enum" }, enumValues: ["AUTO", "GENERAL"] },
    ],
    [
      ["image_size ImageSizeEnum", "The size. Default value: \"auto\"", "Possible enum values: auto, 1024x1024, 1536x1024"],
      { name: "image_size", type: { kind: "enum", name: "ImageSizeEnum" }, description: "The size.", default: "auto", enumValues: ["auto", "1024x1024", "1536x1024"] },
    ],
    [
      ["image_size ImageSize | Enum", "The size. Default value: square_hd", "Possible enum values: square_hd, square"],
      {
        name: "image_size",
        type: { kind: "union", members: [{ kind: "named", name: "ImageSize" }, { kind: "enum", name: "Enum" }] },
        description: "The size.",
        default: "square_hd",
        enumValues: ["square_hd", "square"],
      },
    ],
    [
      ["modes list<ModeEnum>", "Possible enum values: a, b"],
      { name: "modes", type: { kind: "list", items: { kind: "enum", name: "ModeEnum" } }, enumValues: ["a", "b"] },
    ],
    [
      // The "Note:" block under image sizes is boilerplate and is not copied.
      ["image_size ImageSize | Enum", "Possible enum values: square", "Note: For custom image sizes, you can pass the width and height as an object:", '"image_size": {', '  "width": 1280,', '  "height": 720', "}"],
      { name: "image_size", type: { kind: "union", members: [{ kind: "named", name: "ImageSize" }, { kind: "enum", name: "Enum" }] }, enumValues: ["square"] },
    ],
    // A line that is not `name type` is the field's description, even when it starts with a word.
    [["seed integer", "seed used for generation"], { name: "seed", type: { kind: "integer" }, description: "seed used for generation" }],
    // Only the image size boilerplate is passed over; any other note is the page's description.
    [["mask_url string", "Note: the mask must be black and white."], { name: "mask_url", type: { kind: "string" }, description: "Note: the mask must be black and white." }],
  ];
  test.each(CASES)("%j", (lines, want) => {
    const [field] = inputFields(lines);
    expect(field).toEqual({ ...want, line: 11 });
  });

  test("fields keep page order and their own line numbers", () => {
    const fields = inputFields(["prompt string", "The prompt", "", "seed integer"]);
    expect(fields.map(({ name, line }) => [name, line])).toEqual([["prompt", 11], ["seed", 14]]);
  });
});

describe("description and `Default value:`", () => {
  const CASES: [string, { description?: string; default?: unknown }][] = [
    ["The prompt to generate the image with", { description: "The prompt to generate the image with" }],
    ["Number of separate model generations. Default value: 1", { description: "Number of separate model generations.", default: 1 }],
    ["Strength of the input image in the remix Default value: 0.8", { description: "Strength of the input image in the remix", default: 0.8 }],
    ['The mode. Default value: "standard"', { description: "The mode.", default: "standard" }],
    ['The negative prompt for the generation Default value: " "', { description: "The negative prompt for the generation", default: " " }],
    ['Description of what to exclude. Default value: ""', { description: "Description of what to exclude.", default: "" }],
    ["If set to true, the safety checker will be enabled. Default value: true", { description: "If set to true, the safety checker will be enabled.", default: true }],
    ["Default value: false", { default: false }],
    ['Default value: "image/jpeg"', { default: "image/jpeg" }],
    // An unquoted word is the enum value itself.
    ["The size of the generated image. Default value: landscape_4_3", { description: "The size of the generated image.", default: "landscape_4_3" }],
    // Punctuation and typos are the page's and stay.
    ["Cyber punk city with neon lights and skyscrappers", { description: "Cyber punk city with neon lights and skyscrappers" }],
  ];
  test.each(CASES)("%j", (line, want) => {
    expect(descriptionAndDefault(line)).toEqual(want);
  });
});

describe("pages", () => {
  test("the endpoint id comes from the code samples; JSON examples belong to Input and Output", () => {
    const text = pageText(['prompt string', '{', '  "prompt": "a fox"', '}'], {
      output: ["images list<Image>", "{", '  "images": [{"url": "https://x/y.png"}]', "}"],
      otherTypes: ["Image#", "url string"],
    });
    const [page] = parsePages("page.txt", text);
    expect(page!.endpointId).toBe("fal-ai/test-model");
    expect(page!.line).toBe(1);
    expect(page!.types.map((type) => [type.name, type.example])).toEqual([
      ["Input", { prompt: "a fox" }],
      ["Output", { images: [{ url: "https://x/y.png" }] }],
      ["Image", undefined],
    ]);
  });

  test("a file holds many pages, each starting with `About`", () => {
    const second = pageText(["prompt string"]).replaceAll("fal-ai/test-model", "fal-ai/other");
    const text = `${pageText(["prompt string"])}\n\n${second}`;
    const pages = parsePages("pages.txt", text);
    expect(pages.map((page) => [page.endpointId, page.line])).toEqual([["fal-ai/test-model", 1], ["fal-ai/other", lastLineOf(text, "About")]]);
  });

  test("a page whose samples call fal.subscribe on one line works too", () => {
    const text = pageText(["prompt string"]).replace('result = fal_client.subscribe(\n    "fal-ai/test-model",', 'const result = await fal.subscribe("fal-ai/test-model", {');
    expect(parsePages("page.txt", text)[0]!.endpointId).toBe("fal-ai/test-model");
  });
});

describe("a page that cannot be parsed is an error at its line", () => {
  const base = pageText(["prompt string"]);
  /** [what, page text, the line the error must name, what the message must say] */
  const CASES: [string, string, number, RegExp][] = [
    ["text before the first page", `Hello\n${base}`, 1, /each page starts with a line `About`/],
    ["an empty file", "", 1, /each page starts with a line `About`/],
    ["no schema section", base.replace("5. Schema#\n", ""), 1, /no schema section/],
    ["no code sample", base.split("\n").filter((line) => !line.includes("fal")).join("\n"), 1, /no code sample naming its endpoint/],
    ["a client call without an id", base.replace('    "fal-ai/test-model",\n', ""), 4, /a client call without an endpoint id/],
    ["samples that disagree", base.replace('status("fal-ai/test-model"', 'status("fal-ai/other"'), 8, /calls "fal-ai\/other", but broken\.txt:5 calls "fal-ai\/test-model"/],
    ["an invalid endpoint id", base.replaceAll("fal-ai/test-model", "fal-ai/../x"), 5, /invalid segment "\.\."/],
    ["no Output#", base.replace("Output#\nimages list<string>\n", ""), 9, /the schema section has no "Output#"/],
  ];
  /** [what, Other types lines, the (last) line the error must name, what the message must say] */
  const OTHER_TYPES_CASES: [string, string[], string, RegExp][] = [
    ["a type defined twice", ["Image#", "url string", "Image#"], "Image#", /"Image" is defined twice/],
    ["Input# after Other types#", ["Input#"], "Input#", /"Input#" after "Other types#"/],
    ["a field outside any type", ["url string"], "url string", /field "url" outside a type/],
  ];
  for (const [what, otherTypes, at, message] of OTHER_TYPES_CASES) {
    const text = pageText(["prompt string"], { otherTypes });
    CASES.push([what, text, lastLineOf(text, at), message]);
  }
  /** [what, Input lines, the (last) line the error must name, what the message must say] */
  const INPUT_CASES: [string, string[], string, RegExp][] = [
    ["prose before any field", ["Some words", "prompt string"], "Some words", /cannot read this line: expected a field/],
    ["a second description line", ["prompt string", "The prompt", "More words"], "More words", /a second description line for "prompt"/],
    ["enum values for a type that names no enum", ["prompt string", "Possible enum values: a, b"], "Possible enum values: a, b", /whose type names no enum/],
    ["enum values twice", ["style Enum", "Possible enum values: a", "Possible enum values: b"], "Possible enum values: b", /a second enum value list/],
    ["type Enum without values", ["prompt string", "style Enum", "The style."], "style Enum", /"style" has type Enum but no "Possible enum values:" line/],
    ["a default that is not an integer", ["steps integer", "Steps. Default value: many"], "steps integer", /the default of "steps", "many", is not a value of its type/],
    ["a default that is not one of the enum values", ["style Enum", 'Style. Default value: "FANCY"', "Possible enum values: AUTO"], "style Enum", /the default of "style", "FANCY"/],
    ["a field listed twice", ["prompt string", "prompt string"], "prompt string", /"prompt" is listed twice in Input/],
    ["a type heading inside Input", ["prompt string", "Image#", "url string"], "Image#", /type "Image#" before "Other types#"/],
    ["an unclosed JSON example", ["prompt string", "{", '  "prompt": "x"'], "{", /never closed/],
    ["a JSON example naming a field the type lacks", ["prompt string", "{", '  "seed": 1', "}"], "{", /the JSON example has "seed", which Input does not list/],
    ["a second JSON example", ["prompt string", "{", "}", "{", "}"], "{", /a second JSON example/],
    ["a note outside a field", ["Note: For custom image sizes, you can pass the width and height as an object:"], "Note: For custom image sizes, you can pass the width and height as an object:", /a note outside a field/],
  ];
  for (const [what, lines, at, message] of INPUT_CASES) {
    const text = pageText(lines);
    CASES.push([what, text, lastLineOf(text, at), message]);
  }

  test.each(CASES)("%s", (_what, text, line, message) => {
    let error: unknown;
    try {
      parsePages("broken.txt", text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).line).toBe(line);
    expect((error as SpecError).message.startsWith(`broken.txt:${line}: `)).toBe(true);
    expect((error as SpecError).message).toMatch(message);
  });

  test("an invalid JSON example is an error at the line and column of its fault, not at its first line", () => {
    const text = pageText(["prompt string", "{", '  "prompt": x', "}"]);
    const line = lastLineOf(text, '  "prompt": x');
    expect(() => parsePages("broken.txt", text)).toThrow(new RegExp(`^broken\\.txt:${line}:13: invalid JSON example: invalid symbol$`));
  });
});
