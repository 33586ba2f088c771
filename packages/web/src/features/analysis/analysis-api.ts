import type {
  CreateMarketSizeBody,
  MarketAnalysis,
  MarketAnalysisQuery,
  MarketSize,
  MarketSizeListQuery,
  ProductAnalysis,
  ProductAnalysisQuery,
  UpdateMarketSizeBody,
} from '@zuzhang/api-schema';
import { http, type Page, type Query } from '../../app/api-client.ts';

/** A query as sent: every field optional, the server fills the defaults. */
type Sent<T> = { [K in keyof T]?: T[K] };
const q = (query: object): Query => ({ ...(query as Query) });
const id = (n: number) => encodeURIComponent(String(n));

/** Best sellers and slow movers, market share and coverage, and the market sizes they are read against. */
export const analysisApi = {
  products: (query: Sent<ProductAnalysisQuery>, signal?: AbortSignal) =>
    http.get<ProductAnalysis>('/api/v1/analysis/products', q(query), signal),
  market: (query: Sent<MarketAnalysisQuery>, signal?: AbortSignal) =>
    http.get<MarketAnalysis>('/api/v1/analysis/market', q(query), signal),
  marketSizes: (query: Sent<MarketSizeListQuery>, signal?: AbortSignal) =>
    http.get<Page<MarketSize>>('/api/v1/market-sizes', q(query), signal),
  createMarketSize: (body: CreateMarketSizeBody) => http.post<MarketSize>('/api/v1/market-sizes', body),
  updateMarketSize: (marketSizeId: number, body: UpdateMarketSizeBody) =>
    http.patch<MarketSize>(`/api/v1/market-sizes/${id(marketSizeId)}`, body),
  deleteMarketSize: (marketSizeId: number) => http.del<unknown>(`/api/v1/market-sizes/${id(marketSizeId)}`),
};
