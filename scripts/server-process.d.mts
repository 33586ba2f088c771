import type { ChildProcess } from 'node:child_process';

export declare const SERVE_ARGS: string[];

export interface ProcessHandle {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** performance.now() when the process was spawned */
  startedAt: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export declare function findFreePort(): Promise<number>;

export declare function startProcess(options: {
  command?: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  logFile?: string;
  echo?: boolean;
}): ProcessHandle;

export declare function waitForHttp(
  handle: ProcessHandle,
  urlPath?: string,
  options?: { timeoutMs?: number; intervalMs?: number },
): Promise<number>;

export declare function stopProcess(handle: ProcessHandle, options?: { graceMs?: number }): Promise<void>;

export declare function readRssMb(pid: number): Promise<number | null>;
