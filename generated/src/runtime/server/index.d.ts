// falgen's runtime (runtime/server/index.ts), written by `falgen generate`. Do not edit.
// The `/server` subpath: what holds or checks secrets and so runs only on a server. Browser code
// imports the package root, which never reaches these.
export { FalWebhookError } from "../errors.js";
export { fetchRealtimeToken, REALTIME_TOKEN_SECONDS } from "../internal/realtime-token.js";
export { createProxyHandler, DEFAULT_PROXY_BODY_LIMIT_BYTES, type ProxyHandlerOptions } from "./proxy.js";
export { createTokenHandler, type TokenHandlerOptions } from "./token-handler.js";
export { createMemoryReplayStore, DEFAULT_WEBHOOK_BODY_LIMIT_BYTES, FAL_WEBHOOK_JWKS_URL, verifyWebhook, type Jwks, type VerifyWebhookOptions, type WebhookPayload, type WebhookReplayStore } from "./webhook.js";
