/** Test helpers shared by the callback parser's unit tests (not part of the page). */
import { expect } from "vitest";
import { parseCallbackMessage } from "../protocol/callbackMessage.schema.ts";
import type { CallbackResult } from "../protocol/callbackMessage.ts";
import { parseCallbackUrl } from "./parse.ts";

export const NOW = 1_800_000_000_000;

/** The result sent for `search`/`hash`, asserting that something is sent to state `S`. */
export function resultOf(search: string, hash: string): CallbackResult {
  const outcome = parseCallbackUrl(search, hash, NOW);
  if (outcome.kind !== "send") throw new Error(`expected a message, got: ${outcome.reason}`);
  expect(outcome.message.state).toBe("S");
  // Whatever the parser sends must pass the shell's schema.
  expect(parseCallbackMessage(outcome.message)).toEqual(outcome.message);
  return outcome.message.result;
}

/** The `invalid_response` description for an answer that must be rejected. */
export function invalidReason(search: string, hash: string): string {
  const result = resultOf(search, hash);
  if (result.kind !== "error" || result.error !== "invalid_response") {
    throw new Error(`expected invalid_response, got ${result.kind}`);
  }
  return result.description;
}

export const TOKEN_HASH =
  "#access_token=token&expires_in=86400&username=c%40sey&ssl=true&persist=true&state=S";
