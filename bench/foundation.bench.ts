// Figures for the foundation (issue 2): cold start, first start with the demo seed, signed-in
// throughput of GET /api/v1/org/units and of sign-in, and the memory of the serving process.
// Each figure stands next to a baseline measured in the same run; nothing here passes or fails on time.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { readRssMb, SERVE_ARGS } from '../scripts/server-process.mjs';
import {
  baseEnv,
  createStorage,
  launch,
  loadTest,
  median,
  percentile,
  stop,
  timeToHealthy,
  type Benchmark,
  type Figure,
  type LoadResult,
  type Settings,
  type Storage,
} from './support.ts';

const DEMO_USER = { username: 'vp', password: 'zuzhang-demo' };
/** The least a Node HTTP server costs to start: the baseline for the cold start. */
const BARE_HTTP_SERVER =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

function log(message: string): void {
  console.log(`  ${message}`);
}

/** Starts `args` (with `command`, default node) until `urlPath` answers 200, then stops it; milliseconds. */
async function timeStart(
  args: string[],
  env: NodeJS.ProcessEnv,
  command?: string,
  urlPath?: string,
): Promise<number> {
  const handle = await launch(args, env, command);
  try {
    return await timeToHealthy(handle, urlPath);
  } finally {
    await stop(handle);
  }
}

const timeNpmStart = (env: NodeJS.ProcessEnv) => timeStart(['start'], env, 'npm');
const timeServe = (env: NodeJS.ProcessEnv) => timeStart(SERVE_ARGS, env);
const timeBareHttpServer = (env: NodeJS.ProcessEnv) =>
  timeStart(['-e', BARE_HTTP_SERVER], env, undefined, '/');

