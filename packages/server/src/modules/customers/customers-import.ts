import { and, eq } from 'drizzle-orm';
import { normalizeCustomerName } from '@zuzhang/domain';
import {
  CreateCustomerBody,
  type CustomerImportBody,
  type CustomerImportResult,
  type CustomerImportRow,
  type Locale,
} from '@zuzhang/api-schema';
import type { Db, Executor } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { AppError, type ErrorDetail } from '../../platform/errors/app-error.ts';
import {
  cleanMobile,
  readSheetRows,
  settleImport,
  type CheckedRow,
  type ImportRowError,
  type SheetSpec,
} from '../../platform/import/sheet-import.ts';
import { parseInput } from '../../platform/http/route.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { employees } from '../org/org.table.ts';
import { users } from '../auth/auth.table.ts';
import { customers } from './customers.table.ts';
import {
  customerInScope,
  duplicateDetails,
  findDuplicates,
  insertCustomer,
  lockCustomerCreation,
  prepareCustomer,
  type PreparedCustomer,
} from './customers.service.ts';

/**
 * Customer import from CSV (UTF-8, or GB18030 as Excel saves it in China) or .xlsx (first sheet). The
 * first non-empty row names the columns, in Chinese or English; only the name is required:
 *
 *   名称 name | 类型 kind (公司/个人) | 类别 category (终端客户/经销商/代理商/异业联盟/线上平台) | 等级 level |
 *   区域 region | 行业 industry | 来源 source (拜访/转介绍/展会/网络/电话/其他) | 介绍客户 referrer (a customer's
 *   name) | 统一社会信用代码 creditCode | 信用代码例外说明 creditCodeOverride | 手机 mobile | 联系人 contactName |
 *   联系人角色 contactRole | 联系人手机 contactMobile | 微信 contactWechat | 地址 address | 备注 note |
 *   负责人 owner (username or name; default: you)
 *
 * Every row is checked as a new customer would be (credit code, mobiles, level, owner in scope) and for
 * duplicates, in the company and within the file. One failing row means nothing is written, unless
 * skipInvalid; a dry run only reports. All in one transaction.
 */
export const IMPORT_COLUMNS: Record<string, string[]> = {
  name: ['名称', '客户名称', '客户', 'name'],
  kind: ['类型', '客户类型', 'kind'],
  category: ['类别', '客户类别', '客户分类', 'category'],
  level: ['等级', '客户等级', 'level'],
  region: ['区域', '地区', 'region'],
  industry: ['行业', 'industry'],
  source: ['来源', '客户来源', 'source'],
  referrer: ['介绍客户', '转介绍客户', '介绍人', 'referrer'],
  creditCode: ['统一社会信用代码', '信用代码', 'creditcode'],
  creditCodeOverride: ['信用代码例外说明', '例外说明', 'creditcodeoverride'],
  mobile: ['手机', '手机号', '电话', 'mobile'],
  contactName: ['联系人', 'contactname'],
  contactRole: ['联系人角色', '联系人职务', '职务', 'contactrole'],
  contactMobile: ['联系人手机', '联系人电话', 'contactmobile'],
  contactWechat: ['微信', '联系人微信', 'contactwechat', 'wechat'],
  address: ['地址', 'address'],
  note: ['备注', 'note'],
  owner: ['负责人', '业务员', 'owner'],
};

const VALUES: Record<'kind' | 'category' | 'source', Record<string, string>> = {
  kind: {
    公司: 'company',
    企业: 'company',
    单位: 'company',
    company: 'company',
    个人: 'person',
    person: 'person',
  },
  category: {
    终端客户: 'end_customer',
    终端: 'end_customer',
    end_customer: 'end_customer',
    经销商: 'dealer',
    dealer: 'dealer',
    代理商: 'agent',
    agent: 'agent',
    异业联盟: 'alliance',
    异业联盟商家: 'alliance',
    alliance: 'alliance',
    线上平台: 'online_platform',
    电商平台: 'online_platform',
    online_platform: 'online_platform',
  },
  source: {
    拜访: 'visit',
    visit: 'visit',
    转介绍: 'referral',
    referral: 'referral',
    展会: 'exhibition',
    exhibition: 'exhibition',
    网络: 'online',
    线上: 'online',
    online: 'online',
    电话: 'phone',
    phone: 'phone',
    其他: 'other',
    other: 'other',
  },
};

