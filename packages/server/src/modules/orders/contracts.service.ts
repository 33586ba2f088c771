import { and, count, eq, ilike } from 'drizzle-orm';
import type {
  Contract,
  ContractActionBody,
  ContractListQuery,
  ContractStatus,
  CreateContractBody,
  UpdateContractBody,
} from '@zuzhang/api-schema';
import { nextContractStatus, type ContractAction, type Permission } from '@zuzhang/domain';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, can, inScope, isInScope, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound, staleVersion } from '../../platform/errors/app-error.ts';
import { withDuplicateCheck } from '../../platform/db/db-errors.ts';
import { likePattern, orderByOf, pageOf } from '../../platform/http/paging.ts';
import { employees } from '../org/org.table.ts';
import { customers } from '../customers/customers.table.ts';
import { checkAttachableFiles, loadFileRefs } from '../files/files.service.ts';
import { assertCustomerVetted } from '../customers/customers.service.ts';
import { contracts } from './orders.table.ts';

const READERS: Permission[] = ['customer.read', 'contract.manage'];

function authorizeRead(actor: Actor) {
  return authorize(actor, READERS.find((p) => can(actor, p)) ?? READERS[0]!);
}

/** Who takes each step: the manager approves or refuses (核决权限), the owner does the rest. */
const ACTION_PERMISSION: Record<ContractAction, Permission> = {
  submit: 'contract.manage',
  approve: 'contract.approve',
  reject: 'contract.approve',
  start: 'contract.manage',
  complete: 'contract.manage',
  terminate: 'contract.manage',
};

/** Past these, a contract is a record: only its attachments (e.g. the scanned signed copy) may still change. */
const FIELDS_EDITABLE_IN: ContractStatus[] = ['draft'];
const ATTACHMENTS_EDITABLE_IN: ContractStatus[] = ['draft', 'awaiting_approval', 'signed', 'in_progress'];

type ContractRow = typeof contracts.$inferSelect;

const contractColumns = { c: contracts, customerName: customers.name, ownerName: employees.name };

async function presentContracts(
  db: Executor,
  rows: { c: ContractRow; customerName: string; ownerName: string }[],
): Promise<Contract[]> {
  const refs = await loadFileRefs(
    db,
    rows.flatMap((r) => r.c.attachmentFileIds),
  );
  return rows.map(({ c, customerName, ownerName }) => ({
    id: c.id,
    no: c.no,
    customerId: c.customerId,
    customerName,
    ownerEmployeeId: c.ownerEmployeeId,
    ownerName,
    signedOn: c.signedOn,
    startOn: c.startOn,
    endOn: c.endOn,
    amountFen: c.amountFen,
    paymentTerms: c.paymentTerms,
    paymentDays: c.paymentDays,
    status: c.status as ContractStatus,
    attachments: c.attachmentFileIds.flatMap((id) => {
      const ref = refs.get(id);
      return ref ? [ref] : [];
    }),
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  }));
}

/** A contract the actor may see: its customer's owner is in scope (else 404, never "forbidden"). */
async function loadContract(db: Executor, actor: Actor, id: number, lock = false): Promise<ContractRow> {
  const query = db
    .select()
    .from(contracts)
    .where(
      and(
        eq(contracts.id, id),
        eq(contracts.companyId, actor.companyId),
        inScope.customer(actor, contracts.customerId),
      ),
    );
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('entity.contract');
  return row;
}

async function readContract(db: Executor, actor: Actor, id: number): Promise<Contract> {
  const rows = await db
    .select(contractColumns)
    .from(contracts)
    .innerJoin(customers, eq(customers.id, contracts.customerId))
    .innerJoin(employees, eq(employees.id, contracts.ownerEmployeeId))
    .where(
      and(
        eq(contracts.id, id),
        eq(contracts.companyId, actor.companyId),
        inScope.customer(actor, contracts.customerId),
      ),
    );
  if (rows.length === 0) throw notFound('entity.contract');
  return (await presentContracts(db, rows))[0]!;
}

