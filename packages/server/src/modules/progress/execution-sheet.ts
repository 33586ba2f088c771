import ExcelJS from 'exceljs';
import type { ExecutionSheetQuery, Locale } from '@zuzhang/api-schema';
import { attainment, childPeriods, parsePeriod, type PeriodGrain } from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { authorize, type Actor } from '../../platform/access/actor.ts';
import { translate, type MessageKey } from '../../platform/i18n/i18n.ts';
import {
  loadActuals,
  loadTargets,
  resolveTarget,
  type ActualRow,
  type TargetRow,
} from './progress.repository.ts';
import { loadOrgView, resolveUnit, type OrgUnit, type OrgView } from './progress-org.ts';
import { metricKeyOf } from './progress.service.ts';

/**
 * 年度 / 季度 / 月度计划执行表 (plan execution sheet): for a fiscal year, per team and per person, each period's
 * target, actual and attainment, with a year total. Built so that its totals add up, down and across:
 *  - each team is a section holding what was credited to that team (the team of the time), split over
 *    the people it was credited to; people the caller may not see (moved away, left) are one "others" row;
 *    a team line not fully split to its people shows the rest as "unallocated"; the subtotal is the sum
 *    of the section's rows, and the total the sum of the subtotals;
 *  - the year column is the sum of the period columns.
 * A caller who sees no team whole (a rep) gets their own row(s) instead: each person's own results and
 * targets, whichever team they were in.
 */

export interface SheetCell {
  /** Null when no published line gives a target for the period. */
  target: number | null;
  actual: number;
}

export interface SheetRow {
  kind: 'person' | 'others' | 'unallocated' | 'subtotal' | 'total';
  team: string;
  name: string;
  cells: SheetCell[];
  /** Σ of the cells; null for a sheet of one year column. */
  yearTotal: SheetCell | null;
}

export interface ExecutionSheet {
  fiscalYear: number;
  grain: 'year' | 'quarter' | 'month';
  metric: ExecutionSheetQuery['metric'];
  category: string;
  unitName: string;
  today: string;
  periods: string[];
  rows: SheetRow[];
}

const addCells = (cells: SheetCell[][], width: number): SheetCell[] =>
  Array.from({ length: width }, (_, i) => {
    const targets = cells.map((c) => c[i]!.target).filter((t): t is number => t !== null);
    return {
      target: targets.length === 0 ? null : targets.reduce((s, t) => s + t, 0),
      actual: cells.reduce((s, c) => s + c[i]!.actual, 0),
    };
  });

/** The row with its year column: the sum of its period columns (none when the sheet has only the year). */
function withYearTotal(row: Omit<SheetRow, 'yearTotal'>, grain: ExecutionSheet['grain']): SheetRow {
  return {
    ...row,
    yearTotal:
      grain === 'year'
        ? null
        : addCells(
            row.cells.map((c) => [c]),
            1,
          )[0]!,
  };
}

/** The units of a subtree in chart order: each unit, then the units below it. */
function unitsInOrder(view: OrgView, id: number | null): OrgUnit[] {
  const out: OrgUnit[] = id === null ? [] : [view.units.get(id)!];
  for (const child of view.childrenOf(id)) out.push(...unitsInOrder(view, child.id));
  return out;
}