export const MAX_IMPORT_ROWS = 5000;

const SHEET: SheetSpec = {
  columns: IMPORT_COLUMNS,
  required: [{ anyOf: ['name'], label: '名称 / name' }],
  maxRows: MAX_IMPORT_ROWS,
  messages: {
    unreadable: 'customers.importUnreadable',
    empty: 'customers.importEmpty',
    missingColumn: 'customers.importMissingColumn',
    tooManyRows: 'customers.importTooManyRows',
    hasErrors: 'customers.importHasErrors',
  },
};

// ---- turning rows into customers -------------------------------------------------------------------

/** Body paths of a create become import columns, so each error names the column to fix. */
const COLUMN_OF_PATH: Record<string, string> = {
  'body.contacts.0.name': 'contactName',
  'body.contacts.0.role': 'contactRole',
  'body.contacts.0.mobile': 'contactMobile',
  'body.contacts.0.wechat': 'contactWechat',
  'body.ownerEmployeeId': 'owner',
  'body.referrerCustomerId': 'referrer',
};
function columnOf(path: string): string {
  return COLUMN_OF_PATH[path] ?? path.replace(/^body\./, '');
}

function messageOf(detail: ErrorDetail, locale: Locale): string {
  return 'text' in detail ? detail.text : translate(locale, detail.key, detail.params);
}

interface Lookups {
  employees: { id: number; name: string; username: string | null }[];
}

async function loadLookups(db: Executor, actor: Actor): Promise<Lookups> {
  const rows = await db
    .select({ id: employees.id, name: employees.name, username: users.username })
    .from(employees)
    .leftJoin(users, eq(users.employeeId, employees.id))
    .where(eq(employees.companyId, actor.companyId));
  return { employees: rows };
}

/** The referring customer, by name, among the customers the importer can see. */
async function findReferrer(db: Executor, actor: Actor, name: string): Promise<number[]> {
  const key = normalizeCustomerName(name);
  const rows = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.companyId, actor.companyId), customerInScope(actor), eq(customers.name, name)));
  if (rows.length > 0) return rows.map((r) => r.id);
  // Not written exactly the same: compare normalized names among the visible customers.
  const all = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.companyId, actor.companyId), customerInScope(actor)));
  return all.filter((r) => normalizeCustomerName(r.name) === key).map((r) => r.id);
}

/** One sheet row as a create body, or the errors that stop it. */
async function bodyOfRow(
  db: Executor,
  actor: Actor,
  locale: Locale,
  lookups: Lookups,
  cells: Record<string, string>,
): Promise<{ body?: CreateCustomerBody; errors: ImportRowError[] }> {
  const errors: ImportRowError[] = [];
  const pick = (column: 'kind' | 'category' | 'source', fallback: string) => {
    const value = cells[column] ?? '';
    if (value === '') return fallback;
    const mapped = VALUES[column][value] ?? VALUES[column][value.toLowerCase()];
    if (mapped) return mapped;
    errors.push({
      field: column,
      message: translate(locale, 'customers.importBadValue', {
        value,
        allowed: Object.keys(VALUES[column]).join(' / '),
      }),
    });
    return fallback;
  };
  const raw: Record<string, unknown> = {
    name: cells.name ?? '',
    kind: pick('kind', 'company'),
    category: pick('category', 'end_customer'),
    source: pick('source', cells.referrer ? 'referral' : 'other'),
    region: cells.region ?? '',
    industry: cells.industry ?? '',
    address: cells.address ?? '',
    note: cells.note ?? '',
  };
  if (cells.level) raw.level = cells.level;
  if (cells.creditCode) raw.creditCode = cells.creditCode;
  if (cells.creditCodeOverride) raw.creditCodeOverride = cells.creditCodeOverride;
  if (cells.mobile) raw.mobile = cleanMobile(cells.mobile);
  if (cells.contactName || cells.contactMobile) {
    raw.contacts = [
      {
        name: cells.contactName || cells.name || '',
        role: cells.contactRole ?? '',
        mobile: cells.contactMobile ? cleanMobile(cells.contactMobile) : null,
        wechat: cells.contactWechat ?? '',
        isPrimary: true,
      },
    ];
  }
  if (cells.owner) {
    const matches = lookups.employees.filter((e) => e.username === cells.owner || e.name === cells.owner);
    const ids = [...new Set(matches.map((e) => e.id))];
    if (ids.length === 1) raw.ownerEmployeeId = ids[0];
    else
      errors.push({
        field: 'owner',
        message: translate(locale, 'customers.importOwnerUnknown', { value: cells.owner }),
      });
  }
  if (cells.referrer) {
    const ids = await findReferrer(db, actor, cells.referrer);
    if (ids.length === 1) raw.referrerCustomerId = ids[0];
    else {
      errors.push({
        field: 'referrer',
        message: translate(locale, 'customers.importReferrerUnknown', { value: cells.referrer }),
      });
    }
  }
  try {
    const body = parseInput(CreateCustomerBody, raw, locale, 'body');
    return { body: errors.length === 0 ? body : undefined, errors };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      errors: [
        ...errors,
        ...error.details.map((d) => ({ field: columnOf(d.path), message: messageOf(d, locale) })),
      ],
    };
  }
}