/** Signs in once and returns the Cookie header every load connection then sends. */
async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_USER),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in as ${DEMO_USER.username} answered ${response.status}: ${await response.text()}`);
  }
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** `connections` clients running one query in a loop for `duration` seconds, straight through `pg`. */
async function loadRawSql(url: string, connections: number, duration: number): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  try {
    const { rows } = await pool.query<{ company_id: number }>('select company_id from units limit 1');
    const companyId = rows[0]?.company_id;
    if (companyId === undefined) throw new Error('the bench database has no units');
    const latencies: number[] = [];
    const run = async (until: number, record: boolean) => {
      while (performance.now() < until) {
        const start = performance.now();
        await pool.query('select * from units where company_id = $1', [companyId]);
        if (record) latencies.push(performance.now() - start);
      }
    };
    const clients = (until: number, record: boolean) =>
      Promise.all(Array.from({ length: connections }, () => run(until, record)));
    await clients(performance.now() + 1_000, false);
    const started = performance.now();
    await clients(started + duration * 1000, true);
    const seconds = (performance.now() - started) / 1000;
    return {
      requestsPerSecond: latencies.length / seconds,
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      requests: latencies.length,
      non2xx: 0,
      errors: 0,
    };
  } finally {
    await pool.end();
  }
}

function problems(result: LoadResult): string | undefined {
  if (result.non2xx === 0 && result.errors === 0) return undefined;
  return `${result.non2xx} non-2xx answers and ${result.errors} errors in ${result.requests} requests`;
}

export const foundation: Benchmark = {
  name: 'foundation',
  async run(settings: Settings): Promise<Figure[]> {
    const env = baseEnv();
    const { runs, connections, duration } = settings;
    const engine = settings.databaseUrl ? 'PostgreSQL' : 'PGlite';

    // (b) First start on an empty database: with the demo seed, and without it (migrations only).
    const seededRuns: number[] = [];
    const bareRuns: number[] = [];
    let seeded: Storage | undefined;
    for (let run = 1; run <= runs; run += 1) {
      const storage = await createStorage(settings);
      seededRuns.push(await timeNpmStart({ ...env, ...storage.env }));
      if (seeded) await storage.drop();
      else seeded = storage;
      const empty = await createStorage(settings);
      bareRuns.push(await timeNpmStart({ ...env, ...empty.env, ZUZHANG_DEMO: '0' }));
      await empty.drop();
      log(
        `first start ${run}/${runs} (${engine}): demo seeded ${(seededRuns.at(-1)! / 1000).toFixed(2)} s, ` +
          `ZUZHANG_DEMO=0 ${(bareRuns.at(-1)! / 1000).toFixed(2)} s`,
      );
    }
    if (!seeded) throw new Error('BENCH_RUNS must be at least 1');

    // (a) Cold start on the existing (seeded) database, next to a bare node:http server.
    const coldRuns: number[] = [];
    const serveRuns: number[] = [];
    const bareHttpRuns: number[] = [];
    for (let run = 1; run <= runs; run += 1) {
      coldRuns.push(await timeNpmStart({ ...env, ...seeded.env }));
      serveRuns.push(await timeServe({ ...env, ...seeded.env }));
      bareHttpRuns.push(await timeBareHttpServer(env));
      log(
        `cold start ${run}/${runs}: npm start ${(coldRuns.at(-1)! / 1000).toFixed(2)} s, ` +
          `zuzhang serve ${(serveRuns.at(-1)! / 1000).toFixed(2)} s, ` +
          `bare node:http ${(bareHttpRuns.at(-1)! / 1000).toFixed(3)} s`,
      );
    }

    // (c) Load on one server process, started straight from the CLI so its pid is the server's.
    const server = await launch(SERVE_ARGS, { ...env, ...seeded.env });
    let health: LoadResult;
    let units: LoadResult;
    let login: LoadResult;
    let rawSql: LoadResult | null = null;
    let rssIdle: number | null;
    let rssLoaded: number | null;
    try {
      await timeToHealthy(server);
      rssIdle = await readRssMb(server.child.pid!);
      const cookie = await signIn(server.baseUrl);
      const unitsUrl = `${server.baseUrl}/api/v1/org/units`;
      const check = await fetch(unitsUrl, { headers: { cookie } });
      if (check.status !== 200)
        throw new Error(`GET /api/v1/org/units answered ${check.status}: ${await check.text()}`);
      const loginBody = JSON.stringify(DEMO_USER);
      const loginOptions = {
        url: `${server.baseUrl}/api/v1/auth/login`,
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: loginBody,
      };

      log(`warming up (2 s per endpoint), then ${duration} s per endpoint at ${connections} connections`);
      await loadTest({ url: `${server.baseUrl}/api/health`, connections, duration: 2 });
      await loadTest({ url: unitsUrl, headers: { cookie }, connections, duration: 2 });
      health = await loadTest({ url: `${server.baseUrl}/api/health`, connections, duration });
      log(`GET /api/health: ${Math.round(health.requestsPerSecond)} req/s`);
      units = await loadTest({ url: unitsUrl, headers: { cookie }, connections, duration });
      log(`GET /api/v1/org/units: ${Math.round(units.requestsPerSecond)} req/s`);
      login = await loadTest({ ...loginOptions, connections, duration });
      log(`POST /api/v1/auth/login: ${Math.round(login.requestsPerSecond)} req/s`);
      // (d) Memory of the serving process after the load.
      rssLoaded = await readRssMb(server.child.pid!);
      if (seeded.url) {
        rawSql = await loadRawSql(seeded.url, connections, duration);
        log(`raw SQL select from units: ${Math.round(rawSql.requestsPerSecond)} queries/s`);
      }
    } finally {
      await stop(server);
    }

    const idle = await launch(['-e', 'setInterval(() => {}, 1 << 30)'], env);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssBare = await readRssMb(idle.child.pid!);
    await stop(idle);

    const loadLabel = `${connections} connections, ${duration} s`;
    return [
      {
        id: 'cold-start',
        label: `Cold start, existing ${engine} data: npm start to first 200 /api/health (median of ${runs})`,
        unit: 's',
        value: median(coldRuns),
        baseline: { label: 'bare node:http server to first 200', value: median(bareHttpRuns) },
        goal: { max: 3_000, text: '< 3 s' },
        samples: coldRuns,
      },
      {
        id: 'cold-start-serve',
        label: `Cold start, same data: node --import tsx main.ts serve, no npm (median of ${runs})`,
        unit: 's',
        value: median(serveRuns),
        baseline: { label: 'bare node:http server to first 200', value: median(bareHttpRuns) },
        samples: serveRuns,
      },
      {
        id: 'first-start-demo',
        label: `First start, empty ${engine} database, demo seeded: npm start to first 200 (median of ${runs})`,
        unit: 's',
        value: median(seededRuns),
        baseline: { label: 'same start with ZUZHANG_DEMO=0', value: median(bareRuns) },
        goal: { max: 20_000, text: '< 20 s' },
        samples: seededRuns,
      },
      {
        id: 'org-units-throughput',
        label: `GET /api/v1/org/units signed in as vp, ${loadLabel}: throughput`,
        unit: 'req/s',
        value: units.requestsPerSecond,
        baseline: { label: 'GET /api/health', value: health.requestsPerSecond },
        note: problems(units) ?? problems(health),
      },
      {
        id: 'org-units-p95',
        label: 'GET /api/v1/org/units: p95 latency',
        unit: 'ms',
        value: units.p95,
        baseline: { label: 'GET /api/health', value: health.p95 },
      },
      {
        id: 'org-units-p99',
        label: 'GET /api/v1/org/units: p99 latency',
        unit: 'ms',
        value: units.p99,
        baseline: { label: 'GET /api/health', value: health.p99 },
      },
      {
        id: 'org-units-vs-sql',
        label: `GET /api/v1/org/units vs the raw SQL it stands on, ${connections} clients: throughput`,
        unit: 'req/s',
        value: units.requestsPerSecond,
        baseline: {
          label: 'select * from units where company_id = $1',
          value: rawSql?.requestsPerSecond ?? null,
        },
        note: rawSql
          ? undefined
          : 'skipped with PGlite (the server holds the data folder); set BENCH_DATABASE_URL=postgres://… to compare',
      },
      {
        id: 'login-throughput',
        label: `POST /api/v1/auth/login (argon2id), ${loadLabel}: throughput`,
        unit: 'req/s',
        value: login.requestsPerSecond,
        baseline: { label: 'GET /api/health', value: health.requestsPerSecond },
        note: problems(login),
      },
      {
        id: 'login-p95',
        label: 'POST /api/v1/auth/login: p95 latency',
        unit: 'ms',
        value: login.p95,
        baseline: { label: 'GET /api/health', value: health.p95 },
      },
      {
        id: 'rss-after-load',
        label: 'RSS of the serving process after the load',
        unit: 'MB',
        value: rssLoaded,
        baseline: { label: 'bare node process', value: rssBare },
        goal: { max: 500, text: '< 500 MB' },
        note: rssIdle === null ? undefined : `${rssIdle.toFixed(0)} MB right after start, before the load`,
      },
    ];
  },
};
