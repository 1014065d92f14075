/**
 * One sign-in attempt's parts: its state and PKCE verifier, its authorize URL, and the promise a
 * popup sign-in settles.
 */

import { signInFailed } from "../errors.ts";
import type { ShellHost } from "../host.ts";
import type { ResolvedOptions } from "../options.ts";
import type { SessionRecord } from "../types.ts";
import { buildAuthorizeUrl } from "./authorizeUrl.ts";
import { codeChallengeS256, createCodeVerifier } from "./pkce.ts";
import { createState } from "./state.ts";

/** The secrets of one attempt: the state the answer must carry, and the PKCE verifier. */
export interface Attempt {
  state: string;
  verifier: string | undefined;
}

/** A popup sign-in waiting for its answer. */
export interface PendingSignIn extends Attempt {
  popup: Window;
  answered: boolean;
  promise: Promise<SessionRecord>;
  resolve(record: SessionRecord): void;
  reject(error: unknown): void;
  /** Stop functions of the attempt's timers and popup watch (run by `stopAll`). */
  stops: (() => void)[];
}

/**
 * A new state (after `marker`: a full-page redirect's marks itself as one for the callback page,
 * docs/protocol.md §1), and a verifier for the PKCE flow.
 */
export function newAttempt(
  options: Pick<ResolvedOptions, "flow">,
  host: Pick<ShellHost, "crypto">,
  marker = "",
): Attempt {
  const state = marker + createState(host.crypto);
  const verifier = options.flow === "pkce" ? createCodeVerifier(host.crypto) : undefined;
  return { state, verifier };
}

/** The authorize URL of `attempt` (with the S256 challenge of its verifier). */
export async function authorizeUrlFor(
  options: ResolvedOptions,
  host: Pick<ShellHost, "crypto">,
  { state, verifier }: Attempt,
): Promise<string> {
  let codeChallenge: string | undefined;
  if (verifier !== undefined) {
    if (!host.crypto.subtle) throw signInFailed("invalid_request", "PKCE needs a secure context");
    codeChallenge = await codeChallengeS256(verifier, host.crypto.subtle);
  }
  return buildAuthorizeUrl({ ...options, state, codeChallenge });
}

/** The waiting state of a popup sign-in of `attempt`. */
export function pendingSignIn(attempt: Attempt, popup: Window): PendingSignIn {
  let resolve!: (record: SessionRecord) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<SessionRecord>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { ...attempt, popup, answered: false, promise, resolve, reject, stops: [] };
}

/** Stops the attempt's timers and popup watch. */
export function stopAll(signIn: PendingSignIn) {
  for (const stop of signIn.stops) stop();
}

/** Runs `run` after `ms`; returns the function that cancels it. */
export function later(ms: number, run: () => void): () => void {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
}
