import type { Locale, PayProblem } from '@zuzhang/api-schema';
import { PayPlanError, type PayPlanProblem } from '@zuzhang/domain';
import { AppError, type ErrorDetail } from '../../platform/errors/app-error.ts';
import { isMessageKey, translate, type MessageKey } from '../../platform/i18n/i18n.ts';

/**
 * The domain's plan and formula problems (PayPlanProblem: path, key, params) written for people, in the
 * caller's language: where (component, formula or condition, character), what, what is expected and what
 * is allowed there. "Bad input" of issue 5: the error names the component, the position and what is allowed.
 */

function listOf(value: unknown, separator = ', '): string | null {
  if (Array.isArray(value)) return value.map(String).join(separator);
  if (typeof value === 'string' && value !== '') return value;
  return null;
}

/** Params as translate takes them: text and numbers only (lists joined). */
function flatParams(params: Record<string, unknown>): Record<string, string | number> {
  const flat: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number' || typeof value === 'string') flat[name] = value;
    else if (Array.isArray(value)) flat[name] = value.map(String).join(name === 'cycle' ? ' → ' : ', ');
    else if (value !== undefined && value !== null) flat[name] = String(value);
  }
  return flat;
}

/** One problem for people and for the plan editor (which highlights `position` in the formula). */
export function describePayProblem(problem: PayPlanProblem, locale: Locale, prefix = ''): PayProblem {
  const params = flatParams(problem.params);
  const position = typeof problem.params.position === 'number' ? problem.params.position : null;
  const component = typeof problem.params.component === 'string' ? problem.params.component : null;
  const parts: string[] = [];
  const part = /\.(formula|when)$/.exec(problem.path)?.[1];
  let text = '';
  if (component !== null && position !== null && part !== undefined) {
    text += translate(locale, 'pay.where', {
      component,
      part: `pay.part.${part}`,
      column: position + 1,
    });
  }
  text += isMessageKey(problem.key) ? translate(locale, problem.key as MessageKey, params) : problem.key;
  const found = listOf(problem.params.found);
  if (found !== null) parts.push(translate(locale, 'pay.hint.found', { found }));
  const expected = listOf(problem.params.expected);
  if (expected !== null) parts.push(translate(locale, 'pay.hint.expected', { expected }));
  const allowed = Array.isArray(problem.params.allowed) ? problem.params.allowed.map(String) : [];
  if (allowed.length > 0) parts.push(translate(locale, 'pay.hint.allowed', { allowed: allowed.join(', ') }));
  const separator = locale === 'zh-CN' ? '；' : '; ';
  return {
    path: prefix === '' ? problem.path : `${prefix}.${problem.path}`,
    key: problem.key,
    message: [text, ...parts].join(separator),
    component,
    position,
    allowed,
  };
}

/** 400 listing every problem of a plan (or of figures given with it), each at its field path. */
export function payProblemsError(
  problems: readonly PayPlanProblem[],
  locale: Locale,
  prefix: string,
  key: MessageKey = 'pay.planInvalid',
): AppError {
  const details: ErrorDetail[] = problems.map((p) => {
    const described = describePayProblem(p, locale, prefix);
    return { path: described.path, text: described.message };
  });
  return new AppError('validation', key, { count: problems.length }, details);
}

/** Run `work`; a PayPlanError it throws becomes the 400 above. */
export function withPayProblems<T>(locale: Locale, prefix: string, work: () => T, key?: MessageKey): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof PayPlanError) throw payProblemsError(error.problems, locale, prefix, key);
    throw error;
  }
}
