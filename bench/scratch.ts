import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./paths.js";

/**
 * The harness's temporary folders, all removed by `remove()`. Two roots: one inside the repo's
 * ignored `.tmp/`, for what may see the repo's node_modules (the generated package, as
 * generated/ does); one in the system temp dir, for everything that must not see them (consumer
 * projects resolve only what they installed).
 */
export class Scratch {
  private readonly roots: string[] = [];
  private insideRoot: string | undefined;
  private outsideRoot: string | undefined;

  /** A new, empty folder inside the repo. */
  insideRepo(name: string): string {
    this.insideRoot ??= this.makeRoot(path.join(REPO_ROOT, ".tmp"));
    return makeDir(this.insideRoot, name);
  }

  /** A new, empty folder outside the repo. */
  outsideRepo(name: string): string {
    this.outsideRoot ??= this.makeRoot(os.tmpdir());
    return makeDir(this.outsideRoot, name);
  }

  /** Synchronous, so it also runs from an exit handler. */
  remove(): void {
    for (const root of this.roots.splice(0)) rmSync(root, { recursive: true, force: true });
    this.insideRoot = this.outsideRoot = undefined;
  }

  private makeRoot(parent: string): string {
    mkdirSync(parent, { recursive: true });
    const root = mkdtempSync(path.join(parent, "falgen-bench-"));
    this.roots.push(root);
    return root;
  }
}

function makeDir(root: string, name: string): string {
  return mkdtempSync(path.join(root, `${name}-`));
}
