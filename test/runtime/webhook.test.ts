import { beforeAll, describe, expect, test } from "vitest";
import { FalWebhookError } from "../../generator/runtime/index.js";
import { createMemoryReplayStore, DEFAULT_WEBHOOK_BODY_LIMIT_BYTES, verifyWebhook, type Jwks, type VerifyWebhookOptions } from "../../generator/runtime/server/index.js";
import { json } from "./serve.js";
import { postDeclaringGigabyte, postLarge, serveStreaming } from "./streaming-server.js";

const NOW_MS = Date.parse("2024-06-01T12:00:00Z");
const NOW_S = NOW_MS / 1000;
const now = () => NOW_MS;

let signer: CryptoKeyPair;
let jwks: Jwks;

beforeAll(async () => {
  signer = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const other = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  // fal's set holds several keys; the matching one need not be first.
  jwks = { keys: [await crypto.subtle.exportKey("jwk", other.publicKey), Object.assign(await crypto.subtle.exportKey("jwk", signer.publicKey), { alg: "EdDSA", kid: "k2" })] };
});

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** A delivery signed the way fal signs: request id, user id, timestamp and sha256(body) in hex, joined by "\n". */
async function delivery(body: string, options: { timestamp?: number; key?: CryptoKey; sentBody?: string; userId?: string } = {}): Promise<Request> {
  const timestamp = String(options.timestamp ?? NOW_S);
  const userId = options.userId ?? "user-1";
  const digest = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  const message = new TextEncoder().encode(["req-1", userId, timestamp, digest].join("\n"));
  const signature = hex(await crypto.subtle.sign("Ed25519", options.key ?? signer.privateKey, message));
  return new Request("https://app.example/webhook", {
    method: "POST",
    body: options.sentBody ?? body,
    headers: {
      "x-fal-webhook-request-id": "req-1",
      "x-fal-webhook-user-id": userId,
      "x-fal-webhook-timestamp": timestamp,
      "x-fal-webhook-signature": signature,
    },
  });
}

const payload = { request_id: "req-1", gateway_request_id: "req-1", status: "OK", payload: { images: [] } };

describe("verifyWebhook", () => {
  test("accepts a correctly signed delivery and returns its payload", async () => {
    await expect(verifyWebhook(await delivery(JSON.stringify(payload)), { jwks, now })).resolves.toEqual(payload);
  });

  test("takes the key set from a function", async () => {
    const other = { ...payload, gateway_request_id: "req-2" };
    await expect(verifyWebhook(await delivery(JSON.stringify(other)), { jwks: async () => jwks, now })).resolves.toEqual(other);
  });

  test("rejects a tampered body", async () => {
    const request = await delivery(JSON.stringify(payload), { sentBody: JSON.stringify({ ...payload, status: "ERROR" }) });
    await expect(verifyWebhook(request, { jwks, now })).rejects.toMatchObject({ name: "FalWebhookError", requestId: "req-1" });
  });

  test("rejects a timestamp outside the tolerance, either way", async () => {
    await expect(verifyWebhook(await delivery("{}", { timestamp: NOW_S - 301 }), { jwks, now })).rejects.toBeInstanceOf(FalWebhookError);
    await expect(verifyWebhook(await delivery("{}", { timestamp: NOW_S + 301 }), { jwks, now })).rejects.toBeInstanceOf(FalWebhookError);
    await expect(verifyWebhook(await delivery("{}", { timestamp: NOW_S - 301 }), { jwks, now, toleranceSeconds: 600 })).resolves.toEqual({});
  });

  test("rejects a signature by a key not in the set", async () => {
    const stranger = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
    await expect(verifyWebhook(await delivery("{}", { key: stranger.privateKey }), { jwks, now })).rejects.toThrow(/none of the keys/);
  });

  test("rejects missing or malformed signature headers", async () => {
    const request = await delivery("{}");
    request.headers.delete("x-fal-webhook-user-id");
    await expect(verifyWebhook(request, { jwks, now })).rejects.toBeInstanceOf(FalWebhookError);
    const garbled = await delivery("{}");
    garbled.headers.set("x-fal-webhook-signature", "not-hex");
    await expect(verifyWebhook(garbled, { jwks, now })).rejects.toBeInstanceOf(FalWebhookError);
  });

  test("ignores keys that are not Ed25519", async () => {
    const request = await delivery("{}");
    await expect(verifyWebhook(request, { jwks: { keys: [{ kty: "RSA", n: "x", e: "AQAB" }, { kty: "OKP", crv: "Ed25519", x: "short" }] }, now })).rejects.toBeInstanceOf(FalWebhookError);
  });
});

