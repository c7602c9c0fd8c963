// The CLI's last-resort error (cli/sash.ts → cli/errors.ts): one JSON object whose code is one of Sash's
// (lib/errors/codes.ts), never a raw Node or PostgreSQL code.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliFailure } from "@/cli/errors";
import { AppError, isErrorCode } from "@/lib/errors";
import { onlyJson, runSash } from "../support/cli";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-cli-errors-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sysError = (code: string, syscall: string, message: string) =>
  Object.assign(new Error(message), { code, syscall, errno: -1 });

describe("cliFailure", () => {
  it("keeps a Sash code and its message", () => {
    expect(cliFailure(new AppError("CONFIG_INVALID", "invalid configuration: X"))).toEqual({
      code: "CONFIG_INVALID",
      message: "invalid configuration: X",
    });
  });

  it("names a file that can't be read with the CLI's file codes, only when reading it failed", () => {
    expect(cliFailure(sysError("ENOENT", "open", "ENOENT: no such file or directory, open 'x'"))).toEqual({
      code: "FILE_NOT_FOUND",
      message: "ENOENT: no such file or directory, open 'x'",
    });
    expect(cliFailure(sysError("EACCES", "open", "EACCES: permission denied, open 'x'")).code).toBe(
      "FILE_NOT_READABLE",
    );
    expect(cliFailure(sysError("EISDIR", "read", "EISDIR: illegal operation on a directory, read")).code).toBe(
      "FILE_NOT_READABLE",
    );
    expect(cliFailure(sysError("EACCES", "mkdir", "EACCES: permission denied, mkdir 'd'")).code).toBe("INTERNAL");
  });

  it("a PostgreSQL SQLSTATE or an unknown code is INTERNAL, the raw code kept in the message", () => {
    const pg = Object.assign(new Error('relation "x" does not exist'), { code: "42P01", severity: "ERROR" });
    expect(cliFailure(pg)).toEqual({ code: "INTERNAL", message: 'relation "x" does not exist (42P01)' });
    expect(cliFailure(Object.assign(new Error("odd"), { code: "ERR_SOMETHING" })).code).toBe("INTERNAL");
    expect(cliFailure("thrown text")).toEqual({ code: "INTERNAL", message: "thrown text" });
    expect(cliFailure(null).code).toBe("INTERNAL");
  });

  it("a database that can't be reached is DATABASE_UNAVAILABLE", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    expect(cliFailure(refused)).toEqual({ code: "DATABASE_UNAVAILABLE", message: "connect ECONNREFUSED 127.0.0.1:9" });
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    expect(cliFailure(shutdown).code).toBe("DATABASE_UNAVAILABLE");
  });
});

describe("sash with a failure no command catches", () => {
  it("a data folder that is a file: one JSON object, code INTERNAL (not EEXIST), exit 1", async () => {
    const file = path.join(dir, "not-a-folder");
    fs.writeFileSync(file, "x");
    const { code, stdout } = await runSash(["migrate"], { dataDir: file });
    expect(code).toBe(1);
    const out = onlyJson(stdout);
    expect(out).toEqual({ ok: false, error: { code: "INTERNAL", message: expect.stringContaining("EEXIST") } });
    expect(isErrorCode(out.error.code)).toBe(true);
  });
});
