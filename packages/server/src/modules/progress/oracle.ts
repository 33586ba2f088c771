/**
 * The figures of a period worked out by hand for the tests, in plain integer arithmetic and without the
 * domain functions the server uses, so the two can disagree: days in and gone by, run-rate projection,
 * pace status with the 5-point band, shortfall against the straight line.
 */

function daysIn(period: { from: string; to: string }): number {
  return (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000 + 1;
}

export function handFigures(
  actual: number,
  target: number | null,
  span: { from: string; to: string },
  today: string,
) {
  const days = daysIn(span);
  const elapsed = today < span.from ? 0 : today > span.to ? days : daysIn({ from: span.from, to: today });
  // Half away from zero: the one rounding rule.
  const round = (x: number) => Math.sign(x) * Math.round(Math.abs(x));
  const projection = elapsed === 0 ? actual : round((actual * days) / elapsed);
  let pace: string;
  const t = target ?? 0;
  if (elapsed === 0) pace = 'not_started';
  else if (today > span.to) pace = actual >= t ? 'done_met' : 'done_missed';
  else {
    // actual − t·e/d against ±0.05·t, multiplied through by 20·d to stay in integers.
    const lead = 20 * (actual * days - t * elapsed);
    pace = lead < -Math.abs(t) * days ? 'behind' : lead > Math.abs(t) * days ? 'ahead' : 'on_track';
  }
  return {
    target,
    actual,
    attainment: target === null || target === 0 ? null : actual / target,
    projection,
    gap: target === null ? null : target - actual,
    paceStatus: pace,
    shortOfPace: target === null ? null : Math.max(0, round((target * elapsed) / days - actual)),
  };
}

/** Bounds of a month `YYYY-MM`. */
export function monthSpan(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Monday to Sunday of the week holding `day`. */
export function weekSpan(day: string) {
  const at = Date.parse(`${day}T00:00:00Z`);
  const weekday = new Date(at).getUTCDay() || 7;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(at - (weekday - 1) * 86_400_000), to: iso(at + (7 - weekday) * 86_400_000) };
}
