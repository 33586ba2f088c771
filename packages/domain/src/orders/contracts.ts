/** 合同状态: draft → awaiting_approval → signed → in_progress → completed | terminated. */
export const CONTRACT_STATUSES = [
  'draft',
  'awaiting_approval',
  'signed',
  'in_progress',
  'completed',
  'terminated',
] as const;
export type ContractStatusCode = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_ACTIONS = ['submit', 'approve', 'reject', 'start', 'complete', 'terminate'] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

/**
 * Each action, the statuses it may start from and where it leads. Approval (and its refusal, which sends
 * the contract back to draft) is the manager's (核决权限); the rest are the owner's.
 */
const CONTRACT_TRANSITIONS: Record<
  ContractAction,
  { from: readonly ContractStatusCode[]; to: ContractStatusCode }
> = {
  submit: { from: ['draft'], to: 'awaiting_approval' },
  approve: { from: ['awaiting_approval'], to: 'signed' },
  reject: { from: ['awaiting_approval'], to: 'draft' },
  start: { from: ['signed'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  terminate: { from: ['signed', 'in_progress'], to: 'terminated' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextContractStatus(status: string, action: ContractAction): ContractStatusCode | null {
  const t = CONTRACT_TRANSITIONS[action];
  return (t.from as readonly string[]).includes(status) ? t.to : null;
}

/** Orders may be placed under a contract once it is signed and until it is completed or terminated. */
export function isContractOpenForOrders(status: string): boolean {
  return status === 'signed' || status === 'in_progress';
}
