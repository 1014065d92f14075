import { describe, expect, it } from "vitest";
import { REDIRECT_RESULT_KEY } from "../../protocol/callbackHandover.ts";
import { CALLBACK_MESSAGE_TYPE, REDIRECT_PENDING_KEY_PREFIX } from "../../protocol/callbackMessage.ts";
import { MemoryStorage } from "../testing/fakeHost.ts";
import { REDIRECT_FLOW_KEY_PREFIX, recordRedirect, takeRedirectAnswer } from "./redirect.ts";

const portal = "http://localhost:4100/sharing/rest";
const flow = { clientId: "app", portal, flow: "pkce" as const, verifier: "v".repeat(43) };
const answer = (state: string) =>
  JSON.stringify({ type: CALLBACK_MESSAGE_TYPE, version: 1, state, result: { kind: "code", code: "c" } });

describe("full-page redirect hand-over", () => {
  it("records {returnTo} without the fragment for the callback, and the flow under the shell's key", () => {
    const storage = new MemoryStorage();
    recordRedirect(storage, "S1", "http://localhost:5173/app?x=1#/route", flow);
    expect(JSON.parse(storage.getItem(`${REDIRECT_PENDING_KEY_PREFIX}S1`)!)).toEqual({
      returnTo: "http://localhost:5173/app?x=1",
    });
    expect(JSON.parse(storage.getItem(`${REDIRECT_FLOW_KEY_PREFIX}S1`)!)).toEqual(flow);
  });

  it("takes the answer once, for a recorded state, and deletes every key", () => {
    const storage = new MemoryStorage();
    recordRedirect(storage, "S1", "http://localhost:5173/", flow);
    storage.setItem(REDIRECT_RESULT_KEY, answer("S1"));
    const taken = takeRedirectAnswer(storage, "app", portal);
    expect(taken).toMatchObject({ flow, message: { state: "S1" } });
    expect(storage.length).toBe(0);
    expect(takeRedirectAnswer(storage, "app", portal)).toBeNull();
  });

  it("ignores an answer with an unknown state, another app's state, or a malformed answer", () => {
    const storage = new MemoryStorage();
    recordRedirect(storage, "S1", "http://localhost:5173/", flow);
    storage.setItem(REDIRECT_RESULT_KEY, answer("forged"));
    expect(takeRedirectAnswer(storage, "app", portal)).toBe("state");
    storage.setItem(REDIRECT_RESULT_KEY, answer("S1"));
    expect(takeRedirectAnswer(storage, "other-app", portal)).toBe("state");
    storage.setItem(REDIRECT_RESULT_KEY, "{not json");
    expect(takeRedirectAnswer(storage, "app", portal)).toBe("schema");
    expect(storage.getItem(REDIRECT_RESULT_KEY)).toBeNull();
  });
});
