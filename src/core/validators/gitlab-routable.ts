// GitLab routable tokens (GitLab 17.x+, `lib/authn/token_field/generator/routable_token.rb`):
//   <prefix><base64url payload>.<version: 2 base36>.<payload length: 2 base36><crc: 7 base36>
// where crc = crc32 of everything before it, prefix included. Rules match from the type prefix
// (`glpat-`), but instances may put their own prefix in front (`ACME-glpat-…`) and into the crc, so a
// crc mismatch is `unknown`; a length field that cannot fit the token is `invalid`. Legacy tokens
// (`glpat-` + 20 chars) have no checksum and are `unknown`.
import { nodeZlib } from '../builtins.ts';
import type { Verdict } from './verdict.ts';

const ROUTABLE = /^([A-Za-z0-9_-]+)\.[0-9a-z]{2}\.([0-9a-z]{2})([0-9a-z]{7})$/;

/** `valid` when the crc32 matches, `invalid` when the length field cannot fit, `unknown` otherwise. */
export function gitlabRoutable(secret: string): Verdict {
  const m = ROUTABLE.exec(secret);
  if (!m) return 'unknown';
  const [, head = '', lengthField = '', crc = ''] = m;
  // The length field counts the payload only: what is left in front must be a prefix like `glpat-`.
  const prefixLength = head.length - parseInt(lengthField, 36);
  if (prefixLength < 2 || !/[-_]$/.test(head.slice(0, prefixLength))) return 'invalid';
  const signed = secret.slice(0, -7);
  return nodeZlib().crc32(signed).toString(36).padStart(7, '0') === crc ? 'valid' : 'unknown';
}

/** Builds a routable token from a prefix and a base64url payload. Used by example generators. */
export function withRoutableCrc(prefix: string, payload: string): string {
  const head = `${prefix}${payload}.01.${payload.length.toString(36).padStart(2, '0')}`;
  return head + nodeZlib().crc32(head).toString(36).padStart(7, '0');
}
