import { describe, expect, test } from "vitest";
import { abortScope, runScoped, sleep } from "../../generator/runtime/internal/abort.js";
import { FalAbortError, FalTimeoutError } from "../../generator/runtime/errors.js";

describe("sleep", () => {
  test("resolves after the delay", async () => {
    const started = Date.now();
    await sleep(30, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  test("rejects as soon as the signal aborts, with the signal's FalError reason", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new FalTimeoutError("late")), 20);
    await expect(sleep(10_000, controller.signal)).rejects.toBeInstanceOf(FalTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("rejects at once on an aborted signal, wrapping a foreign reason", async () => {
    const controller = new AbortController();
    controller.abort("user left");
    await expect(sleep(10_000, controller.signal)).rejects.toMatchObject({ name: "FalAbortError", cause: "user left" });
  });
});

describe("abortScope", () => {
  test("the timeout aborts with a FalTimeoutError", async () => {
    const scope = abortScope({ timeout: 10 });
    await expect(sleep(10_000, scope.signal)).rejects.toBeInstanceOf(FalTimeoutError);
  });

  test("the caller's signal aborts with a FalAbortError carrying its reason", async () => {
    const controller = new AbortController();
    const scope = abortScope({ signal: controller.signal, timeout: 10_000 });
    controller.abort(new Error("stop"));
    await expect(sleep(10_000, scope.signal)).rejects.toMatchObject({ name: "FalAbortError", cause: new Error("stop") });
    scope.dispose();
  });

  test("an already aborted signal aborts the scope at once", () => {
    const controller = new AbortController();
    controller.abort();
    expect(abortScope({ signal: controller.signal }).signal.reason).toBeInstanceOf(FalAbortError);
  });

  test("dispose stops the timer", async () => {
    const scope = abortScope({ timeout: 10 });
    scope.dispose();
    await sleep(30, new AbortController().signal);
    expect(scope.signal.aborted).toBe(false);
  });
});

describe("runScoped", () => {
  test("errors carry the request id", async () => {
    await expect(runScoped({ timeout: 10 }, "req-9", (signal) => sleep(10_000, signal))).rejects.toMatchObject({
      name: "FalTimeoutError",
      requestId: "req-9",
    });
  });

  test("non-FalErrors are wrapped with the request id", async () => {
    const failure = runScoped({}, "req-9", async () => {
      throw new SyntaxError("bad json");
    });
    await expect(failure).rejects.toMatchObject({ name: "FalError", requestId: "req-9", cause: new SyntaxError("bad json") });
  });
});
