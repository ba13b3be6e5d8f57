import { readFileSync } from "node:fs";
import path from "node:path";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { withManifest, type OutputFolder, type PlannedTree, type TreeDiff } from "./output-tree.js";

/** How many lines of the diff `--check` shows: enough to see what changed, short enough for a CI log. */
export const PATCH_LINES = 40;

/**
 * The start of a unified diff (`---`/`+++`/`@@`, as git shows it) from the output on disk to the
 * planned output: what `falgen generate` would change, file by file in path order, cut after
 * `maxLines` lines. Contents are read only for the files it shows.
 */
export async function treePatch(output: OutputFolder, planned: PlannedTree, diff: TreeDiff, maxLines: number = PATCH_LINES): Promise<string> {
  const tree = withManifest(planned);
  const label = (file: string) => `${output.dir.split(path.sep).join("/")}/${file}`;
  const changes = [
    ...diff.stale.map((file) => ({ file, before: true, after: true })),
    ...diff.missing.map((file) => ({ file, before: false, after: true })),
    ...diff.extra.map((file) => ({ file, before: true, after: false })),
  ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const lines: string[] = [];
  for (const { file, before, after } of changes) {
    if (lines.length >= maxLines) break;
    const old = before ? readFileSync(path.join(output.dir, file), "utf8") : "";
    const next = after ? await tree.get(file)!.contents() : "";
    const patch = createTwoFilesPatch(before ? label(file) : "/dev/null", after ? label(file) : "/dev/null", old, next, undefined, undefined, {
      context: 3, // git's default
      headerOptions: FILE_HEADERS_ONLY,
    });
    lines.push(...patch.replace(/\n$/, "").split("\n"));
  }
  if (lines.length <= maxLines) return lines.join("\n");
  return [...lines.slice(0, maxLines), `... (cut at ${maxLines} lines)`].join("\n");
}
