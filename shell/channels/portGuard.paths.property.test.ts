/**
 * Property test of `inspect` (docs/protocol.md §3) for prototype paths: a call whose path goes through
 * `__proto__`, `constructor` or `prototype` anywhere is dropped, whatever type, id and arguments
 * it carries — even a call that would pass with a plain method name in its place.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PORT_METHODS } from "../../protocol/appChannel.ts";
import { inspect } from "./portGuard.ts";

const RUNS = 10_000;
/** 10,000 runs take well under a second; room for a loaded machine. */
const TIMEOUT_MS = 60_000;
const PROTO_KEYS = ["__proto__", "constructor", "prototype"];

const segment = fc.oneof(fc.constantFrom(...PORT_METHODS), fc.string({ maxLength: 12 }));
const message = fc.record({
  id: fc.oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.anything()),
  type: fc.constantFrom("APPLY", "RELEASE", "GET", "SET", "CONSTRUCT", "ENDPOINT"),
  argumentList: fc.oneof(
    fc.constant([]),
    fc.array(fc.record({ type: fc.constant("RAW"), value: fc.anything() }), { maxLength: 2 }),
  ),
});

describe("inspect (property, prototype paths)", () => {
  it(
    "drops any path through __proto__, constructor or prototype",
    () => {
      fc.assert(
        fc.property(
          message,
          fc.constantFrom(...PROTO_KEYS),
          fc.array(segment, { maxLength: 2 }),
          fc.nat(2),
          (base, key, rest, at) => {
            const path = [...rest];
            path.splice(Math.min(at, rest.length), 0, key);
            expect(inspect({ ...base, path }).kind).toBe("drop");
            // Also when the prototype key arrives through structured cloning (as over a port).
            expect(inspect(structuredClone({ ...base, path })).kind).toBe("drop");
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
