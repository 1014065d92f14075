/**
 * Property tests of `inspect`, the gate in front of Comlink (docs/protocol.md §3). Inputs are built from
 * adversarial parts (prototype keys, look-alike methods and types, proxies in argument lists,
 * argument values near the schema's edges) and compared with an oracle written from the
 * contract: an APPLY of a known method whose arguments the contract allows, or a RELEASE with an
 * empty path, passes; a well-formed call of a known method with bad arguments is answered
 * "invalid"; everything else is dropped. Tallies keep the properties from passing vacuously.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PORT_METHODS } from "../../protocol/appChannel.ts";
import { inspect } from "./portGuard.ts";

const RUNS = 10_000;
/** 10,000 runs take about a second; room for a loaded machine. */
const TIMEOUT_MS = 60_000;
const URL_LIMIT = 8192;
const TOKEN_LIMIT = 16 * 1024;
const PROTO_KEYS = ["__proto__", "constructor", "prototype"];

/** An object with an own `key` (also `__proto__`, which a literal would turn into the prototype). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const edgeString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("", "x", "x".repeat(URL_LIMIT), "x".repeat(URL_LIMIT + 1)),
  fc.constantFrom("x".repeat(TOKEN_LIMIT), "x".repeat(TOKEN_LIMIT + 1)),
  fc.constantFrom("http://localhost:4100/sharing/rest", "__proto__", "constructor"),
);
const edgeNumber = fc.oneof(
  fc.integer({ min: -5, max: 1005 }),
  fc.constantFrom(0, -0, 999, 1000, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
  fc.double(),
);
const anyValue = fc.oneof(
  { arbitrary: fc.anything({ withNullPrototype: true, withBigInt: true, maxDepth: 2 }), weight: 1 },
  { arbitrary: edgeString, weight: 2 },
  { arbitrary: edgeNumber, weight: 1 },
  { arbitrary: fc.constantFrom(undefined, null, true, false), weight: 1 },
);

/** A report object: mostly the contract's keys, sometimes extra or prototype keys. */
const report = fc
  .tuple(
    fc.dictionary(fc.constantFrom("url", "token", "code"), fc.oneof(edgeString, edgeNumber, anyValue), {
      maxKeys: 3,
    }),
    fc.option(fc.tuple(fc.constantFrom(...PROTO_KEYS, "extra", "URL"), anyValue), { freq: 4 }),
  )
  .map(([base, extra]) => (extra === null ? base : withOwn({ ...base }, extra[0], extra[1])));

const argumentValues = fc.oneof(
  fc.constant([]),
  fc.tuple(fc.option(edgeString, { nil: undefined }), fc.boolean()),
  fc.tuple(report),
  fc.array(anyValue, { maxLength: 3 }),
);

/** How an argument travels: mostly RAW, sometimes a HANDLER (a proxy) or malformed. */
const wireArgument = (value: unknown) =>
  fc.oneof(
    { arbitrary: fc.constant<unknown>({ type: "RAW", value }), weight: 8 },
    { arbitrary: fc.constant<unknown>({ type: "HANDLER", name: "proxy", value }), weight: 1 },
    { arbitrary: fc.constant<unknown>({ type: "RAW" }), weight: 1 },
    { arbitrary: fc.constant<unknown>(withOwn({ type: "RAW" }, "__proto__", { value })), weight: 1 },
    { arbitrary: anyValue, weight: 1 },
  );

const argumentList = argumentValues.chain((values) =>
  fc.tuple(...values.map(wireArgument)).map((list) => list as unknown[]),
);

const method = fc.oneof(
  { arbitrary: fc.constantFrom(...PORT_METHODS), weight: 6 },
  { arbitrary: fc.constantFrom(...PROTO_KEYS, "then", "hasOwnProperty", "GETTOKEN", ""), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);
const path = fc.oneof(
  { arbitrary: method.map((m) => [m]), weight: 6 },
  { arbitrary: fc.constant([]), weight: 2 },
  { arbitrary: fc.array(method, { minLength: 2, maxLength: 3 }), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);
const type = fc.oneof(
  { arbitrary: fc.constantFrom("APPLY", "RELEASE"), weight: 6 },
  { arbitrary: fc.constantFrom("GET", "SET", "CONSTRUCT", "ENDPOINT", "apply", "RAW"), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);
const id = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 64 }), weight: 6 },
  { arbitrary: fc.constantFrom("", "i".repeat(128), "i".repeat(129)), weight: 1 },
  { arbitrary: anyValue, weight: 1 },
);

/** A Comlink-shaped message, each field sometimes missing, plus sometimes an extra or prototype key. */
const message = fc
  .record(
    { id, type, path, argumentList, value: anyValue },
    { requiredKeys: ["id", "type", "path", "argumentList"] },
  )
  .chain((base) =>
    fc
      .tuple(
        fc.subarray(Object.keys(base)),
        fc.option(fc.tuple(fc.constantFrom(...PROTO_KEYS, "name", "extra"), anyValue), { freq: 3 }),
      )
      .map(([drop, extra]) => {
        const out: Record<string, unknown> = { ...base };
        // Drop a key now and then (but keep most messages complete).
        if (drop.length === 1) delete out[drop[0] as string];
        return extra === null ? out : withOwn(out, extra[0], extra[1]);
      }),
  );

