import { describe, expect, it } from "vitest";
import type { TokenGrant } from "../../protocol/appChannel.ts";
import { PortalError, UntrustedServerError } from "../../protocol/errors.ts";
import type { Federation } from "../federation/types.ts";
import type { SessionHolder } from "../session/SessionHolder.ts";
import { createGrants } from "./grants.ts";

const PORTAL = "http://localhost:4100/sharing/rest";
const TREES = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query";
const PARCELS = "http://localhost:4300/arcgis/rest/services/Parcels/FeatureServer/0/query";
const LATER = 1_900_000_000_000;

/** A session whose portal token can be invalidated, and a single-flight re-authentication that counts rounds. */
function setUp({ signedIn = true, serverRefusals = 0, holdRounds = false, httpsOnly = false } = {}) {
  let releaseRound: () => void = () => {};
  let portalToken: string | null = signedIn ? "portal-1" : null;
  let tokenNumber = 1;
  let rounds = 0;
  let round: Promise<void> | null = null;
  let serverTokenNumber = 0;
  let refusalsLeft = serverRefusals;
  const serverGrants = new Map<string, TokenGrant>();
  let pending: Promise<TokenGrant> | null = null;
  const invalidated: string[] = [];

  function invalidate(token: string) {
    invalidated.push(token);
    if (portalToken === token) portalToken = null;
  }

  const federation: Federation = {
    async assertTrusted(url) {
      if (url?.startsWith("http://localhost:4300")) throw new UntrustedServerError();
    },
    grantFor(url) {
      if (!url?.startsWith("http://localhost:4200")) return grants.portalGrant();
      const cached = serverGrants.get("trees");
      if (cached) return Promise.resolve(cached);
      // single-flight per root, like the real federation
      pending ??= (async () => {
        try {
          const { token } = await grants.portalGrant();
          if (refusalsLeft > 0) {
            refusalsLeft--;
            // as the real federation does: it reports the portal token the refused call carried
            invalidate(token);
            throw new PortalError("Invalid token.", 498);
          }
          const grant = { token: `server-${++serverTokenNumber}-from-${token}`, expires: LATER };
          serverGrants.set("trees", grant);
          return grant;
        } finally {
          pending = null;
        }
      })();
      return pending;
    },
    invalidate(token) {
      const hit = serverGrants.get("trees")?.token === token;
      if (hit) serverGrants.delete("trees");
      return hit;
    },
    clear: () => serverGrants.clear(),
  };

  function reauthenticate() {
    round ??= (async () => {
      rounds++;
      await (holdRounds ? new Promise<void>((resolve) => (releaseRound = resolve)) : Promise.resolve());
      portalToken = `portal-${++tokenNumber}`;
      round = null;
    })();
    return round.then(() => portalToken as string);
  }
  const recovery = {
    reauthenticate,
    get running() {
      return round !== null;
    },
  };

  const grants = createGrants({
    portal: PORTAL,
    federation,
    session: {
      ready: Promise.resolve(null),
      usable: () =>
        portalToken === null
          ? null
          : { token: portalToken, expires: LATER, ssl: httpsOnly, username: "jsmith", portal: PORTAL },
      holder: { invalidate } as SessionHolder,
      missingReason: () => "signed-out",
    },
    recovery: { get: async () => recovery, loaded: recovery },
  });
  return {
    grants,
    invalidated,
    stats: () => ({ rounds, portalToken, recovering: round !== null }),
    releaseRound: () => releaseRound(),
    /** The portal token dies (as after /__admin/expire): the next generateToken calls are refused. */
    killPortalToken(refusals = 1) {
      refusalsLeft = refusals;
    },
  };
}

describe("grantFor", () => {
  it("gives the portal token, and server tokens through federation", async () => {
    const { grants } = setUp();
    expect(await grants.grantFor(undefined, true)).toEqual({ token: "portal-1", expires: LATER });
    expect((await grants.grantFor(TREES, true))?.token).toBe("server-1-from-portal-1");
  });

  it("refuses an untrusted server even when signed out, without starting a sign-in", async () => {
    const { grants, stats } = setUp({ signedIn: false });
    await expect(grants.grantFor(PARCELS, false)).rejects.toBeInstanceOf(UntrustedServerError);
    await expect(grants.grantFor(PARCELS, true)).rejects.toBeInstanceOf(UntrustedServerError);
    expect(stats().rounds).toBe(0);
  });

  it("signed out: null without waiting, or the token after the one coordinated sign-in", async () => {
    const { grants, stats } = setUp({ signedIn: false });
    expect(await grants.grantFor(TREES, false)).toBeNull();
    const all = await Promise.all([grants.grantFor(undefined, true), grants.grantFor(TREES, true)]);
    expect(all.map((g) => g?.token)).toEqual(["portal-2", "server-1-from-portal-2"]);
    expect(stats().rounds).toBe(1);
  });

  it("recovers once when the portal refuses the portal token behind a server token", async () => {
    const { grants, invalidated, stats } = setUp({ serverRefusals: 1 });
    expect((await grants.grantFor(TREES, true))?.token).toBe("server-1-from-portal-2");
    expect(invalidated).toEqual(["portal-1"]);
    expect(stats().rounds).toBe(1);
  });
});

