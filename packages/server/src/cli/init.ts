import { parseArgs } from 'node:util';
import { PERMISSIONS } from '@zuzhang/domain';
import { CreateUserBody } from '@zuzhang/api-schema';
import { withDatabase } from './open-db.ts';
import { companies, companySettings, roles } from '../modules/org/org.table.ts';
import { insertUser } from '../modules/users/users.service.ts';
import { recordAudit } from '../platform/audit/audit.ts';
import { withDuplicateCheck } from '../platform/db/db-errors.ts';

/** Set up a real company (no demo): the company, its admin role and a first admin user. */
export async function runInit(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      company: { type: 'string' },
      code: { type: 'string' },
      timezone: { type: 'string', default: 'Asia/Shanghai' },
      admin: { type: 'string', default: 'admin' },
      password: { type: 'string' },
    },
  });
  const { company: name, code, password } = values;
  if (!name || !code || !password) {
    throw new Error(
      'usage: zuzhang init --company NAME --code CODE --password PW [--admin USERNAME] [--timezone TZ]',
    );
  }
  const body = CreateUserBody.parse({ username: values.admin, password, employeeId: null, isAdmin: true });
  await withDatabase(async ({ db }) => {
    await db.transaction(async (tx) => {
      const [company] = await withDuplicateCheck(
        () => tx.insert(companies).values({ name, code, timezone: values.timezone }).returning(),
        { path: 'code', label: 'field.code', value: code },
      ).catch(() => {
        throw new Error(`a company with code "${code}" already exists`);
      });
      await tx.insert(companySettings).values({ companyId: company!.id });
      await tx
        .insert(roles)
        .values({ companyId: company!.id, code: 'admin', name: 'Admin', permissions: [...PERMISSIONS] });
      const user = await insertUser(tx, company!.id, body);
      await recordAudit(
        tx,
        { companyId: company!.id, userId: user.id, username: 'zuzhang cli' },
        {
          action: 'create',
          entity: 'company',
          entityId: company!.id,
          after: company,
        },
      );
    });
  });
  console.log(`company "${name}" created; sign in as ${body.username} and build the organisation from there`);
}
