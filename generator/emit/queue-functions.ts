import { StructureKind, type FunctionDeclarationStructure, type OptionalKind, type ParameterDeclarationStructure } from "ts-morph";

/**
 * The six queue functions, as structures, for both places that define them: each endpoint module
 * (endpoint fixed by its `endpointId` constant) and the package root (endpoint id as an argument).
 */
export interface QueueFunctionTarget {
  /** How the docs name the endpoint, e.g. "`fal-ai/qwen-image`". */
  subject: string;
  inputType: string;
  outputType: string;
  /** Absent in endpoint modules; in the root, the id parameter and whether typing depends on it. */
  endpointParameter?: { typeParameter: { name: string; constraint: string }; fallbackType: string };
}

interface QueueFunction {
  name: string;
  docs: (subject: string) => string;
  takes: "input" | "requestId";
  options: string;
  /** Whether the signature mentions the endpoint's input or output type. */
  typed: boolean;
  returnType: (output: string) => string;
  call: (output: string) => string;
}

const QUEUE_FUNCTIONS: QueueFunction[] = [
  {
    name: "submit",
    docs: (subject) => `Queues a request to ${subject} and returns its id and URLs without waiting.\nFile inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.`,
    takes: "input", options: "SubmitOptions", typed: true,
    returnType: () => "Promise<$runtime.SubmitResult>",
    call: () => "submit(client, endpointId, input, options)",
  },
  {
    name: "status",
    docs: (subject) => `Fetches the queue status of a request to ${subject}.`,
    takes: "requestId", options: "StatusOptions", typed: false,
    returnType: () => "Promise<$runtime.QueueStatus>",
    call: () => "status(client, endpointId, requestId, options)",
  },
  {
    name: "streamStatus",
    docs: (subject) => `Streams the status of a request to ${subject} (Server-Sent Events) until it completes.`,
    takes: "requestId", options: "StatusOptions", typed: false,
    returnType: () => "AsyncIterable<$runtime.QueueStatus>",
    call: () => "streamStatus(client, endpointId, requestId, options)",
  },
  {
    name: "result",
    docs: (subject) => `Fetches the output of a completed request to ${subject}.`,
    takes: "requestId", options: "ResultOptions", typed: true,
    returnType: (output) => `Promise<$runtime.Result<${output}>>`,
    call: (output) => `result<${output}>(client, endpointId, requestId, options)`,
  },
  {
    name: "cancel",
    docs: (subject) => `Asks the queue to cancel a request to ${subject} that has not completed.`,
    takes: "requestId", options: "CancelOptions", typed: false,
    returnType: () => "Promise<void>",
    call: () => "cancel(client, endpointId, requestId, options)",
  },
  {
    name: "subscribe",
    docs: (subject) =>
      `Submits a request to ${subject}, waits for it (polling, or streaming with \`mode: "streaming"\`) and returns its output.\n` +
      "`onEnqueue` receives the request id before any wait, and every error after submit carries it.",
    takes: "input", options: "SubscribeOptions", typed: true,
    returnType: (output) => `Promise<$runtime.Result<${output}>>`,
    call: (output) => `subscribe<${output}>(client, endpointId, input, options)`,
  },
];

export function queueFunctionStructures(target: QueueFunctionTarget): FunctionDeclarationStructure[] {
  return QUEUE_FUNCTIONS.map((fn) => {
    const endpoint = target.endpointParameter;
    const parameters: OptionalKind<ParameterDeclarationStructure>[] = [{ name: "client", type: "$runtime.FalClient" }];
    if (endpoint) parameters.push({ name: "endpointId", type: fn.typed ? endpoint.typeParameter.name : endpoint.fallbackType });
    parameters.push(
      fn.takes === "input" ? { name: "input", type: `$runtime.InputWithFiles<${target.inputType}>` } : { name: "requestId", type: "string" },
      { name: "options", type: `$runtime.${fn.options}`, hasQuestionToken: true },
    );
    return {
      kind: StructureKind.Function,
      isExported: true,
      name: fn.name,
      docs: [fn.docs(target.subject)],
      typeParameters: endpoint && fn.typed ? [endpoint.typeParameter] : [],
      parameters,
      returnType: fn.returnType(target.outputType),
      statements: [`return $runtime.${fn.call(target.outputType)};`],
    };
  });
}
