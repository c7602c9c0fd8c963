// A real SMTP server (smtp-server) on 127.0.0.1 that parses every message it receives
// (mailparser): the mail catcher the account, password-reset and notify tests share.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface MailCatcher {
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** Every message parsed so far, in order of arrival. */
  inbox: ParsedMail[];
  /** The parsing of each message (and whatever else a test adds to wait for), to await with Promise.all. */
  pending: Promise<unknown>[];
  /** Empties inbox and pending (in place). */
  clear(): void;
  /** Stops the server (and removes SMTP_URL/SMTP_FROM when it set them). */
  close(): Promise<void>;
}

/**
 * Starts the catcher on a free port. With `processEnv`, points SMTP_URL and SMTP_FROM
 * ("Sash Test <sash@test.invalid>") at it until close().
 */
export async function startMailCatcher(opts: { processEnv?: boolean } = {}): Promise<MailCatcher> {
  const inbox: ParsedMail[] = [];
  const pending: Promise<unknown>[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, done) {
      const parsed = simpleParser(stream).then((m) => inbox.push(m));
      pending.push(parsed);
      parsed.then(() => done(), done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  if (opts.processEnv) {
    process.env.SMTP_URL = url;
    process.env.SMTP_FROM = "Sash Test <sash@test.invalid>";
  }
  return {
    url,
    inbox,
    pending,
    clear() {
      inbox.length = 0;
      pending.length = 0;
    },
    async close() {
      if (opts.processEnv) {
        delete process.env.SMTP_URL;
        delete process.env.SMTP_FROM;
      }
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
