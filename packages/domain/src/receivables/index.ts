export * from './allocation.ts';
export * from './instalments.ts';
// The ageing rules, not the day arithmetic behind them, so other folders' date helpers never collide.
export {
  AGEING_BANDS,
  ageingBand,
  daysOverdue,
  emptyBands,
  summariseAgeing,
  type AgeingBand,
  type AgeingRow,
  type BandAmounts,
} from './ageing.ts';
