// Start and stop a Zuzhang server (or any process answering HTTP) for e2e/run.mjs and bench/.
// Children run in their own process group so that anything they start (e.g. Chromium for PDFs) is
// stopped with them, and their output is kept to be shown when something goes wrong.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

/** `node` arguments that run `zuzhang serve` from the repository root. */
export const SERVE_ARGS = ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'serve'];

const OUTPUT_KEEP = 200_000;

/** A TCP port nobody listens on right now (on 127.0.0.1). */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `command args` in its own process group with PORT set, keeping the last part of its output.
 * @param {{ command?: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, port: number,
 *   logFile?: string, echo?: boolean }} options
 */
export function startProcess({ command = process.execPath, args, cwd, env, port, logFile, echo = false }) {
  const startedAt = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log = logFile ? createWriteStream(logFile) : null;
  // The last OUTPUT_KEEP characters, trimmed now and then so a chatty server costs little to watch.
  let chunks = [];
  let kept = 0;
  const keep = (chunk) => {
    const text = chunk.toString();
    chunks.push(text);
    kept += text.length;
    if (kept > 2 * OUTPUT_KEEP) {
      chunks = [chunks.join('').slice(-OUTPUT_KEEP)];
      kept = OUTPUT_KEEP;
    }
    log?.write(chunk);
    if (echo) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.on('error', (error) => {
      keep(`\n[could not start ${command}: ${error.message}]\n`);
      resolve({ code: null, signal: null });
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  exited.then(() => log?.end());
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    startedAt,
    exited,
    output: () => chunks.join('').slice(-OUTPUT_KEEP),
  };
}

/**
 * Polls `baseUrl + urlPath` until it answers 200; resolves with the milliseconds since the process was
 * spawned. Rejects when the process exits first or `timeoutMs` passes.
 */
export async function waitForHttp(
  handle,
  urlPath = '/api/health',
  { timeoutMs = 120_000, intervalMs = 20 } = {},
) {
  let exit = null;
  handle.exited.then((result) => (exit = result));
  const deadline = handle.startedAt + timeoutMs;
  while (performance.now() < deadline) {
    if (exit) {
      throw new Error(
        `the process exited (code ${exit.code}, signal ${exit.signal}) before ${urlPath} answered 200`,
      );
    }
    try {
      const response = await fetch(handle.baseUrl + urlPath, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - handle.startedAt;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${urlPath} did not answer 200 within ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * Asks the process to stop with SIGTERM (npm and scripts/start.mjs pass it on to the server), kills its
 * whole process group after `graceMs`, and resolves once it is gone. Anything the server left behind in
 * its group (a PDF browser, say) is killed too.
 */
export async function stopProcess(handle, { graceMs = 10_000 } = {}) {
  const { child } = handle;
  if (child.pid === undefined) return;
  const killGroup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  };
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(killGroup, graceMs);
  await handle.exited;
  clearTimeout(timer);
  killGroup();
}

/** Resident memory of a process in MB, from /proc (Linux) or `ps` elsewhere; null when unknown. */
export async function readRssMb(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: ask ps
  }
  try {
    const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
  } catch {
    return null;
  }
}
