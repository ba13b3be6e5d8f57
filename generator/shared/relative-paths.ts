import path from "node:path";

/**
 * Paths relative to `dir` (as `path.relative` gives them), with `/` between segments, worked out
 * once per folder: `path.relative` resolves both of its paths, and a run asks for the path of
 * every spec and every output file, thousands of files in a few folders.
 */
export function relativePaths(dir: string): (file: string) => string {
  const folders = new Map<string, string>();
  return (file) => {
    const parent = path.dirname(file);
    let folder = folders.get(parent);
    if (folder === undefined) folders.set(parent, (folder = path.relative(dir, parent).split(path.sep).join("/")));
    return folder === "" ? path.basename(file) : `${folder}/${path.basename(file)}`;
  };
}
