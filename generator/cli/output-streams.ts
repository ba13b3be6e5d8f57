/**
 * Write errors of the process's stdout and stderr (EPIPE once the reader left, `| head -c1`;
 * ENOSPC on /dev/full): a stream's 'error' event with no listener crashes the process with a stack
 * trace, in the middle of whatever the command was doing. Heard here, each command finishes its
 * work (a run still saves its paid output) and says what could not be printed.
 */
const failures = new Map<NodeJS.WritableStream, Error>();

/** Listens for write errors on stdout and stderr, keeping each stream's first. The `falgen` process calls it once, first. */
export function guardOutputStreams(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: Error) => {
      if (!failures.has(stream)) failures.set(stream, error);
    });
  }
}

/** The first write error `stream` met, if any. */
export function outputFailure(stream: NodeJS.WritableStream): Error | undefined {
  return failures.get(stream);
}

/** Writes `text` to `stream`; resolves once written, to the write's error (undefined when it was written). */
export function writeOutput(stream: NodeJS.WritableStream, text: string): Promise<Error | undefined> {
  return new Promise((resolve) => {
    stream.write(text, (error) => resolve(error ?? undefined));
  });
}

/** An output stream's error in a few words: `EPIPE` (its reader left), `ENOSPC`, else its message. */
export function streamProblem(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EPIPE" ? "EPIPE: its reader closed it" : code ?? error.message;
}