describe("grantFor during a recovery", () => {
  it("makes a request that would not wait join the recovery instead of going out anonymously", async () => {
    const { grants, stats, releaseRound } = setUp({ holdRounds: true });
    const failing = grants.afterFailure({ url: `${PORTAL}/community/self`, token: "portal-1", code: 498 });
    await expect.poll(() => stats().recovering).toBe(true);
    expect(stats().portalToken).toBeNull();
    const joined = grants.grantFor(TREES, false);
    releaseRound();
    expect((await failing).token).toBe("portal-2");
    expect((await joined)?.token).toBe("server-1-from-portal-2");
    expect(stats().rounds).toBe(1);
  });
});

describe("afterFailure", () => {
  it("answers a stale or unnamed portal token with the current grant at once", async () => {
    const { grants, stats } = setUp();
    expect((await grants.afterFailure({ token: "portal-0", code: 498 })).token).toBe("portal-1");
    expect((await grants.afterFailure({ code: 498 })).token).toBe("portal-1");
    expect(stats().rounds).toBe(0);
  });

  it("turns 100 reports of the current portal token into one re-authentication", async () => {
    const { grants, invalidated, stats } = setUp();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        grants.afterFailure({ url: `${PORTAL}/community/self`, token: "portal-1", code: 498 }),
      ),
    );
    expect(new Set(answers.map((a) => a.token))).toEqual(new Set(["portal-2"]));
    expect(invalidated).toEqual(["portal-1"]);
    expect(stats().rounds).toBe(1);
  });

  it("replaces a failing server token without a sign-in while the portal token is good", async () => {
    const { grants, stats } = setUp();
    const first = await grants.grantFor(TREES, true);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => grants.afterFailure({ url: TREES, token: first?.token, code: 498 })),
    );
    expect(new Set(answers.map((a) => a.token))).toEqual(new Set(["server-2-from-portal-1"]));
    expect(stats().rounds).toBe(0);
  });

  it("when the portal refuses too, all server reports share one re-authentication", async () => {
    const { grants, stats, killPortalToken, invalidated } = setUp();
    const first = await grants.grantFor(TREES, true);
    killPortalToken();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => grants.afterFailure({ url: TREES, token: first?.token, code: 498 })),
    );
    expect(new Set(answers.map((a) => a.token))).toEqual(new Set(["server-2-from-portal-2"]));
    expect(invalidated).toEqual(["portal-1"]);
    expect(stats().rounds).toBe(1);
  });

  it("a report for an untrusted server is refused and starts nothing", async () => {
    const { grants, stats } = setUp();
    await expect(grants.afterFailure({ url: PARCELS, code: 499 })).rejects.toBeInstanceOf(
      UntrustedServerError,
    );
    expect(stats().rounds).toBe(0);
  });

  it("signed out, an anonymous report starts the coordinated sign-in", async () => {
    const { grants, stats } = setUp({ signedIn: false });
    expect((await grants.afterFailure({ url: `${PORTAL}/community/self`, code: 499 })).token).toBe(
      "portal-2",
    );
    expect(stats().rounds).toBe(1);
  });
});

describe("an https-only session (ssl: true)", () => {
  it("sends no token over plain http, and still serves https URLs", async () => {
    const { grants, stats } = setUp({ httpsOnly: true });
    await expect(grants.grantFor(TREES, true)).rejects.toBeInstanceOf(UntrustedServerError);
    await expect(grants.grantFor(`${PORTAL}/community/self`, false)).rejects.toThrow(/https-only/);
    await expect(grants.afterFailure({ url: TREES, code: 498 })).rejects.toBeInstanceOf(UntrustedServerError);
    expect((await grants.grantFor(undefined, true))?.token).toBe("portal-1");
    expect(stats().rounds).toBe(0);
  });
});
