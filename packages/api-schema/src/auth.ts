import { z } from 'zod';
import { DataScope } from './org.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const ResetPasswordBody = z.strictObject({ newPassword: z.string().min(10).max(200) });
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

export const Locale = z.enum(['zh-CN', 'en-US']);
export type Locale = z.infer<typeof Locale>;

export const MeResponse = z.object({
  user: z.object({ id: z.number(), username: z.string(), locale: Locale, isAdmin: z.boolean() }),
  employee: z.object({ id: z.number(), name: z.string() }).nullable(),
  company: z.object({ id: z.number(), name: z.string(), timezone: z.string() }),
  positions: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      unitName: z.string(),
      kind: z.enum(['primary', 'concurrent']),
    }),
  ),
  permissions: z.array(z.string()),
  scope: z.object({ level: DataScope, employeeCount: z.number(), unitCount: z.number() }),
  actingFor: z.array(
    z.object({
      delegationId: z.number(),
      employeeId: z.number(),
      employeeName: z.string(),
      endDate: z.string(),
    }),
  ),
  csrfToken: z.string().nullable(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const CreateApiTokenBody = z.strictObject({ name: z.string().trim().min(1).max(80) });
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;
export const ApiToken = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
/** The secret is shown once, in this response only; the server keeps a hash. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });

export const UpdateLocaleBody = z.strictObject({ locale: Locale });
