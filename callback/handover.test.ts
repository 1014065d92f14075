import { describe, expect, it } from "vitest";
import { REDIRECT_RESULT_KEY } from "../protocol/callbackHandover.ts";
import {
  type CallbackMessage,
  REDIRECT_PENDING_KEY_PREFIX,
  REDIRECT_STATE_PREFIX,
} from "../protocol/callbackMessage.ts";
import { type HandoverEnv, handOver, type MessageTarget } from "./handover.ts";

const MESSAGE: CallbackMessage = {
  type: "arcgis-auth-shell/callback",
  version: 1,
  state: "S",
  result: { kind: "token", token: "t", expires: 1, username: "u", ssl: false },
};
/** The same answer to a full-page redirect sign-in (its shell marks the state). */
const REDIRECT_MESSAGE: CallbackMessage = { ...MESSAGE, state: `${REDIRECT_STATE_PREFIX}S` };
const ORIGINS = ["http://localhost:5173", "http://127.0.0.1:5174"];

/**
 * A fake opener that records each post with its target origin. `origin` makes it same-origin
 * (readable); without it, reading its origin throws like a cross-origin WindowProxy.
 */
function recordingOpener(
  closed = false,
  origin?: string,
): MessageTarget & { posts: Array<[unknown, string]> } {
  const posts: Array<[unknown, string]> = [];
  const location = {
    get origin(): string {
      if (origin === undefined) throw new DOMException("Blocked a frame", "SecurityError");
      return origin;
    },
  };
  return { closed, posts, location, postMessage: (message, target) => void posts.push([message, target]) };
}

/** An environment with fakes; `calls` records broadcasts, navigations and each time storage is asked for. */
function fakeEnv(overrides: Partial<HandoverEnv> = {}) {
  const calls: string[] = [];
  const map = new Map<string, string>();
  const env: HandoverEnv = {
    href: "http://localhost:5173/callback.html",
    origin: "http://localhost:5173",
    opener: null,
    allowedOrigins: ORIGINS,
    storage: () => {
      calls.push("storage");
      return {
        getItem: (key) => map.get(key) ?? null,
        setItem: (key, value) => void map.set(key, value),
        removeItem: (key) => void map.delete(key),
      };
    },
    broadcast: () => void calls.push("broadcast"),
    navigate: (url) => void calls.push(`navigate ${url}`),
    framed: false,
    ...overrides,
  };
  return { env, calls, map };
}

describe("handOver", () => {
  it("hands nothing to anyone when the page runs inside a frame (clickjacking)", () => {
    const opener = recordingOpener(false, "http://localhost:5173");
    const { env, calls, map } = fakeEnv({ opener, framed: true });
    map.set(
      `arcgis-auth-shell:redirect:${MESSAGE.state}`,
      JSON.stringify({ returnTo: "http://localhost:5173/app" }),
    );
    expect(handOver(MESSAGE, env)).toEqual({
      kind: "failed",
      reason: "the sign-in page cannot run inside a frame",
    });
    expect(opener.posts).toEqual([]);
    expect(calls).toEqual([]);
    expect(map.has("arcgis-auth-shell:redirect-result")).toBe(false);
  });

  it("posts to a same-origin opener once, with its exact origin", () => {
    const opener = recordingOpener(false, "http://localhost:5173");
    const { env, calls } = fakeEnv({ opener });
    expect(handOver(MESSAGE, env)).toEqual({ kind: "posted" });
    expect(opener.posts).toEqual([[MESSAGE, "http://localhost:5173"]]);
    expect(calls).toEqual([]);
  });

  it("posts to a cross-origin opener once per other allowed origin, never with '*'", () => {
    const opener = recordingOpener();
    const allowedOrigins = [...ORIGINS, "https://a.example"];
    const { env, calls } = fakeEnv({ opener, allowedOrigins });
    expect(handOver(MESSAGE, env)).toEqual({ kind: "posted" });
    expect(opener.posts).toEqual([
      [MESSAGE, "http://127.0.0.1:5174"],
      [MESSAGE, "https://a.example"],
    ]);
    expect(calls).toEqual([]);
  });

  it("posts nothing to a readable opener whose origin is not allowed", () => {
    const opener = recordingOpener(false, "http://localhost:9999");
    expect(handOver(MESSAGE, fakeEnv({ opener }).env)).toEqual({ kind: "posted" });
    expect(opener.posts).toEqual([]);
  });

  it("keeps going when a post throws", () => {
    const opener: MessageTarget = {
      closed: false,
      postMessage: () => {
        throw new Error("gone");
      },
    };
    expect(handOver(MESSAGE, fakeEnv({ opener }).env)).toEqual({ kind: "posted" });
  });

  it("broadcasts when there is no opener or it is closed", () => {
    for (const opener of [null, recordingOpener(true)]) {
      const { env, calls } = fakeEnv({ opener });
      expect(handOver(MESSAGE, env)).toEqual({ kind: "broadcast" });
      expect(calls).toEqual(["storage", "broadcast"]); // a redirect record is looked for first
    }
  });

  it("fails without throwing when BroadcastChannel is unavailable", () => {
    const broadcast = () => {
      throw new ReferenceError("BroadcastChannel is not defined");
    };
    expect(handOver(MESSAGE, fakeEnv({ broadcast }).env).kind).toBe("failed");
  });

  it("checks redirect mode first for a redirect's state, even with an opener", () => {
    const opener = recordingOpener();
    const { env, calls, map } = fakeEnv({ opener });
    map.set(`${REDIRECT_PENDING_KEY_PREFIX}${REDIRECT_MESSAGE.state}`, JSON.stringify({ returnTo: "/app" }));
    expect(handOver(REDIRECT_MESSAGE, env)).toEqual({ kind: "redirected" });
    expect(calls).toEqual(["storage", "navigate http://localhost:5173/app"]);
    expect(opener.posts).toEqual([]);
    expect(map.get(REDIRECT_RESULT_KEY)).toBe(JSON.stringify(REDIRECT_MESSAGE));
  });

  it("posts a popup's answer to its opener without touching sessionStorage", () => {
    const opener = recordingOpener(false, "http://localhost:5173");
    const { env, calls } = fakeEnv({ opener });
    expect(handOver(MESSAGE, env)).toEqual({ kind: "posted" });
    expect(opener.posts).toEqual([[MESSAGE, "http://localhost:5173"]]);
    expect(calls).toEqual([]);
  });

  it("still returns a redirect whose state is unmarked (an earlier shell) in a tab without an opener", () => {
    const { env, calls, map } = fakeEnv();
    map.set(`${REDIRECT_PENDING_KEY_PREFIX}S`, JSON.stringify({ returnTo: "/app" }));
    expect(handOver(MESSAGE, env)).toEqual({ kind: "redirected" });
    expect(calls).toEqual(["storage", "navigate http://localhost:5173/app"]);
    expect(map.get(REDIRECT_RESULT_KEY)).toBe(JSON.stringify(MESSAGE));
  });

  it("sends nothing anywhere when the pending returnTo is off-origin", () => {
    const opener = recordingOpener();
    const { env, calls, map } = fakeEnv({ opener });
    map.set(
      `${REDIRECT_PENDING_KEY_PREFIX}${REDIRECT_MESSAGE.state}`,
      JSON.stringify({ returnTo: "https://evil.test/" }),
    );
    expect(handOver(REDIRECT_MESSAGE, env).kind).toBe("failed");
    expect(calls).toEqual(["storage"]);
    expect(opener.posts).toEqual([]);
    expect(map.has(REDIRECT_RESULT_KEY)).toBe(false);
  });
});
