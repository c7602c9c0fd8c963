// What a credential takes from its badge data, and the checks on what the
// learner types (split from server/wallet/import.ts): dates, the badge's own
// image address (only when safe to show), the form's rules enforced again.
import { createHash } from "node:crypto";
import type { ParsedCredential } from "@/lib/badges/types";
import { credentialTextSchema } from "@/lib/wallet/rules";
import { WalletError } from "./errors";
import type { CredentialEdits, WalletContext } from "./types";

export function nowOf(ctx: WalletContext): Date {
  return ctx.now ? ctx.now() : new Date();
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const DATA_IMAGE = /^data:image\/(png|svg\+xml|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i;

/** The badge's own image reference, only when it is safe to put in an <img src>. */
export function safeImageUrl(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = v.trim();
  if (t.length <= 2048 && /^https:\/\/[^\s"'<>]+$/i.test(t)) return t;
  if (t.length <= 512 * 1024 && DATA_IMAGE.test(t)) return t;
  return null;
}

export function isoOrNull(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function dateOrNull(v: string | null | undefined): Date | null {
  const iso = isoOrNull(v);
  return iso ? new Date(iso) : null;
}

/** The forms' own rules (lib/wallet/rules.ts), enforced again for every caller of the service. */
export function validateEdits(edits: CredentialEdits): CredentialEdits {
  const parsed = credentialTextSchema.safeParse({ title: edits.title, description: edits.description });
  if (!parsed.success) throw new WalletError("INVALID_INPUT", parsed.error.issues[0]!.message);
  return { ...parsed.data, skills: edits.skills };
}

/** The columns a credential takes from its badge data (issuer, dates, criteria, ids), never from the form. */
export function credentialFields(record: ParsedCredential | null) {
  return {
    spec: record?.spec ?? null,
    externalId: record?.id ?? null,
    criteriaNarrative: record?.criteria?.narrative ?? null,
    criteriaUrl: record?.criteria?.url ?? null,
    issuerName: record?.issuer?.name ?? null,
    issuerUrl: record?.issuer?.url ?? record?.issuer?.id ?? null,
    issuerImage: safeImageUrl(record?.issuer?.image),
    imageUrl: safeImageUrl(record?.image),
    issuedOn: dateOrNull(record?.issuedOn),
    expires: dateOrNull(record?.expires),
  };
}
