import type {
  ApiToken,
  AuditEntry,
  ChangePasswordBody,
  CreateAssignmentBody,
  CreateDelegationBody,
  CreateEmployeeBody,
  CreatePositionBody,
  CreatePromotionPathBody,
  CreateUnitBody,
  CreateUserBody,
  Delegation,
  Employee,
  EmployeeStatus,
  JdAcknowledgement,
  JdDiffEntry,
  JdSummary,
  JobDescription,
  Locale,
  LoginBody,
  MeResponse,
  OrgChart,
  Position,
  PromotionPath,
  Role,
  SaveJdDraftBody,
  Unit,
  UpdateEmployeeBody,
  UpdatePositionBody,
  UpdateUnitBody,
  User,
} from '@zuzhang/api-schema';

// Customers, the sales ledger and money in (issue 3).
import type {
  AgeingReport,
  CheckDuplicatesBody,
  CollectionPlan,
  Complaint,
  ComplaintListQuery,
  Contract,
  ContractListQuery,
  CreateComplaintBody,
  CreateContactBody,
  CreateContractBody,
  CreateCustomerBody,
  CreateFollowUpBody,
  CreateInvoiceBody,
  CreateOrderBody,
  CreatePriceListBody,
  CreateProductBody,
  CreateProofBody,
  CreateReceiptBody,
  CreateReturnBody,
  CreateShipmentBody,
  CreateSurveyBody,
  CreateVettingBody,
  CreateWriteOffBody,
  Customer,
  CustomerContact,
  CustomerCredit,
  CustomerDetail,
  CustomerImportBody,
  CustomerImportResult,
  CustomerListQuery,
  CustomerSettings,
  CustomerTimeline,
  DecideProofBody,
  DecideVettingBody,
  DecideWriteOffBody,
  DueFollowUp,
  DueFollowUpQuery,
  DueInstalment,
  DueInstalmentQuery,
  DuplicateCheckResult,
  FollowUp,
  GenerateStatementsBody,
  GenerateStatementsResult,
  Invoice,
  InvoiceListQuery,
  IssueInvoiceBody,
  MailInvoiceBody,
  Order,
  OrderListQuery,
  OrderSummary,
  AtRiskLine,
  OverdueOrder,
  OverdueQuery,
  OwnershipChange,
  PoolCustomer,
  PoolListQuery,
  PoolReturnResult,
  PriceList,
  PriceListListQuery,
  PriceQuote,
  Product,
  ProductListQuery,
  Proof,
  Receipt,
  ReceiptListQuery,
  ReconciliationCheck,
  ReverseInvoiceBody,
  ReviseProofBody,
  SalesReturn,
  SaveCollectionPlanBody,
  Statement,
  StatementDetail,
  StatementListQuery,
  StoredFile,
  Survey,
  UpdateContactBody,
  UpdateContractBody,
  UpdateCustomerBody,
  UpdateComplaintBody,
  UpdateOrderBody,
  UpdatePriceListBody,
  UpdateProductBody,
  UploadFileBody,
  Vetting,
  VettingListQuery,
  WriteOff,
  WriteOffListQuery,
  AllocateReceiptBody,
} from '@zuzhang/api-schema';

/** A page of a list endpoint (`pageOf(...)` in api-schema). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The secret is returned once, on creation only. */
export type CreatedApiToken = ApiToken & { token: string };

export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * Every failed call becomes an ApiError. `message` is already in the caller's language (the server reads
 * Accept-Language); `code` is `network` when the server could not be reached at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface ListQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
}

const CSRF_COOKIE = 'zuzhang_csrf';
const CSRF_HEADER = 'x-zuzhang-csrf';

let requestLocale: Locale = 'zh-CN';
let csrfFromMe: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** The UI language, sent as Accept-Language so that server messages come back in it. */
export function setRequestLocale(locale: Locale): void {
  requestLocale = locale;
}

