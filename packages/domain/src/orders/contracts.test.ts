import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CONTRACT_ACTIONS,
  CONTRACT_STATUSES,
  isContractOpenForOrders,
  nextContractStatus,
  type ContractAction,
  type ContractStatusCode,
} from './contracts.ts';

/** The whole machine written out by hand: every (status, action) pair that is allowed. */
const ALLOWED: [ContractStatusCode, ContractAction, ContractStatusCode][] = [
  ['draft', 'submit', 'awaiting_approval'],
  ['awaiting_approval', 'approve', 'signed'],
  ['awaiting_approval', 'reject', 'draft'],
  ['signed', 'start', 'in_progress'],
  ['signed', 'terminate', 'terminated'],
  ['in_progress', 'complete', 'completed'],
  ['in_progress', 'terminate', 'terminated'],
];

describe('nextContractStatus', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => expect(nextContractStatus(from, action)).toBe(to));

  const refused = CONTRACT_STATUSES.flatMap((s) =>
    CONTRACT_ACTIONS.filter((a) => !ALLOWED.some(([f, x]) => f === s && x === a)).map((a) => [s, a] as const),
  );
  it.each(refused)('%s --%s--> refused', (from, action) =>
    expect(nextContractStatus(from, action)).toBeNull(),
  );

  it('covers every pair exactly once', () => expect(ALLOWED.length + refused.length).toBe(36));

  it('completed and terminated are final; nothing leads back to signed except approval', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONTRACT_STATUSES), fc.constantFrom(...CONTRACT_ACTIONS), (s, a) => {
        const to = nextContractStatus(s, a);
        if (s === 'completed' || s === 'terminated') return to === null;
        return to !== 'signed' || a === 'approve';
      }),
    );
  });
});

describe('isContractOpenForOrders', () => {
  it.each([
    ['draft', false],
    ['awaiting_approval', false],
    ['signed', true],
    ['in_progress', true],
    ['completed', false],
    ['terminated', false],
  ])('%s → %s', (status, open) => expect(isContractOpenForOrders(status)).toBe(open));
});
