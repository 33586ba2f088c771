import type { OrgChart, OrgChartUnitT } from '@zuzhang/api-schema';

export type OrgChartPosition = OrgChartUnitT['positions'][number];

export function vacanciesOf(unit: Pick<OrgChartUnitT, 'planned' | 'filled'>): number {
  return Math.max(0, unit.planned - unit.filled);
}

function matches(text: string, needle: string): boolean {
  return text.toLowerCase().includes(needle);
}

function positionMatches(p: OrgChartPosition, needle: string): boolean {
  return matches(p.name, needle) || matches(p.code, needle) || p.holders.some((h) => matches(h.name, needle));
}

/**
 * Keeps the units and positions that match `search` (by unit, position, code or holder name), with the
 * units above them so the tree still reads from the top. A matching unit keeps everything below it.
 */
export function filterOrgChart(roots: OrgChartUnitT[], search: string): OrgChartUnitT[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return roots;
  const walk = (u: OrgChartUnitT): OrgChartUnitT | null => {
    if (matches(u.name, needle) || matches(u.code, needle)) return u;
    const positions = u.positions.filter((p) => positionMatches(p, needle));
    const children = u.children.map(walk).filter((c): c is OrgChartUnitT => c !== null);
    if (positions.length === 0 && children.length === 0) return null;
    return { ...u, positions, children };
  };
  return roots.map(walk).filter((u): u is OrgChartUnitT => u !== null);
}

export function unitKey(id: number): string {
  return `u-${id}`;
}

/** Unit keys down to `depth` levels (Infinity for all). */
export function unitKeys(roots: OrgChartUnitT[], depth = Infinity): string[] {
  const keys: string[] = [];
  const walk = (u: OrgChartUnitT, level: number) => {
    if (level >= depth) return;
    keys.push(unitKey(u.id));
    u.children.forEach((c) => walk(c, level + 1));
  };
  roots.forEach((r) => walk(r, 0));
  return keys;
}

export function countUnits(chart: OrgChart): number {
  const walk = (u: OrgChartUnitT): number => 1 + u.children.reduce((n, c) => n + walk(c), 0);
  return chart.roots.reduce((n, r) => n + walk(r), 0);
}
