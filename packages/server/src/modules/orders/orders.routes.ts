import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AtRiskLine,
  AtRiskQuery,
  Contract,
  ContractActionBody,
  ContractListQuery,
  CreateContractBody,
  CreateOrderBody,
  CreateProofBody,
  CreateReturnBody,
  CreateShipmentBody,
  DecideProofBody,
  IdParams,
  Order,
  OrderDecisionBody,
  OrderListQuery,
  OrderSummary,
  Proof,
  ReturnListQuery,
  ReviseProofBody,
  SalesReturn,
  UpdateContractBody,
  UpdateOrderBody,
  pageOf,
} from '@zuzhang/api-schema';
import { CONTRACT_ACTIONS, type ContractAction } from '@zuzhang/domain';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as contractSvc from './contracts.service.ts';
import * as orderSvc from './orders.service.ts';
import * as shipmentSvc from './shipments.service.ts';
import * as proofSvc from './proofs.service.ts';
import * as returnSvc from './returns.service.ts';

const CONTRACT_ACTION_SUMMARY: Record<ContractAction, string> = {
  submit: 'Submit a draft contract for approval (draft → awaiting_approval)',
  approve:
    'Approve a contract (awaiting_approval → signed); needs contract.approve and the customer’s approved vetting',
  reject: 'Send a contract back to draft (awaiting_approval → draft); needs contract.approve',
  start:
    'Start carrying out a signed contract (signed → in_progress); the first order under it does this too',
  complete: 'Complete a contract (in_progress → completed)',
  terminate: 'Terminate a contract (signed | in_progress → terminated)',
};

