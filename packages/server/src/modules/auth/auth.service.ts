import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { ApiToken, MeResponse } from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors/app-error.ts';
import { allPermissions, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  getDummyHash,
  hashPassword,
  newSecret,
  sha256,
  verifyPassword,
} from '../../platform/auth/secrets.ts';
import { API_TOKEN_PREFIX } from '../../platform/auth/authenticate.ts';
import { apiTokens, sessions, users } from './auth.table.ts';
import { formatDateTimeIn } from '../../platform/clock.ts';
import { assignments, companies, companySettings, positions, units } from '../org/org.table.ts';

const DEFAULT_SETTINGS = { lockoutAttempts: 5, lockoutMinutes: 15, sessionHours: 12 };

async function settingsOf(db: Db, companyId: number) {
  const [row] = await db.select().from(companySettings).where(eq(companySettings.companyId, companyId));
  return row ?? DEFAULT_SETTINGS;
}

/** When the lock ends, in the company's time zone, for the message. */
async function lockText(db: Db, companyId: number, until: Date): Promise<string> {
  const [company] = await db
    .select({ timezone: companies.timezone })
    .from(companies)
    .where(eq(companies.id, companyId));
  return formatDateTimeIn(company?.timezone ?? 'Asia/Shanghai', until);
}

export interface LoginResult {
  sessionSecret: string;
  csrfToken: string;
  expiresAt: Date;
  userId: number;
}

/**
 * Sign in. Five wrong passwords in a row lock the user for 15 minutes (company settings); a locked user
 * is refused even with the right password until the lock ends or an admin unlocks.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
): Promise<LoginResult> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) {
    await verifyPassword(await getDummyHash(), password);
    throw new AppError('unauthenticated', 'errors.badCredentials');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('locked', 'errors.locked', {
      until: await lockText(db, user.companyId, user.lockedUntil),
    });
  }
  const settings = await settingsOf(db, user.companyId);
  if (!(await verifyPassword(user.passwordHash, password))) {
    const attempts = user.failedAttempts + 1;
    const lock = attempts >= settings.lockoutAttempts;
    const lockedUntil = lock ? new Date(now.getTime() + settings.lockoutMinutes * 60_000) : null;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedAttempts: lock ? 0 : attempts, lockedUntil })
        .where(eq(users.id, user.id));
      if (lock) {
        await recordAudit(
          tx,
          { companyId: user.companyId, userId: user.id, username: user.username },
          {
            action: 'lock',
            entity: 'user',
            entityId: user.id,
            after: { lockedUntil },
          },
        );
      }
    });
    if (lockedUntil)
      throw new AppError('locked', 'errors.locked', {
        until: await lockText(db, user.companyId, lockedUntil),
      });
    throw new AppError('unauthenticated', 'errors.badCredentials');
  }
  const sessionSecret = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + settings.sessionHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx
      .insert(sessions)
      .values({ userId: user.id, tokenHash: sha256(sessionSecret), csrfToken, expiresAt });
    await recordAudit(
      tx,
      { companyId: user.companyId, userId: user.id, username: user.username },
      {
        action: 'login',
        entity: 'user',
        entityId: user.id,
      },
    );
  });
  return { sessionSecret, csrfToken, expiresAt, userId: user.id };
}

export async function logout(db: Db, actor: Actor, sessionSecret: string | undefined) {
  if (!sessionSecret) return;
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, sha256(sessionSecret)));
    await recordAudit(tx, actor, { action: 'logout', entity: 'user', entityId: actor.userId });
  });
}

export async function describeMe(db: Db, actor: Actor, csrfToken: string | null): Promise<MeResponse> {
  const [company] = await db.select().from(companies).where(eq(companies.id, actor.companyId));
  const held =
    actor.employeeId === null
      ? []
      : await db
          .select({ id: positions.id, name: positions.name, unitName: units.name, kind: assignments.kind })
          .from(assignments)
          .innerJoin(positions, eq(positions.id, assignments.positionId))
          .innerJoin(units, eq(units.id, positions.unitId))
          .where(
            and(
              eq(assignments.employeeId, actor.employeeId),
              lte(assignments.startDate, actor.today),
              or(isNull(assignments.endDate), gte(assignments.endDate, actor.today)),
            ),
          )
          .orderBy(asc(assignments.kind), asc(positions.id));
  return {
    user: { id: actor.userId, username: actor.username, locale: actor.locale, isAdmin: actor.isAdmin },
    employee: actor.employeeId === null ? null : { id: actor.employeeId, name: actor.employeeName ?? '' },
    company: { id: company!.id, name: company!.name, timezone: company!.timezone },
    positions: held.map((p) => ({ ...p, kind: p.kind as 'primary' | 'concurrent' })),
    permissions: allPermissions(actor),
    scope: {
      level: actor.scopeLevel,
      employeeCount: actor.scope.employeeIds.size,
      unitCount: actor.scope.unitIds.size,
    },
    actingFor: actor.actingFor,
    csrfToken,
  };
}

export async function changePassword(db: Db, actor: Actor, currentPassword: string, newPassword: string) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw fieldError('body.currentPassword', 'field.passwordWrong');
  }
  if (currentPassword === newPassword) throw fieldError('body.newPassword', 'field.passwordSame');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, version: user.version + 1 })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: 'change_password', entity: 'user', entityId: user.id });
  });
}

export async function updateLocale(db: Db, actor: Actor, locale: string) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, actor.userId));
    await tx.update(users).set({ locale }).where(eq(users.id, actor.userId));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'user',
      entityId: actor.userId,
      before,
      after: { locale },
    });
  });
}

function presentToken(row: typeof apiTokens.$inferSelect): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, actor.userId))
    .orderBy(asc(apiTokens.id));
  return rows.map(presentToken);
}

/** The secret is returned once; only its hash is kept. */
export async function createApiToken(db: Db, actor: Actor, name: string) {
  const token = API_TOKEN_PREFIX + newSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        companyId: actor.companyId,
        userId: actor.userId,
        name,
        prefix: token.slice(0, 7),
        tokenHash: sha256(token),
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'api_token',
      entityId: row!.id,
      after: presentToken(row!),
    });
    return { ...presentToken(row!), token };
  });
}

export async function revokeApiToken(db: Db, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId)));
    if (!row) throw notFound('entity.apiToken');
    if (row.revokedAt) return;
    const [after] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      before: presentToken(row),
      after: presentToken(after!),
    });
  });
}
