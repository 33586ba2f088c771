// `npm run bench [-- NAME…]`: runs the benchmarks, prints each figure next to its same-run baseline
// and writes the figures as JSON to bench/results/. Figures are printed, never asserted.
// Settings (environment): BENCH_DURATION seconds of load per endpoint (10), BENCH_RUNS repetitions of
// each start-up (3), BENCH_CONNECTIONS (20), BENCH_DATABASE_URL postgres://… to bench on PostgreSQL,
// BENCH_SCALE (1) and BENCH_LEAD (lead2) for the ledger benchmark, BENCH_TARGETS_SCALE (1) and
// BENCH_TARGETS_WRITES (200) for the targets benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWebIfStale } from '../scripts/web-build-state.mjs';
import { foundation } from './foundation.bench.ts';
import { ledger } from './ledger.bench.ts';
import { targets } from './targets.bench.ts';
import { pay } from './pay.bench.ts';
import {
  dropAllStorage,
  formatTable,
  ratioOf,
  root,
  stopAll,
  type Benchmark,
  type Settings,
} from './support.ts';

const benchmarks: Benchmark[] = [foundation, ledger, pay, targets];

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  return value;
}

async function cleanUp(): Promise<void> {
  await stopAll();
  await dropAllStorage();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the bench servers and removing their data`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const settings: Settings = {
  duration: readNumber('BENCH_DURATION', 10),
  runs: readNumber('BENCH_RUNS', 3),
  connections: readNumber('BENCH_CONNECTIONS', 20),
  databaseUrl: process.env.BENCH_DATABASE_URL?.trim() || null,
};
const wanted = process.argv.slice(2);
const selected = benchmarks.filter((benchmark) => wanted.length === 0 || wanted.includes(benchmark.name));
if (selected.length === 0) {
  console.error(
    `No benchmark named ${wanted.join(', ')}; there are: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}

const machine = {
  node: process.version,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism()}`,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  engine: settings.databaseUrl ? 'PostgreSQL' : 'PGlite',
};
console.log(
  `Zuzhang benchmarks on ${machine.platform}, ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}`,
);
console.log(
  `Engine ${machine.engine}; ${settings.runs} run(s) per start-up, ${settings.duration} s of load per endpoint ` +
    `at ${settings.connections} connections; load generator and server share this machine.\n`,
);

let failed = false;
const results: { benchmark: string; figures?: unknown[]; error?: string }[] = [];
try {
  // The start-up figures are "after the build": build first so npm start does not.
  await buildWebIfStale(root);
  for (const benchmark of selected) {
    console.log(`${benchmark.name}:`);
    try {
      const figures = await benchmark.run(settings);
      console.log(`\n${formatTable(figures)}\n`);
      results.push({
        benchmark: benchmark.name,
        figures: figures.map((figure) => ({ ...figure, ratio: ratioOf(figure) })),
      });
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.message : String(error);
      console.error(`\n${benchmark.name} could not finish: ${message}\n`);
      results.push({ benchmark: benchmark.name, error: message });
    } finally {
      await cleanUp();
    }
  }
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : String(error));
} finally {
  await cleanUp();
}

const resultsDir = path.join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine,
      settings: { ...settings, databaseUrl: settings.databaseUrl ? 'set' : null },
      results,
    },
    null,
    2,
  ) + '\n',
);
console.log(`Figures written to ${path.relative(process.cwd(), file)}`);
process.exit(failed ? 1 : 0);
