import { createHash, createPublicKey, verify, type JsonWebKey } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startTestSimulator, submit } from "./simulator-fixture.js";

interface Delivery {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))));

/** A webhook receiver on 127.0.0.1 that answers `statuses` in turn (then 200); `next()` waits for the next accepted delivery. */
async function receiver(statuses: number[] = []): Promise<{ url: string; deliveries: Delivery[]; next(): Promise<Delivery> }> {
  const deliveries: Delivery[] = [];
  const waiters = new Map<number, (delivery: Delivery) => void>();
  let taken = 0;
  let attempts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const status = statuses[attempts++] ?? 200;
      res.statusCode = status;
      res.end();
      if (status === 200) {
        const delivery = { headers: req.headers, body: Buffer.concat(chunks) };
        deliveries.push(delivery);
        waiters.get(deliveries.length - 1)?.(delivery);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=abc`,
    deliveries,
    next: () => {
      const index = taken++;
      return new Promise((resolve) => (deliveries[index] ? resolve(deliveries[index]) : waiters.set(index, resolve)));
    },
  };
}

/** fal's verification procedure, with node:crypto, against the JWKS the simulator serves. */
function verifyFalWebhook(delivery: Delivery, jwks: { keys: JsonWebKey[] }): boolean {
  const requestId = delivery.headers["x-fal-webhook-request-id"] as string;
  const userId = delivery.headers["x-fal-webhook-user-id"] as string;
  const timestamp = delivery.headers["x-fal-webhook-timestamp"] as string;
  const signature = delivery.headers["x-fal-webhook-signature"] as string;
  if (!requestId || !userId || !timestamp || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const message = Buffer.from([requestId, userId, timestamp, createHash("sha256").update(delivery.body).digest("hex")].join("\n"), "utf8");
  return jwks.keys.some((jwk) => verify(null, message, createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(signature, "hex")));
}

const simulator = await startTestSimulator();

describe("webhooks", () => {
  it("POSTs {request_id, gateway_request_id, status: OK, payload} signed as fal does, verifiable with the served JWKS", async () => {
    const hook = await receiver();
    const submitted = await submit(simulator, "fal-ai/flux/dev", { prompt: "a fox" }, {}, `?fal_webhook=${encodeURIComponent(hook.url)}`);
    const delivery = await hook.next();

    const jwksResponse = await fetch(`${simulator.url}/.well-known/jwks.json`);
    expect(jwksResponse.status).toBe(200);
    const jwks = (await jwksResponse.json()) as { keys: (JsonWebKey & { kid: string })[] };
    expect(jwks).toEqual(simulator.jwks);
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: expect.any(String) });

    expect(verifyFalWebhook(delivery, jwks)).toBe(true);
    expect(delivery.headers["x-fal-webhook-request-id"]).toBe(submitted.request_id);
    expect(delivery.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(delivery.body.toString("utf8")) as Record<string, unknown>;
    expect(body).toMatchObject({ request_id: submitted.request_id, gateway_request_id: submitted.request_id, status: "OK" });
    expect((body.payload as { images: unknown[] }).images).toHaveLength(1);

    const tampered = { ...delivery, body: Buffer.from(delivery.body.toString("utf8").replace("OK", "ERROR")) };
    expect(verifyFalWebhook(tampered, jwks)).toBe(false);
    expect((await fetch(`${simulator.storageUrl}/.well-known/jwks.json`)).status).toBe(200);
  });

  it("retries a failing receiver with backoff until it accepts", async () => {
    const own = await startTestSimulator();
    const hook = await receiver([500, 503]);
    await submit(own, "fal-ai/flux/dev", { prompt: "a fox" }, {}, `?fal_webhook=${encodeURIComponent(hook.url)}`);
    const delivery = await hook.next();
    expect(verifyFalWebhook(delivery, own.jwks as unknown as { keys: JsonWebKey[] })).toBe(true);
    await expect.poll(() => own.stats().webhooks).toEqual({ delivered: 1, failedAttempts: 2, abandoned: 0 });
  });

  it("sends status ERROR with the error and its detail when the request fails", async () => {
    const hook = await receiver();
    const submitted = await submit(simulator, "fal-ai/flux/dev", { prompt: "a fox" }, { "x-sim-faults": "outcome=500" }, `?fal_webhook=${encodeURIComponent(hook.url)}`);
    const body = JSON.parse((await hook.next()).body.toString("utf8")) as Record<string, unknown>;
    expect(body).toMatchObject({ request_id: submitted.request_id, status: "ERROR", error: "Invalid status code: 500", payload: { detail: expect.any(String), error_type: "runner_server_error" } });
  });

  it("refuses a webhook URL off the machine", async () => {
    const response = await fetch(`${simulator.url}/fal-ai/flux/dev?fal_webhook=${encodeURIComponent("https://example.com/hook")}`, {
      method: "POST",
      headers: { Authorization: "Key sim-test-key:0123456789abcdef" },
      body: JSON.stringify({ prompt: "x" }),
    });
    expect(response.status).toBe(400);
  });
});
