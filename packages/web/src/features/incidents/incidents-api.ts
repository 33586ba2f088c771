import type {
  CreateIncidentBody,
  DecideIncidentBody,
  Incident,
  IncidentListQuery,
} from '@zuzhang/api-schema';
import { http, type Page } from '../../app/api-client.ts';

type Sent<T> = { [K in keyof T]?: T[K] };
const id = (n: number) => encodeURIComponent(String(n));
const q = <T extends object>(query: T) => query as Record<string, string | number | undefined>;

/** Incidents (奖罚): fines and rewards recorded by the superior, appealed by the employee. */
export const incidentsApi = {
  list: (query: Sent<IncidentListQuery>, signal?: AbortSignal) =>
    http.get<Page<Incident>>('/api/v1/incidents', q(query), signal),
  create: (body: CreateIncidentBody) => http.post<Incident>('/api/v1/incidents', body),
  appeal: (incidentId: number, reason: string, version: number) =>
    http.post<Incident>(`/api/v1/incidents/${id(incidentId)}/appeal`, { reason, version }),
  decide: (incidentId: number, body: Sent<DecideIncidentBody> & { version: number }) =>
    http.post<Incident>(`/api/v1/incidents/${id(incidentId)}/decide`, body),
};
