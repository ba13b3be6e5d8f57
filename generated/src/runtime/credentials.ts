import { FalError } from "./errors.js";

/** A fal key (`key_id:key_secret`), or a function returning one (called per request, so it may rotate). */
export type Credentials = string | (() => string | Promise<string>);

/** The key to send: the given credentials, else `FAL_KEY`, else `FAL_KEY_ID` and `FAL_KEY_SECRET` joined by ":". */
export async function resolveCredentials(credentials: Credentials | undefined): Promise<string> {
  const key = typeof credentials === "function" ? await credentials() : (credentials ?? credentialsFromEnv());
  if (!key) {
    throw new FalError("No fal credentials: pass `credentials` to createFalClient, or set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET)");
  }
  return key;
}

function credentialsFromEnv(): string | undefined {
  try {
    // `process` only exists on Node-like runtimes; Deno throws here without --allow-env.
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    if (env?.FAL_KEY) return env.FAL_KEY;
    if (env?.FAL_KEY_ID && env.FAL_KEY_SECRET) return `${env.FAL_KEY_ID}:${env.FAL_KEY_SECRET}`;
  } catch {
    // No access to the environment: the caller must pass credentials.
  }
  return undefined;
}
