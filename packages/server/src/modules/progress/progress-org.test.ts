import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import {
  buildOrgView,
  defaultUnitOf,
  resolveTeamUnit,
  resolveUnit,
  teamsBelow,
  type OrgUnit,
  type Seat,
} from './progress-org.ts';

/**
 * Which units a caller sees whole, which units a report lists and where it starts, as tables over a small
 * organisation written out by hand (the demo's shape):
 *
 *   1 公司 ─ 2 销售部 (vp) ─ 3 华东 (mgrE) ─ 4 华东一组 (leadE1, rep1, rep2; mover until 01-10)
 *          │                           └ 5 华东二组 (leadE2, rep4; mover from 01-11)
 *          │                 └ 6 华南 (mgrS) ─ 7 华南一组 (lead3, rep7)
 *          └ 8 门店 (store)
 */

const TODAY = '2026-06-15';
const unit = (id: number, parentId: number | null, name: string): OrgUnit => ({
  id,
  parentId,
  name,
  code: `U${id}`,
  kind: 'team',
  sort: 0,
});
const UNITS = [
  unit(1, null, '公司'),
  unit(2, 1, '销售部'),
  unit(3, 2, '华东'),
  unit(4, 3, '华东一组'),
  unit(5, 3, '华东二组'),
  unit(6, 2, '华南'),
  unit(7, 6, '华南一组'),
  unit(8, 1, '门店'),
];
const P = {
  vp: 100,
  mgrE: 101,
  leadE1: 102,
  rep1: 103,
  rep2: 104,
  leadE2: 105,
  rep4: 106,
  mgrS: 107,
  lead3: 108,
  rep7: 109,
  store: 110,
  mover: 111,
};
const seat = (
  employeeId: number,
  unitId: number,
  startDate = '2025-01-01',
  endDate: string | null = null,
): Seat => ({
  employeeId,
  name: Object.entries(P).find(([, id]) => id === employeeId)![0],
  hireDate: '2025-01-01',
  status: 'active',
  newHire: false,
  unitId,
  kind: 'primary',
  startDate,
  endDate,
});
const SEATS = [
  seat(P.vp, 2),
  seat(P.mgrE, 3),
  seat(P.leadE1, 4),
  seat(P.rep1, 4),
  seat(P.rep2, 4),
  seat(P.leadE2, 5),
  seat(P.rep4, 5),
  seat(P.mgrS, 6),
  seat(P.lead3, 7),
  seat(P.rep7, 7),
  seat(P.store, 8),
  seat(P.mover, 4, '2025-01-01', '2026-01-10'),
  seat(P.mover, 5, '2026-01-11'),
];

function actorOf(self: number | null, people: number[], units: number[], company = false): Actor {
  return {
    today: TODAY,
    employeeId: self,
    scope: { company, employeeIds: new Set(people), unitIds: new Set(units), positionIds: new Set() },
  } as unknown as Actor;
}
const ACTORS = {
  rep1: actorOf(P.rep1, [P.rep1], [4]),
  leadE1: actorOf(P.leadE1, [P.leadE1, P.rep1, P.rep2], [4]),
  // Acting for the 华东 channel supervisor: both teams, not the region's manager.
  leadActing: actorOf(P.leadE1, [P.leadE1, P.rep1, P.rep2, P.leadE2, P.rep4, P.mover], [3, 4, 5]),
  mgrE: actorOf(P.mgrE, [P.mgrE, P.leadE1, P.rep1, P.rep2, P.leadE2, P.rep4, P.mover], [3, 4, 5]),
  // Two seats: the teams of both regions, neither region's manager.
  group: actorOf(
    null,
    [P.leadE1, P.rep1, P.rep2, P.leadE2, P.rep4, P.mover, P.lead3, P.rep7],
    [3, 4, 5, 6, 7],
  ),
  vp: actorOf(
    P.vp,
    Object.values(P),
    UNITS.map((u) => u.id),
    true,
  ),
};
type Who = keyof typeof ACTORS;
const viewOf = (who: Who) => buildOrgView(ACTORS[who], UNITS, SEATS);
const whole = (who: Who) => UNITS.filter((u) => viewOf(who).seesWholeUnit(u.id)).map((u) => u.id);

