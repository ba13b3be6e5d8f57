import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { Jwk, Jwks } from "../types.js";

/** The headers fal signs a webhook delivery with. */
export interface WebhookSignatureHeaders {
  "X-Fal-Webhook-Request-Id": string;
  "X-Fal-Webhook-User-Id": string;
  "X-Fal-Webhook-Timestamp": string;
  "X-Fal-Webhook-Signature": string;
}

/**
 * Signs webhook deliveries as fal does (docs "Verifying Your Webhook"): an Ed25519 signature,
 * hex-encoded, over the UTF-8 bytes of
 *   request_id + "\n" + user_id + "\n" + timestamp (unix seconds) + "\n" + hex(sha256(raw body)).
 * A fresh key pair is made per simulator; its public key is served as a JWKS (OKP, Ed25519).
 */
export class WebhookSigner {
  readonly jwks: Jwks;
  private readonly privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    this.privateKey = privateKey;
    const x = String(publicKey.export({ format: "jwk" }).x);
    const jwk: Jwk = { kty: "OKP", crv: "Ed25519", x, kid: createHash("sha256").update(x).digest("hex").slice(0, 16), alg: "EdDSA", use: "sig" };
    this.jwks = { keys: [jwk] };
  }

  headers(requestId: string, userId: string, body: Buffer, now = Date.now()): WebhookSignatureHeaders {
    const timestamp = String(Math.floor(now / 1000));
    const message = [requestId, userId, timestamp, createHash("sha256").update(body).digest("hex")].join("\n");
    return {
      "X-Fal-Webhook-Request-Id": requestId,
      "X-Fal-Webhook-User-Id": userId,
      "X-Fal-Webhook-Timestamp": timestamp,
      "X-Fal-Webhook-Signature": sign(null, Buffer.from(message, "utf8"), this.privateKey).toString("hex"),
    };
  }
}
