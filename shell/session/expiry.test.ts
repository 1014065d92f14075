import { describe, expect, it } from "vitest";
import {
  EXCHANGE_LEAD_MS,
  EXPIRING_LEAD_MS,
  EXPIRY_SKEW_MS,
  isUsable,
  planExpiry,
  REFRESH_LEAD_MS,
  refreshGrantOf,
} from "./expiry.ts";

const now = 1_800_000_000_000;
const minutes = (n: number) => n * 60_000;

describe("isUsable", () => {
  it("stops handing a token out EXPIRY_SKEW_MS before its end", () => {
    expect(isUsable(now + EXPIRY_SKEW_MS + 1, now)).toBe(true);
    expect(isUsable(now + EXPIRY_SKEW_MS, now)).toBe(false);
    expect(isUsable(now - 1, now)).toBe(false);
  });
});

describe("planExpiry", () => {
  it("without refresh: expiring 5 minutes before the end, expired at the end", () => {
    expect(planExpiry(now + minutes(30), now, false)).toEqual({
      refreshInMs: null,
      expiringInMs: minutes(30) - EXPIRING_LEAD_MS,
      expiredInMs: minutes(30),
    });
  });

  it("warns at once when less than 5 minutes are left", () => {
    expect(planExpiry(now + minutes(2), now, false).expiringInMs).toBe(0);
  });

  it("with refresh: renews REFRESH_LEAD_MS before the token stops being usable, no expiring", () => {
    const plan = planExpiry(now + minutes(30), now, true);
    expect(plan.refreshInMs).toBe(minutes(30) - EXPIRY_SKEW_MS - REFRESH_LEAD_MS);
    expect(plan.expiringInMs).toBeNull();
  });

  it("renews a short token halfway through its usable time", () => {
    expect(planExpiry(now + 40_000, now, true).refreshInMs).toBe(5_000);
  });

  it("does not loop on tokens shorter than the skew", () => {
    expect(planExpiry(now + 2_000, now, true).refreshInMs).toBe(1_000);
    expect(planExpiry(now + 20_000, now, true).refreshInMs).toBe(5_000);
  });

  it("never plans a negative delay", () => {
    expect(planExpiry(now - 1000, now, true)).toEqual({ refreshInMs: 0, expiringInMs: null, expiredInMs: 0 });
  });
});

describe("refreshGrantOf", () => {
  const ending = (refreshExpires: number | undefined) => ({ refreshToken: "RT", refreshExpires });

  it("uses refresh_token while the refresh token has long to live", () => {
    expect(refreshGrantOf(ending(now + minutes(20160)), now)).toBe("refresh_token");
    expect(refreshGrantOf(ending(undefined), now)).toBe("refresh_token");
  });

  it("exchanges a refresh token near its end and gives up after it", () => {
    expect(refreshGrantOf(ending(now + EXCHANGE_LEAD_MS - 1), now)).toBe("exchange_refresh_token");
    expect(refreshGrantOf(ending(now + EXPIRY_SKEW_MS), now)).toBeNull();
  });

  it("has none without a refresh token", () => {
    expect(refreshGrantOf({ refreshExpires: now + minutes(20160) }, now)).toBeNull();
    expect(refreshGrantOf(null, now)).toBeNull();
  });
});
