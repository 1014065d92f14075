/**
 * Property tests of parseCallbackUrl against an independent oracle written straight from docs/protocol.md
 * §1: a different splitter, a different percent-decoder (bytes + fatal TextDecoder) and BigInt
 * arithmetic, so a shared misunderstanding is less likely to hide in both.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCallbackUrl } from "./parse.ts";

const NOW = 1_800_000_000_000;
const LIMIT = 16_384;
const RUNS = 10_000;
/** 10,000 runs take 1-3 s here; leave room for a loaded machine (2 cores shared by many runs). */
const TIMEOUT_MS = 60_000;
const ANSWER_KEYS = [
  "access_token",
  "expires_in",
  "username",
  "ssl",
  "persist",
  "state",
  "code",
  "error",
  "error_description",
];

type Expected =
  | { kind: "unsendable" }
  | { kind: "send"; state: string; result: Record<string, unknown> | "invalid" };

/** %XX-only decoding via bytes and a fatal UTF-8 decoder; undefined when malformed. */
function oracleDecode(text: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 3;
    } else {
      const codePoint = text.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(codePoint);
      // Lone surrogates cannot be percent-decoded back into a string either.
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) return undefined;
      bytes.push(...new TextEncoder().encode(char));
      i += char.length;
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

type Entry = { key: string | undefined; value: string | undefined };

function oracleEntries(part: string): Entry[] {
  return part
    .split(/&/)
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      const [, key = "", value = ""] = /^([^=]*)=?([\s\S]*)$/.exec(segment) ?? [];
      return { key: oracleDecode(key), value: oracleDecode(value) };
    });
}