export async function buildExecutionSheet(
  db: Db,
  actor: Actor,
  query: ExecutionSheetQuery,
): Promise<ExecutionSheet> {
  authorize(actor, 'target.read');
  const key = metricKeyOf(query);
  const fiscalYear = query.fiscalYear ?? Number(actor.today.slice(0, 4));
  const yearText = String(fiscalYear);
  const grain: PeriodGrain = query.grain;
  const periods = grain === 'year' ? [yearText] : childPeriods(yearText, grain);
  const span = parsePeriod(yearText);
  const bucketIndex = new Map(periods.map((p, i) => [parsePeriod(p).from, i]));
  const width = periods.length;
  const view = await loadOrgView(db, actor, span.from, span.to);
  const unitId = resolveUnit(view, query.unitId);
  const sections = unitsInOrder(view, unitId).filter((u) => view.seesWholeUnit(u.id));
  const visible = (employeeId: number) => actor.scope.company || actor.scope.employeeIds.has(employeeId);
  const nameOf = new Map(view.seats.map((s) => [s.employeeId, s.name]));

  /** A person's cells from their actual and target rows (already narrowed to one team, or to none). */
  const cellsOf = (actuals: ActualRow[], targets: TargetRow[]): SheetCell[] =>
    periods.map((_, i) => ({
      target:
        resolveTarget(
          targets.filter((t) => bucketIndex.get(t.bucket) === i),
          grain,
        )?.target ?? null,
      actual: actuals.filter((a) => bucketIndex.get(a.bucket) === i).reduce((s, a) => s + a.amount, 0),
    }));

  const rows: SheetRow[] = [];
  const subtotals: SheetCell[][] = [];
  if (sections.length > 0) {
    const teamIds = sections.map((u) => u.id);
    const withChildren = [...teamIds, ...sections.flatMap((u) => view.childrenOf(u.id).map((c) => c.id))];
    const [actuals, targets] = await Promise.all([
      loadActuals(db, actor.companyId, key, span, grain, { unitIds: teamIds }),
      loadTargets(db, actor.companyId, key, span, grain, { teamIds, unitIds: withChildren }),
    ]);
    const unitLine = (id: number) =>
      cellsOf(
        [],
        targets.filter((t) => t.ownerKind === 'unit' && t.unitId === id),
      );
    for (const unit of sections) {
      const teamActuals = actuals.filter((a) => a.unitId === unit.id);
      const personTargets = targets.filter((t) => t.ownerKind === 'employee' && t.unitId === unit.id);
      const people = new Set<number>([
        ...view.seats.filter((s) => s.unitId === unit.id).map((s) => s.employeeId),
        ...teamActuals.map((a) => a.employeeId),
        ...personTargets.map((t) => t.employeeId!),
      ]);
      const section: SheetRow[] = [];
      const hidden: SheetCell[][] = [];
      const ordered = [...people].sort((a, b) => {
        const na = nameOf.get(a) ?? '';
        const nb = nameOf.get(b) ?? '';
        return na < nb ? -1 : na > nb ? 1 : a - b;
      });
      for (const employeeId of ordered) {
        const cells = cellsOf(
          teamActuals.filter((a) => a.employeeId === employeeId),
          personTargets.filter((t) => t.employeeId === employeeId),
        );
        if (visible(employeeId) && nameOf.has(employeeId)) {
          section.push(
            withYearTotal(
              { kind: 'person', team: unit.name, name: nameOf.get(employeeId)!, cells },
              query.grain,
            ),
          );
        } else hidden.push(cells);
      }
      if (hidden.length > 0) {
        section.push(
          withYearTotal(
            { kind: 'others', team: unit.name, name: '', cells: addCells(hidden, width) },
            query.grain,
          ),
        );
      }
      // 未分配: the unit's own line less what was split from it, to its people and to the units below it
      // (whose lines are their own sections' subtotals), so the subtotals add up to the top unit's line.
      const split = addCells(
        [...section.map((r) => r.cells), ...view.childrenOf(unit.id).map((c) => unitLine(c.id))],
        width,
      );
      const rest = unitLine(unit.id).map((c, i) => ({
        target: c.target === null ? null : c.target - (split[i]!.target ?? 0),
        actual: 0,
      }));
      if (rest.some((c) => c.target !== null && c.target !== 0)) {
        section.push(
          withYearTotal({ kind: 'unallocated', team: unit.name, name: '', cells: rest }, query.grain),
        );
      }
      if (section.length === 0) continue;
      const subtotal = addCells(
        section.map((r) => r.cells),
        width,
      );
      rows.push(
        ...section,
        withYearTotal({ kind: 'subtotal', team: unit.name, name: '', cells: subtotal }, query.grain),
      );
      subtotals.push(subtotal);
    }
  } else {
    const people = view.peopleOf(view.subtreeOf(unitId), span.from, span.to);
    const employeeIds = people.map((p) => p.employeeId);
    const [actuals, targets] = await Promise.all([
      loadActuals(db, actor.companyId, key, span, grain, { employeeIds }),
      loadTargets(db, actor.companyId, key, span, grain, { employeeIds }),
    ]);
    for (const person of people) {
      const cells = cellsOf(
        actuals.filter((a) => a.employeeId === person.employeeId),
        targets.filter((t) => t.ownerKind === 'employee' && t.employeeId === person.employeeId),
      );
      rows.push(
        withYearTotal(
          { kind: 'person', team: view.units.get(person.unitId)?.name ?? '', name: person.name, cells },
          query.grain,
        ),
      );
      subtotals.push(cells);
    }
  }
  rows.push(
    withYearTotal({ kind: 'total', team: '', name: '', cells: addCells(subtotals, width) }, query.grain),
  );
  return {
    fiscalYear,
    grain: query.grain,
    metric: key.metric,
    category: key.category,
    unitName: unitId === null ? '' : view.units.get(unitId)!.name,
    today: actor.today,
    periods,
    rows,
  };
}

