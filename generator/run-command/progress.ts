import ora, { type Ora } from "ora";
import { printable } from "../shared/print.js";
import type { QueueStatus, RequestLog } from "../runtime/index.js";

/** How many of the latest log lines the live display keeps under the spinner. */
const LIVE_LOG_LINES = 3;

/**
 * What `falgen run` shows on stderr while a request runs (stdout carries only the output JSON).
 * On a terminal: one live spinner line (status, queue position, elapsed time) with the latest log
 * lines under it, redrawn in place by ora (a well-kept spinner that restores the cursor, clears
 * its lines on exit and draws nothing when the stream is not a terminal). Otherwise plain lines,
 * one per change of status or position and one per new log line, with no times in them, so the
 * same run prints the same lines for a script.
 */
export interface Progress {
  /** A line that stays (request id, saved file, cancellation). */
  line(text: string): void;
  /** Working before there is a status (uploading, submitting). */
  step(text: string): void;
  status(status: QueueStatus): void;
  /** Ends the live display. */
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const progress = stream.isTTY ? new LiveProgress(stream) : new PlainProgress(stream);
  // Statuses, logs and request ids come from the server, which may echo the key or send escape
  // sequences: what is shown is `printable`, before ora adds its own.
  return {
    line: (text) => progress.line(printable(text)),
    step: (text) => progress.step(printable(text)),
    status: (status) => progress.status(scrubbedStatus(status)),
    stop: () => progress.stop(),
  };
}

/** What progress shows of a status (its error, queue position and logs), `printable`. */
function scrubbedStatus(status: QueueStatus): QueueStatus {
  const text = (value: unknown) => (typeof value === "string" ? printable(value) : value);
  const logs = status.logs?.map((log) => ({ ...log, message: text(log.message), level: text(log.level) }) as RequestLog);
  const shown = status as QueueStatus & { error?: unknown; queue_position?: unknown };
  return { ...status, error: text(shown.error), queue_position: text(shown.queue_position), logs } as QueueStatus;
}

class LiveProgress implements Progress {
  private readonly spinner: Ora;
  private readonly started = Date.now();
  private headline = "starting";
  private logs: RequestLog[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.spinner = ora({ stream, text: this.text(), discardStdin: false }).start();
    // The elapsed time moves on between statuses.
    this.timer = setInterval(() => (this.spinner.text = this.text()), 250);
  }

  line(text: string): void {
    // Above the live lines while they show; once stopped, they must not come back.
    const live = this.spinner.isSpinning;
    if (live) this.spinner.clear();
    this.stream.write(`${text}\n`);
    if (live) this.spinner.render();
  }

  step(text: string): void {
    this.headline = text;
    this.spinner.text = this.text();
  }

  status(status: QueueStatus): void {
    this.headline = describeStatus(status);
    this.logs = status.logs ?? this.logs;
    this.spinner.text = this.text();
  }

  stop(): void {
    clearInterval(this.timer);
    this.spinner.stop();
  }

  private text(): string {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const logs = this.logs.slice(-LIVE_LOG_LINES).map((log) => `\n  ${log.level.padEnd(5)} ${oneLine(log.message)}`);
    return `${this.headline} · ${seconds}s${logs.join("")}`;
  }
}

class PlainProgress implements Progress {
  private last = "";
  private logsShown = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  line(text: string): void {
    this.stream.write(`${text}\n`);
  }

  step(text: string): void {
    this.change(text);
  }

  status(status: QueueStatus): void {
    // New logs first: a status that ends the run (COMPLETED, or an error) can bring the last lines
    // logged before it, and those belong above it.
    const logs = status.logs ?? [];
    for (const log of logs.slice(this.logsShown)) this.stream.write(`log ${log.level}: ${oneLine(log.message)}\n`);
    this.logsShown = Math.max(this.logsShown, logs.length);
    this.change(describeStatus(status));
  }

  stop(): void {}

  private change(text: string): void {
    if (text !== this.last) this.stream.write(`${text}\n`);
    this.last = text;
  }
}

function describeStatus(status: QueueStatus): string {
  if (status.status === "IN_QUEUE") return `in queue, position ${status.queue_position}`;
  if (status.status === "IN_PROGRESS") return "in progress";
  return status.error ? `failed: ${status.error}` : "completed";
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}
