import type { AuthorityKind, JdContent, JdDocumentControl, Position } from '@zuzhang/api-schema';
import { isMessageKey, type Translate } from '../../app/i18n/i18n.tsx';

export const AUTHORITY_KINDS: AuthorityKind[] = ['propose', 'approve', 'manage', 'participate'];

/** The sections of a job description in the order the seed's templates lay them out. */
export const JD_SECTIONS = [
  'identification',
  'summary',
  'purpose',
  'personalStandard',
  'responsibilities',
  'relations',
  'authority',
  'authorityText',
  'qualifications',
  'promotionPath',
  'environment',
  'hours',
  'tools',
  'other',
] as const satisfies readonly (keyof JdContent)[];
export type JdSection = (typeof JD_SECTIONS)[number];

export const IDENTIFICATION_FIELDS = [
  'positionName',
  'positionCode',
  'unitName',
  'directSuperior',
  'directReports',
  'indirectReports',
  'headcount',
  'payBand',
  'category',
  'payType',
] as const satisfies readonly (keyof JdContent['identification'])[];

export const QUALIFICATION_TEXT_FIELDS = ['gender', 'age', 'education', 'experience', 'health'] as const;
export const QUALIFICATION_LIST_FIELDS = ['skills', 'traits', 'competencies'] as const;

export function emptyDocumentControl(): JdDocumentControl {
  return { docNo: '', effectiveDate: null, preparedBy: '', reviewedBy: '', approvedBy: '' };
}

/** A blank job description, with the identification filled from the position itself. */
export function emptyJdContent(position?: Position): JdContent {
  return {
    identification: {
      positionName: position?.name ?? '',
      positionCode: position?.code ?? '',
      unitName: position?.unitName ?? '',
      directSuperior: position?.reportsToName ?? '',
      directReports: '',
      indirectReports: '',
      headcount: position ? position.headcountNote || String(position.headcountPlanned) : '',
      payBand: position?.payBand ?? '',
      category: position?.category ?? '',
      payType: '',
    },
    summary: '',
    purpose: '',
    personalStandard: '',
    responsibilities: [],
    relations: { internal: '', external: '' },
    authority: [],
    authorityText: '',
    qualifications: {
      gender: '',
      age: '',
      education: '',
      experience: '',
      health: '',
      knowledge: '',
      skills: [],
      traits: [],
      competencies: [],
      other: '',
    },
    promotionPath: [],
    environment: '',
    hours: '',
    tools: '',
    other: '',
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s) => s.length > 0) : []);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * Turns whatever the form holds into exactly the JdContent shape the server's strict schema accepts:
 * every field present, text trimmed, empty list rows dropped.
 */
export function normaliseJdContent(raw: unknown): JdContent {
  const r = obj(raw);
  const id = obj(r.identification);
  const rel = obj(r.relations);
  const q = obj(r.qualifications);
  const authority = Array.isArray(r.authority) ? r.authority.map(obj) : [];
  const responsibilities = Array.isArray(r.responsibilities) ? r.responsibilities.map(obj) : [];
  return {
    identification: {
      positionName: str(id.positionName),
      positionCode: str(id.positionCode),
      unitName: str(id.unitName),
      directSuperior: str(id.directSuperior),
      directReports: str(id.directReports),
      indirectReports: str(id.indirectReports),
      headcount: str(id.headcount),
      payBand: str(id.payBand),
      category: str(id.category),
      payType: str(id.payType),
    },
    summary: str(r.summary),
    purpose: str(r.purpose),
    personalStandard: str(r.personalStandard),
    responsibilities: responsibilities
      .map((x) => ({ area: str(x.area), duties: strList(x.duties), standards: str(x.standards) }))
      .filter((x) => x.area || x.duties.length > 0 || x.standards),
    relations: { internal: str(rel.internal), external: str(rel.external) },
    authority: authority
      .map((x) => ({
        kind: (AUTHORITY_KINDS as string[]).includes(String(x.kind)) ? (x.kind as AuthorityKind) : 'propose',
        description: str(x.description),
      }))
      .filter((x) => x.description),
    authorityText: str(r.authorityText),
    qualifications: {
      gender: str(q.gender),
      age: str(q.age),
      education: str(q.education),
      experience: str(q.experience),
      health: str(q.health),
      knowledge: str(q.knowledge),
      skills: strList(q.skills),
      traits: strList(q.traits),
      competencies: strList(q.competencies),
      other: str(q.other),
    },
    promotionPath: strList(r.promotionPath),
    environment: str(r.environment),
    hours: str(r.hours),
    tools: str(r.tools),
    other: str(r.other),
  };
}

export function normaliseDocumentControl(raw: unknown): JdDocumentControl {
  const r = obj(raw);
  const date = str(r.effectiveDate);
  return {
    docNo: str(r.docNo),
    effectiveDate: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    preparedBy: str(r.preparedBy),
    reviewedBy: str(r.reviewedBy),
    approvedBy: str(r.approvedBy),
  };
}

function isSection(s: string): s is JdSection {
  return (JD_SECTIONS as readonly string[]).includes(s);
}

/** Splits a server path (`content.responsibilities[2].duties.0`) into segments without the `content` prefix. */
export function jdPathSegments(path: string): string[] {
  const segs = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean);
  return segs[0] === 'content' ? segs.slice(1) : segs;
}

/** The form field a server path belongs to: content paths live under `content`. */
export function jdFormName(segments: (string | number)[]): (string | number)[] | null {
  const [first, ...rest] = segments;
  if (first === 'content' && typeof rest[0] === 'string' && isSection(rest[0])) return segments;
  if (first === 'documentControl') return segments;
  if (typeof first === 'string' && isSection(first)) return ['content', first, ...rest];
  return null;
}

/** A section's name, e.g. for "these sections are still empty". */
export function sectionLabel(section: string, t: Translate): string {
  const key = `jd.section.${section}`;
  return isMessageKey(key) ? t(key) : section;
}

/** A readable name for a path inside a job description: "Responsibilities #2 · Duties #1". */
export function describeJdPath(path: string, t: Translate): string {
  const segs = jdPathSegments(path);
  if (segs.length === 0) return path;
  const [section, ...rest] = segs;
  const parts = [sectionLabel(section!, t)];
  for (const seg of rest) {
    if (/^\d+$/.test(seg)) {
      parts.push(`#${Number(seg) + 1}`);
      continue;
    }
    const key = `jd.field.${section}.${seg}`;
    parts.push(isMessageKey(key) ? t(key) : seg);
  }
  return parts.join(' · ');
}
