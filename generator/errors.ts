import { existsSync, lstatSync, readlinkSync } from "node:fs";
import path from "node:path";

/** Where in a spec a problem is: the file, and where known the 1-based line and column and the JSON pointer. */
export interface SpecLocation {
  file: string;
  line?: number;
  column?: number;
  pointer?: string;
}

/**
 * A spec the generator cannot turn into a client. The message always names the file, and the
 * line, column and JSON pointer where they are known, so the author can go straight to the fault.
 */
export class SpecError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly pointer: string | undefined;
  readonly reason: string;

  constructor(location: SpecLocation, reason: string) {
    super(`${formatLocation(location)}: ${reason}`);
    this.name = "SpecError";
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.pointer = location.pointer;
    this.reason = reason;
  }
}

/**
 * Something in a spec that makes no sense but leaves the generated package right (a default
 * outside the field's own limits): `generate` prints it, located as a {@link SpecError} is, and
 * does not fail.
 */
export class SpecWarning {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly pointer: string | undefined;
  readonly reason: string;
  /** `file:line:column (at #pointer): reason`. */
  readonly message: string;

  constructor(location: SpecLocation, reason: string) {
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.pointer = location.pointer;
    this.reason = reason;
    this.message = `${formatLocation(location)}: ${reason}`;
  }
}

/** `file (at #pointer)`, the place written as {@link formatPlace} writes it. */
export function formatLocation({ file, line, column, pointer }: SpecLocation): string {
  const where = formatPlace(file, line, column);
  return pointer === undefined ? where : `${where} (at ${pointer === "" ? "#" : `#${pointer}`})`;
}

/**
 * A place in a file as every falgen message writes it: `file:line:column`, `file:line` when no
 * column is known, `file` when no line is; the form editors and terminals jump to.
 */
export function formatPlace(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** Several specs failed; each keeps its own located message. */
export class SpecErrors extends Error {
  readonly errors: SpecError[];
  constructor(errors: SpecError[]) {
    super(errors.map((error) => error.message).join("\n"));
    this.name = "SpecErrors";
    this.errors = errors;
  }
}

/**
 * Input that is wrong before any spec is read: a missing folder, a file where a folder belongs, an
 * unknown endpoint, a bad config value. The CLI prints the message alone and exits 2.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** The message of a failed file system call, by its code: `ENOENT` reads "no such file or folder". */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: "no such file or folder",
    ENOTDIR: "a file where a folder was expected",
    EACCES: "permission denied",
    EISDIR: "a folder where a file was expected",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    ENAMETOOLONG: "name too long",
  };
  return (code && known[code]) ?? (error as Error).message;
}

/** What a file system call says when it refuses (see `refusedByFileSystem`). */
const REFUSALS = new Set(["ENOENT", "ENOTDIR", "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ENAMETOOLONG"]);
const VERBS: Record<string, string> = { mkdir: "create", open: "open", write: "write", rename: "rename over", unlink: "remove", rmdir: "remove", link: "link" };

/**
 * `cannot create /sys/x: operation not permitted` for a file system call the user's setup refused
 * (a read-only or special file system, no permission, a full disk), which falgen reports as an
 * input error rather than as its own bug; undefined for any other error.
 */
export function refusedByFileSystem(error: unknown): string | undefined {
  const { code, syscall, path: file } = (error ?? {}) as NodeJS.ErrnoException;
  if (code === undefined || syscall === undefined || file === undefined || !REFUSALS.has(code)) return undefined;
  return `cannot ${VERBS[syscall] ?? syscall} ${shownPath(file)}: ${(code === "ENOENT" && danglingLink(file)) || fileProblem(error)}`;
}

/** For a path below a symbolic link whose target does not exist (a moved or unmounted folder): which link, and to what. */
export function danglingLink(file: string): string | undefined {
  for (let at = path.resolve(file); path.dirname(at) !== at; at = path.dirname(at)) {
    try {
      if (lstatSync(at).isSymbolicLink() && !existsSync(at)) return `${shownPath(at)} is a symbolic link to ${readlinkSync(at)}, which does not exist`;
    } catch {
      // Not there: its parent may be the link.
    }
  }
  return undefined;
}

/**
 * An output folder falgen will not write to, found before anything was written: the folder and
 * everything in it are as they were. The CLI prints the message and exits 2.
 */
export class OutputFolderError extends InputError {
  /** The output folder as the caller named it. */
  readonly folder: string;
  readonly reason: string;

  constructor(folder: string, reason: string) {
    super(`refusing to write to ${folder}: ${reason}`);
    this.name = "OutputFolderError";
    this.folder = folder;
    this.reason = reason;
  }
}

/**
 * Something in the user's tree where falgen writes: a folder where it writes a file, or a file
 * where it needs a folder. Found before that file was written; the CLI prints the message and
 * exits 2.
 */
export class PathInTheWayError extends InputError {
  /** The file falgen was to write, as shown (relative to the working directory when inside it). */
  readonly file: string;

  constructor(file: string, reason: string) {
    const shown = shownPath(file);
    super(`cannot write ${shown}: ${reason}; move it away`);
    this.name = "PathInTheWayError";
    this.file = shown;
  }
}

/** `file` as messages show it: relative to the working directory when inside it, else absolute; `/`-separated. */
export function shownPath(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  return (relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join("/");
}
