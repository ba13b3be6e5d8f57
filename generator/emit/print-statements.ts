import { createRequire } from "node:module";
import type { Project, StatementStructures } from "ts-morph";
import { contentHash } from "../shared/content-hash.js";

/** The enums of ts-morph that statement structures are built with. */
export type StructureKinds = Pick<typeof import("ts-morph"), "StructureKind" | "VariableDeclarationKind" | "ModuleDeclarationKind">;

/** Builds a module's statements from the data to splice in (see {@link printStatements}) and ts-morph's enums. */
export type StatementsBuilder = (data: (text: string) => string, kinds: StructureKinds) => (string | StatementStructures)[];

/**
 * Stands in for ts-morph's enums while a module's shape is only being told apart from others:
 * each member is its own name (`StructureKind.Interface` is "Interface"), so two shapes differ
 * exactly when their structures do, and ts-morph need not be loaded to know a shape printed before.
 */
const MEMBER_NAMES: StructureKinds = new Proxy({} as StructureKinds, {
  get: (_enums, enumName) => new Proxy({}, { get: (_members, member) => `${String(enumName)}.${String(member)}` }),
});

/**
 * Printed modules by a hash of their structures (placeholders in): a thousand endpoint modules
 * share one shape, and runs share them through the generation cache (`printedTemplates`), so a
 * run that prints only shapes printed before never loads ts-morph (about half of a one-spec
 * regeneration's time).
 */
const printed = new Map<string, string>();
/** The same templates by their structures' JSON: a run's modules find theirs without hashing it each time. */
const byStructures = new Map<string, string>();

let project: Project | undefined;

/**
 * Prints statement structures as a module's source text, with ts-morph. Whatever differs from
 * module to module (ids, paths, names, and the large JSON Schemas that are most of a module's
 * bytes) goes in through `data`, which returns a placeholder spliced over after printing: so
 * ts-morph, which writes every character through its code writer and then parses the result,
 * prints each shape of module once instead of once per endpoint (that was half of a run's time).
 * `build` runs once with stand-ins for ts-morph's enums, to tell the shape, and again with them
 * when the shape is new; it must build the same statements each time.
 */
export function printStatements(build: StatementsBuilder): string {
  const texts: string[] = [];
  const data = (text: string) => `$data${texts.push(text) - 1}$`;
  const structures = JSON.stringify(build(data, MEMBER_NAMES));
  let template = byStructures.get(structures);
  if (template === undefined) {
    const key = contentHash(structures);
    template = printed.get(key) ?? print(build, data, texts);
    printed.set(key, template);
    byStructures.set(structures, template);
  }
  // One pass, so a placeholder's spelling inside spliced text is never replaced again. Nothing
  // else printed holds one: no identifier of a module has `$` in it but `$runtime`, `$calls` and `$realtime`.
  return texts.length === 0 ? template : template.replace(/\$data(\d+)\$/g, (_, index: string) => texts[Number(index)]!);
}

/** What ts-morph prints of the statements `build` makes with its enums (`texts` is emptied: `data` fills it again). */
function print(build: StatementsBuilder, data: (text: string) => string, texts: string[]): string {
  const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
  project ??= new tsMorph.Project({ useInMemoryFileSystem: true, manipulationSettings: { indentationText: "  " as never } });
  texts.length = 0;
  const file = project.createSourceFile("/module.ts", { statements: build(data, tsMorph) }, { overwrite: true });
  const template = file.getFullText();
  project.removeSourceFile(file);
  return template;
}

/** Every template printed or taken in so far, by shape hash, oldest first: what the generation cache keeps between runs. */
export function printedTemplates(): ReadonlyMap<string, string> {
  return printed;
}

/** Takes in templates an earlier run printed with this same generator (the cache keys them by it). */
export function takePrintedTemplates(templates: Iterable<[string, string]>): void {
  for (const [key, template] of templates) if (!printed.has(key)) printed.set(key, template);
}