function oracle(search: string, hash: string): Expected {
  const query = oracleEntries(search.replace(/^\?/, ""));
  const fragment = oracleEntries(hash.replace(/^#/, ""));
  const all = [...query, ...fragment];
  const states = all.filter((e) => e.key === "state");
  const state = states.length === 1 ? states[0]?.value : undefined;
  if (state === undefined || state.length === 0 || state.length > LIMIT) return { kind: "unsendable" };
  const invalid: Expected = { kind: "send", state, result: "invalid" };
  for (const { key, value } of all) {
    if (key === undefined || value === undefined) return invalid;
    if (key.length > LIMIT || value.length > LIMIT) return invalid;
    if (key === "__proto__" || key === "constructor" || key === "prototype") return invalid;
  }
  const isAnswerKey = (e: Entry) => ANSWER_KEYS.includes(e.key ?? "");
  if (query.some(isAnswerKey) && fragment.some(isAnswerKey)) return invalid;
  const part = query.some(isAnswerKey) ? query : fragment;
  const get = (name: string) => part.filter((e) => e.key === name).map((e) => e.value ?? "");
  if (ANSWER_KEYS.some((name) => get(name).length > 1)) return invalid;
  const [token] = get("access_token");
  const [code] = get("code");
  const [error] = get("error");
  if ([token, code, error].filter((v) => v !== undefined).length !== 1) return invalid;
  if (error !== undefined) {
    const [description = ""] = get("error_description");
    return error ? { kind: "send", state, result: { kind: "error", error, description } } : invalid;
  }
  if (code !== undefined) return code ? { kind: "send", state, result: { kind: "code", code } } : invalid;
  const [username] = get("username");
  const [expiresIn] = get("expires_in");
  if (!token || !username || expiresIn === undefined || !/^\d+$/.test(expiresIn)) return invalid;
  const seconds = BigInt(expiresIn);
  if (seconds < 1n || seconds > 1_209_600n) return invalid;
  const [ssl] = get("ssl");
  const expires = NOW + Number(seconds) * 1000;
  return { kind: "send", state, result: { kind: "token", token, expires, username, ssl: ssl === "true" } };
}

/** How often each expected outcome came up, so a generator that never reaches one is noticed. */
const seen = new Map<string, number>();

/** Compares parser and oracle, counting the oracle's verdict. */
function checkAgainstOracle(search: string, hash: string): void {
  const expected = oracle(search, hash);
  const label =
    expected.kind === "unsendable"
      ? "unsendable"
      : expected.result === "invalid"
        ? "invalid"
        : String(expected.result.kind);
  seen.set(label, (seen.get(label) ?? 0) + 1);
  expect(actual(search, hash)).toEqual(expected);
}

/** What the parser produced, in the oracle's terms. */
function actual(search: string, hash: string): Expected {
  const outcome = parseCallbackUrl(search, hash, NOW);
  if (outcome.kind === "unsendable") return { kind: "unsendable" };
  const { state, result } = outcome.message;
  const invalid = result.kind === "error" && result.error === "invalid_response";
  return { kind: "send", state, result: invalid ? "invalid" : { ...result } };
}

/** Pieces an attacker would combine: separators, escapes, prototype keys, unicode, answer keys. */
const adversarialPiece = fc.oneof(
  fc.constantFrom(
    "&",
    "=",
    "%",
    "+",
    "#",
    "?",
    "%2",
    "%41",
    "%25",
    "%26",
    "%3D",
    "%2B",
    "%E0",
    "%C3%A9",
    "%ED%A0%80",
    "%F0%9F%98%80",
    "é",
    "😀",
    "\u0000",
    " ",
    "__proto__",
    "constructor",
    "prototype",
    "__proto%5F_",
    ...ANSWER_KEYS,
    "true",
    "false",
    "0",
    "1",
    "-1",
    "60",
    "1209600",
    "1209601",
    "1e3",
    "S",
    "tok",
  ),
  fc.string({ maxLength: 4 }),
);
const adversarialPart = fc.array(adversarialPiece, { maxLength: 24 }).map((pieces) => pieces.join(""));

/** Well-formed-looking `key=value` lists, so that many generated answers are valid or nearly so. */
const keyArb = fc.oneof(
  fc.constantFrom(...ANSWER_KEYS),
  fc.constantFrom("x", "__proto__", "constructor", "prototype", "st%61te", "%5F_proto__"),
);
const valueArb = fc.oneof(
  fc.constantFrom("S", "tok+en", "c%40sey", "60", "86400", "0", "1209601", "true", "", "%E0", "a=b"),
  fc.integer({ min: -5, max: 1_300_000 }).map(String),
  fc.string({ maxLength: 6 }).map(encodeURIComponent),
);
const pairList = fc
  .array(fc.tuple(keyArb, valueArb), { maxLength: 8 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

const partArb = fc.oneof(adversarialPart, pairList, fc.constant(""));

describe("parseCallbackUrl properties", { timeout: TIMEOUT_MS }, () => {
  it("never throws and agrees with the oracle on random queries and fragments", () => {
    fc.assert(
      fc.property(partArb, partArb, fc.boolean(), fc.boolean(), (query, fragment, q, h) => {
        const search = q ? `?${query}` : query;
        const hash = h ? `#${fragment}` : fragment;
        checkAgainstOracle(search, hash);
      }),
      { numRuns: RUNS },
    );
    expect(seen.get("unsendable")).toBeGreaterThan(100);
    expect(seen.get("invalid")).toBeGreaterThan(100);
    seen.clear();
  });

  /** null three times out of four: most generated answers then carry a single kind. */
  const rarely = (arb: fc.Arbitrary<string>) =>
    fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: arb, weight: 1 });

  it("agrees with the oracle on answers built from answer keys only (mostly near-valid)", () => {
    const answer = fc.record({
      access_token: fc.option(valueArb),
      expires_in: fc.option(fc.oneof(fc.integer({ min: -2, max: 1_209_602 }).map(String), valueArb)),
      username: fc.option(valueArb),
      ssl: fc.option(fc.constantFrom("true", "false", "TRUE")),
      code: rarely(valueArb),
      error: rarely(valueArb),
      state: fc.option(fc.constantFrom("S", "", "%E0", "abc%20def"), { freq: 8 }),
    });
    fc.assert(
      fc.property(answer, fc.boolean(), (fields, inQuery) => {
        const part = Object.entries(fields)
          .filter(([, value]) => value !== null)
          .map(([key, value]) => `${key}=${value}`)
          .join("&");
        const [search, hash] = inQuery ? [`?${part}`, ""] : ["", `#${part}`];
        checkAgainstOracle(search, hash);
      }),
      { numRuns: RUNS },
    );
    // Every verdict is reached many times, valid token answers included. (Code and error answers
    // come ~115 times in 10,000 runs: a floor of 25 proves coverage without flaking.)
    for (const label of ["unsendable", "invalid", "token", "code", "error"]) {
      expect(seen.get(label), label).toBeGreaterThan(25);
    }
  });

  it("gives back the fields of any valid token or code answer (round trip)", () => {
    const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 });
    /** Encodes with encodeURIComponent, and sometimes escapes every character, as a portal might. */
    const encode = (value: string, everything: boolean) =>
      everything
        ? [...new TextEncoder().encode(value)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")
        : encodeURIComponent(value);
    fc.assert(
      fc.property(
        fc.record({ token: text, username: text, state: text, code: text }),
        fc.integer({ min: 1, max: 1_209_600 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (fields, expiresIn, ssl, codeFlow, escapeAll) => {
          const e = (value: string) => encode(value, escapeAll);
          if (codeFlow) {
            const outcome = parseCallbackUrl(`?state=${e(fields.state)}&code=${e(fields.code)}&x=1`, "", NOW);
            expect(outcome).toEqual({
              kind: "send",
              message: {
                type: "arcgis-auth-shell/callback",
                version: 1,
                state: fields.state,
                result: { kind: "code", code: fields.code },
              },
            });
            return;
          }
          const hash = `#access_token=${e(fields.token)}&expires_in=${expiresIn}&username=${e(fields.username)}${
            ssl ? "&ssl=true" : ""
          }&persist=false&state=${e(fields.state)}`;
          expect(parseCallbackUrl("", hash, NOW)).toEqual({
            kind: "send",
            message: {
              type: "arcgis-auth-shell/callback",
              version: 1,
              state: fields.state,
              result: {
                kind: "token",
                token: fields.token,
                expires: NOW + expiresIn * 1000,
                username: fields.username,
                ssl,
              },
            },
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
