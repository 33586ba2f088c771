import { describe, expect, it } from 'vitest';
import type { JobDescription } from '@zuzhang/api-schema';
import { DEMO_JOB_DESCRIPTIONS, DEMO_ROLE_KEYS } from '../demo/demo-job-descriptions.ts';
import { escapeHtml, renderJdPrintHtml } from './jd-print.ts';
import { JD_PRINT_MESSAGES } from './jd-print.messages.ts';

function buildJobDescription(overrides: Partial<JobDescription> = {}): JobDescription {
  const { documentControl, content } = structuredClone(DEMO_JOB_DESCRIPTIONS.group_leader);
  return {
    id: 1,
    positionId: 5,
    positionName: content.identification.positionName,
    versionNo: 1,
    status: 'published',
    documentControl,
    content,
    publishedAt: '2025-12-20T08:00:00.000Z',
    publishedBy: '人力资源部',
    version: 3,
    ...overrides,
  };
}

/** Every piece of text of the 销售组组长 JD, as the seed writes it. */
function listSeedValues(jd: JobDescription): string[] {
  const c = jd.content;
  const dc = jd.documentControl;
  return [
    ...Object.values(c.identification),
    c.summary,
    c.personalStandard,
    ...c.responsibilities.flatMap((r) => [r.area, ...r.duties]),
    c.relations.internal,
    c.relations.external,
    c.authorityText,
    ...Object.values(c.qualifications).flat(),
    ...c.promotionPath,
    c.environment,
    c.hours,
    c.tools,
    dc.docNo,
    dc.effectiveDate ?? '',
    dc.preparedBy,
    dc.reviewedBy,
    dc.approvedBy,
  ].filter((v) => v !== '');
}

describe('renderJdPrintHtml', () => {
  const jd = buildJobDescription();
  const html = renderJdPrintHtml(jd, 'zh-CN');

  it('is a standalone A4 HTML document', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page { size: A4; margin: 15mm; }');
    expect(html).toContain('"Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif');
    expect(html).toMatch(/@media print \{ \.toolbar \{ display: none; \} \}/);
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
    expect(html).not.toMatch(/src=|https?:\/\//);
  });

  it('is titled like the seed: 销售组组长岗位职责说明书', () => {
    expect(html).toContain('<title>销售组组长岗位职责说明书</title>');
  });

  it.each(listSeedValues(jd).map((v) => [v]))('prints %s', (value) => {
    expect(html).toContain(escapeHtml(value));
  });

  it('numbers the duties 1、2、… within each 工作项目 and the responsibilities 1–4', () => {
    expect(html).toContain(
      '<span class="marker">5、</span><span class="text">负责本组的培训及考核工作。</span>',
    );
    expect(html).toMatch(
      /<td colspan="1" class="center">4<\/td><td colspan="2" class="center"><span class="text">其他<\/span><\/td><td colspan="7">/,
    );
  });

  it('prints the promotion path in order', () => {
    const at = ['销售组长', '渠道拓展主管', '销售组营销经理', '公司销售副总'].map((s) =>
      html.indexOf(`<span class="step">${s}</span>`),
    );
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it.each(
    Object.entries(JD_PRINT_MESSAGES['zh-CN']).filter(
      ([key]) =>
        !/^(authority_|status|documentTitle|versionValue|signature|signDate|acknowledgement|pageOf)/.test(
          key,
        ) &&
        key !== 'purpose' &&
        key !== 'category' &&
        key !== 'remarks',
    ),
  )('shows the label %s (%s)', (_key, label) => {
    expect(html).toContain(label);
  });

  it('shows document control and the acknowledgement line', () => {
    expect(html).toContain('第1版');
    expect(html).toContain('本人已阅读本岗位职责说明，并严格履行。');
    expect(html).toMatch(/签名：<span class="blank"><\/span>/);
    expect(html).toMatch(/日期：<span class="blank"><\/span>/);
  });

  it('uses English labels for en-US and keeps the content as written', () => {
    const en = renderJdPrintHtml(jd, 'en-US');
    expect(en).toContain('<html lang="en-US">');
    expect(en).toContain('<title>Job Description: 销售组组长</title>');
    for (const label of [
      'Reports to',
      'Responsibilities',
      'Standards / KPIs',
      'Qualifications',
      'Approved by',
    ]) {
      expect(en).toContain(label);
    }
    expect(en).toContain('全面负责本销售组的市场及营销工作,对本组的业绩负责。');
    expect(en).not.toContain('工作综述');
  });

  it('has the same labels in both languages', () => {
    expect(Object.keys(JD_PRINT_MESSAGES['en-US']).sort()).toEqual(
      Object.keys(JD_PRINT_MESSAGES['zh-CN']).sort(),
    );
  });

  it('escapes what people typed', () => {
    const hostile = buildJobDescription();
    hostile.content.summary = '<script>alert("x")</script>';
    hostile.content.identification.positionName = 'A&B <b>组长</b>';
    hostile.content.responsibilities[0]!.duties.push(`'"><img src=x onerror=alert(1)>`);
    hostile.documentControl.docNo = '</td></tr></table><script>1</script>';
    const out = renderJdPrintHtml(hostile, 'zh-CN');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>组长</b>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out).toContain('<title>A&amp;B &lt;b&gt;组长&lt;/b&gt;岗位职责说明书</title>');
    expect(out).toContain('&#39;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('marks a draft', () => {
    expect(renderJdPrintHtml(buildJobDescription({ status: 'draft' }), 'zh-CN')).toContain(
      '<span class="status">草稿</span>',
    );
    expect(html).not.toContain('class="status"');
  });

  it.each(DEMO_ROLE_KEYS.map((k) => [k]))('renders the %s demo JD', (key) => {
    const { documentControl, content } = DEMO_JOB_DESCRIPTIONS[key];
    const out = renderJdPrintHtml(buildJobDescription({ documentControl, content }), 'zh-CN');
    expect(out).toContain(escapeHtml(content.summary));
    for (const r of content.responsibilities)
      for (const duty of r.duties) expect(out).toContain(escapeHtml(duty));
  });
});
