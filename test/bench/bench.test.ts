import { describe, expect, test } from "vitest";
import { buildCorpus } from "../../bench/corpus.js";
import { median, percentile, runProcess } from "../../bench/measure.js";
import { formatReport, meetsGoal, reportJson, type Report, type Row } from "../../bench/report.js";
import { loadSpecs } from "../../generator/load/load-specs.js";
import { tempDir } from "../helpers/temp-dir.js";

describe("the generation corpus", () => {
  test("every document loads under its fresh id, with fal's schema names for that id", async () => {
    const dir = await tempDir("bench-corpus");
    const corpus = await buildCorpus(dir, 45);
    const { specs, errors } = await loadSpecs(dir);
    expect(errors).toEqual([]);
    expect(specs.map((spec) => spec.endpointId)).toEqual(corpus.endpointIds);
    expect(corpus.endpointIds[44]).toBe("bench/model-0045");
    const spec = specs.find((candidate) => candidate.endpointId === "bench/model-0045")!;
    expect([spec.inputSchemaName, spec.outputSchemaName]).toEqual(["Model0045Input", "Model0045Output"]);
    expect(Object.keys(spec.document.paths).every((route) => route.startsWith("/bench/model-0045"))).toBe(true);
    // 13 specs and the 8 sound shared fixtures; the broken one is left out.
    expect(corpus.templateCount).toBe(21);
  });
});

describe("measuring", () => {
  test("median and nearest-rank percentile", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 95)).toBe(40);
  });

  test("a child process: exit code, output and peak RSS", async () => {
    const result = await runProcess(process.execPath, ["-e", "globalThis.kept = Buffer.alloc(64 * 1024 * 1024, 1); console.log('done')"], {
      cwd: process.cwd(),
      timeoutMs: 30_000,
      measurePeakRss: true,
    });
    expect(result).toMatchObject({ code: 0, stdout: "done\n" });
    expect(result.peakRssBytes).toBeGreaterThan(64 * 1024 * 1024);
  });

  test("a command that cannot start is an error, not a hang", async () => {
    await expect(runProcess("/nonexistent/command", [], { cwd: process.cwd(), timeoutMs: 30_000 })).rejects.toThrow(/ENOENT/);
  });

  test("a child that outlives its time limit is killed", async () => {
    const started = performance.now();
    await expect(runProcess(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { cwd: process.cwd(), timeoutMs: 300 })).rejects.toThrow(/timed out/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("the report", () => {
  const row = (falgen: number, peer: number, goal: Row["goal"]): Row => ({ what: "w", unit: "ms", falgen, peer, ...(goal ? { goal } : {}) });

  test("goals: a ratio at most, strictly below, and an absolute limit", () => {
    expect(meetsGoal(row(10, 100, { kind: "ratio", limit: 0.1 }))).toBe(true);
    expect(meetsGoal(row(11, 100, { kind: "ratio", limit: 0.1 }))).toBe(false);
    expect(meetsGoal(row(100, 100, { kind: "ratio", limit: 1, strict: true }))).toBe(false);
    expect(meetsGoal(row(19, 0, { kind: "below", limit: 20 }))).toBe(true);
    expect(meetsGoal(row(1, 2, undefined))).toBeUndefined();
  });

  test("a miss and a failed benchmark are spelled out, in the table and in JSON", () => {
    const report: Report = {
      machine: { cpus: 2, cpuModel: "cpu", memoryBytes: 8 * 1024 ** 3, node: "v20", platform: "linux x64", date: "2025-01-01" },
      runs: 3,
      outcomes: [
        { name: "bundle", seconds: 1, result: { rows: [{ what: "bundle gzip", unit: "bytes", falgen: 6000, peer: 20000, goal: { kind: "ratio", limit: 0.25 } }], details: [] } },
        { name: "memory", seconds: 2, error: "timed out after 60 s" },
      ],
    };
    const text = formatReport(report);
    expect(text).toContain("| bundle gzip | 5.9 kB | 19.5 kB | 0.30x | ≤ 0.25x peer | **MISS** |");
    expect(text).toContain("- bundle gzip: 0.30x, goal ≤ 0.25x peer");
    expect(text).toContain("memory failed: timed out after 60 s");
    expect(reportJson(report)).toMatchObject({ benchmarks: [{ rows: [{ ratio: 0.3, ok: false }] }, { error: "timed out after 60 s" }] });
  });
});