/** MeResponse.csrfToken, used when the cookie cannot be read (it normally can). */
export function setCsrfToken(token: string | null): void {
  csrfFromMe = token;
}

/** Called when a request answers 401: the session expired or was revoked. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': requestLocale };
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE) ?? csrfFromMe;
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '');
  }
  if (!res.ok) throw await toApiError(res, path);
  return res;
}

async function toApiError(res: Response, path: string): Promise<ApiError> {
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
    ?.error;
  const err =
    error && typeof error.message === 'string'
      ? new ApiError(
          res.status,
          typeof error.code === 'string' ? error.code : 'http',
          error.message,
          Array.isArray(error.details) ? (error.details as ErrorDetail[]) : [],
        )
      : new ApiError(res.status, res.status === 401 ? 'unauthenticated' : 'http', '');
  // The sign-in form and the initial "who am I" call handle 401 themselves.
  if (res.status === 401 && !path.startsWith('/api/v1/auth/login') && !path.startsWith('/api/v1/auth/me')) {
    unauthenticatedListeners.forEach((l) => l());
  }
  return err;
}

async function request<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

const get = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  request<T>('GET', path, { query, signal });
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
const del = <T>(path: string) => request<T>('DELETE', path);

/** Downloads a binary response (e.g. a PDF) and hands it to the browser as a file. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await send('GET', path);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star?.[1] ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface PositionListQuery extends ListQuery {
  unitId?: number;
}
export interface EmployeeListQuery extends ListQuery {
  unitId?: number;
  status?: EmployeeStatus;
}
export interface AuditListQuery extends ListQuery {
  entity?: string;
  entityId?: string;
  actorUserId?: number;
  from?: string;
  to?: string;
}

const id = (n: number | string) => encodeURIComponent(String(n));

// ---- customers, the sales ledger and money in (issue 3) ----

/** A list query as sent: every field optional, the server fills the defaults. */
type Sent<T> = { [K in keyof T]?: T[K] };
export type ContractAction = 'submit' | 'approve' | 'reject' | 'start' | 'complete' | 'terminate';
export type AgeingGroupBy = 'customer' | 'owner' | 'team';
const q = (query: object): Query => ({ ...(query as Query) });

