import type { SplitLineBody, SplitMethodName, SplitPreviewBody, TargetLine } from '@zuzhang/api-schema';
import type { ErrorDetail } from '../../app/api-client.ts';

/*
 * The split dialog's state and the requests it makes, kept free of React so the rules are tested as tables
 * (split-form.test.ts): what is sent for each method, and which child row a server error belongs to.
 */

export type SplitBy = 'period' | 'units' | 'people';
export type ChildGrain = 'quarter' | 'month' | 'week';

/** One child of the split, in the order the parts come back. */
export interface SplitChild {
  key: string;
  label: string;
  period?: string;
  unitId?: number;
  employeeId?: number;
  /** A period that has ended: its figure is history and cannot change (the server refuses it). */
  locked?: boolean;
}

export interface ManualRow {
  target: number | null;
  stretch: number | null;
  challenge: number | null;
}

export interface SplitInputsState {
  method: SplitMethodName;
  weights: (number | null)[];
  history: (number | null)[];
  headcount: (number | null)[];
  amounts: ManualRow[];
  /** History left to the server: last year's actuals of the same periods or people (同期), read on save. */
  readHistory: boolean;
  /** Headcount left to the server: people in each unit on the period's first day, read on save. */
  readHeadcount: boolean;
}

const GRAIN_RANK = { year: 0, quarter: 1, month: 2, week: 3 } as const;

/** The finer grains a line's period splits into: a year into quarters, months or weeks; a month into weeks. */
export function finerGrains(grain: TargetLine['grain']): ChildGrain[] {
  return (['quarter', 'month', 'week'] as const).filter((g) => GRAIN_RANK[g] > GRAIN_RANK[grain]);
}

/** Inputs sized to the children: kept where a child is still there, blank for new ones. */
export function resizeInputs(state: SplitInputsState, count: number): SplitInputsState {
  const fit = <T>(list: T[], blank: T) => Array.from({ length: count }, (_, i) => list[i] ?? blank);
  return {
    ...state,
    weights: fit(state.weights, null),
    history: fit(state.history, null),
    headcount: fit(state.headcount, null),
    amounts: fit(state.amounts, { target: null, stretch: null, challenge: null }),
  };
}

/** What the server reads itself on save, so a preview cannot show it. */
export function serverReadsInputs(state: SplitInputsState): boolean {
  return (
    (state.method === 'history' && state.readHistory) || (state.method === 'headcount' && state.readHeadcount)
  );
}

/** The method and its list as both the preview and the save send them; a blank field counts as 0. */
function methodInputs(state: SplitInputsState, count: number) {
  const zeroed = (list: (number | null)[]) => list.slice(0, count).map((v) => v ?? 0);
  switch (state.method) {
    case 'equal':
      return { method: state.method };
    case 'weights':
      return { method: state.method, weights: zeroed(state.weights) };
    case 'history':
      return state.readHistory
        ? { method: state.method }
        : { method: state.method, history: zeroed(state.history) };
    case 'headcount':
      return state.readHeadcount
        ? { method: state.method }
        : { method: state.method, headcount: zeroed(state.headcount) };
    case 'manual':
      // A tier left blank is the tier below it, as the server does with stretch and challenge.
      return {
        method: state.method,
        amounts: state.amounts.slice(0, count).map((a) => ({
          target: a.target ?? 0,
          ...(a.stretch === null ? {} : { stretch: a.stretch }),
          ...(a.challenge === null ? {} : { challenge: a.challenge }),
        })),
      };
  }
}

/**
 * The preview request for the line's three tiers, or null when there is nothing to preview (no children)
 * or the server would read the inputs itself.
 */
export function previewBodyOf(
  line: Pick<TargetLine, 'target' | 'stretch' | 'challenge'>,
  children: readonly SplitChild[],
  state: SplitInputsState,
): SplitPreviewBody | null {
  if (children.length === 0 || serverReadsInputs(state)) return null;
  return {
    total: { target: line.target, stretch: line.stretch, challenge: line.challenge },
    ...methodInputs(state, children.length),
    count: children.length,
    labels: children.map((c) => c.label.slice(0, 100)),
  };
}

/** The saved split: who or which periods the children are, the method and its inputs, the line's version. */
export function saveBodyOf(
  line: Pick<TargetLine, 'version'>,
  by: SplitBy,
  grain: ChildGrain | undefined,
  children: readonly SplitChild[],
  state: SplitInputsState,
  note: string,
): SplitLineBody {
  const owners =
    by === 'period'
      ? { grain, periods: children.map((c) => c.period!) }
      : by === 'units'
        ? { unitIds: children.map((c) => c.unitId!) }
        : { employeeIds: children.map((c) => c.employeeId!) };
  return {
    by,
    ...owners,
    ...methodInputs(state, children.length),
    ...(note.trim() ? { note: note.trim() } : {}),
    version: line.version,
  };
}

const ROW_PATH =
  /^(?:body\.)?(weights|history|headcount|amounts|employeeIds|unitIds|periods)\.(\d+)(?:\.(\w+))?$/;

export interface SplitErrors {
  /** Errors on one child's input, by the child's index. */
  rows: Map<number, string[]>;
  /** Errors on the split as a whole: the total, the list, the method, the period. */
  general: string[];
}

/** Puts each field error of a failed preview or save on the child row it names, the rest on the split. */
export function splitErrorsOf(details: readonly ErrorDetail[], fallback: string): SplitErrors {
  const rows = new Map<number, string[]>();
  const general: string[] = [];
  for (const d of details) {
    const match = ROW_PATH.exec(d.path);
    if (match) {
      const i = Number(match[2]);
      rows.set(i, [...(rows.get(i) ?? []), d.message]);
    } else general.push(d.message);
  }
  if (details.length === 0 && fallback) general.push(fallback);
  return { rows, general };
}
