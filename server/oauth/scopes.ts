// The scopes of the 1EdTech APIs Sash hosts (issue #22 §1), as the specifications spell them: Open Badges 3.0
// (§ "Open Badges API", scopes under https://purl.imsglobal.org/spec/ob/v3p0/scope/), CLR 2.0 (the same four under
// https://purl.imsglobal.org/spec/clr/v2p0/scope/) and Open Badges 2.1 Badge Connect (assertion.readonly,
// assertion.create, profile.readonly, profile.update under https://purl.imsglobal.org/spec/ob/v2p1/scope/), each with
// the plain words the consent page and /account show. And the OAuth endpoints' URLs, for the discovery documents.

const OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/scope/";
const CLR2 = "https://purl.imsglobal.org/spec/clr/v2p0/scope/";
const OB21 = "https://purl.imsglobal.org/spec/ob/v2p1/scope/";

export const OAUTH_SCOPES = {
  ob3: {
    credentialReadonly: `${OB3}credential.readonly`,
    credentialUpsert: `${OB3}credential.upsert`,
    profileReadonly: `${OB3}profile.readonly`,
    profileUpdate: `${OB3}profile.update`,
  },
  clr2: {
    credentialReadonly: `${CLR2}credential.readonly`,
    credentialUpsert: `${CLR2}credential.upsert`,
    profileReadonly: `${CLR2}profile.readonly`,
    profileUpdate: `${CLR2}profile.update`,
  },
  ob21: {
    assertionReadonly: `${OB21}assertion.readonly`,
    assertionCreate: `${OB21}assertion.create`,
    profileReadonly: `${OB21}profile.readonly`,
    profileUpdate: `${OB21}profile.update`,
  },
} as const;

/** Each scope Sash grants, in plain words (what the application may do in the learner's wallet). */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [OAUTH_SCOPES.ob3.credentialReadonly]: "See the Open Badges 3.0 badges in your wallet",
  [OAUTH_SCOPES.ob3.credentialUpsert]: "Add Open Badges 3.0 badges to your wallet, or replace ones it added",
  [OAUTH_SCOPES.ob3.profileReadonly]: "See your name (your Open Badges profile)",
  [OAUTH_SCOPES.ob3.profileUpdate]: "Change your name (your Open Badges profile)",
  [OAUTH_SCOPES.clr2.credentialReadonly]: "See the learner records (CLR 2.0 transcripts) in your wallet",
  [OAUTH_SCOPES.clr2.credentialUpsert]:
    "Add learner records (CLR 2.0 transcripts) to your wallet, or replace ones it added",
  [OAUTH_SCOPES.clr2.profileReadonly]: "See your name (your learner record profile)",
  [OAUTH_SCOPES.clr2.profileUpdate]: "Change your name (your learner record profile)",
  [OAUTH_SCOPES.ob21.assertionReadonly]: "See the Open Badges 2 badges in your wallet",
  [OAUTH_SCOPES.ob21.assertionCreate]: "Add Open Badges 2 badges to your wallet",
  [OAUTH_SCOPES.ob21.profileReadonly]: "See your name and email address (your Open Badges 2 profile)",
  [OAUTH_SCOPES.ob21.profileUpdate]: "Change your name (your Open Badges 2 profile)",
};

/** Every scope Sash knows, in a stable order. */
export const ALL_SCOPES: readonly string[] = Object.keys(SCOPE_DESCRIPTIONS);

export function isKnownScope(scope: string): boolean {
  return Object.prototype.hasOwnProperty.call(SCOPE_DESCRIPTIONS, scope);
}

/** A scope's plain words (the URI itself for one Sash doesn't know). */
export function describeScope(scope: string): string {
  return isKnownScope(scope) ? SCOPE_DESCRIPTIONS[scope]! : scope;
}

/** The scopes of one API, for its discovery document. */
export function scopesOf(api: keyof typeof OAUTH_SCOPES): string[] {
  return Object.values(OAUTH_SCOPES[api]);
}

export interface OAuthEndpoints {
  registrationUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** The token endpoint again: refresh is grant_type=refresh_token there. */
  refreshUrl: string;
  revocationUrl: string;
}

/** The authorization server's URLs under Sash's public origin (pass publicOrigin()). */
export function oauthEndpoints(origin: string): OAuthEndpoints {
  const o = origin.replace(/\/+$/, "");
  return {
    registrationUrl: `${o}/oauth/register`,
    authorizationUrl: `${o}/oauth/authorize`,
    tokenUrl: `${o}/oauth/token`,
    refreshUrl: `${o}/oauth/token`,
    revocationUrl: `${o}/oauth/revoke`,
  };
}
