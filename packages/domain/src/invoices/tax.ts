import { Dec, roundToFen, type Fen } from '../money/money.ts';

/**
 * Split an amount that includes VAT (价税合计) into the amount without tax (不含税金额) and the tax (税额):
 * tax = amount × rate ÷ (1 + rate), rounded once, half away from zero; the amount without tax is what is
 * left, so the two always add up to the amount exactly. Negative amounts (红字) split symmetrically.
 */
export function splitTax(amountFen: Fen, taxRateBp: number): { exTaxFen: Fen; taxFen: Fen } {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError('amountFen must be whole fen');
  if (!Number.isInteger(taxRateBp) || taxRateBp < 0) throw new RangeError('taxRateBp must be ≥ 0');
  // `|| 0` keeps a zero from coming out as -0 for red-letter amounts that round to nothing.
  const taxFen = roundToFen(new Dec(amountFen).times(taxRateBp).div(10000 + taxRateBp)) || 0;
  return { exTaxFen: amountFen - taxFen || 0, taxFen };
}

/**
 * Share a whole (the invoice's tax) over parts in proportion to their weights (the lines' amounts) by the
 * largest-remainder method, so the shares add up to the whole exactly (lines add up to the invoice).
 * Ties of remainder go to the earlier part. Works for negative wholes (红字) by symmetry.
 */
export function shareByWeight(wholeFen: Fen, weights: readonly Fen[]): Fen[] {
  if (weights.length === 0) return [];
  const sign = wholeFen < 0 ? -1 : 1;
  const whole = Math.abs(wholeFen);
  const absWeights = weights.map((w) => Math.abs(w));
  const total = absWeights.reduce((s, w) => s + w, 0);
  if (total === 0) {
    const shares = weights.map(() => 0);
    shares[0] = wholeFen;
    return shares;
  }
  const exact = absWeights.map((w) => new Dec(whole).times(w).div(total));
  const floors = exact.map((e) => e.floor().toNumber());
  let rest = whole - floors.reduce((s, f) => s + f, 0);
  const order = exact
    .map((e, i) => ({ i, frac: e.minus(e.floor()) }))
    .sort((a, b) => (b.frac.equals(a.frac) ? a.i - b.i : b.frac.comparedTo(a.frac)));
  for (const { i } of order) {
    if (rest === 0) break;
    floors[i]! += 1;
    rest -= 1;
  }
  return floors.map((f) => (f === 0 ? 0 : sign * f));
}
