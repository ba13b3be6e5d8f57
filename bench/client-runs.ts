import { startSimulator, type SimulatorStats } from "../generator/simulator/start-simulator.js";
import type { BenchmarkContext } from "./benchmark.js";
import { runChildScript } from "./children/protocol.js";
import type { ClientName, ClientTarget, SubscribeMode } from "./children/subscribers.js";
import { cpuMs } from "./measure.js";
import { REPO_ROOT, SPECS_DIR } from "./paths.js";

export const CLIENTS: ClientName[] = ["falgen", "peer"];

/** A client-side benchmark: which child script runs, against what simulator, in which modes. */
export interface ClientPlan<Input> {
  /** Shown in progress lines. */
  name: string;
  /** A script in bench/children/ that takes `Input` and replies with one result. */
  script: string;
  simulator: { queueMs: number; runMs: number };
  modes: SubscribeMode[];
  input(target: ClientTarget, mode: SubscribeMode): Input;
  timeoutMs: number;
  nodeFlags?: string[];
}

/** One child run and what the simulator counted while it ran. */
export interface ClientRun<Output> {
  client: ClientName;
  mode: SubscribeMode;
  output: Output;
  statsBefore: SimulatorStats;
  statsAfter: SimulatorStats;
  /** CPU time this process (the simulator, as the harness idles) spent while the child ran. */
  simulatorCpuMs: number;
}

/**
 * Runs the plan's child once per run, mode and client, against one simulator started in this
 * process (so the client under test has its child process to itself). Clients alternate which
 * goes first from run to run, so neither always meets the machine's noisier moments.
 */
export async function runClients<Input, Output>(context: BenchmarkContext, plan: ClientPlan<Input>): Promise<ClientRun<Output>[]> {
  const projects = await context.consumerProjects();
  const projectDirs: Record<ClientName, string> = { falgen: projects.falgenDir, peer: projects.peerDir };
  const simulator = await startSimulator({ specsDir: SPECS_DIR, ...plan.simulator });
  const runs: ClientRun<Output>[] = [];
  try {
    for (let run = 0; run < context.runs; run++) {
      for (const mode of plan.modes) {
        for (const client of run % 2 === 0 ? CLIENTS : [...CLIENTS].reverse()) {
          context.progress(`${plan.name}: run ${run + 1}/${context.runs}, ${client} ${mode}`);
          const target: ClientTarget = { client, projectDir: projectDirs[client], queueUrl: simulator.url, storageUrl: simulator.storageUrl };
          const statsBefore = simulator.stats();
          const cpuBefore = process.cpuUsage();
          const { output } = await runChildScript<Input, Output>(plan.script, plan.input(target, mode), {
            cwd: REPO_ROOT,
            timeoutMs: plan.timeoutMs,
            signal: context.signal,
            ...(plan.nodeFlags ? { nodeFlags: plan.nodeFlags } : {}),
          });
          runs.push({ client, mode, output, statsBefore, statsAfter: simulator.stats(), simulatorCpuMs: cpuMs(process.cpuUsage(cpuBefore)) });
        }
      }
    }
  } finally {
    await simulator.close();
  }
  return runs;
}

/** The outputs of one client in one mode, in run order. */
export function outputsOf<Output>(runs: readonly ClientRun<Output>[], client: ClientName, mode: SubscribeMode): Output[] {
  return runs.filter((run) => run.client === client && run.mode === mode).map((run) => run.output);
}