export async function listContracts(db: Db, actor: Actor, query: ContractListQuery) {
  authorizeRead(actor);
  const where = and(
    eq(contracts.companyId, actor.companyId),
    inScope.customer(actor, contracts.customerId),
    query.q ? ilike(contracts.no, likePattern(query.q)) : undefined,
    query.customerId ? eq(contracts.customerId, query.customerId) : undefined,
    query.ownerEmployeeId ? eq(contracts.ownerEmployeeId, query.ownerEmployeeId) : undefined,
    query.status ? eq(contracts.status, query.status) : undefined,
  );
  const order = orderByOf(
    query,
    {
      no: contracts.no,
      signedOn: contracts.signedOn,
      startOn: contracts.startOn,
      amountFen: contracts.amountFen,
      status: contracts.status,
      createdAt: contracts.createdAt,
    },
    'no',
    contracts.id,
  );
  return pageOf(
    db,
    query,
    db
      .select(contractColumns)
      .from(contracts)
      .innerJoin(customers, eq(customers.id, contracts.customerId))
      .innerJoin(employees, eq(employees.id, contracts.ownerEmployeeId))
      .where(where)
      .orderBy(...order),
    db.select({ n: count() }).from(contracts).where(where),
    (rows) => presentContracts(db, rows),
  );
}

export async function getContract(db: Db, actor: Actor, id: number): Promise<Contract> {
  authorizeRead(actor);
  return readContract(db, actor, id);
}

/** The owner is a rep in the actor's scope (a lead may assign one of the team). */
async function checkOwner(tx: Executor, actor: Actor, ownerEmployeeId: number) {
  const [e] = await tx
    .select({ id: employees.id })
    .from(employees)
    .where(and(eq(employees.id, ownerEmployeeId), eq(employees.companyId, actor.companyId)));
  if (!e || !isInScope.employee(actor, ownerEmployeeId)) {
    throw fieldError('body.ownerEmployeeId', 'field.notInCompany', { entity: 'entity.employee' });
  }
}

function checkTerm(startOn: string | null, endOn: string | null) {
  if (startOn !== null && endOn !== null && endOn < startOn) {
    throw fieldError('body.endOn', 'field.dateOrder', { start: startOn });
  }
}

export async function createContract(db: Db, actor: Actor, body: CreateContractBody): Promise<Contract> {
  const { actingForEmployeeId } = authorize(actor, 'contract.manage');
  checkTerm(body.startOn, body.endOn);
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id, ownerEmployeeId: customers.ownerEmployeeId })
      .from(customers)
      .where(
        and(
          eq(customers.id, body.customerId),
          eq(customers.companyId, actor.companyId),
          inScope.customer(actor, customers.id),
        ),
      );
    if (!customer) throw fieldError('body.customerId', 'field.notInCompany', { entity: 'entity.customer' });
    const ownerEmployeeId = body.ownerEmployeeId ?? customer.ownerEmployeeId ?? actor.employeeId;
    if (ownerEmployeeId === null) throw fieldError('body.ownerEmployeeId', 'field.required');
    if (body.ownerEmployeeId !== undefined) await checkOwner(tx, actor, ownerEmployeeId);
    await checkAttachableFiles(tx, actor, body.attachmentFileIds, (i) => `body.attachmentFileIds.${i}`);
    const [row] = await withDuplicateCheck(
      () =>
        tx
          .insert(contracts)
          .values({
            companyId: actor.companyId,
            ...body,
            ownerEmployeeId,
            attachmentFileIds: [...new Set(body.attachmentFileIds)],
            status: 'draft',
            createdByUserId: actor.userId,
          })
          .returning(),
      { path: 'body.no', label: 'field.contractNo', value: body.no },
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'contract',
      entityId: row!.id,
      after: row,
      actingForEmployeeId,
    });
    return readContract(tx, actor, row!.id);
  });
}