/** A webhook receiver on loopback: 200 with the payload, or 401 with the error's name and message. */
async function receiver(options: Omit<VerifyWebhookOptions, "jwks"> & { jwks?: VerifyWebhookOptions["jwks"] } = {}) {
  return serveStreaming(async (request) => {
    try {
      return json({ payload: await verifyWebhook(request, { jwks, now, ...options }) });
    } catch (error) {
      return json({ name: (error as Error).name, message: (error as Error).message, requestId: (error as FalWebhookError).requestId }, { status: 401 });
    }
  });
}

const headersOf = (request: Request) => Object.fromEntries(request.headers);

describe("verifyWebhook against hostile deliveries", () => {
  test(`a forged delivery larger than the limit (${DEFAULT_WEBHOOK_BODY_LIMIT_BYTES} bytes) is refused without being read whole`, async () => {
    const server = await receiver();
    const { status, text } = await postLarge(server.url, headersOf(await delivery("{}")), 64 * 1024 * 1024);
    expect(status).toBe(401);
    expect(JSON.parse(text)).toMatchObject({ name: "FalWebhookError", message: expect.stringMatching(/larger than 16777216 bytes/), requestId: "req-1" });
    expect(server.bytesRead()).toBeLessThanOrEqual(DEFAULT_WEBHOOK_BODY_LIMIT_BYTES + 1024 * 1024);
  });

  test("a declared Content-Length over the limit, or a stale timestamp, is refused before any of the body is read", async () => {
    const server = await receiver({ maxBodyBytes: 1024 });
    const stale = await postLarge(server.url, headersOf(await delivery("{}", { timestamp: NOW_S - 3600 })), 8 * 1024 * 1024);
    expect(stale.status).toBe(401);
    expect(await postDeclaringGigabyte(server.url, headersOf(await delivery("{}")))).toBe(401);
    expect(server.bytesRead()).toBe(0);
  });

  test("a valid delivery is accepted once: a replay within the tolerance is refused", async () => {
    const body = JSON.stringify({ ...payload, gateway_request_id: "replayed" });
    const server = await receiver();
    const first = await fetch(server.url, { method: "POST", headers: headersOf(await delivery(body)), body });
    expect(first.status).toBe(200);
    const replay = await fetch(server.url, { method: "POST", headers: headersOf(await delivery(body)), body });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ message: expect.stringMatching(/already received \(a replay\)/), requestId: "req-1" });
  });

  test("the replay store is pluggable (and can be turned off); the in-memory one forgets entries once expired", async () => {
    const seen: [string, number][] = [];
    const store = { add: async (signature: string, ttlMs: number) => (seen.push([signature, ttlMs]), seen.length === 1) };
    const body = JSON.stringify({ ...payload, gateway_request_id: "store" });
    await expect(verifyWebhook(await delivery(body), { jwks, now, replayStore: store })).resolves.toEqual(JSON.parse(body));
    await expect(verifyWebhook(await delivery(body), { jwks, now, replayStore: store })).rejects.toThrow(/replay/);
    // Kept until the timestamp leaves the tolerance (300 s), plus a second.
    expect(seen[0]).toEqual([expect.stringMatching(/^[0-9a-f]{128}$/), 301_000]);
    for (let i = 0; i < 2; i++) await expect(verifyWebhook(await delivery(body), { jwks, now, replayStore: false })).resolves.toEqual(JSON.parse(body));

    const memory = createMemoryReplayStore();
    expect(memory.add("a", 20)).toBe(true);
    expect(memory.add("a", 20)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(memory.add("a", 20)).toBe(true);
  });

  test("userId pins the fal user: a delivery signed for another user is refused", async () => {
    const body = JSON.stringify({ ...payload, gateway_request_id: "pinned" });
    await expect(verifyWebhook(await delivery(body, { userId: "someone-else" }), { jwks, now, userId: "user-1" })).rejects.toMatchObject({
      name: "FalWebhookError",
      message: "The webhook was sent for another fal user",
      requestId: "req-1",
    });
    await expect(verifyWebhook(await delivery(body), { jwks, now, userId: "user-1" })).resolves.toEqual(JSON.parse(body));
  });

  test.each([
    ["an empty object", async () => ({}) as Jwks],
    ["keys: null", async () => ({ keys: null }) as unknown as Jwks],
    ["keys that are not objects", async () => ({ keys: [null, 7, "x"] }) as unknown as Jwks],
    ["null", async () => null as unknown as Jwks],
    ["a fetcher that rejects", () => Promise.reject(new TypeError("fetch failed"))],
    ["a fetcher that throws", () => {
      throw new TypeError("boom");
    }],
  ])("a malformed JWKS (%s) is a FalWebhookError, never a raw TypeError", async (_what, keys) => {
    const body = JSON.stringify({ ...payload, gateway_request_id: `jwks-${_what}` });
    const error = await verifyWebhook(await delivery(body), { jwks: keys as () => Promise<Jwks>, now, replayStore: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalWebhookError);
    expect(error).toMatchObject({ requestId: "req-1" });
  });
});
