// falgen's runtime (runtime/endpoint-calls.ts), written by `falgen generate`. Do not edit.
// The calls of fal's APIs, untyped (endpoint id a string, input unknown): the package root's
// functions keyed by endpoint id and each endpoint module call these (realtime is in realtime.ts,
// so that only a program using it loads msgpack). `submit`, `subscribe`, `run` and `stream` upload
// file inputs; their `...With` forms take the file step as their last argument (see `FileStep`),
// and an endpoint module passes `uploadFiles` only when its spec has `*_url`/`*_urls` fields, so a
// page calling only endpoints without them bundles no upload code.
export { uploadFiles } from "./internal/upload.js";
export { cancel, result, status, submit, submitWith } from "./queue.js";
export { run, runWith } from "./run.js";
export { streamStatus } from "./stream.js";
export { stream, streamWith } from "./stream-output.js";
export { subscribe, subscribeWith } from "./subscribe.js";
