import { describe, expect, it } from "vitest";
import { CALLBACK_MESSAGE_TYPE } from "../../protocol/callbackMessage.ts";
import { type InboundMessage, judgeCallback, type PendingAnswer } from "./acceptCallback.ts";

const callbackOrigin = "http://localhost:5173";
const popup = { name: "our popup" };
const otherWindow = { name: "some frame" };
const pending: PendingAnswer = { state: "S".repeat(43), popup };
const message = (state = pending.state) => ({
  type: CALLBACK_MESSAGE_TYPE,
  version: 1,
  state,
  result: { kind: "code", code: "auth_code" },
});
type Posted = InboundMessage & { viaChannel: boolean };
const posted = (overrides: Partial<Posted> = {}): Posted => ({
  origin: callbackOrigin,
  source: popup,
  data: message(),
  viaChannel: false,
  ...overrides,
});
const rules = { callbackOrigin, channelAllowed: true, pending: [pending] };
const judge = (inbound: Posted, { callbackOrigin, channelAllowed, pending }: typeof rules) =>
  judgeCallback(inbound, inbound.viaChannel, callbackOrigin, channelAllowed, pending);

describe("judgeCallback (docs/protocol.md §1)", () => {
  it("accepts our popup's well-formed answer for the pending state", () => {
    expect(judge(posted(), rules)).toEqual({ kind: "accept", pending, message: message() });
  });

  it("ignores another origin, even from our popup with the right state", () => {
    expect(judge(posted({ origin: "http://127.0.0.1:5174" }), rules)).toEqual({
      kind: "ignore",
      reason: "origin",
    });
    expect(judge(posted({ origin: "http://localhost:5173.evil.test" }), rules).kind).toBe("ignore");
  });

  it("ignores the right origin from a window that is not our popup", () => {
    expect(judge(posted({ source: otherWindow }), rules)).toEqual({
      kind: "ignore",
      reason: "source",
    });
    expect(judge(posted({ source: null }), rules)).toEqual({ kind: "ignore", reason: "source" });
  });

  it("ignores a message that does not parse", () => {
    for (const data of [{ ...message(), version: 2 }, "text", null, { ...message(), extra: true }]) {
      expect(judge(posted({ data }), rules)).toEqual({ kind: "ignore", reason: "schema" });
    }
  });

  it("reports a state mismatch when our own popup answers with a state that is not pending", () => {
    expect(judge(posted({ data: message("x".repeat(43)) }), rules)).toEqual({
      kind: "state-mismatch",
      pending,
    });
  });

  it("ignores a replay once the state is spent (nothing pending any more)", () => {
    expect(judge(posted(), { ...rules, pending: [] })).toEqual({ kind: "ignore", reason: "source" });
    expect(judge(posted({ source: null, viaChannel: true }), { ...rules, pending: [] })).toEqual({
      kind: "ignore",
      reason: "state",
    });
  });

  it("accepts the BroadcastChannel path only when it is allowed, and ignores other tabs' states there", () => {
    const viaChannel = posted({ source: null, viaChannel: true });
    expect(judge(viaChannel, rules).kind).toBe("accept");
    expect(judge(viaChannel, { ...rules, channelAllowed: false })).toEqual({
      kind: "ignore",
      reason: "channel",
    });
    expect(judge({ ...viaChannel, data: message("other-tab-state") }, rules)).toEqual({
      kind: "ignore",
      reason: "state",
    });
  });

  it("never treats a null popup as a match", () => {
    const noPopup = { state: pending.state, popup: null };
    expect(judge(posted({ source: null }), { ...rules, pending: [noPopup] }).kind).toBe("ignore");
  });
});
