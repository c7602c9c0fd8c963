// Share slugs: 128 random bits, base64url (22 characters). Unguessable by design.
import { randomBytes } from "node:crypto";

export function newShareSlug(): string {
  return randomBytes(16).toString("base64url");
}

export const SHARE_SLUG_PATTERN = /^[A-Za-z0-9_-]{22}$/;
