import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { CALLBACK_CHANNEL } from "../../protocol/callbackHandover.ts";
import { CALLBACK_MESSAGE_TYPE } from "../../protocol/callbackMessage.ts";
import { createFakeHost } from "../testing/fakeHost.ts";
import { judgeCallback } from "./acceptCallback.ts";
import { createCallbackInbox, type IgnoredCounts } from "./callbackInbox.ts";

const ORIGIN = "http://localhost:5173";
const answer = {
  type: CALLBACK_MESSAGE_TYPE,
  version: 1,
  state: "S".repeat(32),
  result: { kind: "code", code: "abc" },
};

describe("callback inbox before the sign-in flow exists", () => {
  it("ignores every message and counts it by the rule it fails, the channel's by shape or state", async () => {
    const host = createFakeHost({ origin: ORIGIN });
    const inbox = createCallbackInbox({ redirectOrigin: ORIGIN }, host);
    host.dispatch({ origin: "https://evil.test", source: null, data: answer });
    host.dispatch({ origin: ORIGIN, source: {}, data: answer });
    host.bus.inject(CALLBACK_CHANNEL, answer, ORIGIN);
    host.bus.inject(CALLBACK_CHANNEL, { ...answer, extra: 1 }, ORIGIN);
    host.bus.inject(CALLBACK_CHANNEL, "not a message", ORIGIN);
    expect(inbox.ignored).toMatchObject({ origin: 1, source: 1 });
    // The channel's messages are judged by the parser that loads with the later parts.
    await vi.waitFor(() =>
      expect(inbox.ignored).toEqual({ origin: 1, source: 1, channel: 0, schema: 2, state: 1 }),
    );
    inbox.close();
  });

  it("hands every message to the flow once it takes over", () => {
    const host = createFakeHost({ origin: ORIGIN });
    const inbox = createCallbackInbox({ redirectOrigin: ORIGIN }, host);
    const seen: boolean[] = [];
    inbox.takeOver((_event, viaChannel) => seen.push(viaChannel));
    host.dispatch({ origin: ORIGIN, source: {}, data: answer });
    host.bus.inject(CALLBACK_CHANNEL, answer, ORIGIN);
    expect(seen).toEqual([false, true]);
    expect(inbox.ignored).toEqual({ origin: 0, source: 0, channel: 0, schema: 0, state: 0 });
    inbox.close();
  });

  it("opens no channel for a callback on another origin", () => {
    const host = createFakeHost({ origin: ORIGIN });
    const inbox = createCallbackInbox({ redirectOrigin: "https://login.example" }, host);
    expect(inbox.sameOriginCallback).toBe(false);
    expect(inbox.channel).toBeNull();
    inbox.close();
  });
});

describe("callback inbox rules before the flow", () => {
  it("count each message under the reason the acceptance rules give it with nothing pending", async () => {
    const message = fc.oneof(
      fc.constant(answer),
      fc.constant({ ...answer, extra: 1 }),
      fc.constant({ ...answer, result: { kind: "token" } }),
      fc.anything(),
    );
    const inbound = fc.record({
      origin: fc.constantFrom(ORIGIN, "https://evil.test", "http://127.0.0.1:5174"),
      viaChannel: fc.boolean(),
      data: message,
    });
    await fc.assert(
      fc.asyncProperty(inbound, async ({ origin, viaChannel, data }) => {
        const host = createFakeHost({ origin: ORIGIN });
        const inbox = createCallbackInbox({ redirectOrigin: ORIGIN }, host);
        if (viaChannel) host.bus.inject(CALLBACK_CHANNEL, data, origin);
        else host.dispatch({ origin, source: {}, data });
        const verdict = judgeCallback({ origin, source: {}, data }, viaChannel, ORIGIN, true, []);
        expect(verdict.kind).toBe("ignore");
        if (verdict.kind !== "ignore") return;
        const expected: IgnoredCounts = { origin: 0, source: 0, channel: 0, schema: 0, state: 0 };
        expected[verdict.reason] = 1;
        await vi.waitFor(() => expect(inbox.ignored).toEqual(expected));
        inbox.close();
      }),
      { numRuns: 60 },
    );
  });
});
