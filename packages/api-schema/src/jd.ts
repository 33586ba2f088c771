import { z } from 'zod';
import { DateString, INT4_MAX } from './common.ts';

const text = (max = 2000) => z.string().trim().max(max);
const list = (max = 50) => z.array(text(500)).max(max);

/** 工作权限: the kinds of rights a job description grants (建议权 / 审批权 / 管理权 / 参与权). */
export const AuthorityKind = z.enum(['propose', 'approve', 'manage', 'participate']);
export type AuthorityKind = z.infer<typeof AuthorityKind>;

/**
 * The body of a job description (岗位职责说明书), section for section as the seed's templates lay it out.
 * Document control (number, version, dates, signatures) lives beside it on the document itself.
 */
export const JdContent = z.strictObject({
  identification: z.strictObject({
    positionName: text(80),
    positionCode: text(40),
    unitName: text(80),
    directSuperior: text(200),
    directReports: text(500),
    indirectReports: text(500),
    /** 岗位定员数, as written (e.g. "2+2"). */
    headcount: text(40),
    payBand: text(40),
    category: text(40),
    payType: text(40),
  }),
  summary: text(),
  purpose: text(),
  personalStandard: text(),
  responsibilities: z.array(z.strictObject({ area: text(80), duties: list(), standards: text() })).max(50),
  relations: z.strictObject({ internal: text(), external: text() }),
  authority: z.array(z.strictObject({ kind: AuthorityKind, description: text(500) })).max(30),
  authorityText: text(),
  qualifications: z.strictObject({
    gender: text(40),
    age: text(40),
    education: text(200),
    experience: text(500),
    health: text(200),
    knowledge: text(),
    skills: list(),
    traits: list(),
    competencies: list(),
    other: text(),
  }),
  promotionPath: list(20),
  environment: text(500),
  hours: text(500),
  tools: text(500),
  other: text(),
});
export type JdContent = z.infer<typeof JdContent>;

export const JdStatus = z.enum(['draft', 'published', 'superseded']);
export type JdStatus = z.infer<typeof JdStatus>;

export const JdDocumentControl = z.strictObject({
  docNo: text(40),
  effectiveDate: DateString.nullable(),
  preparedBy: text(40),
  reviewedBy: text(40),
  approvedBy: text(40),
});
export type JdDocumentControl = z.infer<typeof JdDocumentControl>;

export const JobDescription = z.object({
  id: z.number(),
  positionId: z.number(),
  positionName: z.string(),
  /** 文件版本: 1, 2, 3 … assigned on publish; a draft has the number it will get. */
  versionNo: z.number(),
  status: JdStatus,
  documentControl: JdDocumentControl,
  content: JdContent,
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /** Optimistic-lock counter for edits (not the document's version number). */
  version: z.number(),
});
export type JobDescription = z.infer<typeof JobDescription>;

export const JdSummary = JobDescription.pick({
  id: true,
  positionId: true,
  positionName: true,
  versionNo: true,
  status: true,
  publishedAt: true,
  version: true,
}).extend({ effectiveDate: z.string().nullable() });
export type JdSummary = z.infer<typeof JdSummary>;

export const SaveJdDraftBody = z.strictObject({
  documentControl: JdDocumentControl,
  content: JdContent,
  /** Required when updating an existing draft; absent when starting a new draft. */
  version: z.number().int().positive().max(INT4_MAX).optional(),
});
export type SaveJdDraftBody = z.infer<typeof SaveJdDraftBody>;

export const PublishJdBody = z.strictObject({ version: z.number().int().positive().max(INT4_MAX) });
export type PublishJdBody = z.infer<typeof PublishJdBody>;

export const JdDiffEntry = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown(),
  after: z.unknown(),
});
export type JdDiffEntry = z.infer<typeof JdDiffEntry>;
export const JdCompareQuery = z.strictObject({
  from: z.coerce.number().int().positive().max(INT4_MAX),
  to: z.coerce.number().int().positive().max(INT4_MAX),
});

/** 本人已阅读本岗位职责说明，并严格履行 */
export const JdAcknowledgement = z.object({
  id: z.number(),
  jdId: z.number(),
  versionNo: z.number(),
  employeeId: z.number(),
  employeeName: z.string(),
  acknowledgedAt: z.string(),
});
export type JdAcknowledgement = z.infer<typeof JdAcknowledgement>;
