import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PGlite folder, or `memory://` in tests. Ignored when databaseUrl is set. */
  dataDir: string;
  /** postgres://… selects PostgreSQL; empty selects the embedded PGlite. */
  databaseUrl: string | null;
  demo: boolean;
  logLevel: string;
  /** Set `Secure` on cookies: behind https (TRUST_PROXY + x-forwarded-proto) or when forced. */
  trustProxy: boolean;
  cookieSecure: 'auto' | 'always' | 'never';
  webDist: string;
}

const repoRoot = path.resolve(import.meta.dirname, '../../../../..');

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${raw}"`);
  }
  return port;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const cookieSecure = env.COOKIE_SECURE ?? 'auto';
  if (!['auto', 'always', 'never'].includes(cookieSecure)) {
    throw new Error('COOKIE_SECURE must be auto, always or never');
  }
  return {
    port: readPort(env.PORT),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    demo: env.ZUZHANG_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    cookieSecure: cookieSecure as Config['cookieSecure'],
    webDist: path.resolve(env.WEB_DIST ?? path.join(repoRoot, 'packages/web/dist')),
  };
}
