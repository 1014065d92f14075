/**
 * Property tests of the shell's acceptance of callback messages: `parseCallbackMessage`
 * (protocol/callbackMessage.schema.ts, docs/protocol.md §1) against an oracle written from the spec, and `judgeCallback`
 * (docs/protocol.md §1) against the four acceptance rules. Messages are valid ones with one or two
 * mutations (a key dropped, added, a prototype key, a value swapped for anything, lengths at the
 * 16 KB edge), so most runs land near the boundary; tallies keep the properties from passing
 * vacuously.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCallbackMessage } from "../../protocol/callbackMessage.schema.ts";
import { CALLBACK_MESSAGE_TYPE } from "../../protocol/callbackMessage.ts";
import { judgeCallback, type PendingAnswer } from "./acceptCallback.ts";

const RUNS = 10_000;
/** 10,000 runs take about a second; room for a loaded machine. */
const TIMEOUT_MS = 60_000;
const LIMIT = 16 * 1024;
const PROTO_KEYS = ["__proto__", "constructor", "prototype"];

/** Sets an own `key` (also `__proto__`, which an assignment would turn into the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

const anyValue = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, maxDepth: 2 }),
  fc.constantFrom("", "x".repeat(LIMIT), "x".repeat(LIMIT + 1), 0, -1, 1.5, 2 ** 53, Number.NaN),
);
const text = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 30 }), weight: 8 },
  { arbitrary: fc.constantFrom("x".repeat(LIMIT), "x".repeat(LIMIT + 1), "", "a+b%2B c"), weight: 1 },
);
const validResult = fc.oneof(
  fc.record({
    kind: fc.constant("token"),
    token: text,
    expires: fc.oneof(fc.integer({ min: 1 }), fc.constantFrom(1_800_000_000_000, 0, -5, 1.5)),
    username: text,
    ssl: fc.oneof({ arbitrary: fc.boolean(), weight: 6 }, { arbitrary: fc.constant("true"), weight: 1 }),
  }),
  fc.record({ kind: fc.constant("code"), code: text }),
  fc.record({
    kind: fc.constant("error"),
    error: text,
    description: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("", "x".repeat(LIMIT + 1))),
  }),
);
const STATES = ["S".repeat(43), "T".repeat(43), "U".repeat(43)];
const baseMessage = fc.record({
  type: fc.oneof(
    { arbitrary: fc.constant(CALLBACK_MESSAGE_TYPE), weight: 10 },
    { arbitrary: fc.constantFrom("arcgis-auth-shell/Callback", "arcgis-auth-shell/connect"), weight: 1 },
  ),
  version: fc.oneof({ arbitrary: fc.constant(1), weight: 10 }, fc.constantFrom(2, "1", 1.0000001)),
  state: fc.oneof({ arbitrary: fc.constantFrom(...STATES), weight: 6 }, { arbitrary: text, weight: 1 }),
  result: validResult,
});

type Mutation = { where: "top" | "result"; op: "drop" | "add" | "replace"; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  where: fc.constantFrom("top", "result"),
  op: fc.constantFrom("drop", "add", "replace"),
  key: fc.oneof(
    fc.constantFrom("type", "version", "state", "result", "kind", "token", "code", "expires"),
    fc.constantFrom(...PROTO_KEYS, "extra", "persist"),
  ),
  value: anyValue,
});

function mutate(message: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...message, result: { ...(message.result as object) } };
  for (const m of mutations) {
    const target = m.where === "top" ? out : out.result;
    if (typeof target !== "object" || target === null) continue;
    const record = target as Record<string, unknown>;
    if (m.op === "drop") delete record[m.key];
    else if (m.op === "add" || Object.hasOwn(record, m.key)) setOwn(record, m.key, m.value);
  }
  return out;
}

const inboundData = fc.oneof(
  { arbitrary: baseMessage.map((m) => m as unknown), weight: 4 },
  {
    arbitrary: fc
      .tuple(baseMessage, fc.array(mutation, { minLength: 1, maxLength: 2 }))
      .map(([m, ms]) => mutate(m, ms) as unknown),
    weight: 4,
  },
  { arbitrary: anyValue, weight: 1 },
);
/** What `postMessage` really delivers: a structured clone (own `__proto__` keys survive it). */
const delivered = inboundData.map((data) => {
  try {
    return structuredClone(data);
  } catch {
    return data; // not cloneable (a symbol-keyed value…): test it as is anyway
  }
});

// ---- oracle, from docs/protocol.md §1 ----

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const hasExactly = (v: Record<string, unknown>, keys: string[]) =>
  Object.keys(v).length === keys.length && keys.every((key) => Object.hasOwn(v, key));
const isText = (v: unknown) => typeof v === "string" && v.length >= 1 && v.length <= LIMIT;

