/**
 * Test helper: near-valid inbound messages for the property tests of the window listeners. A
 * message arrives through structured clone, so every case is cloned the way postMessage would.
 */
import fc from "fast-check";

/** Keys that reach an object's prototype machinery. */
export const PROTO_KEYS = ["__proto__", "constructor", "prototype"];

/** Any value, null-prototype objects included. */
export const anyValue = fc.anything({ withNullPrototype: true, maxDepth: 2 });

/**
 * `base` itself (weight `exactWeight`), or `base` with one mutation — one of `keys` dropped, or set
 * as an own enumerable property (prototype keys included) to one of `values` or anything — (weight
 * 4), or anything at all (weight 1).
 */
export function mutationsOf(
  base: Record<string, unknown>,
  keys: string[],
  values: unknown[],
  exactWeight: number,
): fc.Arbitrary<unknown> {
  const mutated = fc
    .tuple(
      fc.constantFrom(...keys, ...PROTO_KEYS),
      fc.oneof(anyValue, fc.constantFrom(...values)),
      fc.boolean(),
    )
    .map(([key, value, drop]) => {
      const out: Record<string, unknown> = { ...base };
      if (drop) delete out[key];
      else Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
      return structuredClone(out) as unknown;
    });
  return fc.oneof(
    { arbitrary: fc.constant<unknown>(base), weight: exactWeight },
    { arbitrary: mutated, weight: 4 },
    { arbitrary: anyValue, weight: 1 },
  );
}
