import type { Fen } from '../money/money.ts';

export interface DatedAmount {
  id: number;
  on: string;
  amountFen: Fen;
}

export interface Uncovered {
  id: number;
  on: string;
  amountFen: Fen;
  /** The part not matched by the other side. */
  uncoveredFen: Fen;
}

/**
 * 发票与回款核对 for one customer: invoices issued and money received are matched oldest first (first in,
 * first out). An invoice, or the part of it, beyond all the money received is "invoiced, not paid"; money
 * beyond all invoices issued is "paid, not invoiced". At most one side is left uncovered, and
 * uncovered invoices − uncovered receipts = invoiced − received.
 */
export function matchInvoicesToReceipts(
  invoices: readonly DatedAmount[],
  receipts: readonly DatedAmount[],
): { invoicesWithoutReceipts: Uncovered[]; receiptsWithoutInvoices: Uncovered[] } {
  // Only positive documents take part: a reversed invoice and its red-letter twin are left out by the caller.
  const invoiced = invoices.reduce((s, i) => s + Math.max(0, i.amountFen), 0);
  const received = receipts.reduce((s, r) => s + Math.max(0, r.amountFen), 0);
  return {
    invoicesWithoutReceipts: uncoveredBeyond(invoices, received),
    receiptsWithoutInvoices: uncoveredBeyond(receipts, invoiced),
  };
}

/** The items (oldest first) not covered by `coverFen`. */
function uncoveredBeyond(items: readonly DatedAmount[], coverFen: Fen): Uncovered[] {
  let cover = Math.max(0, coverFen);
  const out: Uncovered[] = [];
  const ordered = [...items].sort((a, b) => (a.on === b.on ? a.id - b.id : a.on < b.on ? -1 : 1));
  for (const item of ordered) {
    if (item.amountFen <= 0) continue;
    const covered = Math.min(cover, item.amountFen);
    cover -= covered;
    if (covered < item.amountFen) out.push({ ...item, uncoveredFen: item.amountFen - covered });
  }
  return out;
}
