import { randomBytes } from "node:crypto";
import { json, type Call, type Reply } from "../server/http-reply.js";
import type { SimulatorContext } from "../server/simulator-context.js";
import { parseJson, unprocessable } from "../validation/input.js";
import { fieldError, type FieldError } from "../validation/validation-errors.js";

/** Longest `token_expiration` accepted, in seconds. */
const MAX_TOKEN_SECONDS = 3600;

/** Realtime tokens the simulator issued: the apps each allows and when it expires. */
export class TokenStore {
  private readonly tokens = new Map<string, { apps: string[]; expiresAt: number }>();

  issue(apps: string[], seconds: number): string {
    const token = `sim.${randomBytes(24).toString("base64url")}`;
    this.tokens.set(token, { apps, expiresAt: Date.now() + seconds * 1000 });
    return token;
  }

  /** Why `token` does not open `app`, or undefined when it does. */
  refusal(token: string | null, app: string): string | undefined {
    if (!token) return "missing fal_jwt_token";
    const entry = this.tokens.get(token);
    if (!entry) return "unknown token";
    if (entry.expiresAt <= Date.now()) return "expired token";
    if (!entry.apps.includes(app)) return `token not valid for app ${app}`;
    return undefined;
  }
}

/**
 * `POST /_rest/tokens/` (rest.fal.ai's token endpoint): `{allowed_apps: [app], token_expiration:
 * seconds}` -> the token as a JSON string, as fal answers; a bad body is a FastAPI 422.
 */
export async function issueToken(sim: SimulatorContext, call: Call): Promise<Reply> {
  const parsed = parseJson(await call.body());
  if ("reply" in parsed) return parsed.reply;
  const body = parsed.value as { allowed_apps?: unknown; token_expiration?: unknown } | null | undefined;
  const detail: FieldError[] = [];
  const apps = body?.allowed_apps;
  if (!Array.isArray(apps) || apps.length === 0 || !apps.every((app) => typeof app === "string" && app !== "")) {
    detail.push(fieldError(["body", "allowed_apps"], "list_type", "Input should be a non-empty list of app names"));
  }
  const seconds = body?.token_expiration ?? 120;
  if (!Number.isInteger(seconds) || (seconds as number) < 1 || (seconds as number) > MAX_TOKEN_SECONDS) {
    detail.push(fieldError(["body", "token_expiration"], "int_range", `Input should be an integer from 1 to ${MAX_TOKEN_SECONDS}`));
  }
  if (detail.length > 0) return unprocessable(detail);
  sim.stats.realtime("tokens");
  return json(201, sim.tokens.issue(apps as string[], seconds as number));
}
