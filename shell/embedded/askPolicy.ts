/**
 * How the embedded-app host treats each `requestCredential` of one frame (README "Embedded ArcGIS
 * apps"). The Maps SDK's child asks again after every portal 498 and has no retry limit, so an ask
 * from a frame that already holds the shell's current token means "this token failed": it becomes
 * one report to the coordinated retry (unless the shell finds the token still good: then it was a
 * reload, and the answer is that token again). Reports, such repeats and refusals are bounded per
 * frame in a sliding window, so a child whose requests keep failing meets a few
 * `arcgis:auth:error`s, never a loop.
 * Pure: the clock is passed in; the host does the messaging and the timers.
 */

/** The sliding window the bounds below count in. */
export const ASK_WINDOW_MS = 10_000;
/** Asks per frame and window that may start (or join) a coordinated retry. */
export const REPORTS_PER_WINDOW = 2;
/** Repeats per frame and window that the shell answered with the same, still good, token. */
export const REPEATS_PER_WINDOW = 10;
/** `arcgis:auth:error` answers per frame and window; later refusals wait for room. */
export const ERRORS_PER_WINDOW = 5;

/** What to do with one ask. */
export type AskDecision =
  /** An answer is already on its way to this frame; the child takes it for this ask too. */
  | { kind: "join" }
  /** First ask, or the frame holds an older token: send the current credential. */
  | { kind: "send" }
  /** The frame holds the current token and asks again: `token` failed, join the coordinated retry. */
  | { kind: "report"; token: string }
  /** Over the bound: answer `arcgis:auth:error`, not before `at` (epoch ms). */
  | { kind: "refuse"; at: number };

interface FrameAsks {
  origin: string;
  /** The token last sent to this frame. */
  sent?: string;
  /** An answer is pending (waiting for the credential, or a delayed refusal). */
  pending?: boolean;
  /** The token of the report whose answer is pending. */
  reported?: string;
  reports: number[];
  repeats: number[];
  errors: number[];
}

/** Per-frame bookkeeping; frames are held weakly, so a removed iframe costs nothing. */
export interface AskPolicy {
  /** Decides what the ask of `frame` at `origin` gets, given the shell's current token (or null). */
  decide(frame: object, origin: string, currentToken: string | null): AskDecision;
  /** The answer to `frame` at `origin` went out; `token` when it was a credential. */
  answered(frame: object, origin: string, token?: string): void;
}

export function createAskPolicy(now: () => number = Date.now): AskPolicy {
  const frames = new WeakMap<object, FrameAsks>();
  const recent = (times: number[], at: number) => times.filter((t) => t > at - ASK_WINDOW_MS);

  return {
    decide(frame, origin, currentToken) {
      let asks = frames.get(frame);
      // A frame that now shows another origin has navigated: a new app, nothing carried over.
      if (asks?.origin !== origin) {
        asks = { origin, reports: [], repeats: [], errors: [] };
        frames.set(frame, asks);
      }
      if (asks.pending) return { kind: "join" };
      asks.pending = true;
      // Nothing sent yet, or an older token than the shell's (`currentToken` is never undefined).
      if (asks.sent !== currentToken) return { kind: "send" };
      const at = now();
      asks.reports = recent(asks.reports, at);
      asks.repeats = recent(asks.repeats, at);
      if (asks.reports.length < REPORTS_PER_WINDOW && asks.repeats.length < REPEATS_PER_WINDOW) {
        asks.reports.push(at);
        asks.reported = asks.sent;
        return { kind: "report", token: asks.sent };
      }
      asks.errors = recent(asks.errors, at);
      const oldest = asks.errors[asks.errors.length - ERRORS_PER_WINDOW];
      const when = oldest === undefined ? at : Math.max(at, oldest + ASK_WINDOW_MS);
      asks.errors.push(when);
      return { kind: "refuse", at: when };
    },
    answered(frame, origin, token) {
      const asks = frames.get(frame);
      if (asks?.origin !== origin) return; // an answer to the app that was there before
      asks.pending = false;
      // The same token back: the shell found it still good, so this was a repeat, not a failure.
      if (asks.reported !== undefined && token === asks.reported) asks.repeats.push(asks.reports.pop() ?? 0);
      asks.reported = undefined;
      if (token !== undefined) asks.sent = token;
    },
  };
}
