// Shared pieces of the benchmarks: figures and their table, fresh databases, server processes that are
// always stopped, HTTP load with autocannon, percentiles.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  findFreePort,
  startProcess,
  stopProcess,
  waitForHttp,
  type ProcessHandle,
} from '../scripts/server-process.mjs';

export const root = path.resolve(import.meta.dirname, '..');

export interface Settings {
  /** seconds of load per autocannon run */
  duration: number;
  /** repetitions of each start-up measurement; the median is reported */
  runs: number;
  connections: number;
  /** postgres://… of a server where the bench may create and drop databases; null = PGlite */
  databaseUrl: string | null;
}

export interface Measure {
  label: string;
  value: number | null;
  /** when the baseline counts something else than the figure, e.g. SQL queries against HTTP requests */
  unit?: Figure['unit'];
}

/** One line of the table: a figure next to a baseline measured in the same run. */
export interface Figure {
  id: string;
  label: string;
  unit: 's' | 'ms' | 'req/s' | 'queries/s' | 'MB';
  value: number | null;
  baseline: Measure;
  /** the goal, when it sets one */
  goal?: { max: number; text: string };
  note?: string;
  samples?: number[];
}

export interface Benchmark {
  name: string;
  run(settings: Settings): Promise<Figure[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// ---- processes: every child is tracked and stopped, even when a benchmark throws or on Ctrl-C ----

const running = new Set<ProcessHandle>();

export async function launch(
  args: string[],
  env: NodeJS.ProcessEnv,
  command?: string,
): Promise<ProcessHandle> {
  const handle = startProcess({ command, args, cwd: root, env, port: await findFreePort() });
  running.add(handle);
  return handle;
}

export async function stop(handle: ProcessHandle): Promise<void> {
  await stopProcess(handle);
  running.delete(handle);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((handle) => stop(handle)));
}

/** Milliseconds from spawn to the first 200 from `urlPath`; on failure, the process's output is shown. */
export async function timeToHealthy(handle: ProcessHandle, urlPath = '/api/health'): Promise<number> {
  try {
    return await waitForHttp(handle, urlPath, { timeoutMs: 180_000, intervalMs: 10 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- output of the process ---\n${handle.output()}`, { cause: error });
  }
}

// ---- databases: an empty one per start-up measurement ----

export interface Storage {
  /** what to add to the server's environment */
  env: NodeJS.ProcessEnv;
  /** postgres://… of this database, null for PGlite */
  url: string | null;
  drop(): Promise<void>;
}

const storages = new Set<Storage>();

/** The caller's environment without any database choice, so each storage decides. */
export function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  delete env.ZUZHANG_DEMO;
  delete env.PORT;
  return env;
}

/** An empty PGlite folder, or an empty PostgreSQL database when settings.databaseUrl is set. */
export async function createStorage(settings: Settings): Promise<Storage> {
  let storage: Storage;
  if (!settings.databaseUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zuzhang-bench-'));
    storage = {
      env: { DATA_DIR: path.join(dir, 'data') },
      url: null,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  } else {
    const admin = settings.databaseUrl;
    const name = `zuzhang_bench_${process.pid}_${Date.now().toString(36)}_${storages.size}`;
    await withClient(admin, (client) => client.query(`create database ${name}`));
    const url = new URL(admin);
    url.pathname = `/${name}`;
    storage = {
      env: { DATABASE_URL: url.href },
      url: url.href,
      drop: async () => {
        await withClient(admin, (client) => client.query(`drop database if exists ${name} with (force)`));
      },
    };
  }
  storages.add(storage);
  return storage;
}

export async function dropAllStorage(): Promise<void> {
  for (const storage of storages) {
    await storage
      .drop()
      .catch((error: unknown) => console.error(`could not remove a bench database: ${String(error)}`));
  }
  storages.clear();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// ---- load ----

export interface LoadResult {
  requestsPerSecond: number;
  p95: number | null;
  p99: number | null;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** Runs autocannon and computes p95/p99 from every response time (autocannon itself reports p97.5). */
export async function loadTest(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.duration,
        method: options.method ?? 'GET',
        headers: options.headers,
        body: options.body,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
    });
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    non2xx,
    errors: result.errors + result.timeouts,
  };
}

// ---- output ----

function formatValue(value: number | null, unit: Figure['unit']): string {
  if (value === null) return 'n/a';
  switch (unit) {
    case 's':
      return `${(value / 1000).toFixed(2)} s`;
    case 'ms':
      return `${value.toFixed(1)} ms`;
    case 'req/s':
    case 'queries/s':
      return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
  }
}

function formatRatio(ratio: number): string {
  if (ratio >= 100) return ratio.toFixed(0);
  if (ratio >= 1) return ratio.toFixed(2);
  return ratio.toPrecision(2);
}

export function ratioOf(figure: Figure): number | null {
  const { value } = figure;
  const base = figure.baseline.value;
  return value === null || base === null || base === 0 ? null : value / base;
}

/** A plain-text table: figure, value, baseline, ratio (value ÷ baseline), goal. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((figure) => {
    const ratio = ratioOf(figure);
    const goal = figure.goal
      ? `${figure.goal.text}${figure.value === null ? '' : figure.value < figure.goal.max ? ' (met)' : ' (missed)'}`
      : '';
    return [
      figure.label,
      formatValue(figure.value, figure.unit),
      `${figure.baseline.label}: ${formatValue(figure.baseline.value, figure.baseline.unit ?? figure.unit)}`,
      ratio === null ? 'n/a' : `${formatRatio(ratio)}×`,
      goal,
    ];
  });
  const header = ['Figure', 'Value', 'Baseline (same run)', 'Ratio', 'Goal'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 1 || column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const notes = figures.filter((figure) => figure.note).map((figure) => `  ${figure.label}: ${figure.note}`);
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    ...(notes.length ? ['', 'Notes:', ...notes] : []),
  ].join('\n');
}
