import { describe, expect, it } from "vitest";
import { UntrustedServerError } from "../sdk/index.ts";
import { bindIdentityManager } from "./index.ts";
import { FakeIdentityManager, failure, fakeClient, JSMITH, PARCELS, TREES } from "./test-support.ts";

function bound(session = JSMITH as typeof JSMITH | null) {
  const esriId = new FakeIdentityManager();
  const shell = fakeClient(session);
  const unbind = bindIdentityManager(esriId, shell.client);
  return { esriId, ...shell, unbind };
}

describe("bindIdentityManager: getCredential", () => {
  it("answers an anonymous 499 with the shell's token, registered for that server", async () => {
    const { esriId, state } = bound();
    const credential = await esriId.getCredential(TREES, failure(499));
    expect(credential.token).toBe("t1");
    expect(esriId.findCredential(TREES)).toMatchObject({ token: "t1", userId: "jsmith" });
    expect(state.reports).toEqual([]);
    expect(esriId.ownCalls).toEqual([]);
  });

  it("reports a 498 of the current token once and hands out the new token", async () => {
    const { esriId, state } = bound();
    const credential = await esriId.getCredential(TREES, failure(498, "t1"));
    expect(credential.token).toBe("t2");
    expect(state.reports).toEqual([{ error: 498, url: TREES }]);
    expect(esriId.credentials).toHaveLength(1);
  });

  it("answers a stale token with the current one at once, without a report", async () => {
    const { esriId, state } = bound();
    expect((await esriId.getCredential(TREES, failure(498, "t0"))).token).toBe("t1");
    expect(state.reports).toEqual([]);
  });

  it("gives one request one report: a second failure of the same request rejects with its error", async () => {
    const { esriId, state } = bound();
    const first = failure(498, "t1");
    await esriId.getCredential(TREES, first);
    const again = { ...failure(498, "t2"), signal: first.signal };
    await expect(esriId.getCredential(TREES, again)).rejects.toBe(again.error);
    expect(state.reports).toHaveLength(1);
    // Another request with the same token still gets its own report.
    expect((await esriId.getCredential(TREES, failure(498, "t2"))).token).toBe("t3");
  });

  it("reports a request whose resend with a moved-on token failed too, then stops", async () => {
    const { esriId, state } = bound();
    // The request failed with a token the session had already replaced: it gets the current one.
    const first = failure(498, "t0");
    expect((await esriId.getCredential(TREES, first)).token).toBe("t1");
    // That one is dead as well (every token expired): this is the request's one report.
    const second = { ...failure(498, "t1"), signal: first.signal };
    expect((await esriId.getCredential(TREES, second)).token).toBe("t2");
    expect(state.reports).toEqual([{ error: 498, url: TREES }]);
    // A third failure of the same request is handed back: no further resend, no second report.
    const third = { ...failure(498, "t2"), signal: first.signal };
    await expect(esriId.getCredential(TREES, third)).rejects.toBe(third.error);
    expect(state.reports).toHaveLength(1);
  });

  it("hands a 403 or 401 with a token back as it is: a permission answer, not a session problem", async () => {
    const { esriId, state } = bound();
    for (const status of [403, 401]) {
      const options = failure(status, "t1");
      await expect(esriId.getCredential(TREES, options)).rejects.toBe(options.error);
    }
    expect(state.tokenCalls).toBe(0);
    expect(state.reports).toEqual([]);
  });

  it("rejects an untrusted server with UntrustedServerError and registers nothing", async () => {
    const { esriId, state } = bound();
    await expect(esriId.getCredential(PARCELS, failure(499))).rejects.toBeInstanceOf(UntrustedServerError);
    expect(esriId.credentials).toEqual([]);
    expect(state.reports).toEqual([]);
    expect(esriId.ownCalls).toEqual([]);
  });

  it("with prompt: false and no session rejects as 'not signed in' without asking for a token", async () => {
    const { esriId, state } = bound(null);
    await expect(esriId.getCredential(TREES, { prompt: false })).rejects.toMatchObject({
      name: "identity-manager:not-authenticated",
    });
    expect(state.tokenCalls).toBe(0);
  });

  it("registers nothing when the session ended while the token was on its way", async () => {
    const { esriId, client, emit } = bound();
    const getToken = client.getToken;
    client.getToken = async (url) => {
      const token = await getToken(url);
      emit(null);
      return token;
    };
    await expect(esriId.getCredential(TREES, failure(499))).rejects.toMatchObject({
      name: "identity-manager:not-authenticated",
    });
    expect(esriId.credentials).toEqual([]);
  });
});

describe("bindIdentityManager: the Maps SDK's own sign-in is off", () => {
  it("refuses signIn, oAuthSignIn and generateToken, ignores OAuth infos and token refreshes", async () => {
    const { esriId } = bound();
    const target = esriId as unknown as Record<string, () => Promise<unknown> | undefined>;
    for (const name of ["signIn", "oAuthSignIn", "generateToken"]) {
      await expect(target[name]!()).rejects.toMatchObject({ name: "identity-manager:user-aborted" });
    }
    await target.refreshToken!();
    target.registerOAuthInfos!();
    expect(esriId.ownCalls).toEqual([]);
  });
});

describe("bindIdentityManager: session changes and unbind", () => {
  it("on sign-out drops the Maps SDK's credentials without revoking; a refresh keeps them", async () => {
    const { esriId, emit } = bound();
    await esriId.getCredential(TREES, failure(499));
    emit({ ...JSMITH, expires: JSMITH.expires + 1000 });
    expect(esriId.credentials).toHaveLength(1);
    const [credential] = esriId.credentials;
    emit(null);
    expect(esriId.credentials).toEqual([]);
    expect(credential?.destroyed).toBe(true);
    expect(esriId.revoked).toBe(0);
  });

  it("unbind() restores every method, own ones included, drops its credentials and stops listening", async () => {
    const esriId = new FakeIdentityManager();
    const appOwn = () => Promise.reject(new Error("the app's own getCredential"));
    Object.assign(esriId, { getCredential: appOwn });
    const { client, listeners } = fakeClient();
    const unbind = bindIdentityManager(esriId, client);
    await esriId.getCredential(TREES, failure(499));
    unbind();
    unbind();
    expect(esriId.getCredential).toBe(appOwn);
    for (const name of ["signIn", "oAuthSignIn", "generateToken", "refreshToken", "registerOAuthInfos"]) {
      expect(Object.hasOwn(esriId, name), name).toBe(false);
    }
    expect(esriId.credentials).toEqual([]);
    expect(listeners.size).toBe(0);
  });

  it("a getCredential that was under way when unbind() ran ends in the IdentityManager's own", async () => {
    const { esriId, unbind } = bound();
    const pending = esriId.getCredential(TREES, failure(499));
    unbind();
    await expect(pending).rejects.toThrow("the Maps SDK's own sign-in");
    expect(esriId.credentials).toEqual([]);
    expect(esriId.ownCalls).toEqual([`getCredential ${TREES}`]);
  });
});
