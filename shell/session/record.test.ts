import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../types.ts";
import { renewsSession } from "./record.ts";

const record = (username: string, expires: number): SessionRecord => ({
  session: { token: `${username}-${expires}`, expires, username, ssl: false, portal: "p" },
});

describe("renewsSession (another tab's refreshed record)", () => {
  it("renews only a session this tab holds, of the same user, forward in time", () => {
    expect(renewsSession(record("jsmith", 10), record("jsmith", 20))).toBe(true);
    expect(renewsSession(null, record("jsmith", 20))).toBe(false); // signed out here
    expect(renewsSession(record("alee", 10), record("jsmith", 20))).toBe(false); // another user now
    expect(renewsSession(record("jsmith", 20), record("jsmith", 20))).toBe(false);
    expect(renewsSession(record("jsmith", 30), record("jsmith", 20))).toBe(false); // older
  });
});
