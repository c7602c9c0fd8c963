// Minimal typings for the untyped JSON-LD / Data Integrity packages this folder uses.

declare module "@digitalbazaar/credentials-context";
declare module "@digitalbazaar/data-integrity-context";
declare module "@digitalbazaar/multikey-context";
declare module "@digitalbazaar/vc-bitstring-status-list-context";
declare module "@digitalbazaar/vc-status-list-context";
declare module "@digitalbazaar/security-context";
declare module "did-context";
declare module "ed25519-signature-2020-context";

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown; signer?: unknown; date?: Date | string; legacyContext?: boolean });
    verifyProof(options: {
      proof: Record<string, unknown>;
      document: Record<string, unknown>;
      proofSet?: unknown[];
      documentLoader: (url: string) => Promise<unknown>;
    }): Promise<{ verified: boolean; error?: Error }>;
    createVerifyData(options: {
      document: Record<string, unknown>;
      proof: Record<string, unknown>;
      documentLoader: (url: string) => Promise<unknown>;
    }): Promise<Uint8Array>;
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
    canonizeProof(proof: Record<string, unknown>, options: Record<string, unknown>): Promise<string>;
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    canonize: (input: unknown, options: Record<string, unknown>) => Promise<string>;
    createVerifier: (options: { verificationMethod: unknown }) => Promise<unknown>;
  };
}

declare module "@digitalbazaar/ed25519-signature-2020" {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string });
    verifyProof(options: {
      proof: Record<string, unknown>;
      document: Record<string, unknown>;
      documentLoader: (url: string) => Promise<unknown>;
      purpose?: unknown;
      proofSet?: unknown[];
    }): Promise<{ verified: boolean; error?: Error }>;
  }
}

declare module "@digitalbazaar/ed25519-multikey" {
  export interface Ed25519MultikeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { id: string; algorithm: string; sign(o: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      id: string;
      algorithm: string;
      verify(o: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<Record<string, unknown>>;
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyPair>;
  export function from(key: unknown): Promise<Ed25519MultikeyPair>;
}

declare module "@digitalbazaar/did-method-key" {
  export function driver(options?: unknown): {
    use(options: {
      multibaseMultikeyHeader: string;
      fromMultibase: (o: { publicKeyMultibase: string }) => Promise<unknown>;
    }): void;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
    fromKeyPair(options: { verificationKeyPair: unknown }): Promise<{ didDocument: Record<string, unknown> }>;
  };
}

declare module "jsonld-signatures" {
  const jsigs: {
    sign(document: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
    verify(document: unknown, options: Record<string, unknown>): Promise<{ verified: boolean; error?: unknown }>;
    purposes: {
      AssertionProofPurpose: new (options?: Record<string, unknown>) => unknown;
      AuthenticationProofPurpose: new (options?: { challenge?: string; domain?: string }) => unknown;
    };
  };
  export default jsigs;
}

declare module "@digitalbazaar/vc" {
  type Loader = (url: string) => Promise<unknown>;
  /** Derives a selective-disclosure credential (ecdsa-sd-2023) from one with a base proof. */
  export function derive(options: {
    verifiableCredential: Record<string, unknown>;
    suite: unknown;
    documentLoader: Loader;
  }): Promise<Record<string, unknown>>;
  export function createPresentation(options: {
    verifiableCredential?: unknown[];
    id?: string;
    holder?: string;
    version?: 1 | 2;
  }): Record<string, unknown>;
  export function signPresentation(options: {
    presentation: Record<string, unknown>;
    suite: unknown;
    documentLoader: Loader;
    challenge?: string;
    domain?: string;
    purpose?: unknown;
  }): Promise<Record<string, unknown>>;
  export function verify(options: {
    presentation: Record<string, unknown>;
    suite: unknown;
    documentLoader: Loader;
    challenge?: string;
    domain?: string;
    unsignedPresentation?: boolean;
    presentationPurpose?: unknown;
    checkStatus?: unknown;
  }): Promise<{
    verified: boolean;
    error?: unknown;
    presentationResult?: { verified: boolean; results?: unknown[] };
    credentialResults?: Array<{ verified: boolean; credentialId?: string; error?: unknown }>;
  }>;
  /** jsonld-signatures AssertionProofPurpose that also requires the credential's issuer to be the method's controller. */
  export class CredentialIssuancePurpose {
    constructor(options?: { controller?: Record<string, unknown>; date?: Date | string; maxTimestampDelta?: number });
    validate(
      proof: Record<string, unknown>,
      options: {
        document: Record<string, unknown>;
        suite: unknown;
        verificationMethod: Record<string, unknown>;
        documentLoader: (url: string) => Promise<unknown>;
      },
    ): Promise<{ valid: boolean; error?: Error }>;
  }
}

declare module "@digitalbazaar/ecdsa-rdfc-2019-cryptosuite" {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string[];
    canonize: (input: unknown, options: Record<string, unknown>) => Promise<string>;
    createVerifier: (options: { verificationMethod: unknown }) => Promise<unknown>;
  };
}

declare module "@digitalbazaar/ecdsa-sd-2023-cryptosuite" {
  type Cryptosuite = { name: string; requiredAlgorithm: string; createVerifier: unknown };
  export function createVerifyCryptosuite(options?: { requiredAlgorithm?: string }): Cryptosuite;
  export function createSignCryptosuite(options?: { mandatoryPointers?: string[] }): Cryptosuite;
  export function createDiscloseCryptosuite(options?: { selectivePointers?: string[] }): Cryptosuite;
}

declare module "@digitalbazaar/ecdsa-multikey" {
  export interface EcdsaMultikeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { id: string; algorithm: string; sign(o: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      id: string;
      algorithm: string;
      verify(o: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<Record<string, unknown>>;
  }
  export function generate(options: {
    curve: "P-256" | "P-384";
    id?: string;
    controller?: string;
  }): Promise<EcdsaMultikeyPair>;
  export function from(key: unknown): Promise<EcdsaMultikeyPair>;
}
