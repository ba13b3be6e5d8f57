import { writeFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { beforeAll, expect, test } from "vitest";
import { consumerTsconfig } from "../helpers/packed-package.js";
import { REPO_ROOT, tempDir } from "../helpers/temp-dir.js";

/**
 * The root's functions keyed by endpoint id (generated/), type-checked as a consumer's strict
 * program: an id whose module the program did not import is an error that says how to fix it, and
 * an imported id types the call exactly (the id inferred, its input and output).
 */

const HINT_TEXT = "(the id of an imported endpoint: import '@falgen/models/<endpoint id>', or '@falgen/models/all' for every endpoint)";
/** The hint as tsc prints it: its text, branded with a symbol no value has. */
const HINT = `"${HINT_TEXT}" & { readonly [notAnEndpointId]: true; }`;

/** Every keyed function called with `id` (a TypeScript expression), one call per line. */
const callsWith = (id: string): string[] => [
  `await subscribe(fal, ${id}, { prompt: "a fox" });`,
  `await submit(fal, ${id}, { prompt: "a fox" });`,
  `await run(fal, ${id}, { prompt: "a fox" });`,
  `stream(fal, ${id}, { prompt: "a fox" });`,
  `realtime(fal, ${id});`,
  `await result(fal, ${id}, "request-id");`,
  `await status(fal, ${id}, "request-id");`,
  `streamStatus(fal, ${id}, "request-id");`,
  `await cancel(fal, ${id}, "request-id");`,
];
const IMPORT_ALL = 'import { cancel, createFalClient, realtime, result, run, status, stream, streamStatus, submit, subscribe } from "@falgen/models";';

/** Each program is its own project: the endpoint modules a program imports fill EndpointTypeMap for all of it. */
const PROGRAMS = {
  // Nothing imported: EndpointTypeMap is empty.
  none: [IMPORT_ALL, 'const fal = createFalClient({ credentials: "key" });', ...callsWith('"fal-ai/qwen-image"')],
  // The hint's own text is no id, with nothing imported or with an endpoint imported; its brand cannot be imported.
  hintAlone: [IMPORT_ALL, 'const fal = createFalClient({ credentials: "key" });', ...callsWith(JSON.stringify(HINT_TEXT))],
  hintBeside: [IMPORT_ALL, 'const fal = createFalClient({ credentials: "key" });', ...callsWith(JSON.stringify(HINT_TEXT)), 'import type {} from "@falgen/models/fal-ai/qwen-image";', 'import { notAnEndpointId } from "@falgen/models";'],
  // One endpoint imported: its calls type as before; another id is refused with the hint.
  qwen: [
    'import { createFalClient, status, subscribe, type EndpointId, type EndpointOutput, type Result } from "@falgen/models";',
    'import type { Input, Output } from "@falgen/models/fal-ai/qwen-image";',
    'const fal = createFalClient({ credentials: "key" });',
    'await subscribe(fal, "fal-ai/ideogram/v3", { prompt: "a fox" });',
    'await status(fal, "fal-ai/ideogram/v3", "request-id");',
    "type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;",
    'const answer = await subscribe(fal, "fal-ai/qwen-image", { prompt: "a fox", num_images: 2 });',
    "const typed: [Equal<typeof answer, Result<Output>>, Equal<EndpointOutput<\"fal-ai/qwen-image\">, Output>, Equal<EndpointId, \"fal-ai/qwen-image\">] = [true, true, true];",
    "const input: Input = { prompt: \"a fox\" };",
    'await subscribe(fal, "fal-ai/qwen-image", input);',
    "// @ts-expect-error the input is typed by the id: num_images is a number",
    'await subscribe(fal, "fal-ai/qwen-image", { prompt: "a fox", num_images: "2" });',
    "console.log(typed, answer.data.images[0]?.url);",
  ],
};

/** Each program's diagnostics, as tsc prints them (`file(line,col): error TSn: message`). */
const results = new Map<string, string>();
let dir: string;

beforeAll(async () => {
  dir = await tempDir("keyed-functions");
  const relative = (to: string) => path.relative(dir, to).split(path.sep).join("/");
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await Promise.all(
    Object.entries(PROGRAMS).map(async ([name, lines]) => {
      await writeFile(path.join(dir, `${name}.ts`), `${lines.join("\n")}\nexport {};\n`);
      // The consumer's strict config, resolving the package to generated/ as it is (no packing, no install).
      const config = JSON.parse(consumerTsconfig("nodenext", [`${name}.ts`])) as { compilerOptions: Record<string, unknown> };
      config.compilerOptions.baseUrl = ".";
      config.compilerOptions.paths = {
        "@falgen/models": [relative(path.join(REPO_ROOT, "generated/src/index.d.ts"))],
        "@falgen/models/*": [relative(path.join(REPO_ROOT, "generated/src/endpoints/*.d.ts"))],
      };
      await writeFile(path.join(dir, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
    }),
  );
  for (const name of Object.keys(PROGRAMS)) results.set(name, typeCheck(name));
}, 120_000);

/**
 * Source files every program shares (the standard library, generated/), parsed once for all of
 * them, as editors' language services share them: four tsc processes would each load TypeScript
 * and parse the standard library.
 */
const registry = ts.createDocumentRegistry();

/**
 * TypeScript's own language service (what VS Code and other editors ask) over the program of
 * `tsconfig.<name>.json`, its file `<name>.ts` followed by `appended`. The standard library's
 * own declarations are not checked (skipDefaultLibCheck); generated/'s are.
 */
function languageService(name: string, appended = ""): { service: ts.LanguageService; file: string; text: string } {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, `tsconfig.${name}.json`), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const options = { ...config.options, skipDefaultLibCheck: true };
  const file = path.join(dir, `${name}.ts`);
  const text = `${ts.sys.readFile(file)}${appended}`;
  const read = (at: string) => (at === file ? text : ts.sys.readFile(at));
  const service = ts.createLanguageService(
    {
      getScriptFileNames: () => config.fileNames,
      // The registry holds one version of a file: the program's own file, appended to, is another.
      getScriptVersion: (at) => (at === file && appended !== "" ? "2" : "1"),
      getScriptSnapshot: (at) => (read(at) === undefined ? undefined : ts.ScriptSnapshot.fromString(read(at)!)),
      getCurrentDirectory: () => dir,
      getCompilationSettings: () => options,
      getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
      fileExists: (at) => at === file || ts.sys.fileExists(at),
      readFile: read,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
    },
    registry,
  );
  return { service, file, text };
}

/** The program of `tsconfig.<name>.json` type-checked in this process, as tsc would, in tsc's format. */
function typeCheck(name: string): string {
  const program = languageService(name).service.getProgram()!;
  return ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), { getCanonicalFileName: (file) => file, getCurrentDirectory: () => dir, getNewLine: () => "\n" });
}

