// "Connect single sign-on" (issue #25 §1): a signed-in learner who confirms on
// /account gets a short-lived, signed, httpOnly cookie naming their account. When
// the provider sends them back, the OIDC callback links the new identity to that
// account — only while the same learner is still signed in (their session cookie
// says so). Nothing else links an identity to an existing account.
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { authSecret } from "./secret";

export const LINK_COOKIE = "sash-oidc-link";
export const LINK_TTL_MS = 10 * 60 * 1000;
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function mac(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`sash-oidc-link|${payload}`).digest("base64url");
}

/** The cookie's value: the account id and expiry, signed with the auth secret. */
export function signLinkIntent(userId: string, now: number, secret: string = authSecret()): string {
  const payload = `${userId}.${now + LINK_TTL_MS}`;
  return `${payload}.${mac(payload, secret)}`;
}

/** The account id in a cookie value, when its signature holds and it hasn't expired. */
export function verifyLinkIntent(value: string | undefined, now: number, secret: string = authSecret()): string | null {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [userId, exp, sig] = parts as [string, string, string];
  const want = Buffer.from(mac(`${userId}.${exp}`, secret));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  if (!/^\d+$/.test(exp) || Number(exp) <= now) return null;
  return userId;
}

/** Sets the cookie for the signed-in learner who pressed "Connect single sign-on". */
export async function issueLinkIntent(userId: string, secure: boolean): Promise<void> {
  (await cookies()).set(LINK_COOKIE, signLinkIntent(userId, Date.now()), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: LINK_TTL_MS / 1000,
  });
}

/** In the OIDC callback: the account to link to, when the cookie is valid and that learner is still signed in. */
export async function readLinkIntent(): Promise<string | null> {
  const jar = await cookies();
  const userId = verifyLinkIntent(jar.get(LINK_COOKIE)?.value, Date.now());
  if (!userId) return null;
  for (const name of SESSION_COOKIES) {
    const token = jar.get(name)?.value;
    if (!token) continue;
    try {
      const session = await decode({ token, secret: authSecret() });
      if (session?.uid === userId) return userId;
    } catch {
      // not a session of ours
    }
  }
  return null;
}

/** Used once: the callback drops the cookie. */
export async function clearLinkIntent(): Promise<void> {
  try {
    (await cookies()).delete(LINK_COOKIE);
  } catch {
    // outside a request that may set cookies
  }
}
