// The whole unit suite runs offline (vitest.config.ts setupFiles →
// tests/support/offline-suite.ts): this file installs nothing itself, so what it
// sees is what every test file gets.
import dns from "node:dns";
import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "../support/offline";
import { json, startServer } from "../support/net";

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) =>
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on("error", reject),
  );
}

/** A lookup answering one IPv4 address, in either form Node asks for (like lib/net/fetcher.ts's pinned lookup). */
function pinnedTo(address: string): net.LookupFunction {
  return (_h, opts, cb) => {
    if ((opts as { all?: boolean }).all)
      (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address, family: 4 },
      ]);
    else cb(null, address, 4);
  };
}

describe("the unit suite's network block (every file)", () => {
  it("refuses fetch, node:http and raw sockets to other hosts, and DNS for other names", async () => {
    await expect(fetch("https://example.org/")).rejects.toThrow();
    await expect(get("http://93.184.215.14/")).rejects.toThrow(/network access is blocked/);
    await expect(
      new Promise((resolve, reject) => net.connect(443, "cdn.example.test", () => resolve(null)).on("error", reject)),
    ).rejects.toThrow(/network access is blocked/);
    await expect(dns.promises.lookup("example.org")).rejects.toMatchObject({ code: "network_blocked" });
    await expect(
      new Promise((resolve, reject) => dns.lookup("example.org", (e, a) => (e ? reject(e) : resolve(a)))),
    ).rejects.toMatchObject({ code: "network_blocked" });
  });

  it("a caller's own lookup may only lead to loopback", async () => {
    const toPublic = pinnedTo("93.184.215.14");
    await expect(
      new Promise((resolve, reject) =>
        net.connect({ host: "pinned.example", port: 80, lookup: toPublic }, () => resolve(null)).on("error", reject),
      ),
    ).rejects.toThrow(/network access is blocked/);
  });

  it("lets loopback through: a local HTTP server by 127.0.0.1 and localhost, fetch included, and DNS for localhost", async () => {
    const server = await startServer({ "/x": json({ ok: true }) });
    try {
      expect(await get(`${server.origin}/x`)).toBe(200);
      expect(await get(`http://localhost:${server.port}/x`).catch(() => "no IPv4 localhost")).not.toBe(0);
      const r = await fetch(`${server.origin}/x`);
      expect(await r.json()).toEqual({ ok: true });
      const toLoopback = pinnedTo("127.0.0.1");
      await new Promise<void>((resolve, reject) => {
        const s = net.connect({ host: "pinned.test", port: server.port, lookup: toLoopback }, () => {
          s.destroy();
          resolve();
        });
        s.on("error", reject);
      });
    } finally {
      await server.close();
    }
    expect((await dns.promises.lookup("localhost")).address).toMatch(/^(127\.|::1$)/);
  });

  it("knows loopback by name and address", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["10.0.0.1", "example.org", "0.0.0.0", "::", "127.example.org", "169.254.169.254"])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});