/** The program's errors, one per line, as `line: message`. */
function errors(name: string): string[] {
  return [...(results.get(name) ?? "").matchAll(/^\S*\.ts\((\d+),\d+\): error TS\d+: (.*)$/gm)].map((match) => `${match[1]}: ${match[2]}`);
}

test("with no endpoint imported, every keyed function refuses an id with the fix, not 'never'", () => {
  const expected = PROGRAMS.none.slice(2).map((_, index) => `${index + 3}: Argument of type '"fal-ai/qwen-image"' is not assignable to parameter of type '${HINT}'.`);
  expect(errors("none")).toEqual(expected);
});

test("with an endpoint imported, another id is refused with the fix next to the imported ids; the imported one types as before", () => {
  // tsc orders a union's members by when it met each type: the hint may come first or last.
  const head = (line: number) => `${line}: Argument of type '"fal-ai/ideogram/v3"' is not assignable to parameter of type '`;
  const found = errors("qwen").map((error, index) => {
    const start = head(index + 4);
    return error.startsWith(start) && error.endsWith("'.") ? error.slice(start.length, -2).split(" | ").sort() : error;
  });
  const members = [`(${HINT})`, '"fal-ai/qwen-image"'].sort();
  expect(found).toEqual([members, members]);
});

test("the hint's own text is refused as an id by every keyed function, and its brand is not exported", () => {
  const refused = (line: number, expected: string) => `${line}: Argument of type '${JSON.stringify(HINT_TEXT)}' is not assignable to parameter of type '${expected}'.`;
  expect(errors("hintAlone")).toEqual(callsWith("").map((_, index) => refused(index + 3, HINT)));
  expect(errors("hintBeside")).toEqual([
    ...callsWith("").map((_, index) => refused(index + 3, `"fal-ai/qwen-image" | (${HINT})`)),
    `${callsWith("").length + 4}: '"@falgen/models"' has no exported member named 'notAnEndpointId'. Did you mean 'EndpointId'?`,
  ]);
});

/** What an editor offers inside `subscribe(fal, "")` at the end of the program. */
function idCompletions(name: string): string[] {
  const { service, file, text } = languageService(name, '\nsubscribe(fal, "");\n');
  return (service.getCompletionsAtPosition(file, text.lastIndexOf('""') + 1, {})?.entries ?? []).map((entry) => entry.name);
}

test("editors offer the imported ids as completions of the id, never the hint", () => {
  expect(idCompletions("none")).toEqual([]);
  expect(idCompletions("hintBeside")).toEqual(["fal-ai/qwen-image"]);
});
