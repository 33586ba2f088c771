import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/db.ts';

/**
 * With DATABASE_URL_TEST set, build one migrated template database on that server; each test file then
 * copies it (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing rows.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL_TEST;
  if (!url) {
    if (process.env.CI === 'true') {
      throw new Error('DATABASE_URL_TEST is not set: under CI the PostgreSQL suite must run (see .ci/run)');
    }
    console.log(
      'PostgreSQL suite skipped: set DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test to run it',
    );
    project.provide('pgTemplate', '');
    return;
  }
  const template = `zuzhang_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const database = await openDatabase({ databaseUrl: withDatabaseName(url, template), dataDir: '' });
  await database.migrate();
  await database.close();
  project.provide('pgTemplate', template);
  return async () => {
    const left = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'zuzhang_t_${process.pid}_%' or datname = $1`,
      [template],
    );
    for (const row of left.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.end();
  };
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}