/** Calls the contract allows (so that the "pass" side is exercised as much as the "drop" side). */
const validArguments = fc.oneof(
  fc.constantFrom<[string, unknown[]]>(["hello", []], ["getSession", []], ["ping", []]),
  fc
    .tuple(fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }), fc.boolean())
    .map((args): [string, unknown[]] => ["getToken", args]),
  fc
    .record(
      {
        url: fc.string({ minLength: 1, maxLength: 40 }),
        token: fc.string({ minLength: 1, maxLength: 40 }),
        code: fc.integer({ min: 0, max: 999 }),
      },
      { requiredKeys: [] },
    )
    .map((report): [string, unknown[]] => ["reportAuthError", [report]]),
);
const validCall = fc
  .tuple(fc.string({ minLength: 1, maxLength: 64 }), validArguments)
  .map(([id, [name, args]]) => ({
    id,
    type: "APPLY",
    path: [name],
    argumentList: args.map((value) => ({ type: "RAW", value })),
  }));

const inbound = fc.oneof(
  { arbitrary: message, weight: 8 },
  { arbitrary: validCall, weight: 2 },
  { arbitrary: message.map((m) => structuredClone(m) as unknown), weight: 2 },
  { arbitrary: anyValue, weight: 1 },
  { arbitrary: fc.array(anyValue, { maxLength: 4 }), weight: 1 },
);

// ---- oracle, from the contract (protocol/appChannel.ts ShellPortApi, protocol/appChannel.schema.ts) ----

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const own = (v: Record<string, unknown>, key: string) => (Object.hasOwn(v, key) ? v[key] : undefined);
const isText = (v: unknown, max: number) => typeof v === "string" && v.length >= 1 && v.length <= max;

function reportAllowed(v: unknown): boolean {
  if (!isRecord(v)) return false;
  for (const key of Object.keys(v)) {
    const value = v[key];
    if (value === undefined && (key === "url" || key === "token" || key === "code")) continue;
    if (key === "url" && isText(value, URL_LIMIT)) continue;
    if (key === "token" && isText(value, TOKEN_LIMIT)) continue;
    if (key === "code" && Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 999)
      continue;
    return false;
  }
  return true;
}

function argumentsAllowed(method: string, args: unknown[]): boolean {
  switch (method) {
    case "hello":
    case "getSession":
    case "ping":
      return args.length === 0;
    case "getToken":
      return (
        args.length === 2 &&
        (args[0] === undefined || isText(args[0], URL_LIMIT)) &&
        typeof args[1] === "boolean"
      );
    case "reportAuthError":
      return args.length === 1 && reportAllowed(args[0]);
    default:
      return false;
  }
}

type Expected = "pass" | "invalid" | "drop";

function oracle(data: unknown): Expected {
  if (!isRecord(data)) return "drop";
  const id = own(data, "id");
  const type = own(data, "type");
  const path = own(data, "path");
  if (!isText(id, 128) || !Array.isArray(path)) return "drop";
  if (type === "RELEASE") return path.length === 0 ? "pass" : "drop";
  if (type !== "APPLY" || path.length !== 1) return "drop";
  const name = path[0];
  if (typeof name !== "string" || !(PORT_METHODS as readonly string[]).includes(name)) return "drop";
  const list = own(data, "argumentList");
  if (!Array.isArray(list)) return "drop";
  const values: unknown[] = [];
  for (const wire of list) {
    if (!isRecord(wire) || wire.type !== "RAW" || !Object.hasOwn(wire, "value")) return "drop";
    values.push(wire.value);
  }
  return argumentsAllowed(name, values) ? "pass" : "invalid";
}

describe("inspect (property, docs/protocol.md §3)", () => {
  it(
    "never throws, and lets through exactly what the contract allows, as fresh objects",
    () => {
      const tally = { pass: 0, invalid: 0, drop: 0, apply: 0, release: 0 };
      fc.assert(
        fc.property(inbound, (data) => {
          const verdict = inspect(data);
          const expected = oracle(data);
          tally[verdict.kind]++;
          expect(verdict.kind).toBe(expected);
          if (verdict.kind === "invalid") expect(verdict.id).toBe((data as { id: unknown }).id);
          if (verdict.kind !== "pass") return;
          const passed = verdict.message;
          const source = data as Record<string, unknown>;
          expect(passed).not.toBe(data);
          expect(Object.getPrototypeOf(passed)).toBe(Object.prototype);
          expect(passed.path).not.toBe(source.path);
          expect(passed.id).toBe(source.id);
          if (passed.type === "RELEASE") {
            tally.release++;
            expect(Object.keys(passed).sort()).toEqual(["id", "path", "type"]);
            expect(passed.path).toEqual([]);
            return;
          }
          tally.apply++;
          expect(passed.type).toBe("APPLY");
          expect(Object.keys(passed).sort()).toEqual(["argumentList", "id", "path", "type"]);
          expect(PORT_METHODS).toContain(passed.path[0]);
          expect(passed.path).toHaveLength(1);
          expect(passed.argumentList).not.toBe(source.argumentList);
          for (const wire of passed.argumentList) {
            expect(Object.keys(wire).sort()).toEqual(["type", "value"]);
            expect(wire.type).toBe("RAW");
          }
          const values = passed.argumentList.map((wire) => wire.value);
          expect(argumentsAllowed(passed.path[0], values)).toBe(true);
          for (const value of values) {
            if (isRecord(value)) {
              expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
              for (const key of PROTO_KEYS) expect(Object.hasOwn(value, key)).toBe(false);
            }
          }
        }),
        { numRuns: RUNS },
      );
      // Every branch must have been exercised for the property to mean something.
      expect(tally.apply).toBeGreaterThan(RUNS / 20);
      expect(tally.release).toBeGreaterThan(RUNS / 200);
      expect(tally.invalid).toBeGreaterThan(RUNS / 50);
      expect(tally.drop).toBeGreaterThan(RUNS / 10);
    },
    TIMEOUT_MS,
  );
});
