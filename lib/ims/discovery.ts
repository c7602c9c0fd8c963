// The discovery documents of the APIs Sash hosts (issue #22 §1), pure: built from the public origin and the
// authorization server's endpoints (server/oauth oauthEndpoints).
//
// - Open Badges 3.0 and CLR 2.0: the ServiceDescriptionDocument (OB 3.0 §6.3 "Service Discovery Endpoint",
//   ServiceDescriptionDocument / OpenApiInfo / OpenApiComponents / OpenApiOAuth2SecurityScheme): an OpenAPI 3.0
//   document with info (title, version, termsOfService, x-imssf-privacyPolicyUrl, x-imssf-image) and
//   components.securitySchemes.OAuth2ACG (x-imssf-registrationUrl, flows.authorizationCode with authorizationUrl,
//   tokenUrl, refreshUrl and the scopes), plus the paths Sash serves.
// - Open Badges 2.1 Badge Connect: the Manifest (OB 2.1 "Badge Connect API Discovery": @context, id, type,
//   badgeConnectAPI[] with name, image, apiBase, version "v2p1", scopesOffered, registrationUrl, authorizationUrl,
//   tokenUrl, tokenRevocationUrl, termsOfServiceUrl, privacyPolicyUrl) — what Moodle reads from
//   <base>/.well-known/badgeconnect.json.
import { CLR2_SCOPES, hostScopeDescriptions, OB21_SCOPES, OB3_SCOPES, type HostApiScopes } from "./scopes";

export interface OAuthEndpoints {
  registrationUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  refreshUrl: string;
  revocationUrl: string;
}

export const SASH_API_NAME = "Sash";

/** Where the host's terms and privacy policy for connected applications are (app/ims/policy). */
export function policyUrls(origin: string): { termsOfService: string; privacyPolicy: string } {
  return { termsOfService: `${origin}/ims/policy#terms`, privacyPolicy: `${origin}/ims/policy#privacy` };
}

export type HostApi = "ob3" | "clr2";

interface HostApiShape {
  base: string;
  version: string;
  title: string;
  scopes: HostApiScopes;
  what: string;
}

const HOST_APIS: Record<HostApi, HostApiShape> = {
  ob3: {
    base: "/ims/ob/v3p0",
    version: "3.0",
    title: "Open Badges API",
    scopes: OB3_SCOPES,
    what: "OpenBadgeCredentials",
  },
  clr2: {
    base: "/ims/clr/v2p0",
    version: "2.0",
    title: "Comprehensive Learner Record API",
    scopes: CLR2_SCOPES,
    what: "ClrCredentials",
  },
};

export function hostApiBase(api: HostApi): string {
  return HOST_APIS[api].base;
}

function operation(operationId: string, scope: string | null, summary: string): Record<string, unknown> {
  return {
    operationId,
    summary,
    ...(scope ? { security: [{ OAuth2ACG: [scope] }] } : { security: [] }),
  };
}

/** The ServiceDescriptionDocument of the OB 3.0 or CLR 2.0 API on `origin`. */
export function serviceDescription(api: HostApi, origin: string, oauth: OAuthEndpoints): Record<string, unknown> {
  const shape = HOST_APIS[api];
  const { termsOfService, privacyPolicy } = policyUrls(origin);
  const s = shape.scopes;
  return {
    openapi: "3.0.1",
    info: {
      title: `${SASH_API_NAME} — ${shape.title}`,
      description: `${SASH_API_NAME} is a learner credential wallet; this is its ${shape.title} ${shape.version} in the host role.`,
      version: shape.version,
      termsOfService,
      "x-imssf-image": `${origin}/icon-512.png`,
      "x-imssf-privacyPolicyUrl": privacyPolicy,
    },
    servers: [{ url: `${origin}${shape.base}` }],
    paths: {
      "/credentials": {
        get: operation("getCredentials", s.credentialReadonly, "The learner's credentials, paged."),
        post: operation(
          "upsertCredential",
          s.credentialUpsert,
          "Add a credential to the learner's wallet, or replace it.",
        ),
      },
      "/profile": {
        get: operation("getProfile", s.profileReadonly, "The learner's profile."),
        put: operation("putProfile", s.profileUpdate, "Update the learner's profile (the name)."),
      },
      "/discovery": { get: operation("getServiceDescription", null, "This document.") },
    },
    components: {
      securitySchemes: {
        OAuth2ACG: {
          type: "oauth2",
          description: "OAuth 2.0 Authorization Code Grant authorization (PKCE S256)",
          "x-imssf-name": SASH_API_NAME,
          "x-imssf-privacyPolicyUrl": privacyPolicy,
          "x-imssf-registrationUrl": oauth.registrationUrl,
          "x-imssf-termsOfServiceUrl": termsOfService,
          flows: {
            authorizationCode: {
              authorizationUrl: oauth.authorizationUrl,
              tokenUrl: oauth.tokenUrl,
              refreshUrl: oauth.refreshUrl,
              scopes: hostScopeDescriptions(s, shape.what),
            },
          },
        },
      },
    },
  };
}

export const OB21_API_BASE = "/ims/ob/v2p1";

/** The Badge Connect Manifest of the OB 2.1 API on `origin` (also served at /.well-known/badgeconnect.json). */
export function badgeConnectManifest(origin: string, oauth: OAuthEndpoints): Record<string, unknown> {
  const { termsOfService, privacyPolicy } = policyUrls(origin);
  return {
    "@context": "https://w3id.org/openbadges/badgeconnect/v1",
    id: `${origin}/.well-known/badgeconnect.json`,
    type: "Manifest",
    badgeConnectAPI: [
      {
        id: `${origin}${OB21_API_BASE}/discovery`,
        type: "BadgeConnectAPI",
        name: SASH_API_NAME,
        image: `${origin}/icon-512.png`,
        apiBase: `${origin}${OB21_API_BASE}`,
        version: "v2p1",
        // Order matters: Moodle's badges OAuth client leaves the first scope out of its authorization request (a PHP
        // array_search/unset slip), so the first is one it can do without, never assertion.create.
        scopesOffered: [OB21_SCOPES.assertionReadonly, OB21_SCOPES.assertionCreate, OB21_SCOPES.profileReadonly],
        registrationUrl: oauth.registrationUrl,
        authorizationUrl: oauth.authorizationUrl,
        tokenUrl: oauth.tokenUrl,
        tokenRevocationUrl: oauth.revocationUrl,
        termsOfServiceUrl: termsOfService,
        privacyPolicyUrl: privacyPolicy,
      },
    ],
  };
}