export async function updateContract(
  db: Db,
  actor: Actor,
  id: number,
  body: UpdateContractBody,
): Promise<Contract> {
  const { actingForEmployeeId } = authorize(actor, 'contract.manage');
  return db.transaction(async (tx) => {
    const before = await loadContract(tx, actor, id, true);
    if (before.version !== body.version) throw staleVersion('entity.contract');
    const { version, ...changes } = body;
    const status = before.status as ContractStatus;
    const onlyAttachments = Object.keys(changes).every((k) => k === 'attachmentFileIds');
    const editable = onlyAttachments ? ATTACHMENTS_EDITABLE_IN : FIELDS_EDITABLE_IN;
    if (!editable.includes(status)) {
      throw new AppError('business_rule', 'contracts.notEditable', { status: `contracts.status.${status}` }, [
        { path: 'status', key: 'contracts.notEditable', params: { status: `contracts.status.${status}` } },
      ]);
    }
    checkTerm(changes.startOn ?? before.startOn, changes.endOn === undefined ? before.endOn : changes.endOn);
    if (changes.ownerEmployeeId !== undefined && changes.ownerEmployeeId !== before.ownerEmployeeId) {
      await checkOwner(tx, actor, changes.ownerEmployeeId);
    }
    if (changes.attachmentFileIds !== undefined) {
      // Files already on the contract stay attachable; new ones must be visible to the actor.
      const added = changes.attachmentFileIds.filter((f) => !before.attachmentFileIds.includes(f));
      await checkAttachableFiles(tx, actor, added, (i) => {
        const at = changes.attachmentFileIds!.indexOf(added[i]!);
        return `body.attachmentFileIds.${at}`;
      });
      changes.attachmentFileIds = [...new Set(changes.attachmentFileIds)];
    }
    const [after] = await withDuplicateCheck(
      () =>
        tx
          .update(contracts)
          .set({ ...changes, version: version + 1 })
          .where(and(eq(contracts.id, id), eq(contracts.version, version)))
          .returning(),
      { path: 'body.no', label: 'field.contractNo', value: changes.no ?? before.no },
    );
    if (!after) throw staleVersion('entity.contract');
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'contract',
      entityId: id,
      before,
      after,
      actingForEmployeeId,
    });
    return readContract(tx, actor, id);
  });
}

/**
 * One step of the contract's life (submit, approve, reject, start, complete, terminate). An action not
 * allowed from the current status is a 422 that names the status; approval needs the customer's vetting
 * (新客户签约前的拜访及考核) to have been approved.
 */
export async function transitionContract(
  db: Db,
  actor: Actor,
  id: number,
  action: ContractAction,
  body: ContractActionBody,
): Promise<Contract> {
  const { actingForEmployeeId } = authorize(actor, ACTION_PERMISSION[action]);
  return db.transaction(async (tx) => {
    const before = await loadContract(tx, actor, id, true);
    if (before.version !== body.version) throw staleVersion('entity.contract');
    const to = nextContractStatus(before.status, action);
    if (to === null) {
      const params = { status: `contracts.status.${before.status}`, action: `contracts.action.${action}` };
      throw new AppError('business_rule', 'contracts.illegalTransition', params, [
        { path: 'status', key: 'contracts.illegalTransition', params },
      ]);
    }
    if (action === 'approve') await assertCustomerVetted(tx, before.customerId);
    const [after] = await tx
      .update(contracts)
      .set({
        status: to,
        version: before.version + 1,
        // The signing date defaults to the day of approval when nobody entered it.
        ...(action === 'approve' && before.signedOn === null ? { signedOn: actor.today } : {}),
      })
      .where(and(eq(contracts.id, id), eq(contracts.version, before.version)))
      .returning();
    if (!after) throw staleVersion('entity.contract');
    await recordAudit(tx, actor, {
      action,
      entity: 'contract',
      entityId: id,
      before: { status: before.status, signedOn: before.signedOn, version: before.version },
      after: { status: after.status, signedOn: after.signedOn, version: after.version, note: body.note },
      actingForEmployeeId,
    });
    return readContract(tx, actor, id);
  });
}