function resultAllowed(r: unknown): boolean {
  if (!isRecord(r)) return false;
  switch (r.kind) {
    case "token":
      return (
        hasExactly(r, ["kind", "token", "expires", "username", "ssl"]) &&
        isText(r.token) &&
        isText(r.username) &&
        Number.isSafeInteger(r.expires) &&
        (r.expires as number) > 0 &&
        typeof r.ssl === "boolean"
      );
    case "code":
      return hasExactly(r, ["kind", "code"]) && isText(r.code);
    case "error":
      return (
        hasExactly(r, ["kind", "error", "description"]) &&
        isText(r.error) &&
        typeof r.description === "string" &&
        r.description.length <= LIMIT
      );
    default:
      return false;
  }
}

function messageAllowed(v: unknown): boolean {
  return (
    isRecord(v) &&
    hasExactly(v, ["type", "version", "state", "result"]) &&
    v.type === CALLBACK_MESSAGE_TYPE &&
    v.version === 1 &&
    isText(v.state) &&
    resultAllowed(v.result)
  );
}

describe("parseCallbackMessage (property, docs/protocol.md §1)", () => {
  it(
    "never throws and accepts exactly the messages the spec allows, as fresh objects",
    () => {
      const tally = { accepted: 0, refused: 0 };
      fc.assert(
        fc.property(delivered, (data) => {
          const parsed = parseCallbackMessage(data);
          expect(parsed !== null).toBe(messageAllowed(data));
          if (parsed === null) {
            tally.refused++;
            return;
          }
          tally.accepted++;
          expect(parsed).toEqual(data);
          expect(parsed).not.toBe(data);
          expect(parsed.result).not.toBe((data as { result: unknown }).result);
          expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
          expect(Object.getPrototypeOf(parsed.result)).toBe(Object.prototype);
        }),
        { numRuns: RUNS },
      );
      expect(tally.accepted).toBeGreaterThan(RUNS / 10);
      expect(tally.refused).toBeGreaterThan(RUNS / 10);
    },
    TIMEOUT_MS,
  );
});

// ---- judgeCallback ----

const ORIGIN = "http://localhost:5173";
const popups = [{ name: "popup A" }, { name: "popup B" }];
/** Each sign-in has its own popup and its own state (256 random bits: never shared). */
const pendingList = fc
  .uniqueArray(
    fc.record({
      state: fc.constantFrom(...STATES),
      popup: fc.constantFrom<object | null>(popups[0]!, popups[1]!, null),
    }),
    { maxLength: 3, selector: (p) => p.popup },
  )
  .filter((list) => new Set(list.map((p) => p.state)).size === list.length);
const inbound = fc.record({
  origin: fc.oneof(
    { arbitrary: fc.constant(ORIGIN), weight: 6 },
    fc.constantFrom(
      "http://127.0.0.1:5174",
      "http://localhost:5173.evil.test",
      "",
      "null",
      "HTTP://LOCALHOST:5173",
    ),
  ),
  source: fc.constantFrom<unknown>(popups[0], popups[1], null, { name: "popup A" }, undefined),
  data: delivered,
  viaChannel: fc.boolean(),
});

describe("judgeCallback (property, docs/protocol.md §1)", () => {
  it(
    "never throws, accepts only when all four rules hold, and accepts whenever they do",
    () => {
      const tally = { accept: 0, "state-mismatch": 0, ignore: 0 };
      fc.assert(
        fc.property(inbound, pendingList, fc.boolean(), (message, pending, channelAllowed) => {
          const verdict = judgeCallback(message, message.viaChannel, ORIGIN, channelAllowed, pending);
          tally[verdict.kind]++;
          const parsed = parseCallbackMessage(message.data);
          const pathOk = (p: PendingAnswer) =>
            message.viaChannel ? channelAllowed : p.popup !== null && p.popup === message.source;
          const fits = (p: PendingAnswer) =>
            message.origin === ORIGIN && pathOk(p) && parsed !== null && parsed.state === p.state;
          if (verdict.kind === "accept") {
            expect(pending).toContain(verdict.pending);
            expect(fits(verdict.pending)).toBe(true);
            expect(verdict.message).toEqual(parsed);
            return;
          }
          // Not accepted: then no pending sign-in fits all the rules.
          expect(pending.some(fits)).toBe(false);
          if (verdict.kind === "state-mismatch") {
            // Only our own popup, well-formed and on the right origin, can fail a sign-in.
            expect(message.viaChannel).toBe(false);
            expect(message.origin).toBe(ORIGIN);
            expect(parsed).not.toBeNull();
            expect(pending).toContain(verdict.pending);
            expect(verdict.pending.popup).toBe(message.source);
            expect(verdict.pending.popup).not.toBeNull();
          }
        }),
        { numRuns: RUNS },
      );
      expect(tally.accept).toBeGreaterThan(RUNS / 100);
      expect(tally["state-mismatch"]).toBeGreaterThan(RUNS / 200);
      expect(tally.ignore).toBeGreaterThan(RUNS / 10);
    },
    TIMEOUT_MS,
  );
});
