import { decode, encode } from "@msgpack/msgpack";
import { describe, expect, test } from "vitest";
import { createFalClient, FalError } from "../../generator/runtime/index.js";
import { realtime } from "../../generator/runtime/realtime.js";

/** A WebSocket stand-in: records what is sent, and lets the test open it and push frames. */
class FakeSocket {
  static made: FakeSocket[] = [];
  binaryType = "blob";
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | undefined;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(data: Uint8Array) {
    this.sent.push(decode(data));
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(data: unknown) {
    this.onmessage?.({ data });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: "gone" });
  }
}

const client = createFalClient({ credentials: "k", runUrl: "https://fal.run/", retry: { baseDelayMs: 1, maxDelayMs: 1 } });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function connected(options: Parameters<typeof realtime>[2] = {}) {
  FakeSocket.made = [];
  const connection = realtime<Record<string, unknown>, Record<string, unknown>>(client, "workflows/acme/app/path", { WebSocket: FakeSocket, tokenProvider: async () => "tok", throttleInterval: 0, ...options });
  await tick();
  const socket = FakeSocket.made[0]!;
  socket.open();
  return { connection, socket };
}

describe("realtime (with a stand-in WebSocket)", () => {
  test("send throws a FalError for an input msgpack cannot encode (too deep), sends nothing, and the connection goes on", async () => {
    const { socket, connection } = await connected();
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(() => connection.send({ prompt: deep })).toThrow(FalError);
    expect(() => connection.send({ prompt: deep })).toThrow(/nothing was sent: .*100 levels/);
    connection.send({ prompt: "fine" });
    await tick();
    expect(socket.sent).toEqual([{ prompt: "fine" }]);
    connection.close();
  });
  test("connects to wss://<run host>/<endpoint id>/realtime with the token, asking for ArrayBuffers", async () => {
    const { socket, connection } = await connected({ maxBuffering: 5 });
    expect(socket.url).toBe("wss://fal.run/workflows/acme/app/path/realtime?fal_jwt_token=tok&max_buffering=5");
    expect(socket.binaryType).toBe("arraybuffer");
    connection.close();
    expect(socket.closedWith).toBe(1000);
  });

  test("decodes msgpack (ArrayBuffer, views, Blob) and JSON text frames; skips x-fal-message and TIMEOUT", async () => {
    const outputs: unknown[] = [];
    const { socket, connection } = await connected({ onResult: (output) => outputs.push(output), dropStale: false });
    for (const n of [1, 2, 3, 4]) connection.send({ n });
    const frame = encode({ n: 1 });
    socket.receive(frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength));
    socket.receive(encode({ type: "x-fal-message", note: "warming up" }));
    socket.receive(encode({ type: "x-fal-error", error: "TIMEOUT", reason: "idle" }));
    socket.receive(encode({ n: 2 }));
    socket.receive(new Blob([encode({ n: 3 })]));
    socket.receive(JSON.stringify({ n: 4 }));
    await tick();
    expect(outputs).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    connection.close();
  });

  test("after a dropped connection, the inputs it had not answered are sent again on the next one", async () => {
    const { socket, connection } = await connected({ dropStale: false });
    connection.send({ n: 1 });
    connection.send({ n: 2 });
    socket.receive(encode({ n: 1 }));
    await tick();
    socket.drop(1011);
    await tick();
    const next = FakeSocket.made[1]!;
    next.open();
    expect(next.sent).toEqual([{ n: 2 }]);
    connection.close();
  });

  test("throttles: at most one input per interval, the newest one waiting replacing older ones", async () => {
    const { socket, connection } = await connected({ throttleInterval: 50 });
    for (const n of [1, 2, 3]) connection.send({ n });
    expect(socket.sent).toEqual([{ n: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(socket.sent).toEqual([{ n: 1 }, { n: 3 }]);
    connection.close();
  });

  test("a token provider that keeps failing ends the session with its error after maxReconnects", async () => {
    FakeSocket.made = [];
    let calls = 0;
    const errors: FalError[] = [];
    const connection = realtime(client, "o/a", { WebSocket: FakeSocket, maxReconnects: 2, onError: (error) => errors.push(error), tokenProvider: async () => {
      calls++;
      throw new Error("token route down");
    } });
    connection.send({});
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toBe(3);
    expect(FakeSocket.made).toHaveLength(0);
    expect(errors.map((error) => error.message)).toEqual(["The realtime token provider failed: Error: token route down"]);
    expect(() => connection.send({})).toThrow("token route down");
  });

  test("maxBuffering outside 1..60 is refused at once", () => {
    expect(() => realtime(client, "o/a", { WebSocket: FakeSocket, maxBuffering: 61 })).toThrow("maxBuffering must be an integer from 1 to 60, got 61");
  });
});
