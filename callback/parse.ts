/**
 * Pure parsing of the authorize endpoint's answer as it arrives in the callback URL (docs/protocol.md §1,
 * docs/arcgis.md §1). No DOM, no globals: the page passes `location.search`, `location.hash` and the
 * clock, which keeps this testable with fixed inputs and property tests.
 */

import {
  CALLBACK_MESSAGE_TYPE,
  type CallbackMessage,
  type CallbackResult,
  MAX_VALUE_LENGTH,
} from "../protocol/callbackMessage.ts";

/** Longest token life an answer may claim: two weeks, in seconds (ArcGIS' `expiration` maximum). */
export const MAX_EXPIRES_IN_SECONDS = 1_209_600;

/**
 * The keys this parser understands. A duplicate of any of them makes the answer invalid: a second
 * `access_token` or `state` means someone appended to the URL, and there is no safe way to pick one.
 */
export const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "access_token",
  "expires_in",
  "username",
  "ssl",
  "persist",
  "state",
  "code",
  "error",
  "error_description",
]);

/** Keys that would pollute a prototype if anything downstream used a plain object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** What the page should do with its URL: send this message, or send nothing and say sign-in failed. */
export type CallbackOutcome =
  | { readonly kind: "send"; readonly message: CallbackMessage }
  | { readonly kind: "unsendable"; readonly reason: string };

/** One `key=value` pair of a query or fragment, percent-decoded; `null` where decoding failed. */
interface RawPair {
  readonly key: string | null;
  readonly value: string | null;
}

/** Decodes `%XX` escapes only: `+` stays `+` (ArcGIS tokens may contain it). `null` if malformed. */
function percentDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Splits `a=1&b=2` (without its leading `?`/`#`) into decoded pairs; empty segments are skipped. */
export function splitPairs(part: string): RawPair[] {
  const pairs: RawPair[] = [];
  for (const segment of part.split("&")) {
    if (segment === "") continue;
    const equals = segment.indexOf("=");
    const rawKey = equals === -1 ? segment : segment.slice(0, equals);
    const rawValue = equals === -1 ? "" : segment.slice(equals + 1);
    pairs.push({ key: percentDecode(rawKey), value: percentDecode(rawValue) });
  }
  return pairs;
}

/** The only `state` of the whole URL, when there is exactly one and it is non-empty and short enough. */
function usableState(pairs: readonly RawPair[]): string | null {
  const states = pairs.filter((pair) => pair.key === "state");
  const only = states.length === 1 ? states[0] : undefined;
  const value = only?.value;
  if (value === null || value === undefined || value === "" || value.length > MAX_VALUE_LENGTH) return null;
  return value;
}

/** Checks that hold for every pair of the URL; returns a short reason (no URL content) or null. */
function pairProblem(pairs: readonly RawPair[]): string | null {
  for (const { key, value } of pairs) {
    if (key === null || value === null) return "malformed percent-encoding";
    if (key.length > MAX_VALUE_LENGTH || value.length > MAX_VALUE_LENGTH) return "parameter too long";
    if (FORBIDDEN_KEYS.has(key)) return "forbidden parameter name";
  }
  return null;
}

/** Collects the known keys of one part into a null-prototype map; a duplicate is a reason to reject. */
function knownParams(pairs: readonly RawPair[]): Map<string, string> | string {
  const params = new Map<string, string>();
  for (const { key, value } of pairs) {
    if (key === null || value === null || !KNOWN_KEYS.has(key)) continue;
    if (params.has(key)) return `duplicated parameter: ${key}`;
    params.set(key, value);
  }
  return params;
}

/** `expires_in` as whole seconds in 1..two weeks: ASCII digits only (no sign, space or exponent). */
function parseExpiresIn(text: string | undefined): number | null {
  if (text === undefined || !/^[0-9]+$/.test(text)) return null;
  const seconds = Number(text);
  return seconds >= 1 && seconds <= MAX_EXPIRES_IN_SECONDS ? seconds : null;
}

/** Turns the known parameters of the answer part into a result, or a short reason why it is invalid. */
function resultFrom(params: Map<string, string>, now: number): CallbackResult | string {
  const token = params.get("access_token");
  const code = params.get("code");
  const error = params.get("error");
  const present = [token, code, error].filter((value) => value !== undefined).length;
  if (present === 0) return "no token, code or error in the answer";
  if (present > 1) return "more than one of token, code and error";
  if (error !== undefined) {
    if (error === "") return "empty error";
    return { kind: "error", error, description: params.get("error_description") ?? "" };
  }
  if (code !== undefined) return code === "" ? "empty code" : { kind: "code", code };
  if (token === "" || token === undefined) return "empty access_token";
  const username = params.get("username");
  if (username === undefined || username === "") return "access_token without username";
  const expiresIn = parseExpiresIn(params.get("expires_in"));
  if (expiresIn === null) return "expires_in missing or out of range";
  return {
    kind: "token",
    token,
    expires: now + expiresIn * 1000,
    username,
    ssl: params.get("ssl") === "true",
  };
}

/** True when a part carries at least one key of an authorize answer (`state` included). */
function carriesAnswer(pairs: readonly RawPair[]): boolean {
  return pairs.some((pair) => pair.key !== null && KNOWN_KEYS.has(pair.key));
}

/** Strips one leading `?` or `#`, as `location.search` / `location.hash` carry them. */
function withoutPrefix(part: string, prefix: "?" | "#"): string {
  return part.startsWith(prefix) ? part.slice(1) : part;
}

/**
 * Reads the authorize answer from the callback URL's query (`search`, code flow) and fragment
 * (`hash`, implicit flow) and says what to send. `now` is the epoch-ms clock for `expires`.
 * An answer in both parts is ambiguous and therefore invalid. Never throws.
 */
export function parseCallbackUrl(search: string, hash: string, now: number): CallbackOutcome {
  const queryPairs = splitPairs(withoutPrefix(search, "?"));
  const fragmentPairs = splitPairs(withoutPrefix(hash, "#"));
  const allPairs = [...queryPairs, ...fragmentPairs];
  const state = usableState(allPairs);
  if (state === null) return { kind: "unsendable", reason: "missing, duplicated or unusable state" };
  const result = answerResult(queryPairs, fragmentPairs, allPairs, now);
  const message: CallbackMessage = {
    type: CALLBACK_MESSAGE_TYPE,
    version: 1,
    state,
    result:
      typeof result === "string" ? { kind: "error", error: "invalid_response", description: result } : result,
  };
  return { kind: "send", message };
}

/** The result of a URL whose state is usable, or the reason the answer is invalid. */
function answerResult(
  queryPairs: readonly RawPair[],
  fragmentPairs: readonly RawPair[],
  allPairs: readonly RawPair[],
  now: number,
): CallbackResult | string {
  const problem = pairProblem(allPairs);
  if (problem !== null) return problem;
  const inQuery = carriesAnswer(queryPairs);
  if (inQuery && carriesAnswer(fragmentPairs)) return "answer in both query and fragment";
  const params = knownParams(inQuery ? queryPairs : fragmentPairs);
  return typeof params === "string" ? params : resultFrom(params, now);
}
