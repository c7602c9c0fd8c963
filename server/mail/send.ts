// Outgoing mail (issue #11 §2). With SMTP_URL (smtp:// or smtps://) messages go
// out through nodemailer; without it each message is written as one .eml file to
// SASH_DATA_DIR/outbox/ and its path is logged, so the two-command setup needs
// no mail server. Messages are plain text: every value in them is ours or an
// address the learner typed. Header values (to, subject, from) never hold a line
// break or control character: such a message is refused before nodemailer builds it.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { configFrom, dataDirOf, type Env } from "@/server/config";
import { AppError } from "@/lib/errors";

/** Environment variables (process.env when omitted, or a plain object in tests); parsed by server/config.ts. */
export type { Env };

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * Extra header lines (issue #21 §3: `List-Unsubscribe` and `List-Unsubscribe-Post` for one-click
   * unsubscribe, RFC 8058). Names are letters, digits and dashes; values one line like the others.
   */
  headers?: Record<string, string>;
}

export interface SentMail {
  /** "smtp" or "outbox". */
  via: "smtp" | "outbox";
  messageId: string;
  /** The .eml file, for the outbox. */
  file?: string;
}

export class MailConfigError extends AppError {
  declare readonly code: "MAIL_CONFIG";
  constructor(message: string) {
    super("MAIL_CONFIG", message);
    this.name = "MailConfigError";
  }
}

export const DEFAULT_FROM = "Sash <no-reply@sash.invalid>";

export function mailFrom(env?: Env): string {
  return configFrom(env).SMTP_FROM ?? DEFAULT_FROM;
}

export function outboxDir(env?: Env): string {
  return path.join(dataDirOf(configFrom(env)), "outbox");
}

let cached: { url: string; transport: Transporter } | null = null;

function smtpTransport(url: string): Transporter {
  if (cached?.url === url) return cached.transport;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new MailConfigError(
      "SMTP_URL is not a valid URL; use smtp://user:pass@host:587 or smtps://user:pass@host:465.",
    );
  }
  if (u.protocol !== "smtp:" && u.protocol !== "smtps:") {
    throw new MailConfigError(`SMTP_URL must start with smtp:// or smtps:// (got ${u.protocol}//).`);
  }
  const transport = nodemailer.createTransport(url);
  cached = { url, transport };
  return transport;
}

/** Builds the RFC 5322 message once; the outbox stores exactly these bytes. */
async function buildRaw(msg: MailMessage, from: string): Promise<{ raw: Buffer; messageId: string }> {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = (await builder.sendMail({
    from,
    to: msg.to,
    subject: msg.subject,
    text: msg.text,
    headers: msg.headers,
  })) as unknown as {
    message: Buffer;
    messageId: string;
  };
  return { raw: info.message, messageId: info.messageId };
}

const HEADER_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** Refuses header values that could break out of their header line (issue #25 §2). */
function assertHeaderSafe(msg: MailMessage, from: string): void {
  for (const [name, value] of [
    ["to", msg.to],
    ["subject", msg.subject],
    ["from", from],
  ] as const) {
    if (typeof value !== "string" || HEADER_UNSAFE.test(value)) {
      throw new AppError(
        "MAIL_HEADER_INVALID",
        `A mail's ${name} header may not contain line breaks or control characters.`,
      );
    }
  }
  for (const [name, value] of Object.entries(msg.headers ?? {})) {
    if (!/^[A-Za-z][A-Za-z0-9-]{0,62}$/.test(name) || typeof value !== "string" || HEADER_UNSAFE.test(value)) {
      throw new AppError(
        "MAIL_HEADER_INVALID",
        `A mail's ${name} header may not contain line breaks or control characters.`,
      );
    }
  }
}

export async function sendMail(msg: MailMessage, env?: Env): Promise<SentMail> {
  const from = mailFrom(env);
  assertHeaderSafe(msg, from);
  const url = configFrom(env).SMTP_URL;
  if (url) {
    const info = await smtpTransport(url).sendMail({
      from,
      to: msg.to,
      subject: msg.subject,
      text: msg.text,
      headers: msg.headers,
    });
    return { via: "smtp", messageId: info.messageId };
  }
  const { raw, messageId } = await buildRaw(msg, from);
  const dir = outboxDir(env);
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${stamp}-${randomBytes(4).toString("hex")}.eml`);
  await writeFile(file, raw, { flag: "wx" });
  console.log(`sash: mail for ${msg.to} written to ${file}`);
  return { via: "outbox", messageId, file };
}
