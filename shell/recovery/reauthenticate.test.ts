import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AccessDeniedError } from "../../protocol/errors.ts";
import type { Session } from "../types.ts";
import { createReauth } from "./reauthenticate.ts";

const session = (token: string): Session => ({ token, expires: 0, username: "u", ssl: false, portal: "p" });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("coordinated re-authentication", () => {
  it("gives every waiter the silently refreshed token from one attempt", async () => {
    const trySilent = vi.fn(async () => "NEW");
    const requireSignIn = vi.fn();
    const reauth = createReauth({ trySilent, requireSignIn, timeoutMs: 1000 });
    const tokens = await Promise.all(
      Array.from({ length: 100 }, () => reauth.reauthenticate("invalid-token")),
    );
    expect(new Set(tokens)).toEqual(new Set(["NEW"]));
    expect(trySilent).toHaveBeenCalledOnce();
    expect(requireSignIn).not.toHaveBeenCalled();
  });

  it("asks the user once and resolves everyone with the sign-in that follows", async () => {
    const requireSignIn = vi.fn();
    const reauth = createReauth({ trySilent: async () => null, requireSignIn, timeoutMs: 1000 });
    const waiters = Array.from({ length: 50 }, () => reauth.reauthenticate("expired"));
    await vi.waitFor(() => expect(requireSignIn).toHaveBeenCalledOnce());
    expect(requireSignIn.mock.calls[0]?.[0]).toBe("expired");
    reauth.follow(Promise.resolve(session("SIGNED-IN")));
    expect(new Set(await Promise.all(waiters))).toEqual(new Set(["SIGNED-IN"]));
    expect(reauth.running).toBe(false);
  });

  it("rejects everyone with the same error when the sign-in fails or the prompt is cancelled", async () => {
    const requireSignIn = vi.fn();
    const reauth = createReauth({ trySilent: async () => null, requireSignIn, timeoutMs: 1000 });
    const waiters = [reauth.reauthenticate("expired"), reauth.reauthenticate("expired")].map((p) =>
      p.catch((e: unknown) => e),
    );
    await vi.waitFor(() => expect(requireSignIn).toHaveBeenCalled());
    const cancelled = new AccessDeniedError();
    reauth.abandon(cancelled);
    const errors = await Promise.all(waiters);
    expect(errors[0]).toBe(cancelled);
    expect(errors[1]).toBe(cancelled);
    const signal = requireSignIn.mock.calls[0]![1] as AbortSignal;
    expect(signal.aborted).toBe(true);
  });

  it("times out when nobody starts a sign-in", async () => {
    const reauth = createReauth({ trySilent: async () => null, requireSignIn: () => {}, timeoutMs: 1000 });
    const waiter = reauth.reauthenticate("signed-out").catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await waiter).toMatchObject({ code: "sign-in-timeout" });
  });

  it("resolves when a session arrives from elsewhere (another tab)", async () => {
    const reauth = createReauth({ trySilent: async () => null, requireSignIn: () => {}, timeoutMs: 1000 });
    const waiter = reauth.reauthenticate("signed-out");
    await vi.advanceTimersByTimeAsync(1);
    reauth.resolved("FROM-TAB");
    await expect(waiter).resolves.toBe("FROM-TAB");
  });
});
