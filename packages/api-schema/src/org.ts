import { z } from 'zod';
import { DateString, MobileCN, PageQuery, INT4_MAX } from './common.ts';

/** 数据范围: own, own + subordinates (down the reports-to tree), unit, unit + descendants, company. */
export const DataScope = z.enum(['own', 'subordinates', 'unit', 'unit_tree', 'company']);
export type DataScope = z.infer<typeof DataScope>;

export const UnitKind = z.enum(['company', 'department', 'centre', 'section', 'team', 'store']);
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  code: z.string(),
  kind: UnitKind,
  sort: z.number(),
  version: z.number(),
});
export type Unit = z.infer<typeof Unit>;

export const CreateUnitBody = z.strictObject({
  parentId: z.number().int().positive().max(INT4_MAX).nullable(),
  name: z.string().trim().min(1).max(80),
  code: z.string().trim().min(1).max(40),
  kind: UnitKind,
  sort: z.number().int().min(0).max(100000).default(0),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;
export const UpdateUnitBody = CreateUnitBody.partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

export const Role = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  version: z.number(),
});
export type Role = z.infer<typeof Role>;
export const CreateRoleBody = z.strictObject({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(80),
  permissions: z.array(z.string()).max(200),
});
export type CreateRoleBody = z.infer<typeof CreateRoleBody>;
export const UpdateRoleBody = CreateRoleBody.partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdateRoleBody = z.infer<typeof UpdateRoleBody>;

export const Position = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  reportsToId: z.number().nullable(),
  reportsToName: z.string().nullable(),
  name: z.string(),
  code: z.string(),
  /** 岗位定员数 as a number, with the seed's own notation (e.g. "2+2") kept as the note. */
  headcountPlanned: z.number(),
  headcountNote: z.string(),
  headcountFilled: z.number(),
  category: z.string(),
  payBand: z.string(),
  roleId: z.number(),
  roleName: z.string(),
  dataScope: DataScope,
  version: z.number(),
});
export type Position = z.infer<typeof Position>;

export const CreatePositionBody = z.strictObject({
  unitId: z.number().int().positive().max(INT4_MAX),
  reportsToId: z.number().int().positive().max(INT4_MAX).nullable(),
  name: z.string().trim().min(1).max(80),
  code: z.string().trim().min(1).max(40),
  headcountPlanned: z.number().int().min(0).max(10000),
  headcountNote: z.string().trim().max(40).default(''),
  category: z.string().trim().max(40).default(''),
  payBand: z.string().trim().max(40).default(''),
  roleId: z.number().int().positive().max(INT4_MAX),
  dataScope: DataScope,
});
export type CreatePositionBody = z.infer<typeof CreatePositionBody>;
export const UpdatePositionBody = CreatePositionBody.partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdatePositionBody = z.infer<typeof UpdatePositionBody>;

export const EmployeeStatus = z.enum(['probation', 'active', 'on_leave', 'left']);
export type EmployeeStatus = z.infer<typeof EmployeeStatus>;

