// AUTH_SECRET: from the environment, or generated once and kept in the data dir
// so `npm start` needs no configuration.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { config, dataDirOf } from "@/server/config";

export function authSecret(): string {
  const c = config();
  const fromEnv = c.AUTH_SECRET ?? c.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  const dir = dataDirOf(c);
  const file = path.join(dir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
