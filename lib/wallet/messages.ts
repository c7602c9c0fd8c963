// What the learner reads when an import can't go ahead, and what they can do next. The
// message is the code's one learner wording (lib/errors/wording.ts, the same words the
// SashError or WalletError carries); this table adds only the add-credential flow's heading,
// its way forward and whether to offer the empty form.
import { LEARNER_WORDING, type LearnerErrorCode } from "../errors";

export interface ImportProblem {
  code: string;
  heading: string;
  message: string;
  /** The way forward, in words; the UI pairs it with the matching control. */
  next: string;
  /** Whether the UI should offer the empty form for typing the details in. */
  offerManual: boolean;
}

type Framing = Omit<ImportProblem, "code" | "message">;

const PROBLEMS: Partial<Record<LearnerErrorCode, Framing>> = {
  NO_BADGE_DATA: {
    heading: "This image holds no badge data",
    next: "If you can, download the badge again and save it to the Files app instead of Photos, then upload that copy. Or fill in the details below yourself — we'll keep your image as the credential's picture.",
    offerManual: true,
  },
  UNSUPPORTED_FILE: {
    heading: "This isn't a PNG or SVG badge image",
    next: "Download the badge from your issuer as a PNG or SVG and choose that file, or import it by its web address.",
    offerManual: true,
  },
  CORRUPT_IMAGE: {
    heading: "This image file is damaged",
    next: "Download the badge again from your issuer and upload the new copy.",
    offerManual: true,
  },
  PAYLOAD_TOO_LARGE: {
    heading: "This file is too large",
    next: "Download the badge again from your issuer (the original file is usually much smaller), or import it by its web address.",
    offerManual: false,
  },
  INVALID_PAYLOAD: {
    heading: "This isn't Open Badge data",
    next: "Check you copied the whole badge (JSON or token), try the badge's web address instead, or enter the details yourself.",
    offerManual: true,
  },
  REMOTE_UNAVAILABLE: {
    heading: "We couldn't reach the issuer",
    next: "Try again in a little while, or enter the details yourself.",
    offerManual: true,
  },
  CLR_NESTED: {
    heading: "This learner record holds another record",
    next: "Ask the issuer for the inner record on its own, or add its credentials one by one.",
    offerManual: false,
  },
  CLR_TOO_LARGE: {
    heading: "This learner record is too large",
    next: "Ask the issuer for a smaller record (for example one per programme or year).",
    offerManual: false,
  },
  UPLOAD_FAILED: {
    heading: "The upload didn't finish",
    next: "Check your connection and choose the file again.",
    offerManual: false,
  },
  UNAUTHENTICATED: {
    heading: "You've been signed out",
    next: "Sign in again, then add the badge.",
    offerManual: false,
  },
  DATABASE_UNAVAILABLE: {
    heading: "Nothing was added",
    next: "Your file is still on your device; add it again in a minute.",
    offerManual: false,
  },
  NOT_FOUND: {
    heading: "This upload has expired",
    next: "Uploads wait an hour for you to submit them: add the badge again.",
    offerManual: false,
  },
};

/** An unexpected failure: the learner's detail line carries "Something went wrong (reference X)". */
const INTERNAL: Omit<ImportProblem, "code"> = {
  heading: "Something went wrong on our side",
  message: "We couldn't finish adding this badge.",
  next: "If it keeps happening, enter the details yourself, or quote the reference when you ask for help.",
  offerManual: true,
};

const FALLBACK: Omit<ImportProblem, "code"> = {
  heading: "Something went wrong",
  message: "We couldn't read this badge because of a problem on our side.",
  next: "Please try again. If it keeps happening, enter the details yourself.",
  offerManual: true,
};

export function importProblem(code: string): ImportProblem {
  if (code === "INTERNAL") return { code, ...INTERNAL };
  const framing = Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code as LearnerErrorCode] : undefined;
  if (!framing) return { code, ...FALLBACK };
  return { code, ...framing, message: LEARNER_WORDING[code as LearnerErrorCode] };
}
