import type { Fen } from '../money/money.ts';
import { daysOverdue } from './ageing.ts';

export interface Instalment {
  seq: number;
  dueOn: string;
  amountFen: Fen;
}

/** paid: fully collected; overdue: due date passed with money outstanding; due: due today or within the window. */
export type InstalmentState = 'paid' | 'overdue' | 'due' | 'upcoming';

export interface CoveredInstalment extends Instalment {
  collectedFen: Fen;
  outstandingFen: Fen;
  state: InstalmentState;
  daysOverdue: number;
}

/**
 * Check a collection plan (回款计划) against its target: the instalments must add up to the contract or order
 * amount exactly. Returns the gap (target − sum): positive = instalments short, negative = too much.
 */
export function checkInstalmentTotal(instalments: readonly { amountFen: Fen }[], targetFen: Fen): Fen {
  return targetFen - instalments.reduce((sum, i) => sum + i.amountFen, 0);
}

/**
 * What has been settled on the contract or order (money allocated, returns, approved write-offs) pays the
 * instalments in due-date order: the earliest instalment is the first one covered.
 */
export function coverInstalments(
  instalments: readonly Instalment[],
  settledFen: Fen,
  today: string,
  dueWithinDays = 0,
): CoveredInstalment[] {
  let left = Math.max(0, settledFen);
  const ordered = [...instalments].sort((a, b) =>
    a.dueOn === b.dueOn ? a.seq - b.seq : a.dueOn < b.dueOn ? -1 : 1,
  );
  return ordered.map((i) => {
    const collectedFen = Math.min(left, i.amountFen);
    left -= collectedFen;
    const outstandingFen = i.amountFen - collectedFen;
    const overdueDays = daysOverdue(i.dueOn, today);
    const state: InstalmentState =
      outstandingFen === 0
        ? 'paid'
        : overdueDays > 0
          ? 'overdue'
          : overdueDays >= -dueWithinDays
            ? 'due'
            : 'upcoming';
    return { ...i, collectedFen, outstandingFen, state, daysOverdue: Math.max(0, overdueDays) };
  });
}
