import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { FAULT_HEADER } from "../../generator/simulator/start-simulator.js";
import { call, KEY, startTestSimulator, submit, type Submitted } from "./simulator-fixture.js";

// Every fault kind, on every route family, through the simulator's one fault path
// (generator/simulator/faults/apply-fault.ts): each case fails if its fault were not applied.
const ENDPOINT = "fal-ai/flux/dev";
const simulator = await startTestSimulator({ queueMs: 20, runMs: 20, streamPingMs: 20 });

/** What a client saw of one call. */
interface Seen {
  /** No response at all (the socket was destroyed before the headers). */
  dropped: boolean;
  status?: number;
  headers?: Headers;
  text: string;
  /** How the body ended: in full, cut off by the server, or still open when the test stopped reading. */
  ended?: "complete" | "cut" | "open";
  ms: number;
}

async function see(url: string, init: RequestInit, openFor = 400): Promise<Seen> {
  const started = Date.now();
  let response: Response;
  try {
    response = await call(url, init);
  } catch {
    return { dropped: true, text: "", ms: Date.now() - started };
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended: Seen["ended"] = "complete";
  const deadline = Date.now() + openFor;
  for (;;) {
    const left = deadline - Date.now();
    const chunk = await Promise.race([reader.read().catch(() => "cut" as const), new Promise<"open">((resolve) => setTimeout(() => resolve("open"), Math.max(0, left)))]);
    if (chunk === "cut" || chunk === "open") {
      ended = chunk;
      await reader.cancel().catch(() => undefined);
      break;
    }
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return { dropped: false, status: response.status, headers: response.headers, text, ended, ms: Date.now() - started };
}

/** Complete `data:` events in a stream's text. */
const events = (text: string) => text.split("\n\n").filter((block) => block.startsWith("data:")).length - (text.endsWith("\n\n") ? 0 : 1);

interface Family {
  route: string;
  stream: boolean;
  /** Makes one call of the family carrying `x-sim-faults: faults`. */
  call(faults: string): Promise<Seen>;
}

const json = { "content-type": "application/json" };
const queued = async (): Promise<Submitted> => submit(simulator, ENDPOINT, { prompt: "fault routes" });
async function uploadUrl(): Promise<string> {
  const response = await call(`${simulator.storageUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`, { method: "POST", headers: json, body: JSON.stringify({ content_type: "text/plain", file_name: "a.txt" }) });
  return ((await response.json()) as { upload_url: string }).upload_url;
}

const FAMILIES: Family[] = [
  { route: "submit", stream: false, call: (faults) => see(`${simulator.url}/${ENDPOINT}`, { method: "POST", headers: { ...json, [FAULT_HEADER]: faults }, body: JSON.stringify({ prompt: "x" }) }) },
  { route: "status", stream: false, call: async (faults) => see((await queued()).status_url, { headers: { [FAULT_HEADER]: faults } }) },
  { route: "stream", stream: true, call: async (faults) => see(`${(await queued()).status_url}/stream`, { headers: { [FAULT_HEADER]: faults } }) },
  { route: "result", stream: false, call: async (faults) => see((await queued()).response_url, { headers: { [FAULT_HEADER]: faults } }) },
  { route: "cancel", stream: false, call: async (faults) => see((await queued()).cancel_url, { method: "PUT", headers: { [FAULT_HEADER]: faults } }) },
  { route: "run", stream: false, call: (faults) => see(`${simulator.url}/_run/${ENDPOINT}`, { method: "POST", headers: { ...json, [FAULT_HEADER]: faults }, body: JSON.stringify({ prompt: "x" }) }) },
  { route: "run", stream: true, call: (faults) => see(`${simulator.url}/_run/${ENDPOINT}/stream`, { method: "POST", headers: { ...json, [FAULT_HEADER]: faults }, body: JSON.stringify({ prompt: "x" }) }) },
  { route: "token", stream: false, call: (faults) => see(`${simulator.storageUrl}/tokens/`, { method: "POST", headers: { ...json, [FAULT_HEADER]: faults }, body: JSON.stringify({ allowed_apps: ["flux"] }) }) },
  { route: "storage", stream: false, call: (faults) => see(`${simulator.storageUrl}/storage/upload/initiate`, { method: "POST", headers: { ...json, [FAULT_HEADER]: faults }, body: JSON.stringify({ content_type: "text/plain" }) }) },
  { route: "storage", stream: false, call: async (faults) => see(await uploadUrl(), { method: "PUT", headers: { [FAULT_HEADER]: faults }, body: "bytes" }) },
];
const CASES = FAMILIES.map((family, index) => [`${family.route}${family.stream ? " (streamed)" : ""} #${index}`, family] as const);

// A header value is counted across calls that repeat it (retries): each call here sends its own.
let calls = 0;

// Each call carries its own fault header on its own request: the calls run at once, most of their
// time is a fault's delay.
describe.concurrent.each(CASES)("%s", (_name, family) => {
  const fault = (kind: string) => family.call(`${family.route}=${kind}*${++calls}`);

  it("a status answers fal's error from the error table, with Retry-After when given", async () => {
    const seen = await fault("503:2");
    expect(seen.status).toBe(503);
    expect(seen.headers?.get("x-fal-error-type")).toBe("runner_connection_error");
    expect(seen.headers?.get("retry-after")).toBe("2");
    expect(JSON.parse(seen.text)).toEqual({ detail: "Simulated 503 fault", error_type: "runner_connection_error" });
    const limited = await fault("429");
    expect([limited.status, limited.headers?.get("retry-after"), limited.headers?.get("x-fal-error-type")]).toEqual([429, "1", null]);
  });

  it("drop destroys the socket before any answer", async () => {
    expect((await fault("drop")).dropped).toBe(true);
  });

  it("drop-after handles the call, then loses the answer", async () => {
    const seen = await fault("drop-after");
    if (family.stream) {
      expect([seen.status, seen.ended, events(seen.text)]).toEqual([200, "cut", 1]);
    } else {
      expect(seen.dropped).toBe(true);
    }
  });

  it("cut sends the headers and part of the body, then destroys the socket", async () => {
    const seen = await fault("cut");
    expect(seen.dropped).toBe(false);
    expect(seen.ended).toBe("cut");
    if (family.stream) expect([seen.status, events(seen.text)]).toEqual([200, 0]);
  });

  it("malformed answers 200 with an HTML page", async () => {
    const seen = await fault("malformed");
    expect([seen.status, seen.headers?.get("content-type"), seen.text.startsWith("<html>")]).toEqual([200, "text/html", true]);
  });

  it("slow answers normally, after the delay", async () => {
    const seen = await fault("slow:250");
    expect(seen.ms).toBeGreaterThanOrEqual(240);
    expect(seen.status).toBeLessThan(500);
    expect(seen.headers?.get("content-type")).not.toBe("text/html");
    expect(seen.ended).toBe("complete");
  });
});

describe.concurrent.each(CASES.filter(([, family]) => family.stream))("%s", (_name, family) => {
  it("stall sends the first event, then only keep-alive comments", async () => {
    const seen = await family.call(`${family.route}=stall*${++calls}`);
    expect([seen.status, seen.ended, events(seen.text)]).toEqual([200, "open", 1]);
    expect(seen.text).toContain(": ping");
  });
});

describe("realtime: the WebSocket upgrade goes through the same fault path", () => {
  const upgrade = (faults: string) =>
    new Promise<{ opened: true; ms: number } | { status: number; headers: Record<string, unknown>; ms: number } | { dropped: true }>((resolve) => {
      const started = Date.now();
      const socket = new WebSocket(`${simulator.url.replace(/^http/, "ws")}/_run/${ENDPOINT}/realtime`, { headers: { authorization: `Key ${KEY}`, [FAULT_HEADER]: faults } });
      socket.on("open", () => {
        resolve({ opened: true, ms: Date.now() - started });
        socket.close();
      });
      socket.on("unexpected-response", (_request, response) => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, ms: Date.now() - started });
        response.resume();
        socket.terminate();
      });
      socket.on("error", () => resolve({ dropped: true }));
    });

  it("a status refuses the upgrade with fal's error and Retry-After", async () => {
    expect(await upgrade("realtime=503:2")).toMatchObject({ status: 503, headers: { "retry-after": "2", "x-fal-error-type": "runner_connection_error" } });
  });

  it("drop destroys the socket; slow opens it after the delay", async () => {
    expect(await upgrade("realtime=drop")).toEqual({ dropped: true });
    const slow = await upgrade("realtime=slow:250");
    expect(slow).toMatchObject({ opened: true });
    expect((slow as { ms: number }).ms).toBeGreaterThanOrEqual(240);
  });

  it("a malformed header refuses the upgrade with 400", async () => {
    expect(await upgrade("realtime=nonsense")).toMatchObject({ status: 400 });
  });
});

describe("the error table: an injected status and a forced outcome carry fal's error type", () => {
  it.each([
    [500, "internal_error", "runner_server_error"],
    [502, "runner_incomplete_response", "runner_incomplete_response"],
    [504, "request_timeout", "request_timeout"],
    [408, null, "bad_request"],
    [507, null, "internal_error"],
  ])("%i: fault %s, outcome %s", async (status, faultType, outcomeType) => {
    const faulted = await call(`${simulator.url}/${ENDPOINT}`, { method: "POST", headers: { ...json, [FAULT_HEADER]: `submit=${status}` }, body: "{}" });
    expect([faulted.status, faulted.headers.get("x-fal-error-type")]).toEqual([status, faultType]);
    const failed = await call(`${simulator.url}/_run/${ENDPOINT}`, { method: "POST", headers: { ...json, [FAULT_HEADER]: `outcome=${status}` }, body: JSON.stringify({ prompt: "x" }) });
    expect([failed.status, failed.headers.get("x-fal-error-type"), ((await failed.json()) as { error_type: string }).error_type]).toEqual([status, outcomeType, outcomeType]);
  });
});
