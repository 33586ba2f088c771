import type { PayPlanDefinition, PayProblem } from '@zuzhang/api-schema';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../app/api-client.ts';
import { payApi } from './pay-api.ts';

/** A problem's path as the editor names fields: `body.definition.components.2.formula` → `components.2.formula`. */
export function problemPath(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '')
    .replace(/^definition\./, '');
}

export interface LiveValidation {
  problems: PayProblem[];
  /** True while a check for the latest text is on its way. */
  checking: boolean;
  /** The last check could not run (network, server); the problems shown are from an earlier one. */
  failed: boolean;
}

/**
 * Checks the plan through POST /api/v1/pay/plans/validate as the user types: waits for a pause, cancels
 * the check still on its way when the text changes again, so the answer shown is always the latest text's.
 */
export function useLiveValidation(definition: PayPlanDefinition | null, delay = 400): LiveValidation {
  const [state, setState] = useState<LiveValidation>({ problems: [], checking: false, failed: false });
  const text = definition ? JSON.stringify(definition) : null;
  const latest = useRef<AbortController | null>(null);

  useEffect(() => {
    if (text === null) return;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      latest.current?.abort();
      const ctrl = new AbortController();
      latest.current = ctrl;
      payApi.plans.validate(JSON.parse(text) as PayPlanDefinition, ctrl.signal).then(
        (result) => {
          if (!ctrl.signal.aborted) setState({ problems: result.problems, checking: false, failed: false });
        },
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          // A 400 from the schema (a field too long, a wrong type) is a problem with the plan, not a failure.
          if (isApiError(err) && err.status === 400 && err.details.length > 0) {
            setState({
              problems: err.details.map((d) => ({
                path: d.path,
                key: 'validation',
                message: d.message,
                component: null,
                position: null,
                allowed: [],
              })),
              checking: false,
              failed: false,
            });
          } else setState((s) => ({ ...s, checking: false, failed: true }));
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [text, delay]);

  useEffect(() => () => latest.current?.abort(), []);
  return state;
}

/** Problems by field path, for the editor's fields. */
export function problemsByPath(problems: PayProblem[]): Map<string, PayProblem[]> {
  const map = new Map<string, PayProblem[]>();
  for (const p of problems) {
    const key = problemPath(p.path);
    map.set(key, [...(map.get(key) ?? []), p]);
  }
  return map;
}
