// Validity period: OB 2.0 `issuedOn`/`expires`, VC 1.1 `issuanceDate`/
// `expirationDate`, VC 2.0 §4.9 `validFrom`/`validUntil`, JWT `nbf`/`exp`.
import { formatDate, parseDate, type Outcome } from "./util";

/** Clocks disagree a little; a credential issued seconds "in the future" is not a forgery. */
const SKEW_MS = 5 * 60 * 1000;

export interface ValidityDates {
  /** Raw values, as found; the first parseable one of each list is used. */
  from: unknown[];
  until: unknown[];
}

function first(values: unknown[]): { date: Date | null; bad: boolean } {
  let bad = false;
  for (const v of values) {
    if (v === null || v === undefined || v === "") continue;
    const d = parseDate(v);
    if (d) return { date: d, bad };
    bad = true;
  }
  return { date: null, bad };
}

export function checkExpiry(dates: ValidityDates, now: Date): Outcome {
  const from = first(dates.from);
  const until = first(dates.until);
  if (until.date && until.date.getTime() < now.getTime() - SKEW_MS) {
    return { status: "fail", message: `This credential expired on ${formatDate(until.date)}.` };
  }
  if (from.date && from.date.getTime() > now.getTime() + SKEW_MS) {
    return {
      status: "fail",
      message: `This credential isn't valid yet: it only takes effect on ${formatDate(from.date)}.`,
    };
  }
  if (from.bad || until.bad)
    return {
      status: "warn",
      message: "The credential's dates can't be read, so Sash can't tell whether it is still valid.",
    };
  if (until.date)
    return {
      status: "pass",
      message: `The credential is within its validity period (it expires on ${formatDate(until.date)}).`,
    };
  return { status: "pass", message: "The credential has no expiry date and is already in effect." };
}
