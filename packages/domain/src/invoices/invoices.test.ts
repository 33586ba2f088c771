import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateInvoiceNumber, type InvoiceType } from './invoice-number.ts';
import { shareByWeight, splitTax } from './tax.ts';
import { matchInvoicesToReceipts } from './reconciliation.ts';

const DIGITAL_NO = '25442000000123456789';

describe('validateInvoiceNumber', () => {
  it.each([
    ['e_special', DIGITAL_NO, null, { ok: true }],
    ['e_normal', DIGITAL_NO, '', { ok: true }],
    ['e_normal', '2544200000012345678', null, { ok: false, field: 'invoiceNo', reason: 'digital_no' }],
    ['e_special', `${DIGITAL_NO}0`, null, { ok: false, field: 'invoiceNo', reason: 'digital_no' }],
    ['e_special', '2544200000012345678X', null, { ok: false, field: 'invoiceNo', reason: 'digital_no' }],
    ['e_special', DIGITAL_NO, '4400231130', { ok: false, field: 'invoiceCode', reason: 'digital_has_code' }],
    ['special', '01234567', '4400231130', { ok: true }],
    ['normal', '01234567', '044002300111', { ok: true }],
    ['normal', '01234567', '44002311', { ok: false, field: 'invoiceCode', reason: 'paper_code' }],
    ['special', '01234567', '44002311301', { ok: false, field: 'invoiceCode', reason: 'paper_code' }],
    ['special', '01234567', null, { ok: false, field: 'invoiceCode', reason: 'paper_code' }],
    ['special', '1234567', '4400231130', { ok: false, field: 'invoiceNo', reason: 'paper_no' }],
    ['normal', DIGITAL_NO, '4400231130', { ok: false, field: 'invoiceNo', reason: 'paper_no' }],
  ] as const)('%s no=%s code=%s', (type, invoiceNo, invoiceCode, expected) => {
    expect(validateInvoiceNumber({ type: type as InvoiceType, invoiceNo, invoiceCode })).toEqual(expected);
  });
});

describe('splitTax', () => {
  it.each([
    // amount incl. tax, rate, ex tax, tax
    [11_300, 1300, 10_000, 1_300],
    [10_000, 1300, 8_850, 1_150], // 1150.44… → 1150
    [10_600, 600, 10_000, 600],
    [10_000, 0, 10_000, 0],
    [1, 1300, 1, 0],
    [-11_300, 1300, -10_000, -1_300],
    [113, 1300, 100, 13],
    [50, 300, 49, 1], // 1.456… → 1
  ])('%d fen at %d bp → %d + %d', (amount, rate, exTax, tax) => {
    expect(splitTax(amount, rate)).toEqual({ exTaxFen: exTax, taxFen: tax });
  });
  it('adds up exactly, tax never exceeds the amount, and red-letter is the mirror image', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom(0, 100, 300, 500, 600, 900, 1300),
        (amount, rate) => {
          const { exTaxFen, taxFen } = splitTax(amount, rate);
          expect(exTaxFen + taxFen).toBe(amount);
          expect(taxFen).toBeLessThanOrEqual(amount);
          expect(taxFen).toBeGreaterThanOrEqual(0);
          const red = splitTax(-amount, rate);
          expect(red).toEqual({ exTaxFen: -exTaxFen || 0, taxFen: -taxFen || 0 });
        },
      ),
    );
  });
});

describe('shareByWeight', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1_300, [10_000, 3_000], [1_000, 300]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [5, [0, 0], [5, 0]],
    [0, [10, 20], [0, 0]],
  ])('%d over %j → %j', (whole, weights, shares) => expect(shareByWeight(whole, weights)).toEqual(shares));
  it('shares add up to the whole and stay within one fen of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(fc.integer({ min: 1, max: 1e8 }), { minLength: 1, maxLength: 10 }),
        (whole, weights) => {
          const shares = shareByWeight(whole, weights);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(whole);
          const total = weights.reduce((s, w) => s + w, 0);
          shares.forEach((s, i) =>
            expect(Math.abs(s - (whole * weights[i]!) / total)).toBeLessThan(1.000001),
          );
        },
      ),
    );
  });
});

describe('matchInvoicesToReceipts (first in, first out)', () => {
  const inv = (id: number, on: string, amountFen: number) => ({ id, on, amountFen });
  it('flags the invoices beyond the money received', () => {
    const r = matchInvoicesToReceipts(
      [inv(1, '2026-01-05', 1_000), inv(2, '2026-01-20', 2_000), inv(3, '2026-02-01', 500)],
      [inv(7, '2026-01-30', 1_500)],
    );
    expect(r.invoicesWithoutReceipts).toEqual([
      { id: 2, on: '2026-01-20', amountFen: 2_000, uncoveredFen: 1_500 },
      { id: 3, on: '2026-02-01', amountFen: 500, uncoveredFen: 500 },
    ]);
    expect(r.receiptsWithoutInvoices).toEqual([]);
  });
  it('flags the money beyond the invoices issued', () => {
    const r = matchInvoicesToReceipts(
      [inv(1, '2026-01-05', 1_000)],
      [inv(7, '2026-01-03', 800), inv(8, '2026-01-04', 800)],
    );
    expect(r.invoicesWithoutReceipts).toEqual([]);
    expect(r.receiptsWithoutInvoices).toEqual([
      { id: 8, on: '2026-01-04', amountFen: 800, uncoveredFen: 600 },
    ]);
  });
  it('at most one side is uncovered, and the difference is invoiced − received', () => {
    const docs = fc.array(
      fc.record({
        id: fc.nat(),
        on: fc.constantFrom('2026-01-01', '2026-01-15', '2026-02-01'),
        amountFen: fc.integer({ min: 1, max: 1e6 }),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(docs, docs, (invoices, receipts) => {
        const r = matchInvoicesToReceipts(invoices, receipts);
        const a = r.invoicesWithoutReceipts.reduce((s, x) => s + x.uncoveredFen, 0);
        const b = r.receiptsWithoutInvoices.reduce((s, x) => s + x.uncoveredFen, 0);
        expect(a === 0 || b === 0).toBe(true);
        const invoiced = invoices.reduce((s, x) => s + x.amountFen, 0);
        const received = receipts.reduce((s, x) => s + x.amountFen, 0);
        expect(a - b).toBe(invoiced - received);
      }),
    );
  });
});
