/**
 * Structural diff of two job-description versions (岗位职责说明书 文件版本 1 → 2), for the "what changed"
 * view and the audit trail. The content is plain JSON; the domain does not need its schema to compare it.
 */
export type JdDiffKind = 'added' | 'removed' | 'changed';

export interface JdDiffChange {
  /** Where the change is, e.g. `responsibilities[2].duties[0]`, `qualifications.age`; '' for the root. */
  path: string;
  kind: JdDiffKind;
  before: unknown;
  after: unknown;
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function joinKey(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  // Keys that are not identifiers (never in a JD, but the diff takes any JSON) are quoted so paths stay unambiguous.
  return `${path}[${JSON.stringify(key)}]`;
}

function joinIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A key whose value is `undefined` is absent, as it would be once the value went through JSON. */
function listPresentKeys(value: JsonObject): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

function collectChanges(before: unknown, after: unknown, path: string, out: JdDiffChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    // Index by index: a duty inserted at the top shows as every later duty changed, which is what a
    // reader comparing two printed versions line by line sees as well.
    const shared = Math.min(before.length, after.length);
    for (let i = 0; i < shared; i += 1) collectChanges(before[i], after[i], joinIndex(path, i), out);
    for (let i = shared; i < before.length; i += 1) {
      out.push({ path: joinIndex(path, i), kind: 'removed', before: before[i], after: undefined });
    }
    for (let i = shared; i < after.length; i += 1) {
      out.push({ path: joinIndex(path, i), kind: 'added', before: undefined, after: after[i] });
    }
    return;
  }
  if (isJsonObject(before) && isJsonObject(after)) {
    const beforeKeys = listPresentKeys(before);
    const beforeKeySet = new Set(beforeKeys);
    for (const key of beforeKeys) {
      const next = after[key];
      if (next === undefined) {
        out.push({ path: joinKey(path, key), kind: 'removed', before: before[key], after: undefined });
      } else {
        collectChanges(before[key], next, joinKey(path, key), out);
      }
    }
    for (const key of listPresentKeys(after)) {
      if (beforeKeySet.has(key)) continue;
      out.push({ path: joinKey(path, key), kind: 'added', before: undefined, after: after[key] });
    }
    return;
  }
  // Leaves, or a value whose shape changed (list ↔ object ↔ text): one entry for the whole value.
  if (before !== after) out.push({ path, kind: 'changed', before, after });
}

/**
 * Deterministic: the same two values always give the same entries in the same order (keys in the order of
 * `before`, then keys only `after` has, in its order; list items by index). Empty iff the values are equal.
 */
export function compareJdContent(before: unknown, after: unknown): JdDiffChange[] {
  const out: JdDiffChange[] = [];
  if (before === undefined && after === undefined) return out;
  if (before === undefined) return [{ path: '', kind: 'added', before, after }];
  if (after === undefined) return [{ path: '', kind: 'removed', before, after }];
  collectChanges(before, after, '', out);
  return out;
}
