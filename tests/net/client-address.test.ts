import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseTrustedHops } from "@/lib/net/client-address";

describe("client address for rate limits", () => {
  it("with no trusted proxies, is the socket's address whatever X-Forwarded-For says", () => {
    expect(clientAddress({ peer: "198.51.100.7", forwardedFor: null, trustedHops: 0 })).toBe("198.51.100.7");
    expect(clientAddress({ peer: "198.51.100.7", forwardedFor: "1.2.3.4", trustedHops: 0 })).toBe("198.51.100.7");
    expect(clientAddress({ peer: "198.51.100.7", forwardedFor: "1.2.3.4, 5.6.7.8", trustedHops: 0 })).toBe(
      "198.51.100.7",
    );
  });

  it("with N trusted proxies, takes the entry N hops from the right", () => {
    // client 203.0.113.9 → proxy A (appends the client) → proxy B 10.0.0.2 (appends A) → Sash sees B
    const xff = "6.6.6.6, 203.0.113.9, 10.0.0.1"; // 6.6.6.6 was written by the client itself
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: xff, trustedHops: 2 })).toBe("203.0.113.9");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: xff, trustedHops: 1 })).toBe("10.0.0.1");
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor: "203.0.113.9", trustedHops: 1 })).toBe("203.0.113.9");
    // A fresh spoofed entry per request does not change the answer.
    for (const spoof of ["1.1.1.1", "2.2.2.2, 3.3.3.3", ""]) {
      const forwardedFor = spoof ? `${spoof}, 203.0.113.9` : "203.0.113.9";
      expect(clientAddress({ peer: "10.0.0.1", forwardedFor, trustedHops: 1 })).toBe("203.0.113.9");
    }
  });

  it("falls back to the leftmost entry when the chain is shorter than the hops", () => {
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor: null, trustedHops: 3 })).toBe("10.0.0.1");
  });

  it("on Vercel, believes the platform's header and ignores X-Forwarded-For", () => {
    const vercel = { forwardedFor: "203.0.113.5", realIp: "203.0.113.5" };
    expect(clientAddress({ peer: null, forwardedFor: "6.6.6.6", trustedHops: 0, vercel })).toBe("203.0.113.5");
    expect(
      clientAddress({
        peer: null,
        forwardedFor: null,
        trustedHops: 0,
        vercel: { forwardedFor: null, realIp: "2001:db8::1" },
      }),
    ).toBe("2001:db8::1");
  });

  it("is unknown (null) without a stamped socket address, rather than believing the client", () => {
    expect(clientAddress({ peer: null, forwardedFor: "1.2.3.4", trustedHops: 0 })).toBeNull();
  });

  it("normalises spellings of one address and bounds junk", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress(" 203.0.113.9:51234 ")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("x".repeat(500))!.length).toBe(64);
    expect(normalizeAddress("a b;c")).toBe("a_b_c");
    expect(normalizeAddress("  ")).toBeNull();
  });

  it("reads SASH_TRUSTED_PROXY_HOPS strictly (default 0)", () => {
    expect(parseTrustedHops(undefined)).toBe(0);
    expect(parseTrustedHops("2")).toBe(2);
    expect(parseTrustedHops("-1")).toBe(0);
    expect(parseTrustedHops("1.5")).toBe(0);
    expect(parseTrustedHops("lots")).toBe(0);
  });
});
