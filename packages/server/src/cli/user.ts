import { parseArgs } from 'node:util';
import { asc, eq } from 'drizzle-orm';
import { CreateUserBody } from '@zuzhang/api-schema';
import { withDatabase } from './open-db.ts';
import { companies } from '../modules/org/org.table.ts';
import { sessions, users } from '../modules/auth/auth.table.ts';
import { insertUser } from '../modules/users/users.service.ts';
import { hashPassword } from '../platform/auth/secrets.ts';
import { recordAudit } from '../platform/audit/audit.ts';

export async function runUser(args: string[]) {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      employee: { type: 'string' },
      admin: { type: 'boolean', default: false },
    },
  });
  const { username, password } = values;
  if (!username || !password) throw new Error('--username and --password are required');
  await withDatabase(async ({ db }) => {
    const system = (companyId: number) => ({ companyId, userId: 0, username: 'zuzhang cli' });
    if (sub === 'create') {
      const body = CreateUserBody.parse({
        username,
        password,
        employeeId: values.employee ? Number(values.employee) : null,
        isAdmin: values.admin,
      });
      const [company] = await db.select().from(companies).orderBy(asc(companies.id)).limit(1);
      if (!company) throw new Error('no company yet: run `zuzhang demo` or start the server first');
      await db.transaction(async (tx) => {
        const row = await insertUser(tx, company.id, body);
        await recordAudit(tx, system(company.id), {
          action: 'create',
          entity: 'user',
          entityId: row.id,
          after: row,
        });
      });
      console.log(`user ${body.username} created in ${company.name}`);
    } else if (sub === 'reset-password') {
      if (password.length < 10) throw new Error('the password needs at least 10 characters');
      const [user] = await db.select().from(users).where(eq(users.username, username));
      if (!user) throw new Error(`no user named ${username}`);
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, failedAttempts: 0, lockedUntil: null })
          .where(eq(users.id, user.id));
        await tx.delete(sessions).where(eq(sessions.userId, user.id));
        await recordAudit(tx, system(user.companyId), {
          action: 'reset_password',
          entity: 'user',
          entityId: user.id,
        });
      });
      console.log(`password of ${username} reset; their sessions were ended`);
    } else {
      throw new Error('usage: zuzhang user create|reset-password --username NAME --password PW');
    }
  });
}
