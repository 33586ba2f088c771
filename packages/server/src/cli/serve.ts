import { startServer } from '../server.ts';

export async function runServe(_args: string[]) {
  const running = await startServer();
  let stopping = false;
  // Ctrl-C reaches us twice under `npm start` (from the terminal and forwarded): stop once, ignore repeats.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
