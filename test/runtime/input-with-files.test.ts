import { describe, expectTypeOf, test } from "vitest";
import type { FileData, InputWithFiles } from "../../generator/runtime/index.js";

// Checked by `tsc` (test/ is in tsconfig's include): each @ts-expect-error must still be an error.
interface Input {
  prompt: string;
  image_url: string;
  mask_url?: string;
  image_urls: string[];
  style: "photo" | "anime";
  seed?: number;
  loras?: { path: string; weight_url?: string }[];
  nested: { audio_url: string; label_url_text: string };
}

const accepts = (input: InputWithFiles<Input>) => input;
const minimal: Input = { prompt: "p", image_url: "https://x/a.png", image_urls: [], style: "photo", nested: { audio_url: "", label_url_text: "" } };

describe("InputWithFiles", () => {
  test("*_url strings and *_urls elements also take files, at any depth", () => {
    accepts(minimal);
    accepts({
      ...minimal,
      image_url: new Blob(["x"]),
      mask_url: new Uint8Array(1),
      image_urls: ["https://x/b.png", new ArrayBuffer(1), new File([], "c.png")],
      loras: [{ path: "p", weight_url: new Blob() }],
      nested: { audio_url: new Uint8Array(2), label_url_text: "" },
    });
    expectTypeOf<InputWithFiles<Input>["image_url"]>().toEqualTypeOf<string | FileData>();
    expectTypeOf<InputWithFiles<Input>["image_urls"]>().toEqualTypeOf<(string | FileData)[]>();
  });

  test("everything else keeps its type and its optionality", () => {
    expectTypeOf<InputWithFiles<Input>["seed"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<InputWithFiles<Input>["style"]>().toEqualTypeOf<"photo" | "anime">();
    // @ts-expect-error a missing required property is still an error
    accepts({ image_url: "u", image_urls: [], style: "photo", nested: { audio_url: "", label_url_text: "" } });
    // @ts-expect-error only URL fields take files
    accepts({ ...minimal, prompt: new Blob() });
    // @ts-expect-error the name must end in _url
    accepts({ ...minimal, nested: { audio_url: "", label_url_text: new Blob() } });
    // @ts-expect-error enums stay enums
    accepts({ ...minimal, style: "oil" });
    // @ts-expect-error nested required properties are still required
    accepts({ ...minimal, nested: { label_url_text: "" } });
    // @ts-expect-error unknown properties are still rejected
    accepts({ ...minimal, unknown_url: "x" });
  });
});
