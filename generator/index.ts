/**
 * falgen's programmatic API: everything the `falgen` command does, as typed functions.
 * @example
 * import { add, generate } from "falgen";
 * await add({ endpointIds: ["fal-ai/flux/dev"], specsDir: "specs" });
 * const report = await generate({ specsDir: "specs", outDir: "generated", name: "@acme/fal" });
 * if (!report.ok) for (const error of report.errors) console.error(error.message);
 */
export { generate, type GenerateOptions, type GenerateReport, type StageTiming } from "./pipeline.js";
export type { TreeDiff } from "./write/output-tree.js";
export { LockLostError, type LockHolder } from "./write/output-lock.js";
export { add, type AddOptions } from "./add/add.js";
export { update, type UpdateOptions, type UpdateReport, type EndpointUpdate } from "./update/update.js";
export { specChanges, type ChangeKind, type ComparedSpec, type FieldChange } from "./update/spec-changes.js";
export { importSpecs, type ImportOptions } from "./import/import-specs.js";
export { capturePages, type CaptureOptions, type CaptureResult } from "./capture/capture-pages.js";
export type { WrittenSpec } from "./spec-files/write-specs.js";
export { startSimulator, FAULT_HEADER, type FaultOptions, type RunningSimulator, type SimulatorOptions, type SimulatorStats } from "./simulator/start-simulator.js";
export { defineConfig, loadConfig, CONFIG_FILES, type FalgenConfig, type LoadedConfig } from "./config.js";
export { InputError, SpecError, SpecErrors, type SpecLocation } from "./errors.js";
