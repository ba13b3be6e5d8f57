// falgen's runtime (runtime/endpoint-calls.ts), written by `falgen generate`. Do not edit.
// What endpoint modules call for the functions that take an input: each with the endpoint's file
// step as its last argument (see `FileStep`). A module passes `uploadFiles` only when its spec has
// `*_url`/`*_urls` fields, so a page calling only endpoints without them bundles no upload code.
// The runtime's index (and the package root's functions keyed by endpoint id) always upload.
export { uploadFiles } from "./internal/upload.js";
export { submitWith } from "./queue.js";
export { runWith } from "./run.js";
export { streamWith } from "./stream-output.js";
export { subscribeWith } from "./subscribe.js";
