// What the learner reads when an import can't go ahead, and what they can do next.
// Keyed by the stable SashError codes (lib/badges/errors.ts) plus the wallet's own.
import { DATABASE_UNAVAILABLE_MESSAGE } from "../errors";
// Limits come from lib/wallet/rules.ts, so the words always match the checks.
import { MAX_CLR_CREDENTIALS, MAX_PAYLOAD_BYTES, megabytes } from "@/lib/badges/limits";
import { MAX_UPLOAD_SIZE_TEXT } from "./rules";

export interface ImportProblem {
  code: string;
  heading: string;
  message: string;
  /** The way forward, in words; the UI pairs it with the matching control. */
  next: string;
  /** Whether the UI should offer the empty form for typing the details in. */
  offerManual: boolean;
}

const PROBLEMS: Record<string, Omit<ImportProblem, "code">> = {
  NO_BADGE_DATA: {
    heading: "This image holds no badge data",
    message:
      "The picture is fine, but the badge details that issuers hide inside the file aren't there. This often happens with photos saved to an iPhone or iPad: since iOS 16 the Photos app strips that data.",
    next: "If you can, download the badge again and save it to the Files app instead of Photos, then upload that copy. Or fill in the details below yourself — we'll keep your image as the credential's picture.",
    offerManual: true,
  },
  UNSUPPORTED_FILE: {
    heading: "This isn't a PNG or SVG badge image",
    message:
      "Sash reads Open Badges baked into PNG or SVG images. Photos (JPEG, HEIC), PDFs and other files don't carry badge data.",
    next: "Download the badge from your issuer as a PNG or SVG and choose that file, or import it by its web address.",
    offerManual: true,
  },
  CORRUPT_IMAGE: {
    heading: "This image file is damaged",
    message: "The file ends early or part of it is broken, so its badge data can't be read.",
    next: "Download the badge again from your issuer and upload the new copy.",
    offerManual: true,
  },
  PAYLOAD_TOO_LARGE: {
    heading: "This file is too large",
    message: `Badge images can be up to ${MAX_UPLOAD_SIZE_TEXT}, and the badge data inside at most ${megabytes(MAX_PAYLOAD_BYTES)}.`,
    next: "Download the badge again from your issuer (the original file is usually much smaller), or import it by its web address.",
    offerManual: false,
  },
  INVALID_PAYLOAD: {
    heading: "This isn't Open Badge data",
    message: "We found data, but it isn't an Open Badges assertion or credential we can read.",
    next: "Check you copied the whole badge (JSON or token), try the badge's web address instead, or enter the details yourself.",
    offerManual: true,
  },
  REMOTE_UNAVAILABLE: {
    heading: "We couldn't reach the issuer",
    message:
      "This badge keeps its details on the issuer's website, and that site didn't answer in time or refused the request.",
    next: "Try again in a little while, or enter the details yourself.",
    offerManual: true,
  },
  CLR_NESTED: {
    heading: "This learner record holds another record",
    message: "Sash reads a learner record and the credentials in it, but not a learner record inside another one.",
    next: "Ask the issuer for the inner record on its own, or add its credentials one by one.",
    offerManual: false,
  },
  CLR_TOO_LARGE: {
    heading: "This learner record is too large",
    message: `Sash reads up to ${MAX_CLR_CREDENTIALS} credentials from one learner record.`,
    next: "Ask the issuer for a smaller record (for example one per programme or year).",
    offerManual: false,
  },
  UPLOAD_FAILED: {
    heading: "The upload didn't finish",
    message: "The connection dropped before the whole file arrived.",
    next: "Check your connection and choose the file again.",
    offerManual: false,
  },
  UNAUTHENTICATED: {
    heading: "Your session has ended",
    message: "You've been signed out.",
    next: "Sign in again, then add the badge.",
    offerManual: false,
  },
  DATABASE_UNAVAILABLE: {
    heading: "Nothing was added",
    message: DATABASE_UNAVAILABLE_MESSAGE,
    next: "Your file is still on your device; add it again in a minute.",
    offerManual: false,
  },
  INTERNAL: {
    heading: "Something went wrong on our side",
    message: "We couldn't finish adding this badge.",
    next: "If it keeps happening, enter the details yourself, or quote the reference when you ask for help.",
    offerManual: true,
  },
  NOT_FOUND: {
    heading: "This upload has expired",
    message: "Uploads wait an hour for you to submit them.",
    next: "Add the badge again.",
    offerManual: false,
  },
};

const FALLBACK: Omit<ImportProblem, "code"> = {
  heading: "Something went wrong",
  message: "We couldn't read this badge because of a problem on our side.",
  next: "Please try again. If it keeps happening, enter the details yourself.",
  offerManual: true,
};

export function importProblem(code: string): ImportProblem {
  return { code, ...(PROBLEMS[code] ?? FALLBACK) };
}
