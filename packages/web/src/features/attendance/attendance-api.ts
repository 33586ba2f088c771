import type {
  AttendanceImportBody,
  AttendanceImportResult,
  AttendanceListQuery,
  AttendanceRecord,
  AttendanceSummaryRow,
  CalendarDayKind,
  CalendarYear,
  PutAttendanceBody,
} from '@zuzhang/api-schema';
import { http, type Page } from '../../app/api-client.ts';

type Sent<T> = { [K in keyof T]?: T[K] };
const q = <T extends object>(query: T) => query as Record<string, string | number | undefined>;

/** Attendance (考勤) and the working-day calendar (法定节假日 / 调休上班日). */
export const attendanceApi = {
  list: (query: Sent<AttendanceListQuery>, signal?: AbortSignal) =>
    http.get<Page<AttendanceRecord>>('/api/v1/attendance', q(query), signal),
  summary: (query: { month: string; employeeId?: number }, signal?: AbortSignal) =>
    http.get<AttendanceSummaryRow[]>('/api/v1/attendance/summary', q(query), signal),
  put: (body: Sent<PutAttendanceBody> & Pick<PutAttendanceBody, 'employeeId' | 'day' | 'status'>) =>
    http.put<AttendanceRecord>('/api/v1/attendance', body),
  import: (body: Sent<AttendanceImportBody> & Pick<AttendanceImportBody, 'fileName' | 'contentBase64'>) =>
    http.post<AttendanceImportResult>('/api/v1/attendance/import', body),
  calendar: {
    get: (year: number, signal?: AbortSignal) => http.get<CalendarYear>('/api/v1/calendar', { year }, signal),
    putDay: (day: string, kind: CalendarDayKind, name: string) =>
      http.put<CalendarYear>(`/api/v1/calendar/days/${encodeURIComponent(day)}`, { kind, name }),
    removeDay: (day: string) => http.del<unknown>(`/api/v1/calendar/days/${encodeURIComponent(day)}`),
    load: (year: number) => http.post<CalendarYear>('/api/v1/calendar/load', { year }),
  },
};