export async function importCustomers(
  db: Db,
  actor: Actor,
  locale: Locale,
  body: CustomerImportBody,
): Promise<CustomerImportResult> {
  const { actingForEmployeeId } = authorize(actor, 'customer.manage');
  const rows = await readSheetRows(body, SHEET);
  return db.transaction(async (tx) => {
    await lockCustomerCreation(tx, actor.companyId);
    const lookups = await loadLookups(tx, actor);
    const checked: CheckedRow<CustomerImportRow, PreparedCustomer>[] = [];
    for (const { row, cells } of rows) {
      const entry: CheckedRow<CustomerImportRow, PreparedCustomer> = {
        report: { row, name: cells.name ?? '', ok: false, errors: [], duplicates: [], customerId: null },
      };
      const parsed = await bodyOfRow(tx, actor, locale, lookups, cells);
      entry.report.errors.push(...parsed.errors);
      if (parsed.body) {
        try {
          entry.payload = await prepareCustomer(tx, actor, parsed.body);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          entry.report.errors.push(
            ...error.details.map((d) => ({ field: columnOf(d.path), message: messageOf(d, locale) })),
          );
        }
      }
      checked.push(entry);
    }

    // Duplicates: against the company's customers, and against earlier rows of the same file.
    const prepared = checked.filter((r) => r.payload);
    const found = await findDuplicates(
      tx,
      actor,
      prepared.map((r) => r.payload!.probe),
    );
    const seen = new Map<string, number>();
    prepared.forEach(({ report: entry, payload }, i) => {
      const dups = found[i]!;
      entry.duplicates = dups.map(({ path: _path, ...d }) => d);
      duplicateDetails(dups).forEach((d, j) =>
        entry.errors.push({ field: columnOf(dups[j]!.path), message: messageOf(d, locale) }),
      );
      const probe = payload!.probe;
      // One key per distinct value: a row whose own mobile is also its contact's is not its own duplicate.
      const keys = new Set([
        ...(probe.name ? [`name:${normalizeCustomerName(probe.name)}`] : []),
        ...probe.mobiles.map((m) => `mobile:${m.value}`),
        ...(probe.creditCode ? [`code:${probe.creditCode}`] : []),
      ]);
      for (const key of keys) {
        const first = seen.get(key);
        if (first !== undefined) {
          entry.errors.push({
            field: key.split(':')[0] === 'code' ? 'creditCode' : key.split(':')[0]!,
            message: translate(locale, 'customers.importDuplicateInFile', { row: first }),
          });
        } else seen.set(key, entry.row);
      }
    });
    for (const { report } of checked) report.ok = report.errors.length === 0;

    return settleImport(
      tx,
      actor,
      { body, entity: 'customer_import', hasErrors: SHEET.messages.hasErrors, actingForEmployeeId },
      checked,
      async (valid) => {
        for (const { report, payload } of valid) {
          report.customerId = await insertCustomer(tx, actor, payload, actingForEmployeeId);
        }
        return valid.length;
      },
    );
  });
}
