// `npm start`: build the web app if its build is missing or stale, then run `zuzhang serve` in this
// process tree (migrations, demo seed on an empty database, web + API on PORT). Arguments are passed on.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from './web-build-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

try {
  await buildWebIfStale(root);
} catch (error) {
  console.error(`Zuzhang did not start: ${error instanceof Error ? error.message : String(error)}.`);
  process.exit(1);
}

const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'serve', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

// Pass Ctrl-C and `kill` on to the server so it can close the database cleanly; exit once it has.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

server.on('error', (error) => {
  console.error(`Zuzhang did not start: ${error.message}.`);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
});
