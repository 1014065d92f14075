import { describe, expect, it } from "vitest";
import type { AuthReport, SessionInfo, TokenGrant } from "../protocol/appChannel.ts";
import { UntrustedServerError } from "../protocol/errors.ts";
import { createAuthClient } from "./client.ts";
import type { ShellLink } from "./link.ts";

const TREES = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query";
const HOUR = 3_600_000;

/** A link whose shell answers are released by the test, counting the round trips. */
function fakeLink() {
  const calls: { method: string; args: unknown[]; answer(value: TokenGrant | null): void }[] = [];
  const sessionListeners = new Set<(session: SessionInfo | null) => void>();
  const run = (method: string, ...args: unknown[]): Promise<never> =>
    new Promise((resolve) => {
      calls.push({ method, args, answer: resolve as (value: unknown) => void });
    });
  const link: ShellLink = {
    call: run,
    callWhileAlive: run,
    onSession(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    close() {},
  };
  return {
    link,
    calls,
    sessionChanged: (session: SessionInfo | null) => {
      for (const listener of sessionListeners) listener(session);
    },
  };
}

const grant = (token: string): TokenGrant => ({ token, expires: Date.now() + HOUR });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createAuthClient", () => {
  it("shares one round trip among waiters of one app that report the same failed token", async () => {
    const { link, calls } = fakeLink();
    const client = createAuthClient(link, "http://localhost:4100/sharing/rest");
    const waiters = Array.from({ length: 500 }, () => client.reportAuthError({ code: 498 }, TREES));
    await flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe("reportAuthError");
    calls[0]?.answer(grant("new-token"));
    expect(new Set(await Promise.all(waiters))).toEqual(new Set(["new-token"]));
  });

  it("asks again once the shared call settled, and keeps reports of other tokens or scopes apart", async () => {
    const { link, calls } = fakeLink();
    const client = createAuthClient(link, "http://localhost:4100/sharing/rest");
    const first = client.reportAuthError({ code: 498 }, TREES);
    const portal = client.reportAuthError({ code: 498 });
    await flush();
    expect(calls).toHaveLength(2);
    expect((calls[1]?.args[0] as AuthReport | undefined)?.url).toBeUndefined();
    calls[0]?.answer(grant("trees-1"));
    calls[1]?.answer(grant("portal-1"));
    await expect(first).resolves.toBe("trees-1");
    await expect(portal).resolves.toBe("portal-1");
    // The next report carries the token now held for the scope: a new question, a new round trip.
    const second = client.reportAuthError({ code: 498 }, TREES);
    await flush();
    expect(calls).toHaveLength(3);
    expect((calls[2]?.args[0] as AuthReport | undefined)?.token).toBe("trees-1");
    calls[2]?.answer(grant("trees-2"));
    await expect(second).resolves.toBe("trees-2");
  });

  it("shares one getToken round trip among concurrent callers for one scope", async () => {
    const { link, calls } = fakeLink();
    const client = createAuthClient(link, "http://localhost:4100/sharing/rest");
    const tokens = [client.getToken(TREES), client.getToken(`${TREES}?where=1%3D1`), client.getToken()];
    await flush();
    expect(calls.map((call) => call.method)).toEqual(["getToken", "getToken"]);
    calls[0]?.answer(grant("server"));
    calls[1]?.answer(grant("portal"));
    expect(await Promise.all(tokens)).toEqual(["server", "server", "portal"]);
    await expect(client.getToken(TREES)).resolves.toBe("server"); // cached: no call
    expect(calls).toHaveLength(2);
  });

  it("does not cache an answer that left before a session change", async () => {
    const { link, calls, sessionChanged } = fakeLink();
    const client = createAuthClient(link, "http://localhost:4100/sharing/rest");
    const token = client.getToken(TREES);
    await flush();
    sessionChanged(null);
    // A caller that joins the call after the change shares its answer, and does not cache it either.
    const joined = client.getToken(TREES);
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]?.answer(grant("old-user"));
    expect(await Promise.all([token, joined])).toEqual(["old-user", "old-user"]);
    const again = client.getToken(TREES);
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]?.answer(grant("new-user"));
    await expect(again).resolves.toBe("new-user");
  });

  it("rejects a report for a URL it would never send a token to, without asking the shell", async () => {
    const { link, calls } = fakeLink();
    const client = createAuthClient(link, "http://localhost:4100/sharing/rest");
    await expect(
      client.reportAuthError({ code: 498 }, "http://user:pw@localhost:4200/arcgis"),
    ).rejects.toBeInstanceOf(UntrustedServerError);
    expect(calls).toHaveLength(0);
  });

  it("never asks the shell for a URL with an encoded separator in its path", async () => {
    const { link, calls } = fakeLink();
    const client = createAuthClient(link, "http://localhost:4100/sharing/rest");
    for (const url of [
      "http://localhost:4200/arcgis/rest/services/Trees%2E%2e/x",
      "http://localhost:4200/arcgis%2Frest/services/Trees/FeatureServer/0",
      "http://localhost:4200/arcgis/rest/services/Trees%5cFeatureServer",
    ]) {
      await expect(client.getToken(url)).rejects.toBeInstanceOf(UntrustedServerError);
    }
    expect(calls).toHaveLength(0);
  });
});
