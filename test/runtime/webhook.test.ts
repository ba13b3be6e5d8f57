import { beforeAll, describe, expect, test } from "vitest";
import { FalWebhookError, verifyWebhook, type Jwks } from "../../generator/runtime/index.js";

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
async function delivery(body: string, options: { timestamp?: number; key?: CryptoKey; sentBody?: string } = {}): Promise<Request> {
  const timestamp = String(options.timestamp ?? NOW_S);
  const digest = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  const message = new TextEncoder().encode(["req-1", "user-1", timestamp, digest].join("\n"));
  const signature = hex(await crypto.subtle.sign("Ed25519", options.key ?? signer.privateKey, message));
  return new Request("https://app.example/webhook", {
    method: "POST",
    body: options.sentBody ?? body,
    headers: {
      "x-fal-webhook-request-id": "req-1",
      "x-fal-webhook-user-id": "user-1",
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
