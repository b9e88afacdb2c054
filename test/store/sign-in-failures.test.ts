import { beforeEach, expect, it } from "vitest";
import {
  addressKey,
  clearSignInFailure,
  clearSignInFailures,
  countSignInFailure,
  deleteForgottenSignInFailures,
  type FailureCount,
  findSignInFailures,
  usernameAtAddressKey,
  withdrawSignInFailure,
} from "../../src/store/sign-in-failures.js";
import { at, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

const KEY = usernameAtAddressKey("admin", "203.0.113.7");
const seconds = (n: number) => new Date(T0.getTime() + n * 1000).toISOString();

/** Two free failures, then held back 1 s, 2 s, then 4 s for every later one. */
const failureAt = (second: number): FailureCount => ({
  at: seconds(second),
  forgetBefore: seconds(second - 3600),
  blockedUntil: [null, null, seconds(second + 1), seconds(second + 2), seconds(second + 4)],
});

describeStores("sign-in failures", ({ db, openAnother }) => {
  beforeEach(async () => {
    await db().deleteFrom("signInFailures").execute();
  });

  it("counts failures and blocks the key as the schedule says, up to its last entry", async () => {
    const counted = [];
    for (const second of [0, 1, 2, 4, 7, 12, 17]) {
      const row = await countSignInFailure(db(), KEY, failureAt(second));
      counted.push([row?.failures, row?.blockedUntil]);
    }
    expect(counted).toEqual([
      [1, null],
      [2, null],
      [3, seconds(3)],
      [4, seconds(6)],
      [5, seconds(11)],
      [6, seconds(16)],
      [7, seconds(21)],
    ]);
    expect(await findSignInFailures(db(), [KEY, addressKey("203.0.113.7")])).toEqual([
      { key: KEY, failures: 7, lastFailureAt: seconds(17), blockedUntil: seconds(21) },
    ]);
  });

  it("counts nothing while the key is blocked, and again once the block has passed", async () => {
    for (const second of [0, 0, 0]) await countSignInFailure(db(), KEY, failureAt(second));
    expect(await countSignInFailure(db(), KEY, failureAt(0.5))).toBeUndefined();
    expect((await findSignInFailures(db(), [KEY]))[0]).toMatchObject({
      failures: 3,
      lastFailureAt: seconds(0),
    });
    expect(await countSignInFailure(db(), KEY, failureAt(1))).toMatchObject({
      failures: 4,
      blockedUntil: seconds(3),
    });
  });

  it("starts again from one after the forget window", async () => {
    for (const second of [0, 0, 0]) await countSignInFailure(db(), KEY, failureAt(second));
    expect(await countSignInFailure(db(), KEY, failureAt(3601))).toEqual({
      key: KEY,
      failures: 1,
      lastFailureAt: seconds(3601),
      blockedUntil: null,
    });
  });

  it("counts every one of many simultaneous failures from two connections, and blocks once", async () => {
    const other = openAnother();
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => countSignInFailure(i % 2 ? other : db(), KEY, failureAt(0))),
    );
    const counted = attempts.filter((row) => row !== undefined);
    // Two free failures and the one that started the block; the rest found it blocked.
    expect(counted.map((row) => row.failures).sort()).toEqual([1, 2, 3]);
    expect(await findSignInFailures(db(), [KEY])).toEqual([
      { key: KEY, failures: 3, lastFailureAt: seconds(0), blockedUntil: seconds(1) },
    ]);
  });

  it("takes a failure back only if nothing was counted on the key since", async () => {
    await countSignInFailure(db(), KEY, failureAt(0));
    await countSignInFailure(db(), KEY, failureAt(0));
    const third = await countSignInFailure(db(), KEY, failureAt(0));
    expect(await withdrawSignInFailure(db(), KEY, third!.failures)).toBe(true);
    expect((await findSignInFailures(db(), [KEY]))[0]).toMatchObject({ failures: 2, blockedUntil: null });

    await countSignInFailure(db(), KEY, failureAt(0));
    expect(await withdrawSignInFailure(db(), KEY, 2)).toBe(false);
    expect((await findSignInFailures(db(), [KEY]))[0]).toMatchObject({ failures: 3 });
  });

  it("clears one key, a username's keys, an address's keys, or all of them", async () => {
    const keys = [
      usernameAtAddressKey("admin", "203.0.113.7"),
      usernameAtAddressKey("admin", "2001:db8::/64"),
      usernameAtAddressKey("admin_2", "203.0.113.7"), // `_` is a LIKE wildcard: must not match admin.2
      usernameAtAddressKey("admin.2", "203.0.113.7"),
      usernameAtAddressKey("bob", "203.0.113.77"),
      addressKey("203.0.113.7"),
      addressKey("203.0.113.77"),
      addressKey("2001:db8::/64"),
    ];
    const fill = async () => {
      await db().deleteFrom("signInFailures").execute();
      for (const key of keys) await countSignInFailure(db(), key, failureAt(0));
    };
    const left = async () =>
      (await db().selectFrom("signInFailures").select("key").orderBy("key").execute()).map((r) => r.key);
    const without = (...gone: string[]) => keys.filter((key) => !gone.includes(key)).sort();

    await fill();
    await clearSignInFailure(db(), keys[0]!);
    expect(await left()).toEqual(without(keys[0]!));

    await fill();
    expect(await clearSignInFailures(db(), { username: "admin.2" })).toBe(1);
    expect(await left()).toEqual(without(keys[3]!));

    await fill();
    expect(await clearSignInFailures(db(), { username: "admin" })).toBe(2);
    expect(await left()).toEqual(without(keys[0]!, keys[1]!));

    await fill();
    expect(await clearSignInFailures(db(), { address: "203.0.113.7" })).toBe(4);
    expect(await left()).toEqual(without(keys[0]!, keys[2]!, keys[3]!, keys[5]!));

    await fill();
    expect(await clearSignInFailures(db(), { username: "admin", address: "2001:db8::/64" })).toBe(2);
    expect(await left()).toEqual(without(keys[1]!, keys[7]!));

    await fill();
    expect(await clearSignInFailures(db(), { username: "nobody" })).toBe(0);
    expect(await clearSignInFailures(db())).toBe(keys.length);
    expect(await left()).toEqual([]);
  });

  it("deletes keys whose last failure is older than the forget window", async () => {
    await countSignInFailure(db(), KEY, { ...failureAt(0), at: T0 });
    await countSignInFailure(db(), addressKey("203.0.113.7"), { ...failureAt(0), at: at(60) });
    expect(await deleteForgottenSignInFailures(db(), at(30))).toBe(1);
    expect((await findSignInFailures(db(), [KEY, addressKey("203.0.113.7")])).map((r) => r.key)).toEqual([
      addressKey("203.0.113.7"),
    ]);
  });
});
