import { isPlainObject } from "../shared/plain-data.js";
import { isIdentifierName } from "../naming.js";
import type { EndpointModel } from "../model/endpoint-model.js";

/**
 * A complete, compilable TypeScript program calling one endpoint's `subscribe` with the model's
 * input example (valid against the Input schema: model/examples.ts).
 */
export function usageExample(model: EndpointModel, packageName: string): string {
  const input = model.inputExample === undefined ? "input" : inputLiteral(model, "");
  const required = model.output.schema.required;
  const firstOutputField = Array.isArray(required) ? required.find((name): name is string => typeof name === "string") : undefined;
  const show = firstOutputField === undefined ? "data" : `data${propertyAccess(firstOutputField)}`;
  return [
    `import { createFalClient } from "${packageName}";`,
    `import * as endpoint from "${packageName}/${model.id}";`,
    "",
    "const fal = createFalClient(); // reads FAL_KEY",
    ...(model.inputExample === undefined ? [NO_EXAMPLE] : []),
    `const { data, requestId } = await endpoint.subscribe(fal, ${input}, {`,
    "  logs: true,",
    "  onQueueUpdate: (status) => console.log(status.status),",
    "});",
    `console.log(requestId, ${show});`,
  ].join("\n");
}

/**
 * The endpoint's example input (model/examples.ts: valid against its Input schema) as a TypeScript
 * object literal, its inner lines indented by `indent` plus two spaces. For a schema no value could
 * be built for, an expression of the Input type that compiles (the programs import the endpoint as `endpoint`).
 */
export function inputLiteral(model: EndpointModel, indent: string): string {
  return model.inputExample === undefined ? "({} as endpoint.Input) /* no value of the Input schema could be built */" : objectLiteral(model.inputExample, indent);
}

/**
 * A complete, compilable TypeScript program calling one endpoint's `run`, `stream` and `realtime`,
 * with the same input as `usageExample`. The realtime part is written for a browser: its tokens come
 * from the app's server (`createTokenHandler`), never from a key in the page; a comment names the
 * `WebSocket` option Node 20 needs.
 */
export function otherCallsExample(model: EndpointModel, packageName: string): string {
  return [
    `import { createFalClient } from "${packageName}";`,
    `import * as endpoint from "${packageName}/${model.id}";`,
    "",
    "const fal = createFalClient(); // reads FAL_KEY; in a browser: createFalClient({ proxyUrl: \"/api/fal/proxy\" })",
    model.inputExample === undefined ? NO_EXAMPLE : `const input: endpoint.Input = ${inputLiteral(model, "")};`,
    "",
    "// run: one synchronous call, not queued (a dropped connection loses the result)",
    "const { data } = await endpoint.run(fal, input, { timeout: 60_000 });",
    "console.log(data);",
    "",
    "// stream: partial outputs as the endpoint sends them, then the final output",
    "const stream = endpoint.stream(fal, input, { idleTimeout: 30_000 });",
    "for await (const partial of stream) console.log(partial);",
    "console.log(await stream.done());",
    "",
    "// realtime: a WebSocket session; tokens come from your server's createTokenHandler route",
    "const connection = endpoint.realtime(fal, {",
    "  tokenProvider: async (endpointId) =>",
    '    (await fetch("/api/fal/token", { method: "POST", body: JSON.stringify({ endpointId }) })).json(),',
    "  // On a server, leave tokenProvider out (the client's key fetches tokens). Node 20 has no global",
    "  // WebSocket (Node 22+ and browsers do): there, pass the `ws` package's:",
    '  // WebSocket: (await import("ws")).default,',
    "});",
    "connection.send(input);",
    "for await (const output of connection) {",
    "  console.log(output);",
    "  connection.close();",
    "}",
  ].join("\n");
}

/** Without a valid example (a schema no value could be built for), the program still compiles: its input comes from elsewhere. */
const NO_EXAMPLE = "declare const input: endpoint.Input; // no value of the Input schema could be built for this example";

/** A value as a TypeScript literal, with bare keys where they are identifiers. */
function objectLiteral(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return value.length === 0 ? "[]" : `[\n${value.map((item) => inner + objectLiteral(item, inner)).join(",\n")},\n${indent}]`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    // `__proto__: x` in a literal sets the prototype, even quoted; a computed key makes the property.
    const key = (name: string) => (name === "__proto__" ? `[${JSON.stringify(name)}]` : isIdentifierName(name) ? name : JSON.stringify(name));
    return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${objectLiteral(item, inner)}`).join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function propertyAccess(name: string): string {
  return isIdentifierName(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
