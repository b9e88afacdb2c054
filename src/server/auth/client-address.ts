import { isIPv4, isIPv6 } from "node:net";

/**
 * The address sign-ins are throttled by. An IPv4 client is its address. An IPv6 client is its /64: a single
 * host is usually handed a whole /64 and can pick a new address in it for every attempt, so keying by the
 * full address would give it unlimited free failures. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what
 * a dual-stack socket reports for an IPv4 client) is the IPv4 client it maps. Returns undefined for text
 * that is not an IP address; a /64 written as `2001:db8::/64` is accepted too (the form this returns).
 */
export function throttledAddress(text: string): string | undefined {
  const address = text.trim().toLowerCase().replace(/%.*$/, "").replace(/\/64$/, "");
  if (isIPv4(address) && !text.includes("/")) return address;
  if (!isIPv6(address)) return undefined;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  const prefix = `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::`;
  // The URL parser writes IPv6 in its canonical, compressed form.
  return `${new URL(`http://[${prefix}]`).hostname.slice(1, -1)}/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail as two groups). */
function ipv6Groups(address: string): number[] {
  const parse = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [Number.parseInt(group, 16)];
          const [a, b, c, d] = group.split(".").map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = "", tail] = address.split("::");
  if (tail === undefined) return parse(head);
  const before = parse(head);
  const after = parse(tail);
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}
