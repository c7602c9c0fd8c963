// next-auth configuration: email + password, plus an optional OpenID Connect
// provider switched on by AUTH_OIDC_ISSUER / AUTH_OIDC_ID / AUTH_OIDC_SECRET.
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/server/db";
import { checkSignIn, oidcAccount, oidcSignInAllowed, type OidcProfile } from "./accounts";
import { authSecret } from "./secret";
import { checkSession, claimsAtSignIn, type SessionClaims } from "./session-state";
import { clearLinkIntent, readLinkIntent } from "./oidc-link";
import { clientAddressFromRecord } from "@/server/request/client-address";
import { sameOriginUrl } from "@/lib/net/redirect";
import { isDatabaseDown } from "@/server/errors";
import { config } from "@/server/config";

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_ID: clientId, AUTH_OIDC_SECRET: clientSecret } = config();
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: config().AUTH_OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    profile(p) {
      return { id: p.sub, name: p.name ?? p.preferred_username ?? p.email ?? "", email: p.email ?? "" };
    },
  };
}

export const oidcEnabled = () => oidcProvider() !== null;

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // Never log credentials; keep next-auth's own noise to one line.
    error: (code) => console.error(`sash: auth error ${code}`),
    warn: () => {},
    debug: () => {},
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "");
        const password = String(credentials?.password ?? "");
        const outcome = await checkSignIn(
          await getDb(),
          email,
          password,
          clientAddressFromRecord(req?.headers as Record<string, unknown>),
        );
        if (!outcome.ok) {
          if (outcome.reason === "RATE_LIMITED") throw new Error("RATE_LIMITED");
          if (outcome.reason === "ACCOUNT_DISABLED") throw new Error("ACCOUNT_DISABLED");
          return null;
        }
        return outcome.user;
      },
    }),
    ...(oidcProvider() ? [oidcProvider()!] : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider === "oidc") {
        const p = profile as OidcProfile | undefined;
        if (!p?.sub || !p.email) return false;
        // Issue #25 §1: an existing account is linked only for its signed-in learner who pressed "Connect".
        const allowed = await oidcSignInAllowed(
          await getDb(),
          config().AUTH_OIDC_ISSUER ?? "",
          p,
          await readLinkIntent(),
        );
        return allowed ? true : "/sign-in?error=OIDC_LINK_REFUSED";
      }
      return true;
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "oidc" && profile) {
        const u = await oidcAccount(
          await getDb(),
          config().AUTH_OIDC_ISSUER ?? "",
          profile as OidcProfile,
          await readLinkIntent(),
        );
        await clearLinkIntent();
        token.uid = u.id;
        token.name = u.name;
        token.email = u.email;
        Object.assign(token, await claimsAtSignIn(await getDb(), u.id));
      } else if (user) {
        token.uid = user.id;
        Object.assign(token, await claimsAtSignIn(await getDb(), user.id));
      }
      return token;
    },
    async session({ session, token }) {
      // Checked on every request (issue #21 §2): an ended session (account gone, or signed out everywhere) has no user.
      // With the database unreachable the check can't be made: the session says so (getCurrentUser
      // answers DATABASE_UNAVAILABLE, one plain sentence) instead of throwing, which would make
      // next-auth drop the learner's session cookie — an outage must not sign everyone out.
      let current: Awaited<ReturnType<typeof checkSession>>;
      try {
        current = await checkSession(await getDb(), token as SessionClaims);
      } catch (e) {
        if (isDatabaseDown(e)) return { expires: session.expires, databaseUnavailable: true } as typeof session;
        throw e;
      }
      if (!current) return { expires: session.expires } as typeof session;
      session.user = { ...session.user, name: current.name, email: current.email };
      Object.assign(session.user, { id: current.id, signedInAt: current.signedInAt, hasPassword: current.hasPassword });
      return session;
    },
    async redirect({ url, baseUrl }) {
      // Only same-origin redirects (no open redirect through callbackUrl): parsed as the browser will.
      return sameOriginUrl(url, baseUrl);
    },
  },
};
