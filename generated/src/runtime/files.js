// falgen's runtime (runtime/files.ts), written by `falgen generate`. Do not edit.
import { runScoped } from "./internal/abort.js";
import { fileUrl } from "./internal/upload.js";
export { INLINE_FILE_LIMIT_BYTES } from "./internal/inline-limit.js";
/** Uploads `data` to fal storage and returns its public URL. */
export function uploadFile(client, data, options = {}) {
	return runScoped(options, undefined, (signal) => fileUrl(client, data, signal, false));
}