/** The metric as a reader names it: 销售额, 回款额, 新客户数, or a category's sales. */
export function metricLabel(locale: Locale, metric: ExecutionSheet['metric'], category: string): string {
  return translate(locale, `progress.metric.${metric}` as MessageKey, { category });
}

/** The sheet as an Excel workbook: two header rows (period, then 目标 / 实际 / 完成率), a row per line. */
export async function exportExecutionSheetXlsx(sheet: ExecutionSheet, locale: Locale): Promise<Buffer> {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translate(locale, `progress.sheet.${key}` as MessageKey, params);
  const money = sheet.metric !== 'new_customers';
  const amount = (value: number | null) => (value === null ? null : money ? value / 100 : value);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zuzhang';
  const ws = workbook.addWorksheet(t('name'));
  ws.addRow([
    t('title', {
      year: sheet.fiscalYear,
      grain: t(`grain.${sheet.grain}`),
      metric: metricLabel(locale, sheet.metric, sheet.category),
    }),
  ]).font = { bold: true, size: 14 };
  ws.addRow([
    t('scope', { unit: sheet.unitName || '—' }),
    '',
    t('asOf', { today: sheet.today }),
    '',
    money ? t('unitYuan') : t('unitCount'),
  ]);
  ws.addRow([]);
  const columns = [...sheet.periods, ...(sheet.rows[0]?.yearTotal ? [t('yearTotal')] : [])];
  const top = ws.addRow([t('team'), t('person'), ...columns.flatMap((c) => [c, '', ''])]);
  const sub = ws.addRow(['', '', ...columns.flatMap(() => [t('target'), t('actual'), t('attainment')])]);
  columns.forEach((_, i) => ws.mergeCells(top.number, 3 + i * 3, top.number, 5 + i * 3));
  ws.mergeCells(top.number, 1, sub.number, 1);
  ws.mergeCells(top.number, 2, sub.number, 2);
  for (const header of [top, sub]) {
    header.font = { bold: true };
    header.alignment = { horizontal: 'center' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
      cell.border = { bottom: { style: 'thin' } };
    });
  }
  const labelOf: Record<SheetRow['kind'], (r: SheetRow) => [string, string]> = {
    person: (r) => [r.team, r.name],
    others: (r) => [r.team, t('others')],
    unallocated: (r) => [r.team, t('unallocated')],
    subtotal: (r) => [r.team, t('subtotal')],
    total: () => [t('total'), ''],
  };
  for (const r of sheet.rows) {
    const cells = [...r.cells, ...(r.yearTotal ? [r.yearTotal] : [])];
    const row = ws.addRow([
      ...labelOf[r.kind](r),
      ...cells.flatMap((c) => {
        const rate = c.target === null ? null : attainment(c.actual, c.target);
        return [amount(c.target), amount(c.actual), rate === null ? null : rate.toNumber()];
      }),
    ]);
    if (r.kind === 'subtotal' || r.kind === 'total') {
      row.font = { bold: true };
      row.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
    }
  }
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 16;
  columns.forEach((_, i) => {
    for (const offset of [0, 1]) {
      const column = ws.getColumn(3 + i * 3 + offset);
      column.width = 14;
      column.numFmt = money ? '#,##0.00' : '0';
    }
    const rate = ws.getColumn(5 + i * 3);
    rate.width = 9;
    rate.numFmt = '0.0%';
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: sub.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
