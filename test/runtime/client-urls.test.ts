import { describe, expect, test } from "vitest";
import { createFalClient, FalError } from "../../generator/runtime/index.js";

const KEY = "key-id:super-secret-value";

describe("createFalClient checks its URLs", () => {
  const refused: [string, string, RegExp][] = [
    ["queueUrl", "http://127.0.0.1:4010/?x=1", /^Invalid option queueUrl: not an http\(s\) URL without query, fragment or user info$/],
    ["queueUrl", "not a url", /^Invalid option queueUrl: not an http\(s\) URL/],
    ["queueUrl", "/relative/path", /queueUrl/],
    ["queueUrl", "", /queueUrl: not/],
    ["storageUrl", "https://rest.example/#frag", /storageUrl/],
    ["storageUrl", "ftp://files.example", /storageUrl/],
    ["runUrl", "https://user:pass@run.example", /runUrl/],
    ["runUrl", "https://run.example/a b", /runUrl/],
    ["proxyUrl", "/api/fal/proxy?x=1", /^Invalid option proxyUrl: not an http\(s\) URL or path without query/],
    ["proxyUrl", "not a url", /proxyUrl/],
    ["proxyUrl", "javascript:alert(1)", /proxyUrl/],
  ];
  for (const [option, url, message] of refused) {
    test(`refuses ${option} ${JSON.stringify(url)} with a FalError naming the option`, () => {
      let error: unknown;
      try {
        createFalClient({ credentials: KEY, [option]: url });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FalError);
      expect((error as Error).message).toMatch(message);
    });
  }

  test("the message repeats no part of a refused URL: its user info or query may be a key", () => {
    for (const [option, url] of [
      ["queueUrl", "https://key-id:super-secret-value@queue.example"],
      ["storageUrl", "https://rest.example/?fal_key=super-secret-value"],
      ["runUrl", "https://run.example/#super-secret-value"],
      ["proxyUrl", "/api/fal/proxy?token=super-secret-value"],
    ] as const) {
      let error: unknown;
      try {
        // No key sent yet: the runtime's redaction knows none.
        createFalClient({ [option]: url });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FalError);
      expect((error as Error).message).toContain(option);
      expect((error as Error).message).not.toMatch(/secret|example/);
    }
  });

  test("accepts http(s) URLs with paths and trailing slashes, and a proxy path of the app", () => {
    for (const options of [
      { queueUrl: "http://127.0.0.1:4010/", storageUrl: "https://rest.example/base", runUrl: "HTTPS://run.example:8443/x/" },
      { proxyUrl: "/api/fal/proxy" },
      { proxyUrl: "https://app.example/api/fal/proxy" },
    ]) {
      expect(() => createFalClient({ credentials: KEY, ...options })).not.toThrow();
    }
  });
});