export const Assignment = z.object({
  id: z.number(),
  employeeId: z.number(),
  employeeName: z.string(),
  positionId: z.number(),
  positionName: z.string(),
  unitName: z.string(),
  kind: z.enum(['primary', 'concurrent']),
  startDate: z.string(),
  endDate: z.string().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

export const Employee = z.object({
  id: z.number(),
  name: z.string(),
  mobile: z.string(),
  hireDate: z.string(),
  probationEnd: z.string().nullable(),
  status: EmployeeStatus,
  mentorId: z.number().nullable(),
  mentorName: z.string().nullable(),
  username: z.string().nullable(),
  assignments: z.array(Assignment),
  version: z.number(),
});
export type Employee = z.infer<typeof Employee>;

export const CreateEmployeeBody = z.strictObject({
  name: z.string().trim().min(1).max(40),
  mobile: MobileCN,
  hireDate: DateString,
  probationEnd: DateString.nullable().default(null),
  status: EmployeeStatus.default('probation'),
  mentorId: z.number().int().positive().max(INT4_MAX).nullable().default(null),
});
export type CreateEmployeeBody = z.infer<typeof CreateEmployeeBody>;
export const UpdateEmployeeBody = z
  .strictObject({
    name: z.string().trim().min(1).max(40),
    mobile: MobileCN,
    hireDate: DateString,
    probationEnd: DateString.nullable(),
    status: EmployeeStatus,
    mentorId: z.number().int().positive().max(INT4_MAX).nullable(),
  })
  .partial()
  .extend({ version: z.number().int().positive().max(INT4_MAX) })
  .strict();
export type UpdateEmployeeBody = z.infer<typeof UpdateEmployeeBody>;

export const EmployeeListQuery = PageQuery.extend({
  unitId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
  status: EmployeeStatus.optional(),
}).strict();
export type EmployeeListQuery = z.infer<typeof EmployeeListQuery>;

export const CreateAssignmentBody = z.strictObject({
  employeeId: z.number().int().positive().max(INT4_MAX),
  positionId: z.number().int().positive().max(INT4_MAX),
  kind: z.enum(['primary', 'concurrent']),
  startDate: DateString,
  endDate: DateString.nullable().default(null),
});
export type CreateAssignmentBody = z.infer<typeof CreateAssignmentBody>;
export const EndAssignmentBody = z.strictObject({ endDate: DateString });
export type EndAssignmentBody = z.infer<typeof EndAssignmentBody>;

export const PromotionPath = z.object({
  id: z.number(),
  name: z.string(),
  steps: z.array(z.object({ positionId: z.number(), positionName: z.string() })),
  version: z.number(),
});
export type PromotionPath = z.infer<typeof PromotionPath>;
export const CreatePromotionPathBody = z.strictObject({
  name: z.string().trim().min(1).max(80),
  positionIds: z.array(z.number().int().positive().max(INT4_MAX)).min(2).max(20),
});
export type CreatePromotionPathBody = z.infer<typeof CreatePromotionPathBody>;

/** One node of the org chart: a unit with its positions and their holders. */
export const OrgChartPosition = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string(),
  reportsToId: z.number().nullable(),
  headcountPlanned: z.number(),
  headcountNote: z.string(),
  holders: z.array(
    z.object({ employeeId: z.number(), name: z.string(), kind: z.enum(['primary', 'concurrent']) }),
  ),
  vacancies: z.number(),
});
export const OrgChartUnit: z.ZodType<OrgChartUnitT> = z.lazy(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    code: z.string(),
    kind: UnitKind,
    positions: z.array(OrgChartPosition),
    children: z.array(OrgChartUnit),
    planned: z.number(),
    filled: z.number(),
  }),
);
export interface OrgChartUnitT {
  id: number;
  name: string;
  code: string;
  kind: UnitKind;
  positions: z.infer<typeof OrgChartPosition>[];
  children: OrgChartUnitT[];
  planned: number;
  filled: number;
}
export const OrgChart = z.object({ roots: z.array(OrgChartUnit), planned: z.number(), filled: z.number() });
export type OrgChart = z.infer<typeof OrgChart>;

/** 不在岗时由…行使主管权力: a time-boxed transfer of a superior's rights to a named employee. */
export const Delegation = z.object({
  id: z.number(),
  fromEmployeeId: z.number(),
  fromEmployeeName: z.string(),
  toEmployeeId: z.number(),
  toEmployeeName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  reason: z.string(),
  revokedAt: z.string().nullable(),
  inForce: z.boolean(),
});
export type Delegation = z.infer<typeof Delegation>;
export const CreateDelegationBody = z.strictObject({
  /** Defaults to the caller's own employee; an admin may delegate for someone else. */
  fromEmployeeId: z.number().int().positive().max(INT4_MAX).optional(),
  toEmployeeId: z.number().int().positive().max(INT4_MAX),
  startDate: DateString,
  endDate: DateString,
  reason: z.string().trim().min(1).max(200),
});
export type CreateDelegationBody = z.infer<typeof CreateDelegationBody>;

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.number().nullable(),
  actorName: z.string().nullable(),
  actingForEmployeeId: z.number().nullable(),
  actingForName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = PageQuery.extend({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  actorUserId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
  from: DateString.optional(),
  to: DateString.optional(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const User = z.object({
  id: z.number(),
  username: z.string(),
  employeeId: z.number().nullable(),
  employeeName: z.string().nullable(),
  isAdmin: z.boolean(),
  lockedUntil: z.string().nullable(),
  version: z.number(),
});
export type User = z.infer<typeof User>;
export const CreateUserBody = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{1,31}$/),
  employeeId: z.number().int().positive().max(INT4_MAX).nullable(),
  password: z.string().min(10).max(200),
  isAdmin: z.boolean().default(false),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;