/** Contracts, orders, shipments, proofs (彩喷稿 / 印刷稿) and returns. */
export function registerOrderRoutes(app: FastifyInstance, db: Db) {
  registerContractRoutes(app, db);
  const tags = ['orders'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/orders',
    tags,
    permission: 'customer.read',
    summary:
      'Orders on customers in your scope (search q by number; filter customerId, contractId, ownerEmployeeId, status, from, to; sort orderDate|no|totalFen|status|dueOn|createdAt), each with its open amount',
    query: OrderListQuery,
    response: pageOf(OrderSummary),
    handler: ({ actor, query }) => orderSvc.listOrders(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/orders/at-risk',
    tags,
    permission: 'customer.read',
    summary:
      'Order lines at risk of missing their promised date (交期): not fully shipped, due within `days` or late',
    query: AtRiskQuery,
    response: pageOf(AtRiskLine),
    handler: ({ actor, query }) => orderSvc.listOrdersAtRisk(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/orders/:id',
    tags,
    permission: 'customer.read',
    summary: 'One order with lines, shipments, proofs, returns and its open amount',
    params: IdParams,
    response: Order,
    handler: ({ actor, params }) => orderSvc.getOrder(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/orders',
    tags,
    permission: 'order.manage',
    summary:
      'Enter an order: lines priced by the server (unit price defaults to the quote); below the discount floor it awaits approval, else it is confirmed',
    body: CreateOrderBody,
    response: Order,
    handler: ({ actor, body }) => orderSvc.createOrder(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/orders/:id',
    tags,
    permission: 'order.manage',
    summary:
      'Change an order with nothing shipped (send the version you read; 409 if it changed); lines, when sent, replace all lines',
    params: IdParams,
    body: UpdateOrderBody,
    response: Order,
    handler: ({ actor, params, body }) => orderSvc.updateOrder(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/orders/:id/approve',
    tags,
    permission: 'order.approve',
    summary: 'Approve an order priced below the discount floor (awaiting_approval → confirmed)',
    params: IdParams,
    body: OrderDecisionBody,
    response: Order,
    successStatus: 200,
    handler: ({ actor, params, body }) => orderSvc.approveOrder(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/orders/:id/reject',
    tags,
    permission: 'order.approve',
    summary:
      'Refuse an order priced below the floor (awaiting_approval → draft); saving it again resubmits it',
    params: IdParams,
    body: OrderDecisionBody,
    response: Order,
    successStatus: 200,
    handler: ({ actor, params, body }) => orderSvc.rejectOrder(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/orders/:id/cancel',
    tags,
    permission: 'order.manage',
    summary: 'Cancel an order nothing has been shipped, paid or written off on',
    params: IdParams,
    body: OrderDecisionBody,
    response: Order,
    successStatus: 200,
    handler: ({ actor, params, body }) => orderSvc.cancelOrder(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/orders/:id/shipments',
    tags,
    permission: 'order.manage',
    summary:
      'Ship some or all remaining units (partial allowed); refused while a proof is pending or rejected; answers the order',
    params: IdParams,
    body: CreateShipmentBody,
    response: Order,
    handler: ({ actor, params, body }) => shipmentSvc.createShipment(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/orders/:id/proofs',
    tags,
    permission: 'customer.read',
    summary: 'Proofs (彩喷稿 / 印刷稿) of an order with their approval state',
    params: IdParams,
    response: z.array(Proof),
    handler: ({ actor, params }) => proofSvc.listProofs(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/orders/:id/proofs',
    tags,
    permission: 'order.manage',
    summary: 'Add a proof (kind colour | print, an uploaded file) for the customer to approve',
    params: IdParams,
    body: CreateProofBody,
    response: Proof,
    handler: ({ actor, params, body }) => proofSvc.createProof(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/proofs/:id/decide',
    tags,
    permission: 'order.manage',
    summary:
      'Record the customer’s answer on a pending proof: approved or rejected, with the date and a note',
    params: IdParams,
    body: DecideProofBody,
    response: Proof,
    successStatus: 200,
    handler: ({ actor, params, body }) => proofSvc.decideProof(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/proofs/:id',
    tags,
    permission: 'order.manage',
    summary: 'Replace a proof’s artwork with a new revision; it goes back to pending',
    params: IdParams,
    body: ReviseProofBody,
    response: Proof,
    handler: ({ actor, params, body }) => proofSvc.reviseProof(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/orders/:id/returns',
    tags,
    permission: 'order.manage',
    summary:
      'Return shipped units (退货 / 红字): amounts pro-rated from the lines; reduces sales and the open amount',
    params: IdParams,
    body: CreateReturnBody,
    response: SalesReturn,
    handler: ({ actor, params, body }) => returnSvc.createReturn(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/returns',
    tags,
    permission: 'customer.read',
    summary:
      'Returns on customers in your scope (search q by number; filter customerId, orderId, from, to; sort returnDate|no|amountFen)',
    query: ReturnListQuery,
    response: pageOf(SalesReturn),
    handler: ({ actor, query }) => returnSvc.listReturns(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/returns/:id',
    tags,
    permission: 'customer.read',
    summary: 'One return with its lines',
    params: IdParams,
    response: SalesReturn,
    handler: ({ actor, params }) => returnSvc.getReturn(db, actor, params.id),
  });
}

function registerContractRoutes(app: FastifyInstance, db: Db) {
  const tags = ['contracts'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/contracts',
    tags,
    permission: 'customer.read',
    summary:
      'Contracts on customers in your scope (search q by number; filter customerId, ownerEmployeeId, status; sort no|signedOn|startOn|amountFen|status|createdAt)',
    query: ContractListQuery,
    response: pageOf(Contract),
    handler: ({ actor, query }) => contractSvc.listContracts(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/contracts/:id',
    tags,
    permission: 'customer.read',
    summary: 'One contract with its attachments',
    params: IdParams,
    response: Contract,
    handler: ({ actor, params }) => contractSvc.getContract(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/contracts',
    tags,
    permission: 'contract.manage',
    summary: 'Create a draft contract (number unique in the company; owner defaults to the customer’s owner)',
    body: CreateContractBody,
    response: Contract,
    handler: ({ actor, body }) => contractSvc.createContract(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/contracts/:id',
    tags,
    permission: 'contract.manage',
    summary: 'Change a draft contract, or the attachments of a live one (send the version you read)',
    params: IdParams,
    body: UpdateContractBody,
    response: Contract,
    handler: ({ actor, params, body }) => contractSvc.updateContract(db, actor, params.id, body),
  });
  for (const action of CONTRACT_ACTIONS) {
    route(app, db, {
      method: 'POST',
      url: `/api/v1/contracts/:id/${action}`,
      tags,
      permission: action === 'approve' || action === 'reject' ? 'contract.approve' : 'contract.manage',
      summary: CONTRACT_ACTION_SUMMARY[action],
      params: IdParams,
      body: ContractActionBody,
      response: Contract,
      successStatus: 200,
      handler: ({ actor, params, body }) =>
        contractSvc.transitionContract(db, actor, params.id, action, body),
    });
  }
}
