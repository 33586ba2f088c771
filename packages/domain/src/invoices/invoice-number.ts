/**
 * 增值税发票 types: the older paper/electronic invoices (专票 special, 普票 normal) carry an invoice code
 * (发票代码, 10 digits on 专票 and paper 普票, 12 on electronic / roll 普票) plus an 8-digit number (发票号码);
 * a fully digital e-invoice (数电票: e_special 数电专票, e_normal 数电普票) has a single 20-digit number and no code.
 */
export const INVOICE_TYPES = ['special', 'normal', 'e_special', 'e_normal'] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];

export function isFullyDigital(type: InvoiceType): boolean {
  return type === 'e_special' || type === 'e_normal';
}

export type InvoiceNumberProblem =
  | { field: 'invoiceNo'; reason: 'digital_no' }
  | { field: 'invoiceCode'; reason: 'digital_has_code' }
  | { field: 'invoiceCode'; reason: 'paper_code' }
  | { field: 'invoiceNo'; reason: 'paper_no' };

export function validateInvoiceNumber(input: {
  type: InvoiceType;
  invoiceNo: string;
  invoiceCode?: string | null;
}): { ok: true } | ({ ok: false } & InvoiceNumberProblem) {
  const code = input.invoiceCode ?? '';
  if (isFullyDigital(input.type)) {
    if (!/^\d{20}$/.test(input.invoiceNo)) return { ok: false, field: 'invoiceNo', reason: 'digital_no' };
    if (code !== '') return { ok: false, field: 'invoiceCode', reason: 'digital_has_code' };
    return { ok: true };
  }
  if (!/^(\d{10}|\d{12})$/.test(code)) return { ok: false, field: 'invoiceCode', reason: 'paper_code' };
  if (!/^\d{8}$/.test(input.invoiceNo)) return { ok: false, field: 'invoiceNo', reason: 'paper_no' };
  return { ok: true };
}
