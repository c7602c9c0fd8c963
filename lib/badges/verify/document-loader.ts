// A static JSON-LD document loader: every context Sash needs is bundled, and
// nothing is ever fetched while canonicalising (see contexts/README.md).
import * as credentialsContext from "@digitalbazaar/credentials-context";
import * as dataIntegrityContext from "@digitalbazaar/data-integrity-context";
import * as multikeyContext from "@digitalbazaar/multikey-context";
import * as bitstringStatusContext from "@digitalbazaar/vc-bitstring-status-list-context";
import * as statusList2021Context from "@digitalbazaar/vc-status-list-context";
import * as didContext from "did-context";
import * as ed25519Context from "ed25519-signature-2020-context";
import * as securityContext from "@digitalbazaar/security-context";

import ob300 from "./contexts/ob-v3p0-3.0.0.json";
import ob301 from "./contexts/ob-v3p0-3.0.1.json";
import ob302 from "./contexts/ob-v3p0-3.0.2.json";
import ob303 from "./contexts/ob-v3p0-3.0.3.json";
import obExtensions from "./contexts/ob-v3p0-extensions.json";
import clr200 from "./contexts/clr-v2p0.json";
import clr201 from "./contexts/clr-v2p0-2.0.1.json";
import openbadgesV2 from "./contexts/openbadges-v2.json";
import cidV1 from "./contexts/cid-v1.json";
import { AppError } from "../../errors";

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

type ContextModule = { contexts: Map<string, unknown> };

function fromPackages(...modules: unknown[]): Map<string, unknown> {
  const all = new Map<string, unknown>();
  for (const m of modules) {
    const contexts = (m as ContextModule).contexts ?? (m as { default?: ContextModule }).default?.contexts;
    if (!contexts) throw new Error("A bundled JSON-LD context package has no `contexts` map.");
    for (const [url, doc] of contexts) all.set(url, doc);
  }
  return all;
}

const BUNDLED: ReadonlyMap<string, unknown> = (() => {
  const map = fromPackages(
    credentialsContext,
    dataIntegrityContext,
    multikeyContext,
    bitstringStatusContext,
    statusList2021Context,
    didContext,
    ed25519Context,
    securityContext,
  );
  const OB = "https://purl.imsglobal.org/spec/ob/v3p0/";
  map.set(`${OB}context.json`, ob300);
  // Not an official URL, but issuers do write it for the 3.0 release context.
  map.set(`${OB}context-3.0.0.json`, ob300);
  map.set(`${OB}context-3.0.1.json`, ob301);
  map.set(`${OB}context-3.0.2.json`, ob302);
  map.set(`${OB}context-3.0.3.json`, ob303);
  map.set(`${OB}extensions.json`, obExtensions);
  map.set("https://purl.imsglobal.org/spec/clr/v2p0/context.json", clr200);
  map.set("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", clr201);
  map.set("https://w3id.org/openbadges/v2", openbadgesV2);
  map.set("https://openbadgespec.org/v2/context.json", openbadgesV2);
  // W3C Controlled Identifiers v1.0: controller documents (did:web, https keys) may name it (issue #20).
  map.set("https://www.w3.org/ns/cid/v1", cidV1);
  return map;
})();

/** URLs of every bundled context (for tests and diagnostics). */
export function bundledContextUrls(): string[] {
  return [...BUNDLED.keys()];
}

export function bundledContext(url: string): unknown | undefined {
  return BUNDLED.get(url);
}

export class UnknownContextError extends AppError {
  declare readonly code: "UNKNOWN_CONTEXT";
  readonly url: string;
  constructor(url: string) {
    super("UNKNOWN_CONTEXT", `The credential uses a JSON-LD document Sash doesn't have a copy of: ${url}`);
    this.name = "UnknownContextError";
    this.url = url;
  }
}

/**
 * The loader for jsonld.js. `extra` adds documents already resolved for this
 * one verification (the verification method), never anything fetched here.
 */
export function staticDocumentLoader(extra?: ReadonlyMap<string, unknown>): DocumentLoader {
  return async (url: string) => {
    const doc = BUNDLED.get(url) ?? extra?.get(url);
    if (doc === undefined) throw new UnknownContextError(url);
    return { contextUrl: null, documentUrl: url, document: doc };
  };
}
