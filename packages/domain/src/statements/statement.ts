import type { Fen } from '../money/money.ts';

/**
 * 对账单 figures of one customer for one month. Invoices are listed on the statement but do not move the
 * balance: what the customer owes changes with goods sold and returned, money received and bad debt
 * written off (坏账核销).
 */
export interface StatementMovements {
  orders: Fen;
  returns: Fen;
  receipts: Fen;
  writeOffs: Fen;
}

export interface StatementFigures extends StatementMovements {
  opening: Fen;
}

/** closing = opening + orders − returns − receipts − write-offs (the statement rule). */
export function statementClosing(f: StatementFigures): Fen {
  return f.opening + f.orders - f.returns - f.receipts - f.writeOffs;
}

/** Chain months: each month opens with the previous month's closing. Returns the closing of every month. */
export function chainStatements(opening: Fen, months: readonly StatementMovements[]): Fen[] {
  const closings: Fen[] = [];
  let balance = opening;
  for (const m of months) {
    balance = statementClosing({ opening: balance, ...m });
    closings.push(balance);
  }
  return closings;
}

/** Several months taken as one period: the movements add up. */
export function sumMovements(months: readonly StatementMovements[]): StatementMovements {
  return months.reduce(
    (s, m) => ({
      orders: s.orders + m.orders,
      returns: s.returns + m.returns,
      receipts: s.receipts + m.receipts,
      writeOffs: s.writeOffs + m.writeOffs,
    }),
    { orders: 0, returns: 0, receipts: 0, writeOffs: 0 },
  );
}

export type StatementLineKind = 'order' | 'return' | 'receipt' | 'write_off' | 'invoice';

export interface StatementDocument {
  kind: StatementLineKind;
  id: number;
  on: string;
  ref: string;
  amountFen: Fen;
}

export interface StatementLine extends StatementDocument {
  /** The movement of the balance: + for orders, − for returns, receipts and write-offs, 0 for invoices. */
  debitFen: Fen;
  creditFen: Fen;
  /** Balance after this line. */
  balanceFen: Fen;
}

const SIGN: Record<StatementLineKind, 1 | -1 | 0> = {
  order: 1,
  return: -1,
  receipt: -1,
  write_off: -1,
  invoice: 0,
};
const KIND_ORDER: StatementLineKind[] = ['order', 'return', 'receipt', 'write_off', 'invoice'];

/**
 * The statement's lines in date order with a running balance, and the movements they add up to; the last
 * balance equals `statementClosing` of the same figures.
 */
export function buildStatementLines(
  opening: Fen,
  documents: readonly StatementDocument[],
): { lines: StatementLine[]; movements: StatementMovements & { invoiced: Fen }; closing: Fen } {
  const ordered = [...documents].sort((a, b) =>
    a.on !== b.on
      ? a.on < b.on
        ? -1
        : 1
      : a.kind !== b.kind
        ? KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
        : a.id - b.id,
  );
  const movements = { orders: 0, returns: 0, receipts: 0, writeOffs: 0, invoiced: 0 };
  let balance = opening;
  const lines = ordered.map((d) => {
    const sign = SIGN[d.kind];
    balance += sign * d.amountFen;
    if (d.kind === 'order') movements.orders += d.amountFen;
    else if (d.kind === 'return') movements.returns += d.amountFen;
    else if (d.kind === 'receipt') movements.receipts += d.amountFen;
    else if (d.kind === 'write_off') movements.writeOffs += d.amountFen;
    else movements.invoiced += d.amountFen;
    return {
      ...d,
      debitFen: sign > 0 ? d.amountFen : 0,
      creditFen: sign < 0 ? d.amountFen : 0,
      balanceFen: balance,
    };
  });
  return { lines, movements, closing: balance };
}
