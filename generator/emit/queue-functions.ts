import type { FunctionDeclarationStructure, OptionalKind, ParameterDeclarationStructure } from "ts-morph";
import type { StructureKinds } from "./print-statements.js";

/**
 * The endpoint functions (the six queue functions, then `run`, `stream` and `realtime`), as
 * structures, for both places that define them: each endpoint module (endpoint fixed by its
 * `endpointId` constant) and the package root (endpoint id as an argument).
 */
export interface QueueFunctionTarget {
  /** How the docs name the endpoint, e.g. "`fal-ai/qwen-image`". */
  subject: string;
  inputType: string;
  outputType: string;
  /**
   * Absent in endpoint modules; in the root, the id parameter and whether typing depends on it.
   * `notImportedHint`, a type the parameter also takes (a branded string literal no value has), is what a type error at an id
   * whose module the program did not import shows as the expected type, instead of `never`.
   */
  endpointParameter?: { typeParameter: { name: string; constraint: string }; fallbackType: string; notImportedHint: string };
  /**
   * Whether inputs may hold files (the spec's `*_url`/`*_urls` fields), typed as `InputWithFiles`
   * and uploaded. In an endpoint module without them the input is the plain type and the calls
   * get no file step, so its pages bundle no upload code. The root's functions always take files.
   */
  fileInputs: boolean;
  /**
   * Globals a type of the module shadows (an endpoint module whose spec has a schema called
   * `Promise`): its signatures write them as `globalThis.Promise`.
   */
  shadowedGlobals?: ReadonlySet<string>;
}

/** The global types the functions' signatures name. */
export const SIGNATURE_GLOBALS = ["Promise", "AsyncIterable", "Partial"] as const;

/** How a signature names its types: the endpoint's input and output, and the globals it uses. */
type SignatureTypes = { input: string; output: string } & Record<(typeof SIGNATURE_GLOBALS)[number], string>;

interface QueueFunction {
  name: string;
  docs: (subject: string, fileInputs: boolean) => string;
  /** What follows the client (and the endpoint id) before the options: the input, a request id, or nothing. */
  takes: "input" | "requestId" | "nothing";
  options: string;
  /** The options type when it depends on the output type (default `$runtime.<options>`). */
  optionsType?: (types: SignatureTypes) => string;
  /** The namespace the function is called from (default `$calls`, runtime/endpoint-calls.ts): `$realtime` keeps realtime out of modules that do not use it. */
  namespace?: "$realtime";
  /** Whether the signature mentions the endpoint's input or output type. */
  typed: boolean;
  returnType: (types: SignatureTypes) => string;
  /** The runtime function's type arguments, e.g. `<Output>`. */
  typeArguments?: (types: SignatureTypes) => string;
}

