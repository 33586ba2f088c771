import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildStatementLines,
  chainStatements,
  statementClosing,
  sumMovements,
  type StatementDocument,
} from './statement.ts';
import { isPeriodMonth, monthBounds, monthOf, nextMonth, previousMonth } from './period.ts';

describe('statementClosing = opening + orders − returns − receipts − write-offs', () => {
  it.each([
    [{ opening: 0, orders: 0, returns: 0, receipts: 0, writeOffs: 0 }, 0],
    [{ opening: 10_000, orders: 50_000, returns: 5_000, receipts: 30_000, writeOffs: 0 }, 25_000],
    [{ opening: 0, orders: 0, returns: 0, receipts: 8_000, writeOffs: 0 }, -8_000], // the customer's credit
    [{ opening: 2_000, orders: 0, returns: 0, receipts: 0, writeOffs: 2_000 }, 0],
  ])('%j → %d', (figures, closing) => expect(statementClosing(figures)).toBe(closing));

  const movement = fc.record({
    orders: fc.integer({ min: 0, max: 1e10 }),
    returns: fc.integer({ min: 0, max: 1e9 }),
    receipts: fc.integer({ min: 0, max: 1e10 }),
    writeOffs: fc.integer({ min: 0, max: 1e8 }),
  });

  it("a month's closing is the next month's opening", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e10, max: 1e10 }),
        fc.array(movement, { minLength: 2, maxLength: 12 }),
        (opening, months) => {
          const closings = chainStatements(opening, months);
          months.forEach((m, i) => {
            const open = i === 0 ? opening : closings[i - 1]!;
            expect(closings[i]).toBe(statementClosing({ opening: open, ...m }));
          });
        },
      ),
    );
  });

  it('summing the months equals one long period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e10, max: 1e10 }),
        fc.array(movement, { minLength: 1, maxLength: 12 }),
        (opening, months) => {
          expect(chainStatements(opening, months).at(-1)).toBe(
            statementClosing({ opening, ...sumMovements(months) }),
          );
        },
      ),
    );
  });
});

describe('buildStatementLines', () => {
  const doc = (
    kind: StatementDocument['kind'],
    id: number,
    on: string,
    amountFen: number,
  ): StatementDocument => ({
    kind,
    id,
    on,
    ref: `${kind}-${id}`,
    amountFen,
  });
  it('runs the balance in date order; invoices are listed but do not move it', () => {
    const { lines, movements, closing } = buildStatementLines(1_000, [
      doc('receipt', 5, '2026-03-10', 3_000),
      doc('order', 1, '2026-03-02', 10_000),
      doc('invoice', 9, '2026-03-03', 10_000),
      doc('return', 2, '2026-03-10', 500),
      doc('write_off', 4, '2026-03-31', 100),
    ]);
    expect(lines.map((l) => [l.kind, l.balanceFen])).toEqual([
      ['order', 11_000],
      ['invoice', 11_000],
      ['return', 10_500],
      ['receipt', 7_500],
      ['write_off', 7_400],
    ]);
    expect(movements).toEqual({
      orders: 10_000,
      returns: 500,
      receipts: 3_000,
      writeOffs: 100,
      invoiced: 10_000,
    });
    expect(closing).toBe(7_400);
  });
  it('the last balance equals statementClosing of the same figures', () => {
    const kinds = ['order', 'return', 'receipt', 'write_off', 'invoice'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            id: fc.nat(),
            day: fc.integer({ min: 1, max: 28 }),
            amountFen: fc.integer({ min: 1, max: 1e8 }),
          }),
          { maxLength: 20 },
        ),
        (opening, docs) => {
          const built = buildStatementLines(
            opening,
            docs.map((d) => doc(d.kind, d.id, `2026-02-${String(d.day).padStart(2, '0')}`, d.amountFen)),
          );
          expect(built.closing).toBe(statementClosing({ opening, ...built.movements }));
          expect(built.lines.at(-1)?.balanceFen ?? opening).toBe(built.closing);
        },
      ),
    );
  });
});

describe('periods', () => {
  it.each([
    ['2026-01', '2025-12', '2026-02', '2026-01-01', '2026-01-31'],
    ['2024-02', '2024-01', '2024-03', '2024-02-01', '2024-02-29'],
    ['2025-02', '2025-01', '2025-03', '2025-02-01', '2025-02-28'],
    ['2026-12', '2026-11', '2027-01', '2026-12-01', '2026-12-31'],
  ])('%s', (p, prev, next, from, to) => {
    expect(previousMonth(p)).toBe(prev);
    expect(nextMonth(p)).toBe(next);
    expect(monthBounds(p)).toEqual({ from, to });
    expect(monthOf(to)).toBe(p);
  });
  it.each(['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01'])('%s is not a month', (p) => {
    expect(isPeriodMonth(p)).toBe(false);
    expect(() => monthBounds(p)).toThrow();
  });
});
