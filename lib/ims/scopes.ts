// The OAuth 2.0 scopes of the 1EdTech APIs Sash serves as a host (issue #22 §1), as full URIs exactly as the
// specifications write them: Open Badges 3.0 (OB 3.0 §6.2 and its OpenAPI file's OAuth2ACG scopes), CLR 2.0
// (the same four under /spec/clr/v2p0/scope/), and Open Badges 2.1 Badge Connect (OB 2.1 §"Scopes").
// The authorization server (server/oauth) grants them; server/ims checks one per operation.

const OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/scope/";
const CLR2 = "https://purl.imsglobal.org/spec/clr/v2p0/scope/";
const OB21 = "https://purl.imsglobal.org/spec/ob/v2p1/scope/";

/** The four scopes of a 1EdTech "host" API (OB 3.0 or CLR 2.0), by operation. */
export interface HostApiScopes {
  credentialReadonly: string;
  credentialUpsert: string;
  profileReadonly: string;
  profileUpdate: string;
}

export const OB3_SCOPES: HostApiScopes = {
  credentialReadonly: `${OB3}credential.readonly`,
  credentialUpsert: `${OB3}credential.upsert`,
  profileReadonly: `${OB3}profile.readonly`,
  profileUpdate: `${OB3}profile.update`,
};

export const CLR2_SCOPES: HostApiScopes = {
  credentialReadonly: `${CLR2}credential.readonly`,
  credentialUpsert: `${CLR2}credential.upsert`,
  profileReadonly: `${CLR2}profile.readonly`,
  profileUpdate: `${CLR2}profile.update`,
};

export const OB21_SCOPES = {
  assertionReadonly: `${OB21}assertion.readonly`,
  assertionCreate: `${OB21}assertion.create`,
  profileReadonly: `${OB21}profile.readonly`,
} as const;

/** What each scope lets a client do, in the words the OpenAPI files use (the discovery documents list them). */
export function hostScopeDescriptions(scopes: HostApiScopes, what: string): Record<string, string> {
  return {
    [scopes.credentialReadonly]: `Permission to read ${what} for the authenticated entity.`,
    [scopes.credentialUpsert]: `Permission to create or update ${what} for the authenticated entity.`,
    [scopes.profileReadonly]: "Permission to read the profile for the authenticated entity.",
    [scopes.profileUpdate]: "Permission to update the profile for the authenticated entity.",
  };
}
