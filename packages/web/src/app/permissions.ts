/** Permission codes carried in MeResponse.permissions: the one list, shared with the server. */
export { PERMISSIONS, type Permission } from '@zuzhang/domain';
