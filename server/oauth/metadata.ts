// RFC 8414 authorization server metadata (GET /.well-known/oauth-authorization-server, rewritten in next.config.ts to
// app/oauth/metadata): where Sash's OAuth 2.0 endpoints are and what they support, for clients that discover the
// authorization server generically (the OB 3.0 / CLR 2.0 discovery documents and the OB 2.1 manifest name the same
// endpoints). The issuer identifier is the public origin (no path), so the metadata's address is the origin's.
import { publicOrigin } from "@/server/request/origin";
import { policyUrls } from "@/lib/ims/discovery";
import { ALL_SCOPES, oauthEndpoints } from "./scopes";

/** Client authentication methods the token and revocation endpoints accept (RFC 6749 §2.3.1). */
export const CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;

export function authorizationServerMetadata(origin: string): Record<string, unknown> {
  const o = origin.replace(/\/+$/, "");
  const e = oauthEndpoints(o);
  const { termsOfService, privacyPolicy } = policyUrls(o);
  return {
    issuer: o,
    authorization_endpoint: e.authorizationUrl,
    token_endpoint: e.tokenUrl,
    registration_endpoint: e.registrationUrl,
    revocation_endpoint: e.revocationUrl,
    scopes_supported: [...ALL_SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
    revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS],
    code_challenge_methods_supported: ["S256"],
    service_documentation: `${o}/ims/ob/v3p0/discovery`,
    op_policy_uri: privacyPolicy,
    op_tos_uri: termsOfService,
  };
}

/** The metadata document on `origin` (the process's public origin unless given). */
export function handleMetadata(origin: string = publicOrigin()): Response {
  return new Response(JSON.stringify(authorizationServerMetadata(origin)), {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-content-type-options": "nosniff",
      "cache-control": "public, max-age=300",
    },
  });
}
