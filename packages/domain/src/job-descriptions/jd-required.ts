/**
 * What a job description must say before it can be published: the seed's templates leave no doubt who
 * holds the post (岗位名称, 直接上级), what it is for (工作综述), what it does (岗位职责) and who may hold it
 * (任职资格: 教育程度, 工作经验), and the document control block (文件编号, 生效日期, 编制, 批准).
 */
export const REQUIRED_JD_SECTIONS = [
  'documentControl.docNo',
  'documentControl.effectiveDate',
  'documentControl.preparedBy',
  'documentControl.approvedBy',
  'content.identification.positionName',
  'content.identification.directSuperior',
  'content.summary',
  'content.responsibilities',
  'content.qualifications.education',
  'content.qualifications.experience',
] as const;
export type RequiredJdSection = (typeof REQUIRED_JD_SECTIONS)[number];

function readPath(root: unknown, keys: readonly string[]): unknown {
  let current = root;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  return false;
}

/** Each responsibility (工作项目) needs its area and at least one duty (具体职责) that is not blank. */
function findMissingInResponsibilities(responsibilities: unknown): string[] {
  const path = 'content.responsibilities';
  if (!Array.isArray(responsibilities) || responsibilities.length === 0) return [path];
  const missing: string[] = [];
  responsibilities.forEach((item, index) => {
    const area = readPath(item, ['area']);
    const duties = readPath(item, ['duties']);
    if (typeof area !== 'string' || isBlank(area)) missing.push(`${path}[${index}].area`);
    if (!Array.isArray(duties) || isBlank(duties)) missing.push(`${path}[${index}].duties`);
  });
  return missing;
}

/**
 * The paths of required sections that are empty, in the order of REQUIRED_JD_SECTIONS (a responsibility's
 * own gaps, e.g. `content.responsibilities[1].duties`, stand where `content.responsibilities` would).
 * An empty result means the document may be published.
 */
export function findMissingJdSections(documentControl: unknown, content: unknown): string[] {
  const roots: Record<string, unknown> = { documentControl, content };
  const missing: string[] = [];
  for (const section of REQUIRED_JD_SECTIONS) {
    const [root = '', ...keys] = section.split('.');
    const value = readPath(roots[root], keys);
    if (section === 'content.responsibilities') {
      missing.push(...findMissingInResponsibilities(value));
    } else if (typeof value !== 'string' || isBlank(value)) {
      missing.push(section);
    }
  }
  return missing;
}
