import { startServer } from '../server.ts';

export async function runServe(_args: string[]) {
  const running = await startServer();
  const stop = async (signal: string) => {
    console.log(`${signal}: stopping`);
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
