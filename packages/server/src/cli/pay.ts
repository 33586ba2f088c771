import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { PayPlanDefinition, SimulatePayBody, type Locale } from '@zuzhang/api-schema';
import {
  PayPlanError,
  formatYuan,
  simulatePay,
  type PayPlan,
  type PaySimulation,
  type SimulationPerson,
} from '@zuzhang/domain';
import { describePayProblem } from '../modules/pay/pay-problems.ts';

/**
 * `zuzhang pay simulate PLAN FIGURES [--json] [--lang en-US]`: what a pay plan pays, from files (JSON or
 * YAML), without a database. PLAN is a plan definition (docs/pay-plans.md); FIGURES the people with their
 * months and figures: `[{ name, employeeId?, periods: [{ period, figures }] }]` or `{ people: [...] }`.
 * Prints the statements as a table with their explanations, or as JSON. A bad plan stops with exit code 1,
 * naming the component, the position in the formula and what is allowed there.
 */

const LABELS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    usage: '用法：zuzhang pay simulate 方案文件 数据文件 [--json] [--lang en-US]',
    unreadable: '无法读取 {file}：{reason}',
    badPlan: '薪资方案 {file} 有 {count} 处问题：',
    badFigures: '数据文件 {file} 有 {count} 处问题：',
    total: '合计',
    grandTotal: '全部人员合计',
    notApplied: '未适用',
    item: '项目',
    amount: '金额（元）',
    explanation: '计算依据',
    plan: '方案',
  },
  'en-US': {
    usage: 'usage: zuzhang pay simulate PLAN_FILE FIGURES_FILE [--json] [--lang en-US]',
    unreadable: 'cannot read {file}: {reason}',
    badPlan: 'the pay plan {file} has {count} problem(s):',
    badFigures: 'the figures file {file} has {count} problem(s):',
    total: 'Total',
    grandTotal: 'Total, everyone',
    notApplied: 'not applied',
    item: 'Item',
    amount: 'Amount (yuan)',
    explanation: 'How it was worked out',
    plan: 'Plan',
  },
};

function say(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  return (LABELS[locale][key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A problem the user fixes in their files; main.ts prints it and exits with 1. */
export class PayCliError extends Error {
  override readonly name = 'PayCliError';
}

async function readDocument(file: string, locale: Locale): Promise<unknown> {
  try {
    // YAML is a superset of JSON: one parser reads both.
    return parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new PayCliError(say(locale, 'unreadable', { file, reason: (error as Error).message }));
  }
}

function zodProblems(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((issue) => `  ${[prefix, ...issue.path.map(String)].join('.')}: ${issue.message}`);
}

/** Width on a terminal: Chinese characters take two columns. */
function widthOf(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - widthOf(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - widthOf(text))) + text;

export function formatSimulation(result: PaySimulation, locale: Locale): string {
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const out: string[] = [`${say(locale, 'plan')}${colon}${result.planName}`, ''];
  for (const person of result.people) {
    for (const s of person.statements) {
      out.push(`${person.name}  ${s.period}`);
      const rows = s.lines.map(
        (l) => [l.label[locale], formatYuan(l.amountFen), l.explanation[locale]] as const,
      );
      const labelWidth = Math.max(widthOf(say(locale, 'item')), ...rows.map((r) => widthOf(r[0])));
      const amountWidth = Math.max(widthOf(say(locale, 'amount')), ...rows.map((r) => widthOf(r[1])));
      out.push(
        `  ${padEnd(say(locale, 'item'), labelWidth)}  ${padStart(say(locale, 'amount'), amountWidth)}  ${say(locale, 'explanation')}`,
      );
      for (const [label, amount, explanation] of rows) {
        out.push(`  ${padEnd(label, labelWidth)}  ${padStart(amount, amountWidth)}  ${explanation}`);
      }
      out.push(
        `  ${padEnd(say(locale, 'total'), labelWidth)}  ${padStart(formatYuan(s.totalFen), amountWidth)}`,
      );
      for (const k of s.skipped) {
        out.push(`  (${say(locale, 'notApplied')}) ${k.label[locale]}${colon}${k.explanation[locale]}`);
      }
      out.push('');
    }
  }
  out.push(`${say(locale, 'grandTotal')}${colon}${formatYuan(result.totalFen)}`);
  return out.join('\n');
}

/** Read both files, simulate, and return what to print. Throws PayCliError for anything wrong in them. */
export async function simulateFromFiles(
  planFile: string,
  figuresFile: string,
  options: { json?: boolean; locale?: Locale } = {},
): Promise<string> {
  const locale = options.locale ?? 'zh-CN';
  const [planDoc, figuresDoc] = await Promise.all([
    readDocument(planFile, locale),
    readDocument(figuresFile, locale),
  ]);
  const plan = PayPlanDefinition.safeParse(planDoc);
  if (!plan.success) {
    const lines = zodProblems(plan.error, 'plan');
    throw new PayCliError(
      [say(locale, 'badPlan', { file: planFile, count: lines.length }), ...lines].join('\n'),
    );
  }
  const peopleDoc = Array.isArray(figuresDoc)
    ? figuresDoc
    : (figuresDoc as { people?: unknown } | null)?.people;
  const people = SimulatePayBody.shape.people.safeParse(peopleDoc);
  if (!people.success) {
    const lines = zodProblems(people.error, 'people');
    throw new PayCliError(
      [say(locale, 'badFigures', { file: figuresFile, count: lines.length }), ...lines].join('\n'),
    );
  }
  let result: PaySimulation;
  try {
    result = simulatePay(
      plan.data as unknown as PayPlan,
      people.data.map((p, i): SimulationPerson => ({
        employeeId: p.employeeId ?? `#${i + 1}`,
        name: p.name,
        periods: p.periods,
      })),
    );
  } catch (error) {
    if (!(error instanceof PayPlanError)) throw error;
    const inPlan = !error.problems[0]!.path.startsWith('people.');
    const lines = error.problems.map((p) => {
      const described = describePayProblem(p, locale);
      return `  ${described.path}: ${described.message}`;
    });
    const key = inPlan ? 'badPlan' : 'badFigures';
    const file = inPlan ? planFile : figuresFile;
    throw new PayCliError([say(locale, key, { file, count: lines.length }), ...lines].join('\n'));
  }
  return options.json ? JSON.stringify(result, null, 2) : formatSimulation(result, locale);
}

export async function runPay(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, lang: { type: 'string', default: 'zh-CN' } },
  });
  const locale: Locale = values.lang === 'en-US' ? 'en-US' : 'zh-CN';
  const [planFile, figuresFile] = positionals;
  if (sub !== 'simulate' || planFile === undefined || figuresFile === undefined || positionals.length > 2) {
    throw new PayCliError(say(locale, 'usage'));
  }
  console.log(await simulateFromFiles(planFile, figuresFile, { json: values.json, locale }));
}
