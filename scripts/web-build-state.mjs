// Decides whether packages/web/dist is older than its sources, and rebuilds it when it is.
// Used by scripts/start.mjs (`npm start`), e2e/run.mjs and bench/, so all three agree on "stale".
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the web build is made from: a change to any of these makes the build stale. */
const WEB_INPUTS = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/api-schema/src',
];
const WEB_OUTPUT = 'packages/web/dist/index.html';

/** The newest file under `target` (a file or a folder, walked), or null when it does not exist. */
function findNewest(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return null;
  }
  if (!stat.isDirectory()) return { file: target, mtimeMs: stat.mtimeMs };
  let newest = null;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const found = findNewest(path.join(target, entry.name));
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/**
 * Whether the web build under `root` is missing or older than any of its sources.
 * @param {string} root the repository root
 * @returns {{ stale: boolean, reason: string }} `reason` is one line for people
 */
export function isWebBuildStale(root) {
  const output = path.join(root, WEB_OUTPUT);
  let builtAt;
  try {
    builtAt = statSync(output).mtimeMs;
  } catch {
    return { stale: true, reason: `the web app has not been built yet (${WEB_OUTPUT} is missing)` };
  }
  for (const input of WEB_INPUTS) {
    const newest = findNewest(path.join(root, input));
    if (newest && newest.mtimeMs > builtAt) {
      const changed = path.relative(root, newest.file);
      return { stale: true, reason: `${changed} changed after the last web build` };
    }
  }
  return { stale: false, reason: `the web build in ${path.dirname(WEB_OUTPUT)} is up to date` };
}

/**
 * Runs `npm run build -w @zuzhang/web` when the build is stale; says in one line why it builds.
 * Resolves when the build is current; rejects when the build fails.
 * @param {string} root the repository root
 */
export async function buildWebIfStale(root) {
  const { stale, reason } = isWebBuildStale(root);
  if (!stale) return;
  console.log(`Building the web app: ${reason}.`);
  const code = await new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '-w', '@zuzhang/web'], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0) {
    throw new Error(
      `the web build failed (npm run build -w @zuzhang/web exited with ${code}); see its output above`,
    );
  }
}
