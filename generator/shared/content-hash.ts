import { createHash } from "node:crypto";

/** The sha256, in hex, of some text or bytes (several parts are kept apart by NUL): cache keys and file digests. */
export function contentHash(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  // Text alone goes in as one update: a cache key is hashed a thousand times a run, and each update is a call into OpenSSL.
  if (parts.every((part) => typeof part === "string")) return hash.update(parts.join("\0")).digest("hex");
  parts.forEach((part, index) => {
    if (index > 0) hash.update("\0");
    hash.update(part);
  });
  return hash.digest("hex");
}
