import { decode, encode } from "@msgpack/msgpack";
import WebSocket from "ws";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { FAULT_HEADER } from "../../generator/simulator/start-simulator.js";
import { call, fixtureEndpoints, KEY, readSse, startTestSimulator } from "./simulator-fixture.js";

const simulator = await startTestSimulator({ runMs: 40, streamPingMs: 10 });
const endpoints = await fixtureEndpoints();
const fluxDev = endpoints.find((endpoint) => endpoint.endpointId === "fal-ai/flux/dev")!;
const wsBase = `${simulator.url.replace(/^http/, "ws")}/_run`;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`${simulator.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

async function token(apps: string[], seconds = 120): Promise<string> {
  const response = await post("/_rest/tokens/", { allowed_apps: apps, token_expiration: seconds });
  expect(response.status).toBe(201);
  return (await response.json()) as string;
}

/** Opens a realtime socket and collects its decoded messages until it closes. */
function openSocket(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const messages: Record<string, unknown>[] = [];
  socket.on("message", (data: Buffer) => messages.push(decode(data) as Record<string, unknown>));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  const opened = new Promise<void>((resolve, reject) => {
    socket.on("open", resolve);
    socket.on("error", reject);
  });
  return { socket, messages, closed, opened };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error("condition never held");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("POST /_run/<id>/stream", () => {
  it("answers SSE partial outputs, one more field each, the last the whole valid output", async () => {
    const response = await post("/_run/fal-ai/flux/dev/stream", { prompt: "a fox", seed: 3 });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("x-fal-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const events = await readSse(response);
    expect(events.map((event) => Object.keys(event).length)).toEqual(events.map((_, index) => index + 1));
    expect(fluxDev.validator.errors(fluxDev.outputPointer, events.at(-1))).toEqual([]);
    expect(events.at(-1)?.seed).toBe(3);
  });

  it("validates the input (422) and checks the key (401), like the run route", async () => {
    expect((await post("/_run/fal-ai/flux/dev/stream", { num_images: 2 })).status).toBe(422);
    const anonymous = await fetch(`${simulator.url}/_run/fal-ai/flux/dev/stream`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
    expect((await post("/_run/fal-ai/unknown/stream", {})).status).toBe(404);
  });

  it("sends a failure as fal's in-band error event after the first partial", async () => {
    const response = await post("/_run/fal-ai/flux/dev/stream", { prompt: "x" }, { [FAULT_HEADER]: "outcome=500" });
    expect(await readSse(response)).toEqual([{}, { type: "x-fal-error", error: "runner_server_error", reason: "Simulated failure (outcome=500)", status: 500 }]);
  });

  it("stalls after the first event with run=stall, keeping the connection alive with pings", async () => {
    const response = await post("/_run/fal-ai/flux/dev/stream", { prompt: "x" }, { [FAULT_HEADER]: "run=stall" });
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes(": ping")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text.match(/^data: /gm)).toHaveLength(1);
    await reader.cancel();
  });

  it("refuses an unknown fault with a message naming stall among the kinds", async () => {
    const response = await post("/_run/fal-ai/flux/dev/stream", { prompt: "x" }, { [FAULT_HEADER]: "run=freeze" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain("stall");
  });
});

describe("POST /_rest/tokens/", () => {
  it("issues a token as a JSON string; a bad body is a 422 naming the field; no key is a 401", async () => {
    expect(typeof (await token(["flux"]))).toBe("string");
    const bad = await post("/_rest/tokens/", { allowed_apps: [], token_expiration: 0 });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: { loc: string[] }[] }).detail.map((entry) => entry.loc.join("."))).toEqual(["body.allowed_apps", "body.token_expiration"]);
    expect((await fetch(`${simulator.url}/_rest/tokens/`, { method: "POST", body: "{}" })).status).toBe(401);
  });
});

describe("the realtime WebSocket", () => {
  it("answers each msgpack input with a msgpack output valid against the spec, in order", async () => {
    const { socket, messages, opened } = openSocket(`${wsBase}/fal-ai/flux/dev/realtime?fal_jwt_token=${await token(["flux"])}`);
    await opened;
    for (const seed of [1, 2, 3]) socket.send(encode({ prompt: "live", seed }));
    await until(() => messages.length === 3);
    expect(messages.map((message) => message.seed)).toEqual([1, 2, 3]);
    for (const message of messages) expect(fluxDev.validator.errors(fluxDev.outputPointer, message)).toEqual([]);
    socket.close();
  });

  it("answers an invalid input with x-fal-error carrying the 422 detail, and goes on", async () => {
    const { socket, messages, opened } = openSocket(`${wsBase}/fal-ai/flux/dev/realtime?fal_jwt_token=${await token(["flux"])}`);
    await opened;
    socket.send(encode({ num_images: 2 }));
    socket.send(encode({ prompt: "fine" }));
    await until(() => messages.length === 2);
    expect(messages[0]).toMatchObject({ type: "x-fal-error", error: "Unprocessable Entity", detail: [{ loc: ["body", "prompt"], type: "missing" }] });
    expect(messages[1]?.prompt).toBe("fine");
    socket.close();
  });

  it.each([
    ["no token", () => Promise.resolve("")],
    ["an unknown token", () => Promise.resolve("sim.forged")],
    ["a token for another app", () => token(["other-app"])],
    ["an expired token", async () => {
      const expiring = await token(["flux"], 1);
      // Its second passed, on the clock the simulator reads (Date only: its servers' timers run on).
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + 1_100);
      onTestFinished(() => void vi.useRealTimers());
      return expiring;
    }],
  ])("refuses %s with fal's Unauthorized message and a 1008 close", async (_what, makeToken) => {
    const value = await makeToken();
    const { messages, closed } = openSocket(`${wsBase}/fal-ai/flux/dev/realtime${value ? `?fal_jwt_token=${value}` : ""}`);
    expect(await closed).toEqual({ code: 1008, reason: "Unauthorized" });
    expect(messages).toEqual([{ status: "error", error: "Unauthorized", reason: expect.any(String) }]);
  });

  it("accepts the key itself from server-side clients, and refuses a wrong one", async () => {
    const { socket, opened, messages } = openSocket(`${wsBase}/fal-ai/flux/dev/realtime`, { authorization: `Key ${KEY}` });
    await opened;
    socket.send(encode({ prompt: "keyed" }));
    await until(() => messages.length === 1);
    socket.close();
    const wrong = openSocket(`${wsBase}/fal-ai/flux/dev/realtime`, { authorization: "Key nope" });
    expect((await wrong.closed).code).toBe(1008);
  });

  it("refuses the upgrade for a realtime fault, and closes after n answers with faults.realtimeCloseAfter", async () => {
    const refused = openSocket(`${wsBase}/fal-ai/flux/dev/realtime`, { authorization: `Key ${KEY}`, [FAULT_HEADER]: "realtime=503" });
    await expect(refused.opened).rejects.toThrow(/503/);

    const closing = await startTestSimulator({ faults: { realtimeCloseAfter: 2, realtimeCloseCode: 4000 } });
    const { socket, opened, messages, closed } = openSocket(`${closing.url.replace(/^http/, "ws")}/_run/fal-ai/flux/dev/realtime`, { authorization: `Key ${KEY}` });
    await opened;
    for (const seed of [1, 2, 3]) socket.send(encode({ prompt: "x", seed }));
    expect((await closed).code).toBe(4000);
    expect(messages.map((message) => message.seed)).toEqual([1, 2]);
  });
});
