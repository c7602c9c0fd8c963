// The one wrapper every server action goes through: parse FormData with zod,
// read the session on the server, map failures to a stable code + message.
import "server-only";
import { z } from "zod";
import { getCurrentUser, type SessionUser } from "./auth/session";
import { AppError, type ErrorCode } from "@/lib/errors";
import { isNextControlFlow, toPublicFailure } from "./errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      fieldErrors?: Record<string, string>;
      values?: Record<string, string>;
    };

/** Thrown inside an action for an expected, learner-facing failure (always exposed). */
export class ActionError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(code, message, { expose: true });
    this.name = "ActionError";
  }
}

function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    if (k in out) {
      const cur = out[k];
      out[k] = Array.isArray(cur) ? [...cur, v] : [cur, v];
    } else out[k] = v;
  }
  return out;
}

function echoValues(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries())
    if (typeof v === "string" && !/password/i.test(k) && !k.startsWith("$ACTION")) out[k] = v.slice(0, 10_000);
  return out;
}

function zodFieldErrors(err: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = String(issue.path[0] ?? "form");
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

type Handler<S extends z.ZodType, R, U> = (input: z.infer<S>, user: U, formData: FormData) => Promise<R>;

function wrap<S extends z.ZodType, R, U>(schema: S, needUser: boolean, fn: Handler<S, R, U>) {
  return async (_prev: ActionResult<R> | null, formData: FormData): Promise<ActionResult<R>> => {
    let user: SessionUser | null = null;
    if (needUser) {
      try {
        user = await getCurrentUser();
      } catch (e) {
        // The session check reads the account (issue #21 §2): the database down answers as it does elsewhere.
        if (isNextControlFlow(e)) throw e;
        const failure = toPublicFailure(e, "server action");
        return { ok: false, code: failure.code, message: failure.message, values: echoValues(formData) };
      }
      if (!user)
        return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Please sign in again." };
    }
    const parsed = schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      return {
        ok: false,
        code: "INVALID_INPUT",
        message: "Please check the highlighted fields.",
        fieldErrors: zodFieldErrors(parsed.error),
        values: echoValues(formData),
      };
    }
    try {
      return { ok: true, data: await fn(parsed.data, user as U, formData) };
    } catch (e) {
      // Next.js control flow (redirect/notFound) must propagate.
      if (isNextControlFlow(e)) throw e;
      if (e instanceof ActionError) {
        return {
          ok: false,
          code: e.code,
          message: e.message,
          fieldErrors: e.fieldErrors,
          values: echoValues(formData),
        };
      }
      // Only exposed messages reach the learner; anything else is logged under a reference.
      const failure = toPublicFailure(e, "server action");
      return { ok: false, code: failure.code, message: failure.message, values: echoValues(formData) };
    }
  };
}

/** A server action for signed-in learners. */
export function authedAction<S extends z.ZodType, R>(schema: S, fn: Handler<S, R, SessionUser>) {
  return wrap(schema, true, fn);
}

/** A server action open to signed-out visitors (sign-up). */
export function publicAction<S extends z.ZodType, R>(schema: S, fn: Handler<S, R, null>) {
  return wrap(schema, false, fn);
}