export const api = {
  health: () => get<{ ok: boolean }>('/api/health'),
  auth: {
    login: (body: LoginBody) => post<MeResponse>('/api/v1/auth/login', body),
    logout: () => post<unknown>('/api/v1/auth/logout'),
    me: (signal?: AbortSignal) => get<MeResponse>('/api/v1/auth/me', undefined, signal),
    changePassword: (body: ChangePasswordBody) => post<unknown>('/api/v1/auth/password', body),
    setLocale: (locale: Locale) => put<unknown>('/api/v1/auth/locale', { locale }),
    tokens: (signal?: AbortSignal) => get<ApiToken[]>('/api/v1/auth/tokens', undefined, signal),
    createToken: (name: string) => post<CreatedApiToken>('/api/v1/auth/tokens', { name }),
    revokeToken: (tokenId: number) => del<unknown>(`/api/v1/auth/tokens/${id(tokenId)}`),
  },
  org: {
    chart: (signal?: AbortSignal) => get<OrgChart>('/api/v1/org/chart', undefined, signal),
    units: (signal?: AbortSignal) => get<Unit[]>('/api/v1/org/units', undefined, signal),
    createUnit: (body: CreateUnitBody) => post<Unit>('/api/v1/org/units', body),
    updateUnit: (unitId: number, body: UpdateUnitBody) =>
      patch<Unit>(`/api/v1/org/units/${id(unitId)}`, body),
    positions: (query: PositionListQuery, signal?: AbortSignal) =>
      get<Page<Position>>('/api/v1/org/positions', { ...query }, signal),
    position: (positionId: number, signal?: AbortSignal) =>
      get<Position>(`/api/v1/org/positions/${id(positionId)}`, undefined, signal),
    createPosition: (body: CreatePositionBody) => post<Position>('/api/v1/org/positions', body),
    updatePosition: (positionId: number, body: UpdatePositionBody) =>
      patch<Position>(`/api/v1/org/positions/${id(positionId)}`, body),
    roles: (signal?: AbortSignal) => get<Role[]>('/api/v1/org/roles', undefined, signal),
    permissions: (signal?: AbortSignal) =>
      get<{ code: string }[]>('/api/v1/org/permissions', undefined, signal),
    promotionPaths: (signal?: AbortSignal) =>
      get<PromotionPath[]>('/api/v1/org/promotion-paths', undefined, signal),
    createPromotionPath: (body: CreatePromotionPathBody) =>
      post<PromotionPath>('/api/v1/org/promotion-paths', body),
  },
  employees: {
    list: (query: EmployeeListQuery, signal?: AbortSignal) =>
      get<Page<Employee>>('/api/v1/employees', { ...query }, signal),
    get: (employeeId: number, signal?: AbortSignal) =>
      get<Employee>(`/api/v1/employees/${id(employeeId)}`, undefined, signal),
    create: (body: CreateEmployeeBody) => post<Employee>('/api/v1/employees', body),
    update: (employeeId: number, body: UpdateEmployeeBody) =>
      patch<Employee>(`/api/v1/employees/${id(employeeId)}`, body),
  },
  assignments: {
    create: (body: CreateAssignmentBody) => post<unknown>('/api/v1/assignments', body),
    end: (assignmentId: number, endDate: string) =>
      post<unknown>(`/api/v1/assignments/${id(assignmentId)}/end`, { endDate }),
  },
  jd: {
    versions: (positionId: number, signal?: AbortSignal) =>
      get<JdSummary[]>(`/api/v1/positions/${id(positionId)}/job-descriptions`, undefined, signal),
    current: (positionId: number, signal?: AbortSignal) =>
      get<JobDescription>(`/api/v1/positions/${id(positionId)}/job-descriptions/current`, undefined, signal),
    saveDraft: (positionId: number, body: SaveJdDraftBody) =>
      post<JobDescription>(`/api/v1/positions/${id(positionId)}/job-descriptions/draft`, body),
    get: (jdId: number, signal?: AbortSignal) =>
      get<JobDescription>(`/api/v1/job-descriptions/${id(jdId)}`, undefined, signal),
    publish: (jdId: number, version: number) =>
      post<JobDescription>(`/api/v1/job-descriptions/${id(jdId)}/publish`, { version }),
    compare: (from: number, to: number, signal?: AbortSignal) =>
      get<JdDiffEntry[]>('/api/v1/job-descriptions/compare', { from, to }, signal),
    // A new tab sends the browser's own Accept-Language, so the UI language goes in the URL.
    printUrl: (jdId: number, locale: Locale) =>
      buildUrl(`/api/v1/job-descriptions/${id(jdId)}/print`, { lang: locale }),
    downloadPdf: (jdId: number, locale: Locale, fallbackName: string) =>
      downloadFile(buildUrl(`/api/v1/job-descriptions/${id(jdId)}/pdf`, { lang: locale }), fallbackName),
    acknowledge: (jdId: number) =>
      post<JdAcknowledgement>(`/api/v1/job-descriptions/${id(jdId)}/acknowledge`),
    acknowledgements: (jdId: number, signal?: AbortSignal) =>
      get<JdAcknowledgement[]>(`/api/v1/job-descriptions/${id(jdId)}/acknowledgements`, undefined, signal),
  },
  delegations: {
    list: (signal?: AbortSignal) => get<Delegation[]>('/api/v1/delegations', undefined, signal),
    create: (body: CreateDelegationBody) => post<Delegation>('/api/v1/delegations', body),
    revoke: (delegationId: number) => post<Delegation>(`/api/v1/delegations/${id(delegationId)}/revoke`),
  },
  audit: {
    list: (query: AuditListQuery, signal?: AbortSignal) =>
      get<Page<AuditEntry>>('/api/v1/audit', { ...query }, signal),
  },
  users: {
    list: (signal?: AbortSignal) => get<User[]>('/api/v1/users', undefined, signal),
    create: (body: CreateUserBody) => post<User>('/api/v1/users', body),
    resetPassword: (userId: number, newPassword: string) =>
      post<unknown>(`/api/v1/users/${id(userId)}/reset-password`, { newPassword }),
    unlock: (userId: number) => post<unknown>(`/api/v1/users/${id(userId)}/unlock`),
  },
  customers: {
    list: (query: Sent<CustomerListQuery>, signal?: AbortSignal) =>
      get<Page<Customer>>('/api/v1/customers', q(query), signal),
    get: (customerId: number, signal?: AbortSignal) =>
      get<CustomerDetail>(`/api/v1/customers/${id(customerId)}`, undefined, signal),
    create: (body: CreateCustomerBody) => post<CustomerDetail>('/api/v1/customers', body),
    update: (customerId: number, body: UpdateCustomerBody) =>
      patch<CustomerDetail>(`/api/v1/customers/${id(customerId)}`, body),
    checkDuplicates: (body: CheckDuplicatesBody) =>
      post<DuplicateCheckResult>('/api/v1/customers/check-duplicates', body),
    import: (body: CustomerImportBody) => post<CustomerImportResult>('/api/v1/customers/import', body),
    contacts: (customerId: number, signal?: AbortSignal) =>
      get<CustomerContact[]>(`/api/v1/customers/${id(customerId)}/contacts`, undefined, signal),
    addContact: (customerId: number, body: CreateContactBody) =>
      post<CustomerContact>(`/api/v1/customers/${id(customerId)}/contacts`, body),
    updateContact: (customerId: number, contactId: number, body: UpdateContactBody) =>
      patch<CustomerContact>(`/api/v1/customers/${id(customerId)}/contacts/${id(contactId)}`, body),
    removeContact: (customerId: number, contactId: number) =>
      del<unknown>(`/api/v1/customers/${id(customerId)}/contacts/${id(contactId)}`),
    transfer: (customerId: number, toEmployeeId: number, version: number) =>
      post<CustomerDetail>(`/api/v1/customers/${id(customerId)}/transfer`, { toEmployeeId, version }),
    release: (customerId: number, version: number) =>
      post<CustomerDetail>(`/api/v1/customers/${id(customerId)}/release`, { version }),
    ownershipHistory: (customerId: number, signal?: AbortSignal) =>
      get<OwnershipChange[]>(`/api/v1/customers/${id(customerId)}/ownership-history`, undefined, signal),
    timeline: (customerId: number, limit: number, signal?: AbortSignal) =>
      get<CustomerTimeline>(`/api/v1/customers/${id(customerId)}/timeline`, { limit }, signal),
    followUps: (customerId: number, query: Sent<{ page: number; pageSize: number }>, signal?: AbortSignal) =>
      get<Page<FollowUp>>(`/api/v1/customers/${id(customerId)}/follow-ups`, q(query), signal),
    addFollowUp: (customerId: number, body: CreateFollowUpBody) =>
      post<FollowUp>(`/api/v1/customers/${id(customerId)}/follow-ups`, body),
    requestVetting: (customerId: number, body: CreateVettingBody) =>
      post<Vetting>(`/api/v1/customers/${id(customerId)}/vettings`, body),
    surveys: (customerId: number, query: Sent<ListQuery>, signal?: AbortSignal) =>
      get<Page<Survey>>(`/api/v1/customers/${id(customerId)}/surveys`, q(query), signal),
    addSurvey: (customerId: number, body: CreateSurveyBody) =>
      post<Survey>(`/api/v1/customers/${id(customerId)}/surveys`, body),
    credit: (customerId: number, signal?: AbortSignal) =>
      get<CustomerCredit>(`/api/v1/customers/${id(customerId)}/credit`, undefined, signal),
    settings: (signal?: AbortSignal) => get<CustomerSettings>('/api/v1/customer-settings', undefined, signal),
  },
  followUps: {
    due: (query: Sent<DueFollowUpQuery>, signal?: AbortSignal) =>
      get<Page<DueFollowUp>>('/api/v1/follow-ups/due', q(query), signal),
  },
  pool: {
    list: (query: Sent<PoolListQuery>, signal?: AbortSignal) =>
      get<Page<PoolCustomer>>('/api/v1/customer-pool', q(query), signal),
    claim: (customerId: number) => post<CustomerDetail>(`/api/v1/customer-pool/${id(customerId)}/claim`),
    runReturn: () => post<PoolReturnResult>('/api/v1/customer-pool/run-return'),
  },
  vettings: {
    list: (query: Sent<VettingListQuery>, signal?: AbortSignal) =>
      get<Page<Vetting>>('/api/v1/vettings', q(query), signal),
    decide: (vettingId: number, body: DecideVettingBody) =>
      post<Vetting>(`/api/v1/vettings/${id(vettingId)}/decide`, body),
  },
  complaints: {
    list: (query: Sent<ComplaintListQuery>, signal?: AbortSignal) =>
      get<Page<Complaint>>('/api/v1/complaints', q(query), signal),
    get: (complaintId: number, signal?: AbortSignal) =>
      get<Complaint>(`/api/v1/complaints/${id(complaintId)}`, undefined, signal),
    create: (body: CreateComplaintBody) => post<Complaint>('/api/v1/complaints', body),
    update: (complaintId: number, body: UpdateComplaintBody) =>
      patch<Complaint>(`/api/v1/complaints/${id(complaintId)}`, body),
    addStep: (complaintId: number, body: { text: string; on?: string; version: number }) =>
      post<Complaint>(`/api/v1/complaints/${id(complaintId)}/steps`, body),
    resolve: (complaintId: number, body: { resolution: string; satisfaction?: number; version: number }) =>
      post<Complaint>(`/api/v1/complaints/${id(complaintId)}/resolve`, body),
    close: (complaintId: number, body: { satisfaction?: number; version: number }) =>
      post<Complaint>(`/api/v1/complaints/${id(complaintId)}/close`, body),
  },
  products: {
    list: (query: Sent<ProductListQuery>, signal?: AbortSignal) =>
      get<Page<Product>>('/api/v1/products', q(query), signal),
    get: (productId: number, signal?: AbortSignal) =>
      get<Product>(`/api/v1/products/${id(productId)}`, undefined, signal),
    create: (body: CreateProductBody) => post<Product>('/api/v1/products', body),
    update: (productId: number, body: UpdateProductBody) =>
      patch<Product>(`/api/v1/products/${id(productId)}`, body),
  },
  priceLists: {
    list: (query: Sent<PriceListListQuery>, signal?: AbortSignal) =>
      get<Page<PriceList>>('/api/v1/price-lists', q(query), signal),
    get: (priceListId: number, signal?: AbortSignal) =>
      get<PriceList>(`/api/v1/price-lists/${id(priceListId)}`, undefined, signal),
    create: (body: CreatePriceListBody) => post<PriceList>('/api/v1/price-lists', body),
    update: (priceListId: number, body: UpdatePriceListBody) =>
      patch<PriceList>(`/api/v1/price-lists/${id(priceListId)}`, body),
    quote: (query: { customerId: number; productId: number; date?: string }, signal?: AbortSignal) =>
      get<PriceQuote>('/api/v1/prices/quote', q(query), signal),
  },
  files: {
    upload: (body: UploadFileBody) => post<StoredFile>('/api/v1/files', body),
    url: (fileId: number) => `/api/v1/files/${id(fileId)}`,
  },
  contracts: {
    list: (query: Sent<ContractListQuery>, signal?: AbortSignal) =>
      get<Page<Contract>>('/api/v1/contracts', q(query), signal),
    get: (contractId: number, signal?: AbortSignal) =>
      get<Contract>(`/api/v1/contracts/${id(contractId)}`, undefined, signal),
    create: (body: CreateContractBody) => post<Contract>('/api/v1/contracts', body),
    update: (contractId: number, body: UpdateContractBody) =>
      patch<Contract>(`/api/v1/contracts/${id(contractId)}`, body),
    act: (contractId: number, action: ContractAction, version: number, note = '') =>
      post<Contract>(`/api/v1/contracts/${id(contractId)}/${action}`, { version, note }),
  },
  orders: {
    list: (query: Sent<OrderListQuery>, signal?: AbortSignal) =>
      get<Page<OrderSummary>>('/api/v1/orders', q(query), signal),
    atRisk: (query: Sent<ListQuery & { days: number }>, signal?: AbortSignal) =>
      get<Page<AtRiskLine>>('/api/v1/orders/at-risk', q(query), signal),
    get: (orderId: number, signal?: AbortSignal) =>
      get<Order>(`/api/v1/orders/${id(orderId)}`, undefined, signal),
    create: (body: CreateOrderBody) => post<Order>('/api/v1/orders', body),
    update: (orderId: number, body: UpdateOrderBody) => patch<Order>(`/api/v1/orders/${id(orderId)}`, body),
    approve: (orderId: number, version: number, note = '') =>
      post<Order>(`/api/v1/orders/${id(orderId)}/approve`, { version, note }),
    reject: (orderId: number, version: number, note = '') =>
      post<Order>(`/api/v1/orders/${id(orderId)}/reject`, { version, note }),
    cancel: (orderId: number, version: number, note = '') =>
      post<Order>(`/api/v1/orders/${id(orderId)}/cancel`, { version, note }),
    ship: (orderId: number, body: CreateShipmentBody) =>
      post<Order>(`/api/v1/orders/${id(orderId)}/shipments`, body),
    addProof: (orderId: number, body: CreateProofBody) =>
      post<Proof>(`/api/v1/orders/${id(orderId)}/proofs`, body),
    decideProof: (proofId: number, body: DecideProofBody) =>
      post<Proof>(`/api/v1/proofs/${id(proofId)}/decide`, body),
    reviseProof: (proofId: number, body: ReviseProofBody) =>
      patch<Proof>(`/api/v1/proofs/${id(proofId)}`, body),
    addReturn: (orderId: number, body: CreateReturnBody) =>
      post<SalesReturn>(`/api/v1/orders/${id(orderId)}/returns`, body),
  },
  collectionPlans: {
    get: (query: { contractId?: number; orderId?: number }, signal?: AbortSignal) =>
      get<CollectionPlan>('/api/v1/collection-plans', q(query), signal),
    save: (body: SaveCollectionPlanBody) => put<CollectionPlan>('/api/v1/collection-plans', body),
    due: (query: Sent<DueInstalmentQuery>, signal?: AbortSignal) =>
      get<Page<DueInstalment>>('/api/v1/collection-plans/due', q(query), signal),
  },
  receipts: {
    list: (query: Sent<ReceiptListQuery>, signal?: AbortSignal) =>
      get<Page<Receipt>>('/api/v1/receipts', q(query), signal),
    get: (receiptId: number, signal?: AbortSignal) =>
      get<Receipt>(`/api/v1/receipts/${id(receiptId)}`, undefined, signal),
    create: (body: CreateReceiptBody) => post<Receipt>('/api/v1/receipts', body),
    allocate: (receiptId: number, body: AllocateReceiptBody) =>
      post<Receipt>(`/api/v1/receipts/${id(receiptId)}/allocate`, body),
  },
  receivables: {
    ageing: (query: { asOf?: string; groupBy: AgeingGroupBy }, signal?: AbortSignal) =>
      get<AgeingReport>('/api/v1/receivables/ageing', q(query), signal),
    downloadAgeing: (query: { asOf?: string; groupBy: AgeingGroupBy; lang: Locale }, fallbackName: string) =>
      downloadFile(buildUrl('/api/v1/receivables/ageing.xlsx', q(query)), fallbackName),
    overdue: (query: Sent<OverdueQuery>, signal?: AbortSignal) =>
      get<Page<OverdueOrder>>('/api/v1/receivables/overdue', q(query), signal),
  },
  writeOffs: {
    list: (query: Sent<WriteOffListQuery>, signal?: AbortSignal) =>
      get<Page<WriteOff>>('/api/v1/write-offs', q(query), signal),
    create: (body: CreateWriteOffBody) => post<WriteOff>('/api/v1/write-offs', body),
    decide: (writeOffId: number, body: DecideWriteOffBody) =>
      post<WriteOff>(`/api/v1/write-offs/${id(writeOffId)}/decide`, body),
  },
  invoices: {
    list: (query: Sent<InvoiceListQuery>, signal?: AbortSignal) =>
      get<Page<Invoice>>('/api/v1/invoices', q(query), signal),
    get: (invoiceId: number, signal?: AbortSignal) =>
      get<Invoice>(`/api/v1/invoices/${id(invoiceId)}`, undefined, signal),
    check: (query: { customerId?: number }, signal?: AbortSignal) =>
      get<ReconciliationCheck>('/api/v1/invoices/reconciliation-check', q(query), signal),
    request: (body: CreateInvoiceBody) => post<Invoice>('/api/v1/invoices', body),
    issue: (invoiceId: number, body: IssueInvoiceBody) =>
      post<Invoice>(`/api/v1/invoices/${id(invoiceId)}/issue`, body),
    mail: (invoiceId: number, body: MailInvoiceBody) =>
      post<Invoice>(`/api/v1/invoices/${id(invoiceId)}/mail`, body),
    reverse: (invoiceId: number, body: ReverseInvoiceBody) =>
      post<Invoice>(`/api/v1/invoices/${id(invoiceId)}/reverse`, body),
  },
  statements: {
    list: (query: Sent<StatementListQuery>, signal?: AbortSignal) =>
      get<Page<Statement>>('/api/v1/statements', q(query), signal),
    get: (statementId: number, signal?: AbortSignal) =>
      get<StatementDetail>(`/api/v1/statements/${id(statementId)}`, undefined, signal),
    generate: (body: GenerateStatementsBody) =>
      post<GenerateStatementsResult>('/api/v1/statements/generate', body),
    send: (statementId: number, version: number) =>
      post<StatementDetail>(`/api/v1/statements/${id(statementId)}/send`, { version }),
    confirm: (statementId: number, version: number) =>
      post<StatementDetail>(`/api/v1/statements/${id(statementId)}/confirm`, { version }),
    dispute: (statementId: number, version: number, note: string) =>
      post<StatementDetail>(`/api/v1/statements/${id(statementId)}/dispute`, { version, note }),
    printUrl: (statementId: number, locale: Locale) =>
      buildUrl(`/api/v1/statements/${id(statementId)}/print`, { lang: locale }),
    downloadPdf: (statementId: number, locale: Locale, fallbackName: string) =>
      downloadFile(buildUrl(`/api/v1/statements/${id(statementId)}/pdf`, { lang: locale }), fallbackName),
    downloadXlsx: (statementId: number, locale: Locale, fallbackName: string) =>
      downloadFile(buildUrl(`/api/v1/statements/${id(statementId)}/xlsx`, { lang: locale }), fallbackName),
  },
};

// ---- scorecards and pay (issue 5): feature API modules (features/*/…-api.ts) build on these ----
/** The request helpers behind `api`, for a feature that keeps its endpoints in its own folder. */
export const http = {
  get,
  post,
  patch,
  put,
  del,
  /** A POST that can be cancelled: a check sent as the user types, where only the latest answer counts. */
  postWith: <T>(path: string, body: unknown, signal?: AbortSignal) =>
    request<T>('POST', path, { body, signal }),
};
