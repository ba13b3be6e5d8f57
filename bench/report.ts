import type { MachineInfo } from "./machine.js";

export type Unit = "ms" | "bytes" | "requests";

/** What a row must show to pass. */
export type Goal =
  /** falgen / peer at most `limit` (or strictly below it). */
  | { kind: "ratio"; limit: number; strict?: boolean }
  /** falgen's own figure below `limit`, in the row's unit. */
  | { kind: "below"; limit: number };

/** One line of the results table: a falgen figure, the peer's from the same run, and the goal. */
export interface Row {
  what: string;
  unit: Unit;
  falgen: number;
  /** The figure falgen is compared with: the peer's, or for regeneration falgen's own full run. */
  peer?: number;
  /** What `peer` is when it is not the peer tool (e.g. "full run"). */
  peerLabel?: string;
  goal?: Goal;
}

/** An extra table that explains figures (requests per job, stage timings, largest bundle inputs). */
export interface DetailTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface BenchmarkResult {
  rows: Row[];
  details: DetailTable[];
  /** Anything that makes a figure doubtful (a run that did not do what was asked). */
  warnings?: string[];
}

/** What one benchmark produced, or why it did not. */
export interface BenchmarkOutcome {
  name: string;
  seconds: number;
  result?: BenchmarkResult;
  error?: string;
}

export interface Report {
  machine: MachineInfo;
  runs: number;
  outcomes: BenchmarkOutcome[];
}

export function ratioOf(row: Row): number | undefined {
  return row.peer === undefined || row.peer === 0 ? undefined : row.falgen / row.peer;
}

/** Whether the row meets its goal; undefined when it has none. */
export function meetsGoal(row: Row): boolean | undefined {
  const goal = row.goal;
  if (!goal) return undefined;
  if (goal.kind === "below") return row.falgen < goal.limit;
  const ratio = ratioOf(row);
  if (ratio === undefined) return false;
  return goal.strict ? ratio < goal.limit : ratio <= goal.limit;
}

function goalText(row: Row): string {
  const goal = row.goal;
  if (!goal) return "";
  if (goal.kind === "below") return `< ${formatValue(goal.limit, row.unit)}`;
  const reference = row.peerLabel ?? "peer";
  if (goal.strict && goal.limit === 1) return `below ${reference}`;
  return `${goal.strict ? "<" : "≤"} ${formatRatio(goal.limit)}x ${reference}`;
}

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case "ms":
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
    case "bytes":
      if (Math.abs(value) >= 1024 ** 3) return `${(value / 1024 ** 3).toFixed(1)} GB`;
      return Math.abs(value) >= 1024 ** 2 ? `${(value / 1024 ** 2).toFixed(1)} MB` : `${(value / 1024).toFixed(1)} kB`;
    case "requests":
      return value.toFixed(2);
  }
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(0) : ratio >= 1 ? ratio.toFixed(2) : ratio.toPrecision(2);
}

function markdownTable(columns: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((cell) => String(cell).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(columns), line(columns.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The report as Markdown: the machine, the results table, misses spelled out, then the detail tables. */
export function formatReport(report: Report): string {
  const { machine } = report;
  const out: string[] = [
    `falgen benchmarks: ${machine.cpus} cores (${machine.cpuModel}), ${formatValue(machine.memoryBytes, "bytes")} memory, ` +
      `Node ${machine.node}, ${machine.platform}, ${machine.date}; figures are medians of ${report.runs} run(s)`,
    "",
  ];
  const rows: (string | number)[][] = [];
  const misses: string[] = [];
  for (const outcome of report.outcomes) {
    if (outcome.error !== undefined) {
      rows.push([`**${outcome.name}: FAILED**`, "", "", "", "", "error"]);
      continue;
    }
    for (const row of outcome.result!.rows) {
      const ratio = ratioOf(row);
      const met = meetsGoal(row);
      if (met === false) misses.push(`${row.what}: ${ratio === undefined ? formatValue(row.falgen, row.unit) : `${formatRatio(ratio)}x`}, goal ${goalText(row)}`);
      rows.push([
        row.what,
        formatValue(row.falgen, row.unit),
        row.peer === undefined ? "—" : `${formatValue(row.peer, row.unit)}${row.peerLabel ? ` (${row.peerLabel})` : ""}`,
        ratio === undefined ? "—" : `${formatRatio(ratio)}x`,
        goalText(row) || "—",
        met === undefined ? "—" : met ? "pass" : "**MISS**",
      ]);
    }
  }
  out.push(markdownTable(["what", "falgen", "peer", "ratio", "goal", "ok"], rows), "");
  const failures = report.outcomes.filter((outcome) => outcome.error !== undefined);
  if (misses.length > 0) out.push(`${misses.length} goal(s) missed:`, ...misses.map((miss) => `- ${miss}`), "");
  else if (failures.length === 0) out.push("Every goal met.", "");
  for (const failure of failures) out.push(`${failure.name} failed: ${failure.error}`, "");
  for (const outcome of report.outcomes) {
    for (const warning of outcome.result?.warnings ?? []) out.push(`WARNING (${outcome.name}): ${warning}`, "");
  }
  for (const outcome of report.outcomes) {
    for (const table of outcome.result?.details ?? []) out.push(`${table.title}:`, "", markdownTable(table.columns, table.rows), "");
  }
  out.push(`Time per benchmark: ${report.outcomes.map((outcome) => `${outcome.name} ${outcome.seconds.toFixed(0)} s`).join(", ")}`);
  return out.join("\n");
}

/** The same data for machines: every row with its ratio, goal text and verdict. */
export function reportJson(report: Report): unknown {
  return {
    machine: report.machine,
    runs: report.runs,
    benchmarks: report.outcomes.map((outcome) => ({
      name: outcome.name,
      seconds: outcome.seconds,
      ...(outcome.error !== undefined
        ? { error: outcome.error }
        : {
            rows: outcome.result!.rows.map((row) => ({ ...row, ratio: ratioOf(row), goalText: goalText(row) || undefined, ok: meetsGoal(row) })),
            details: outcome.result!.details,
            warnings: outcome.result!.warnings ?? [],
          }),
    })),
  };
}
