import { describe, expect, it } from "vitest";
import { throttledAddress } from "../../src/server/auth/client-address.js";

describe("the address sign-ins are throttled by", () => {
  it("is an IPv4 client's address", () => {
    expect(throttledAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(throttledAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
  });

  it("is the IPv4 address an IPv4-mapped IPv6 address stands for", () => {
    expect(throttledAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(throttledAddress("::FFFF:CB00:7107")).toBe("203.0.113.7");
  });

  it("is an IPv6 client's /64, written canonically", () => {
    expect(throttledAddress("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(throttledAddress("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(throttledAddress("2001:db8::1.2.3.4")).toBe("2001:db8::/64");
    expect(throttledAddress("fe80::1%eth0")).toBe("fe80::/64");
    expect(throttledAddress("::1")).toBe("::/64");
    // The /64 itself, as an administrator copies it from the audit log into `crosscal admin unlock`.
    expect(throttledAddress("2001:db8:1:2::/64")).toBe("2001:db8:1:2::/64");
  });

  it("is nothing for text that is not an IP address", () => {
    for (const text of ["", "localhost", "203.0.113.7/64", "2001:db8::/48", "1.2.3.4.5", "2001:db8:::1"]) {
      expect(throttledAddress(text)).toBeUndefined();
    }
  });
});
