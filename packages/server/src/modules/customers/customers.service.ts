import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  ilike,
  inArray,
  isNull,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  NAME_PROBE_DROP,
  customerNameProbe,
  normalizeCreditCode,
  normalizeCustomerName,
  validateCreditCode,
} from '@zuzhang/domain';
import type {
  CheckDuplicatesBody,
  CreateContactBody,
  CreateCustomerBody,
  Customer,
  CustomerCategory,
  CustomerContact,
  CustomerDetail,
  CustomerDuplicate,
  CustomerKind,
  CustomerListQuery,
  CustomerSource,
  OwnershipChange,
  OwnershipReason,
  TransferCustomerBody,
  UpdateContactBody,
  UpdateCustomerBody,
  VettingStatus,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  AppError,
  fieldError,
  notFound,
  staleVersion,
  type ErrorDetail,
} from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { employees } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';
import { customerContacts, customerOwnershipLog, customers } from './customers.table.ts';
import { loadCustomerSettings } from './customer-settings.service.ts';
import { primaryUnitOn } from '../org/org.service.ts';
import { applyLedgerFacts } from '../sales-rollups/rollups.service.ts';

// ---- used by other features -----------------------------------------------------------------------

/**
 * A follow-up or an order keeps the customer out of the pool (公海: back to the pool after N days with no
 * follow-up and no order). Called in the transaction that records the activity; never moves the date back.
 */
export async function touchCustomerActivity(tx: Executor, customerId: number, day: string): Promise<void> {
  await tx
    .update(customers)
    .set({ lastActivityOn: sql`greatest(${customers.lastActivityOn}, ${day}::date)` })
    .where(eq(customers.id, customerId));
}

/**
 * 新客户签约前的拜访及考核: no contract before the manager approved the new customer. Call it after the
 * caller's scope check on the customer; throws 422 (business rule) naming the customer and its status.
 */
export async function assertCustomerVetted(tx: Executor, customerId: number): Promise<void> {
  const [row] = await tx
    .select({ name: customers.name, status: customers.vettingStatus })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!row) throw notFound('entity.customer');
  if (row.status !== 'approved') {
    const params = { name: row.name, status: `vettingStatus.${row.status}` };
    throw new AppError('business_rule', 'customers.notVetted', params, [
      { path: 'body.customerId', key: 'customers.notVetted', params },
    ]);
  }
}

/**
 * The customers the actor may see: those whose owner is in scope. Pool customers (no owner) are seen only
 * with company scope; everyone else finds them through the pool list.
 */
export function customerInScope(actor: Actor): SQL {
  return inScope.employee(actor, customers.ownerEmployeeId);
}

/** One customer the actor may see, or 404 (a customer outside scope is never loaded). */
export async function loadCustomerInScope(
  db: Executor,
  actor: Actor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<typeof customers.$inferSelect> {
  const query = db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), eq(customers.companyId, actor.companyId), customerInScope(actor)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('entity.customer');
  return row;
}

/**
 * Leads and managers (any scope wider than the position itself) may give customers to others and put them
 * in the pool; a rep keeps their own (销售组长: 分配客户资源).
 */
export function mayAssignOthers(actor: Actor): boolean {
  return actor.isAdmin || actor.scopeLevel !== 'own';
}

// ---- presenters ------------------------------------------------------------------------------------

const owners = alias(employees, 'owner');
const referrers = alias(customers, 'referrer');