const QUEUE_FUNCTIONS: QueueFunction[] = [
  {
    name: "submit",
    docs: (subject, fileInputs) =>
      `Queues a request to ${subject} and returns its id and URLs without waiting.` + (fileInputs ? "\nFile inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first." : ""),
    takes: "input", options: "SubmitOptions", typed: true,
    returnType: (t) => `${t.Promise}<$runtime.SubmitResult>`,
  },
  {
    name: "status",
    docs: (subject) => `Fetches the queue status of a request to ${subject}.`,
    takes: "requestId", options: "StatusOptions", typed: false,
    returnType: (t) => `${t.Promise}<$runtime.QueueStatus>`,
  },
  {
    name: "streamStatus",
    docs: (subject) => `Streams the status of a request to ${subject} (Server-Sent Events) until it completes.`,
    takes: "requestId", options: "StatusOptions", typed: false,
    returnType: (t) => `${t.AsyncIterable}<$runtime.QueueStatus>`,
  },
  {
    name: "result",
    docs: (subject) => `Fetches the output of a completed request to ${subject}.`,
    takes: "requestId", options: "ResultOptions", typed: true,
    returnType: (t) => `${t.Promise}<$runtime.Result<${t.output}>>`,
    typeArguments: (t) => `<${t.output}>`,
  },
  {
    name: "cancel",
    docs: (subject) => `Asks the queue to cancel a request to ${subject} that has not completed.`,
    takes: "requestId", options: "CancelOptions", typed: false,
    returnType: (t) => `${t.Promise}<void>`,
  },
  {
    name: "subscribe",
    docs: (subject) =>
      `Submits a request to ${subject}, waits for it (polling, or streaming with \`mode: "streaming"\`) and returns its output.\n` +
      "`onEnqueue` receives the request id before any wait, and every error after submit carries it.",
    takes: "input", options: "SubscribeOptions", typed: true,
    returnType: (t) => `${t.Promise}<$runtime.Result<${t.output}>>`,
    typeArguments: (t) => `<${t.output}>`,
  },
  {
    name: "run",
    docs: (subject) =>
      `Calls ${subject} synchronously (\`POST https://fal.run/<endpoint id>\`, not queued) and returns its output.\n` +
      "Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.",
    takes: "input", options: "RunOptions", typed: true,
    returnType: (t) => `${t.Promise}<$runtime.Result<${t.output}>>`,
    typeArguments: (t) => `<${t.output}>`,
  },
  {
    name: "stream",
    docs: (subject) =>
      `Calls the streaming route of ${subject} (\`POST https://fal.run/<endpoint id>/stream\`, Server-Sent Events).\n` +
      "Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.",
    takes: "input", options: "StreamOptions", typed: true,
    returnType: (t) => `$runtime.FalStream<${t.Partial}<${t.output}>, ${t.output}>`,
    typeArguments: (t) => `<${t.Partial}<${t.output}>, ${t.output}>`,
  },
  {
    name: "realtime",
    docs: (subject) =>
      `Opens a realtime session with ${subject} (fal's WebSocket, msgpack frames): \`send\` inputs, iterate the outputs, \`close()\`.\n` +
      "In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page. " +
      "In Node 20, which has no global WebSocket, pass one as the `WebSocket` option (the `ws` package's).",
    takes: "nothing", options: "RealtimeOptions", typed: true,
    optionsType: (t) => `$runtime.RealtimeOptions<${t.output}>`,
    namespace: "$realtime",
    returnType: (t) => `$runtime.RealtimeConnection<${t.input}, ${t.output}>`,
    typeArguments: (t) => `<${t.input}, ${t.output}>`,
  },
];

export function queueFunctionStructures(StructureKind: StructureKinds["StructureKind"], target: QueueFunctionTarget): FunctionDeclarationStructure[] {
  const { endpointParameter: endpoint, fileInputs, inputType, outputType } = target;
  const types = { input: inputType, output: outputType } as SignatureTypes;
  for (const name of SIGNATURE_GLOBALS) types[name] = target.shadowedGlobals?.has(name) ? `globalThis.${name}` : name;
  return QUEUE_FUNCTIONS.map((fn) => {
    const parameters: OptionalKind<ParameterDeclarationStructure>[] = [{ name: "client", type: "$runtime.FalClient" }];
    if (endpoint) parameters.push({ name: "endpointId", type: `${fn.typed ? endpoint.typeParameter.name : endpoint.fallbackType} | ${endpoint.notImportedHint}` });
    if (fn.takes === "input") parameters.push({ name: "input", type: fileInputs ? `$runtime.InputWithFiles<${inputType}>` : inputType });
    if (fn.takes === "requestId") parameters.push({ name: "requestId", type: "string" });
    parameters.push({ name: "options", type: fn.optionsType?.(types) ?? `$runtime.${fn.options}`, hasQuestionToken: true });
    const args = ["client", "endpointId", ...(fn.takes === "nothing" ? [] : [fn.takes]), "options"];
    let callee = `${fn.namespace ?? "$calls"}.${fn.name}`;
    // An endpoint module calls the variant that takes the file step, and passes it only when its inputs may hold files.
    if (fn.takes === "input" && !endpoint) {
      callee = `$calls.${fn.name}With`;
      if (fileInputs) args.push("$calls.uploadFiles");
    }
    return {
      kind: StructureKind.Function,
      isExported: true,
      name: fn.name,
      docs: [fn.docs(target.subject, fileInputs)],
      typeParameters: endpoint && fn.typed ? [endpoint.typeParameter] : [],
      parameters,
      returnType: fn.returnType(types),
      statements: [`return ${callee}${fn.typeArguments?.(types) ?? ""}(${args.join(", ")});`],
    };
  });
}