describe('seesWholeUnit: the unit in scope and everyone seated in it or below', () => {
  it.each([
    ['rep1', []],
    ['leadE1', [4]],
    ['leadActing', [4, 5]],
    ['mgrE', [3, 4, 5]],
    ['group', [4, 5, 7]],
    ['vp', [1, 2, 3, 4, 5, 6, 7, 8]],
  ] as [Who, number[]][])('%s sees %j whole', (who, expected) => {
    expect(whole(who)).toEqual(expected);
  });
});

describe('defaultUnitOf: where a report starts', () => {
  it.each([
    ['rep1', 4],
    ['leadE1', 4],
    ['leadActing', 3],
    ['mgrE', 3],
    ['group', 2],
    ['vp', 1],
  ] as [Who, number][])('%s starts at unit %d', (who, expected) => {
    expect(defaultUnitOf(viewOf(who))).toBe(expected);
  });

  it('the team dashboard starts at the caller’s own team when they see it whole', () => {
    expect(resolveTeamUnit(viewOf('leadActing'), undefined)).toBe(4);
    expect(resolveTeamUnit(viewOf('rep1'), undefined)).toBe(4);
    expect(resolveTeamUnit(viewOf('mgrE'), undefined)).toBe(3);
  });
});

describe('frontierOf: the units a level=team report lists', () => {
  it.each([
    ['rep1', 4, []],
    ['leadActing', 3, [4, 5]],
    ['mgrE', 3, [4, 5]],
    ['group', 2, [4, 5, 7]],
    ['vp', 1, [2, 8]],
    ['vp', 2, [3, 6]],
  ] as [Who, number, number[]][])('%s below %d lists %j', (who, id, expected) => {
    expect(
      viewOf(who)
        .frontierOf(id)
        .map((u) => u.id)
        .sort(),
    ).toEqual(expected);
  });

  it('teamsBelow lists the leaf units seen whole', () => {
    expect(
      teamsBelow(viewOf('group'), 2)
        .map((u) => u.id)
        .sort(),
    ).toEqual([4, 5, 7]);
    expect(
      teamsBelow(viewOf('vp'), null)
        .map((u) => u.id)
        .sort(),
    ).toEqual([4, 5, 7, 8]);
    expect(teamsBelow(viewOf('rep1'), 4)).toEqual([]);
  });
});

describe('resolveUnit: a unit asked for must be in scope (or be the default), else 404', () => {
  const outcome = (who: Who, id: number) => {
    try {
      return resolveUnit(viewOf(who), id);
    } catch (e) {
      return e instanceof AppError ? e.code : 'other';
    }
  };
  it.each([
    ['rep1', 4, 4],
    ['rep1', 5, 'not_found'],
    ['leadE1', 3, 'not_found'],
    ['group', 2, 2],
    ['group', 1, 'not_found'],
    ['mgrE', 6, 'not_found'],
    ['vp', 8, 8],
    ['vp', 99, 'not_found'],
  ] as [Who, number, number | string][])('%s asking for unit %d → %s', (who, id, expected) => {
    expect(outcome(who, id)).toBe(expected);
  });
});

describe('peopleOf: people seated in the units during the span, in scope', () => {
  it.each([
    ['mgrE', [4], '2026-01-01', '2026-01-31', ['leadE1', 'mover', 'rep1', 'rep2']],
    ['mgrE', [4], '2026-06-01', '2026-06-30', ['leadE1', 'rep1', 'rep2']],
    ['leadE1', [4], '2026-01-01', '2026-01-31', ['leadE1', 'rep1', 'rep2']],
    ['rep1', [4], '2026-06-01', '2026-06-30', ['rep1']],
    ['vp', [1, 2, 3, 4, 5, 6, 7, 8], '2026-06-15', '2026-06-15', Object.keys(P).sort()],
  ] as [Who, number[], string, string, string[]][])(
    '%s in %j from %s to %s: %j',
    (who, units, from, to, expected) => {
      const people = viewOf(who).peopleOf(new Set(units), from, to);
      expect(people.map((s) => s.name).sort()).toEqual(expected.sort());
    },
  );

  it('someone who moved is listed once, with their latest seat', () => {
    const people = viewOf('mgrE').peopleOf(new Set([4, 5]), '2026-01-01', '2026-06-30');
    expect(people.filter((s) => s.employeeId === P.mover).map((s) => s.unitId)).toEqual([5]);
  });
});
