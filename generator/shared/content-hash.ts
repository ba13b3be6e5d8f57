import { createHash } from "node:crypto";

/** The sha256, in hex, of some text or bytes (several parts are kept apart by NUL): cache keys and file digests. */
export function contentHash(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  parts.forEach((part, index) => {
    if (index > 0) hash.update("\0");
    hash.update(part);
  });
  return hash.digest("hex");
}
