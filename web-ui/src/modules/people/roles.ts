// Roles as people call them, and who may manage whom.
import type { Role } from '../../api/types';

export const ROLES: readonly Role[] = ['admin', 'operator', 'viewer'];

const ROLE_NAMES: Record<string, string> = {
  admin: 'Administrator',
  operator: 'Operator',
  viewer: 'Viewer (read-only)',
};

/** A role as people call it; roles this version does not know are shown as they are. */
export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role;
}

/** What a role may do, in one line (docs/security.md, "People and roles"). */
export const ROLE_SUMMARIES: Record<Role, string> = {
  admin: 'Everything, plus hosts and people',
  operator: 'Starts, types into and stops sessions on every host',
  viewer: 'Watches sessions and dashboards, read-only',
};

/** The rules the hub applies to a chosen password; null when it passes, else what is wrong. */
export function passwordProblem(username: string, password: string): string | null {
  if ([...password].length < 12) return 'At least 12 characters.';
  if (new TextEncoder().encode(password).length > 72) return 'At most 72 bytes (fewer with accented letters or emoji).';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(password)) return 'No control characters.';
  if (password.toLowerCase() === username.toLowerCase()) return 'Not the user name.';
  return null;
}

/** The rules the hub applies to a user name; null when it passes. */
export function userNameProblem(username: string): string | null {
  if (username.length === 0) return 'Give a user name.';
  if (username.length > 64) return 'At most 64 characters.';
  if (!/^[A-Za-z0-9._@-]+$/.test(username)) return 'Letters, digits, dots, underscores, dashes or @ only.';
  return null;
}