export function presentCustomer(row: typeof customers.$inferSelect, ownerName: string | null): Customer {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CustomerKind,
    category: row.category as CustomerCategory,
    level: row.level,
    region: row.region,
    industry: row.industry,
    source: row.source as CustomerSource,
    ownerEmployeeId: row.ownerEmployeeId,
    ownerName,
    creditCode: row.creditCode,
    mobile: row.mobile,
    vettingStatus: row.vettingStatus as VettingStatus,
    lastActivityOn: row.lastActivityOn,
    pooledAt: row.pooledAt ? row.pooledAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

function presentContact(row: typeof customerContacts.$inferSelect): CustomerContact {
  return {
    id: row.id,
    customerId: row.customerId,
    name: row.name,
    role: row.role,
    mobile: row.mobile,
    wechat: row.wechat,
    isPrimary: row.isPrimary === 1,
  };
}

/** The customer page: the record, its owner, referrer, referral count (转介绍) and contacts. No scope check. */
async function presentCustomerDetail(db: Executor, companyId: number, id: number): Promise<CustomerDetail> {
  const [row] = await db
    .select({
      c: customers,
      ownerName: owners.name,
      referrerName: referrers.name,
      referralCount:
        sql<number>`(select count(*) from customers r where r.referrer_customer_id = ${customers.id})::int`.mapWith(
          Number,
        ),
    })
    .from(customers)
    .leftJoin(owners, eq(owners.id, customers.ownerEmployeeId))
    .leftJoin(referrers, eq(referrers.id, customers.referrerCustomerId))
    .where(and(eq(customers.id, id), eq(customers.companyId, companyId)));
  if (!row) throw notFound('entity.customer');
  const contacts = await db
    .select()
    .from(customerContacts)
    .where(eq(customerContacts.customerId, id))
    .orderBy(desc(customerContacts.isPrimary), asc(customerContacts.id));
  return {
    ...presentCustomer(row.c, row.ownerName),
    referrerCustomerId: row.c.referrerCustomerId,
    referrerName: row.referrerName,
    referralCount: row.referralCount,
    creditCodeOverride: row.c.creditCodeOverride,
    address: row.c.address,
    note: row.c.note,
    contacts: contacts.map(presentContact),
  };
}

// ---- list and detail -------------------------------------------------------------------------------

export async function listCustomers(db: Db, actor: Actor, query: CustomerListQuery) {
  authorize(actor, 'customer.read');
  const q = query.q?.trim();
  const pattern = q ? likePattern(q) : '';
  const where = and(
    eq(customers.companyId, actor.companyId),
    customerInScope(actor),
    q
      ? or(
          ilike(customers.name, pattern),
          ilike(customers.mobile, pattern),
          ilike(customers.creditCode, likePattern(normalizeCreditCode(q))),
          // A contact's mobile too, when the search looks like part of a phone number.
          /^\d{4,11}$/.test(q)
            ? exists(
                db
                  .select({ one: sql`1` })
                  .from(customerContacts)
                  .where(
                    and(
                      eq(customerContacts.customerId, customers.id),
                      ilike(customerContacts.mobile, pattern),
                    ),
                  ),
              )
            : undefined,
        )
      : undefined,
    query.kind ? eq(customers.kind, query.kind) : undefined,
    query.category ? eq(customers.category, query.category) : undefined,
    query.level ? eq(customers.level, query.level) : undefined,
    query.region ? eq(customers.region, query.region) : undefined,
    query.ownerEmployeeId ? eq(customers.ownerEmployeeId, query.ownerEmployeeId) : undefined,
    query.vettingStatus ? eq(customers.vettingStatus, query.vettingStatus) : undefined,
    query.referrerCustomerId ? eq(customers.referrerCustomerId, query.referrerCustomerId) : undefined,
  );
  const order = orderByOf(
    query,
    {
      name: customers.name,
      level: customers.level,
      lastActivityOn: customers.lastActivityOn,
      createdAt: customers.createdAt,
    },
    'name',
    customers.id,
  );
  return pageOf(
    db,
    query,
    db
      .select({ c: customers, ownerName: owners.name })
      .from(customers)
      .leftJoin(owners, eq(owners.id, customers.ownerEmployeeId))
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(customers).where(where),
    (rows) => rows.map((r) => presentCustomer(r.c, r.ownerName)),
  );
}

export async function getCustomer(db: Executor, actor: Actor, id: number): Promise<CustomerDetail> {
  authorize(actor, 'customer.read');
  await loadCustomerInScope(db, actor, id);
  return presentCustomerDetail(db, actor.companyId, id);
}

// ---- duplicates ------------------------------------------------------------------------------------

/** What a new or changed customer is checked against: its name, every mobile it carries, its credit code. */
export interface DuplicateProbe {
  name?: string;
  /** Each mobile with the body path it came from (`body.mobile`, `body.contacts.0.mobile`). */
  mobiles: { value: string; path: string }[];
  creditCode?: string | null;
  excludeCustomerId?: number;
}

export interface FoundDuplicate extends CustomerDuplicate {
  path: string;
}

interface Candidate {
  id: number;
  name: string;
  ownerEmployeeId: number | null;
}

const FULL_WIDTH =
  Array.from({ length: 94 }, (_, i) => String.fromCharCode(0xff01 + i)).join('') + '\u3000\u00a0';
const HALF_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('') + '  ';
/** The same reduction as `customerNameProbe`, in SQL: half-width, lower case, only digits, latin, CJK. */
const reducedName = sql`regexp_replace(lower(translate(${customers.name}, ${FULL_WIDTH}, ${HALF_WIDTH})), ${NAME_PROBE_DROP.source}, '', 'g')`;

/**
 * Existing customers of the company with the same normalized name, a shared mobile (the customer's or a
 * contact's) or the same credit code (issue 3 item 1). Which customer it is and who owns it is told only
 * when the actor may see it; a pool customer is named, since anyone may claim it.
 */
export async function findDuplicates(
  db: Executor,
  actor: Actor,
  probes: DuplicateProbe[],
): Promise<FoundDuplicate[][]> {
  const companyId = actor.companyId;
  const notExcluded = (id: number, probe: DuplicateProbe) => id !== probe.excludeCustomerId;

  // Names: a prefix match on the reduced name narrows the candidates, the normalized key decides.
  const byKey = new Map<string, Candidate[]>();
  const named = probes.filter((p) => p.name !== undefined && normalizeCustomerName(p.name) !== '');
  if (named.length > 0) {
    const probesText = [...new Set(named.map((p) => customerNameProbe(p.name!)))];
    const nameFilter =
      named.length > 20 || probesText.includes('')
        ? sql`true`
        : or(...probesText.map((p) => sql`${reducedName} like ${`${p}%`}`));
    const rows = await db
      .select({ id: customers.id, name: customers.name, ownerEmployeeId: customers.ownerEmployeeId })
      .from(customers)
      .where(and(eq(customers.companyId, companyId), nameFilter));
    for (const row of rows) {
      const key = normalizeCustomerName(row.name);
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
  }

  const allMobiles = [...new Set(probes.flatMap((p) => p.mobiles.map((m) => m.value)))];
  const byMobile = new Map<string, Candidate[]>();
  if (allMobiles.length > 0) {
    const rows = await db
      .select({
        id: customers.id,
        name: customers.name,
        ownerEmployeeId: customers.ownerEmployeeId,
        mobile: customers.mobile,
      })
      .from(customers)
      .where(and(eq(customers.companyId, companyId), inArray(customers.mobile, allMobiles)))
      .union(
        db
          .select({
            id: customers.id,
            name: customers.name,
            ownerEmployeeId: customers.ownerEmployeeId,
            mobile: customerContacts.mobile,
          })
          .from(customerContacts)
          .innerJoin(customers, eq(customers.id, customerContacts.customerId))
          .where(
            and(eq(customerContacts.companyId, companyId), inArray(customerContacts.mobile, allMobiles)),
          ),
      );
    for (const row of rows) {
      const list = byMobile.get(row.mobile!) ?? [];
      if (!list.some((c) => c.id === row.id)) list.push(row);
      byMobile.set(row.mobile!, list);
    }
  }

  const codes = [...new Set(probes.map((p) => p.creditCode).filter((c): c is string => !!c))];
  const byCode = new Map<string, Candidate[]>();
  if (codes.length > 0) {
    const rows = await db
      .select({
        id: customers.id,
        name: customers.name,
        ownerEmployeeId: customers.ownerEmployeeId,
        creditCode: customers.creditCode,
      })
      .from(customers)
      .where(and(eq(customers.companyId, companyId), inArray(customers.creditCode, codes)));
    for (const row of rows) byCode.set(row.creditCode!, [...(byCode.get(row.creditCode!) ?? []), row]);
  }

  const ownerIds = new Set<number>();
  for (const map of [byKey, byMobile, byCode]) {
    for (const list of map.values())
      for (const c of list) if (c.ownerEmployeeId) ownerIds.add(c.ownerEmployeeId);
  }
  const ownerNames = new Map<number, string>();
  if (ownerIds.size > 0) {
    const rows = await db
      .select({ id: employees.id, name: employees.name })
      .from(employees)
      .where(inArray(employees.id, [...ownerIds]));
    for (const row of rows) ownerNames.set(row.id, row.name);
  }

  const describe = (
    field: CustomerDuplicate['field'],
    value: string,
    path: string,
    c: Candidate,
  ): FoundDuplicate => {
    if (c.ownerEmployeeId === null) {
      return {
        field,
        value,
        path,
        status: 'in_pool',
        customerId: c.id,
        customerName: c.name,
        ownerName: null,
      };
    }
    if (isInScope.employee(actor, c.ownerEmployeeId)) {
      return {
        field,
        value,
        path,
        status: 'visible',
        customerId: c.id,
        customerName: c.name,
        ownerName: ownerNames.get(c.ownerEmployeeId) ?? null,
      };
    }
    return {
      field,
      value,
      path,
      status: 'owned_by_other',
      customerId: null,
      customerName: null,
      ownerName: null,
    };
  };

  return probes.map((probe) => {
    const found: FoundDuplicate[] = [];
    if (probe.name !== undefined) {
      const key = normalizeCustomerName(probe.name);
      for (const c of byKey.get(key) ?? []) {
        if (notExcluded(c.id, probe)) found.push(describe('name', probe.name, 'body.name', c));
      }
    }
    for (const m of probe.mobiles) {
      for (const c of byMobile.get(m.value) ?? []) {
        if (notExcluded(c.id, probe)) found.push(describe('mobile', m.value, m.path, c));
      }
    }
    if (probe.creditCode) {
      for (const c of byCode.get(probe.creditCode) ?? []) {
        if (notExcluded(c.id, probe))
          found.push(describe('creditCode', probe.creditCode, 'body.creditCode', c));
      }
    }
    return found;
  });
}

const FIELD_LABEL: Record<CustomerDuplicate['field'], MessageKey> = {
  name: 'field.customerName',
  mobile: 'field.mobileNo',
  creditCode: 'field.creditCode',
};

/** One detail per duplicate, saying as much as the caller may know. */
export function duplicateDetails(found: FoundDuplicate[]): ErrorDetail[] {
  return found.map((d) => {
    const params = {
      field: FIELD_LABEL[d.field],
      value: d.value,
      name: d.customerName ?? '',
      owner: d.ownerName ?? '',
    };
    const key: MessageKey =
      d.status === 'visible'
        ? 'customers.duplicateVisible'
        : d.status === 'in_pool'
          ? 'customers.duplicateInPool'
          : 'customers.duplicateOwnedByOther';
    return { path: d.path, key, params };
  });
}

function duplicateError(found: FoundDuplicate[]): AppError {
  return new AppError('conflict', 'customers.duplicate', {}, duplicateDetails(found));
}

export async function checkDuplicates(db: Db, actor: Actor, body: CheckDuplicatesBody) {
  authorize(actor, 'customer.read');
  let creditCode: string | undefined;
  if (body.creditCode) creditCode = normalizeCreditCode(body.creditCode);
  const [found] = await findDuplicates(db, actor, [
    {
      name: body.name,
      mobiles: body.mobiles.map((value, i) => ({ value, path: `body.mobiles.${i}` })),
      creditCode,
      excludeCustomerId: body.excludeCustomerId,
    },
  ]);
  return { duplicates: found!.map(({ path: _path, ...d }) => d) };
}

// ---- create and update -----------------------------------------------------------------------------

/**
 * Creating customers is serialized per company, so two people entering the same new customer at the same
 * moment cannot both pass the duplicate check (names and mobiles have no unique index).
 */
export async function lockCustomerCreation(tx: Executor, companyId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('zuzhang.customers.create'), ${companyId})`);
}

/** Credit code: structure refused; a wrong check character refused unless a reason is given. */
export function checkCreditCode(
  raw: string | null,
  override: string | null,
): { creditCode: string | null; creditCodeOverride: string | null } {
  if (raw === null) return { creditCode: null, creditCodeOverride: null };
  const code = normalizeCreditCode(raw);
  if (code === '') return { creditCode: null, creditCodeOverride: null };
  const result = validateCreditCode(code);
  if (result.ok) return { creditCode: code, creditCodeOverride: null };
  if (result.kind === 'structure') {
    const key = `customers.creditCode.${result.reason}` as MessageKey;
    throw fieldError('body.creditCode', key, { position: result.position ?? 0 });
  }
  if (!override)
    throw fieldError('body.creditCode', 'customers.creditCodeCheck', { expected: result.expected });
  return { creditCode: code, creditCodeOverride: override };
}

async function checkLevel(db: Executor, actor: Actor, level: string | undefined): Promise<string> {
  const { levels } = await loadCustomerSettings(db, actor.companyId);
  // New customers start at the lowest level unless the rep says otherwise.
  if (level === undefined) return levels[levels.length - 1]!;
  if (!levels.includes(level)) {
    throw fieldError('body.level', 'customers.levelUnknown', { level, allowed: levels.join(', ') });
  }
  return level;
}

async function checkReferrer(
  db: Executor,
  actor: Actor,
  source: string,
  referrerCustomerId: number | null,
  selfId: number | null,
): Promise<number | null> {
  if (source === 'referral' && referrerCustomerId === null) {
    throw fieldError('body.referrerCustomerId', 'customers.referrerRequired');
  }
  if (referrerCustomerId === null) return null;
  if (referrerCustomerId === selfId) throw fieldError('body.referrerCustomerId', 'customers.referrerSelf');
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.id, referrerCustomerId),
        eq(customers.companyId, actor.companyId),
        customerInScope(actor),
      ),
    );
  if (!row) throw fieldError('body.referrerCustomerId', 'field.notInCompany', { entity: 'entity.customer' });
  return referrerCustomerId;
}

/** A working employee in the actor's scope who may be given customers. */
export async function checkAssignee(
  db: Executor,
  actor: Actor,
  employeeId: number,
  path: string,
): Promise<void> {
  const [row] = await db
    .select({ id: employees.id, status: employees.status })
    .from(employees)
    .where(and(eq(employees.id, employeeId), eq(employees.companyId, actor.companyId)));
  if (!row || row.status === 'left' || !isInScope.employee(actor, employeeId)) {
    throw fieldError(path, 'customers.ownerNotAssignable');
  }
}

/** The owner of a new customer: the caller by default; another rep or the pool only for leads and managers. */
async function resolveOwner(
  db: Executor,
  actor: Actor,
  requested: number | null | undefined,
): Promise<number | null> {
  if (requested === undefined) {
    if (actor.employeeId === null) throw fieldError('body.ownerEmployeeId', 'customers.ownerRequired');
    return actor.employeeId;
  }
  if (requested === actor.employeeId) return requested;
  if (!mayAssignOthers(actor)) throw fieldError('body.ownerEmployeeId', 'customers.cannotAssignOthers');
  if (requested === null) return null;
  await checkAssignee(db, actor, requested, 'body.ownerEmployeeId');
  return requested;
}

function checkContacts(contacts: CreateContactBody[]): CreateContactBody[] {
  const primaries = contacts.map((c, i) => (c.isPrimary ? i : -1)).filter((i) => i >= 0);
  if (primaries.length > 1) {
    throw fieldError(`body.contacts.${primaries[1]}.isPrimary`, 'customers.onePrimaryContact');
  }
  // The first contact is the primary one unless another is marked.
  if (primaries.length === 0 && contacts.length > 0)
    return contacts.map((c, i) => ({ ...c, isPrimary: i === 0 }));
  return contacts;
}

/** A create body checked against the company's rules, ready to insert (or a validation error). */
export interface PreparedCustomer {
  values: typeof customers.$inferInsert;
  contacts: CreateContactBody[];
  probe: DuplicateProbe;
}

export async function prepareCustomer(
  db: Executor,
  actor: Actor,
  body: CreateCustomerBody,
): Promise<PreparedCustomer> {
  const level = await checkLevel(db, actor, body.level);
  const credit = checkCreditCode(body.creditCode, body.creditCodeOverride);
  const referrerCustomerId = await checkReferrer(db, actor, body.source, body.referrerCustomerId, null);
  const ownerEmployeeId = await resolveOwner(db, actor, body.ownerEmployeeId);
  const contacts = checkContacts(body.contacts);
  const mobile = body.mobile ?? contacts.find((c) => c.isPrimary && c.mobile)?.mobile ?? null;
  const mobiles = [
    ...(body.mobile ? [{ value: body.mobile, path: 'body.mobile' }] : []),
    ...contacts.flatMap((c, i) => (c.mobile ? [{ value: c.mobile, path: `body.contacts.${i}.mobile` }] : [])),
  ];
  return {
    values: {
      companyId: actor.companyId,
      name: body.name,
      kind: body.kind,
      category: body.category,
      level,
      region: body.region,
      industry: body.industry,
      source: body.source,
      referrerCustomerId,
      ownerEmployeeId,
      ...credit,
      mobile,
      address: body.address,
      note: body.note,
      // The record is made after a visit (拜访): that is the first activity.
      lastActivityOn: actor.today,
      acquiredOn: actor.today,
      pooledAt: ownerEmployeeId === null ? new Date() : null,
      createdByUserId: actor.userId,
    },
    contacts,
    probe: { name: body.name, mobiles, creditCode: credit.creditCode },
  };
}

/** Write a prepared customer with its contacts, the ownership log and the audit row. */
export async function insertCustomer(
  tx: Executor,
  actor: Actor,
  prepared: PreparedCustomer,
  actingForEmployeeId: number | null,
): Promise<number> {
  const [row] = await withDuplicateCheck(() => tx.insert(customers).values(prepared.values).returning(), {
    path: 'body.creditCode',
    label: 'field.creditCode',
    value: prepared.values.creditCode ?? '',
  });
  const contacts =
    prepared.contacts.length === 0
      ? []
      : await tx
          .insert(customerContacts)
          .values(
            prepared.contacts.map((c) => ({
              companyId: actor.companyId,
              customerId: row!.id,
              name: c.name,
              role: c.role,
              mobile: c.mobile,
              wechat: c.wechat,
              isPrimary: c.isPrimary ? 1 : 0,
            })),
          )
          .returning();
  await tx.insert(customerOwnershipLog).values({
    companyId: actor.companyId,
    customerId: row!.id,
    fromEmployeeId: null,
    toEmployeeId: row!.ownerEmployeeId,
    reason: 'create',
    byUserId: actor.userId,
  });
  if (row!.ownerEmployeeId !== null) {
    // 新客户: counted for the rep who won it, in the team they are in that day.
    const unitId = await primaryUnitOn(tx, row!.ownerEmployeeId, row!.acquiredOn);
    await tx.update(customers).set({ acquiredUnitId: unitId }).where(eq(customers.id, row!.id));
    const fact = {
      metric: 'new_customers',
      day: row!.acquiredOn,
      employeeId: row!.ownerEmployeeId,
      unitId,
      category: '',
      amount: 1,
    } as const;
    await applyLedgerFacts(tx, actor.companyId, [], [fact]);
  }
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'customer',
    entityId: row!.id,
    after: { ...row, contacts },
    actingForEmployeeId,
  });
  return row!.id;
}

export async function createCustomer(
  db: Db,
  actor: Actor,
  body: CreateCustomerBody,
): Promise<CustomerDetail> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  return db.transaction(async (tx) => {
    const prepared = await prepareCustomer(tx, actor, body);
    await lockCustomerCreation(tx, actor.companyId);
    const [found] = await findDuplicates(tx, actor, [prepared.probe]);
    if (found!.length > 0) throw duplicateError(found!);
    const id = await insertCustomer(tx, actor, prepared, actingForEmployeeId);
    // The creator gets the record back even when it went to the pool or to a rep they cannot see later.
    return presentCustomerDetail(tx, actor.companyId, id);
  });
}

export async function updateCustomer(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateCustomerBody,
): Promise<CustomerDetail> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  return db.transaction(async (tx) => {
    const before = await loadCustomerInScope(tx, actor, id, { forUpdate: true });
    if (before.version !== body.version) throw staleVersion('entity.customer');
    const { version, ...changes } = body;
    const level = changes.level === undefined ? before.level : await checkLevel(tx, actor, changes.level);
    const source = changes.source ?? before.source;
    const referrerCustomerId = await checkReferrer(
      tx,
      actor,
      source,
      changes.referrerCustomerId === undefined ? before.referrerCustomerId : changes.referrerCustomerId,
      id,
    );
    const credit =
      changes.creditCode === undefined && changes.creditCodeOverride === undefined
        ? { creditCode: before.creditCode, creditCodeOverride: before.creditCodeOverride }
        : checkCreditCode(
            changes.creditCode === undefined ? before.creditCode : changes.creditCode,
            changes.creditCodeOverride === undefined ? before.creditCodeOverride : changes.creditCodeOverride,
          );
    // Only what changes is checked for duplicates: an old shared mobile does not block editing the address.
    const probe: DuplicateProbe = { mobiles: [], excludeCustomerId: id };
    if (
      changes.name !== undefined &&
      normalizeCustomerName(changes.name) !== normalizeCustomerName(before.name)
    ) {
      probe.name = changes.name;
    }
    if (changes.mobile && changes.mobile !== before.mobile)
      probe.mobiles.push({ value: changes.mobile, path: 'body.mobile' });
    if (credit.creditCode && credit.creditCode !== before.creditCode) probe.creditCode = credit.creditCode;
    if (probe.name !== undefined || probe.mobiles.length > 0 || probe.creditCode) {
      const [found] = await findDuplicates(tx, actor, [probe]);
      if (found!.length > 0) throw duplicateError(found!);
    }
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(customers)
          .set({ ...changes, level, source, referrerCustomerId, ...credit, version: version + 1 })
          .where(and(eq(customers.id, id), eq(customers.version, version)))
          .returning(),
      { path: 'body.creditCode', label: 'field.creditCode', value: credit.creditCode ?? '' },
    );
    if (!after) throw staleVersion('entity.customer');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'customer',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return presentCustomerDetail(tx, actor.companyId, id);
  });
}

// ---- contacts --------------------------------------------------------------------------------------

export async function listContacts(db: Db, actor: Actor, customerId: number): Promise<CustomerContact[]> {
  authorize(actor, 'customer.read');
  await loadCustomerInScope(db, actor, customerId);
  const rows = await db
    .select()
    .from(customerContacts)
    .where(eq(customerContacts.customerId, customerId))
    .orderBy(desc(customerContacts.isPrimary), asc(customerContacts.id));
  return rows.map(presentContact);
}

async function checkContactMobile(
  tx: Executor,
  actor: Actor,
  customerId: number,
  mobile: string | null | undefined,
) {
  if (!mobile) return;
  const [found] = await findDuplicates(tx, actor, [
    { mobiles: [{ value: mobile, path: 'body.mobile' }], excludeCustomerId: customerId },
  ]);
  if (found!.length > 0) throw duplicateError(found!);
}

/** Only one primary contact per customer: marking one unmarks the others. */
async function clearPrimary(tx: Executor, customerId: number, exceptId: number) {
  await tx
    .update(customerContacts)
    .set({ isPrimary: 0 })
    .where(and(eq(customerContacts.customerId, customerId), ne(customerContacts.id, exceptId)));
}

export async function createContact(
  db: Db,
  actor: Actor,
  customerId: number,
  body: CreateContactBody,
): Promise<CustomerContact> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  return db.transaction(async (tx) => {
    await loadCustomerInScope(tx, actor, customerId, { forUpdate: true });
    await checkContactMobile(tx, actor, customerId, body.mobile);
    const [row] = await tx
      .insert(customerContacts)
      .values({ companyId: actor.companyId, customerId, ...body, isPrimary: body.isPrimary ? 1 : 0 })
      .returning();
    if (body.isPrimary) await clearPrimary(tx, customerId, row!.id);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'customer_contact',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return presentContact(row!);
  });
}

async function loadContact(tx: Executor, actor: Actor, customerId: number, contactId: number) {
  await loadCustomerInScope(tx, actor, customerId, { forUpdate: true });
  const [row] = await tx
    .select()
    .from(customerContacts)
    .where(and(eq(customerContacts.id, contactId), eq(customerContacts.customerId, customerId)));
  if (!row) throw notFound('entity.contact');
  return row;
}

export async function updateContact(
  db: Db,
  actor: Actor,
  customerId: number,
  contactId: number,
  body: UpdateContactBody,
): Promise<CustomerContact> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  return db.transaction(async (tx) => {
    const before = await loadContact(tx, actor, customerId, contactId);
    if (body.mobile !== undefined && body.mobile !== before.mobile) {
      await checkContactMobile(tx, actor, customerId, body.mobile);
    }
    const { isPrimary, ...rest } = body;
    const [after] = await tx
      .update(customerContacts)
      .set({ ...rest, ...(isPrimary === undefined ? {} : { isPrimary: isPrimary ? 1 : 0 }) })
      .where(eq(customerContacts.id, contactId))
      .returning();
    if (isPrimary) await clearPrimary(tx, customerId, contactId);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'customer_contact',
      entityId: contactId,
      before,
      after,
      actingForEmployeeId,
    });
    return presentContact(after!);
  });
}

export async function deleteContact(
  db: Db,
  actor: Actor,
  customerId: number,
  contactId: number,
): Promise<void> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  await db.transaction(async (tx) => {
    const before = await loadContact(tx, actor, customerId, contactId);
    await tx.delete(customerContacts).where(eq(customerContacts.id, contactId));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'customer_contact',
      entityId: contactId,
      before,
      actingForEmployeeId,
    });
  });
}

// ---- ownership -------------------------------------------------------------------------------------

/** Change the owner (or clear it: the pool), log the change and audit it; the version moves on. */
export async function changeOwner(
  tx: Executor,
  actor: Actor,
  before: typeof customers.$inferSelect,
  to: number | null,
  reason: OwnershipReason,
  actingForEmployeeId: number | null,
  expectedVersion: number,
) {
  const [after] = await tx
    .update(customers)
    .set({
      ownerEmployeeId: to,
      pooledAt: to === null ? new Date() : null,
      // A new owner gets the full period before the customer returns to the pool.
      ...(to === null
        ? {}
        : { lastActivityOn: sql`greatest(${customers.lastActivityOn}, ${actor.today}::date)` }),
      version: expectedVersion + 1,
    })
    .where(
      and(
        eq(customers.id, before.id),
        eq(customers.version, expectedVersion),
        // A claim takes only a customer still in the pool: of two reps claiming at once, one wins.
        reason === 'claim' ? isNull(customers.ownerEmployeeId) : undefined,
      ),
    )
    .returning();
  if (!after) {
    throw reason === 'claim'
      ? new AppError('conflict', 'customers.alreadyClaimed')
      : staleVersion('entity.customer');
  }
  await tx.insert(customerOwnershipLog).values({
    companyId: actor.companyId,
    customerId: before.id,
    fromEmployeeId: before.ownerEmployeeId,
    toEmployeeId: to,
    reason,
    byUserId: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: reason,
    entity: 'customer',
    entityId: before.id,
    before: { ownerEmployeeId: before.ownerEmployeeId, version: before.version },
    after: { ownerEmployeeId: after.ownerEmployeeId, version: after.version },
    actingForEmployeeId,
  });
  return after;
}

/** A lead or manager gives a customer in their scope to a rep in their scope. */
export async function transferCustomer(
  db: Db,
  actor: Actor,
  id: number,
  body: TransferCustomerBody,
): Promise<CustomerDetail> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  if (!mayAssignOthers(actor)) throw new AppError('forbidden', 'customers.cannotAssignOthers');
  return db.transaction(async (tx) => {
    const before = await loadCustomerInScope(tx, actor, id, { forUpdate: true });
    if (before.version !== body.version) throw staleVersion('entity.customer');
    if (before.ownerEmployeeId === body.toEmployeeId)
      throw fieldError('body.toEmployeeId', 'customers.sameOwner');
    await checkAssignee(tx, actor, body.toEmployeeId, 'body.toEmployeeId');
    await changeOwner(tx, actor, before, body.toEmployeeId, 'transfer', actingForEmployeeId, body.version);
    return presentCustomerDetail(tx, actor.companyId, id);
  });
}

/** The owner (or their lead or manager) gives the customer up to the pool (公海). */
export async function releaseCustomer(
  db: Db,
  actor: Actor,
  id: number,
  version: number,
): Promise<CustomerDetail> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  return db.transaction(async (tx) => {
    const before = await loadCustomerInScope(tx, actor, id, { forUpdate: true });
    if (before.version !== version) throw staleVersion('entity.customer');
    if (before.ownerEmployeeId === null) throw new AppError('business_rule', 'customers.alreadyInPool');
    if (before.ownerEmployeeId !== actor.employeeId && !mayAssignOthers(actor)) {
      throw new AppError('forbidden', 'customers.releaseNotOwner');
    }
    await changeOwner(tx, actor, before, null, 'release', actingForEmployeeId, version);
    return presentCustomerDetail(tx, actor.companyId, id);
  });
}

const fromEmployees = alias(employees, 'from_employee');
const toEmployees = alias(employees, 'to_employee');

export async function listOwnershipHistory(db: Db, actor: Actor, id: number): Promise<OwnershipChange[]> {
  authorize(actor, 'customer.read');
  await loadCustomerInScope(db, actor, id);
  const rows = await db
    .select({
      log: customerOwnershipLog,
      fromName: fromEmployees.name,
      toName: toEmployees.name,
      byUsername: users.username,
    })
    .from(customerOwnershipLog)
    .leftJoin(fromEmployees, eq(fromEmployees.id, customerOwnershipLog.fromEmployeeId))
    .leftJoin(toEmployees, eq(toEmployees.id, customerOwnershipLog.toEmployeeId))
    .leftJoin(users, eq(users.id, customerOwnershipLog.byUserId))
    .where(eq(customerOwnershipLog.customerId, id))
    .orderBy(asc(customerOwnershipLog.at), asc(customerOwnershipLog.id));
  return rows.map((r) => ({
    id: r.log.id,
    customerId: r.log.customerId,
    fromEmployeeId: r.log.fromEmployeeId,
    fromName: r.fromName,
    toEmployeeId: r.log.toEmployeeId,
    toName: r.toName,
    reason: r.log.reason as OwnershipReason,
    at: r.log.at.toISOString(),
    byUserId: r.log.byUserId,
    byUsername: r.byUsername,
  }));
}
