export { startServer } from './server.ts';
export { buildApp } from './platform/http/app.ts';
export { loadConfig } from './platform/config/config.ts';
export { openDatabase } from './platform/db/db.ts';
