/**
 * Property tests of allowedOpenerOrigins. Every generated origin carries the labels it was built
 * from (scheme, loopback or not), and the expected list is computed from those labels alone, so
 * the oracle shares no host parsing with the code under test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allowedOpenerOrigins } from "./openers.ts";

interface LabelledOrigin {
  readonly origin: string;
  readonly https: boolean;
  readonly loopback: boolean;
}

// No "--" in the third and fourth places: "xn--…" is a punycode label, which the URL parser
// rejects or rewrites when it is not valid punycode, so the entry would not be an exact origin.
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/).filter((name) => !/^..--/.test(name));
const octet = fc.integer({ min: 0, max: 255 });
const loopbackHost = fc.oneof(
  fc.constant("localhost"),
  label.map((name) => `${name}.localhost`),
  fc.tuple(octet, octet, octet).map(([a, b, c]) => `127.${a}.${b}.${c}`),
  fc.constant("[::1]"),
);
const publicHost = fc.oneof(
  label.map((name) => `${name}.example`),
  fc.tuple(label, label).map(([a, b]) => `${a}.${b}.test`),
  // 1-126 and 128-223: neither 0.0.0.0/8 nor 127.0.0.0/8.
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 1, max: 126 }), fc.integer({ min: 128, max: 223 })),
      octet,
      octet,
      octet,
    )
    .map((parts) => parts.join(".")),
);
/** Default ports vanish from a serialized origin, so only non-default ones keep the entry exact. */
const port = fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined });

function labelled(https: boolean, host: string, loopback: boolean, p: number | undefined): LabelledOrigin {
  const origin = `${https ? "https" : "http"}://${host}${p === undefined ? "" : `:${p}`}`;
  return { origin, https, loopback };
}

const anyOrigin: fc.Arbitrary<LabelledOrigin> = fc
  .tuple(fc.boolean(), fc.boolean(), port)
  .chain(([https, loopback, p]) =>
    (loopback ? loopbackHost : publicHost).map((host) => labelled(https, host, loopback, p)),
  );

/** Entries that are not exact origins: never allowed, whatever the page's own origin. */
const junk = fc.oneof(
  fc.constantFrom(
    "*",
    "/",
    "null",
    "ftp://a.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "a.example",
  ),
  anyOrigin.map((o) => `${o.origin}/`),
  anyOrigin.map((o) => `${o.origin}/path`),
  anyOrigin.map((o) => o.origin.toUpperCase()),
  anyOrigin.map((o) => o.origin.replace("://", "://user@")),
);

const separator = fc.constantFrom(" ", "  ", "\n", "\t", " \n ");

type Entry = { kind: "origin"; value: LabelledOrigin } | { kind: "junk"; value: string };
const entries = fc.array(
  fc.oneof(
    anyOrigin.map((value): Entry => ({ kind: "origin", value })),
    junk.map((value): Entry => ({ kind: "junk", value })),
  ),
  { maxLength: 12 },
);

function content(list: readonly Entry[], separators: readonly string[]): string {
  return list
    .map(
      (entry, index) =>
        (entry.kind === "origin" ? entry.value.origin : entry.value) + (separators[index] ?? " "),
    )
    .join("");
}

/** The rule, from the labels: https pages trust https only; non-loopback pages no loopback entry. */
function oracle(own: LabelledOrigin, list: readonly Entry[]): string[] {
  const expected = [own.origin];
  for (const entry of list) {
    if (entry.kind !== "origin") continue;
    const { origin, https, loopback } = entry.value;
    if (own.https && !https) continue;
    if (!own.loopback && loopback) continue;
    if (!expected.includes(origin)) expected.push(origin);
  }
  return expected;
}

const RUNS = 2_000;

describe("allowedOpenerOrigins (properties)", () => {
  it("is exactly the own origin, then the entries the page's scheme and address may trust", () => {
    fc.assert(
      fc.property(anyOrigin, entries, fc.array(separator, { maxLength: 12 }), (own, list, separators) => {
        expect(allowedOpenerOrigins(content(list, separators), own.origin)).toEqual(oracle(own, list));
      }),
      { numRuns: RUNS },
    );
  });

  it("on a deployed https page never lists an http or loopback origin but its own", () => {
    const deployed = anyOrigin.filter((o) => o.https && !o.loopback);
    fc.assert(
      fc.property(deployed, entries, (own, list) => {
        const [first, ...others] = allowedOpenerOrigins(content(list, []), own.origin);
        expect(first).toBe(own.origin);
        for (const origin of others) {
          expect(origin.startsWith("https://")).toBe(true);
          const entry = list.find((e) => e.kind === "origin" && e.value.origin === origin);
          expect(entry?.kind === "origin" && !entry.value.loopback).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("with an empty or missing list trusts the own origin only", () => {
    fc.assert(
      fc.property(anyOrigin, fc.constantFrom(null, "", " ", "\n\t"), (own, empty) => {
        expect(allowedOpenerOrigins(empty, own.origin)).toEqual([own.origin]);
      }),
      { numRuns: 200 },
    );
  });
});
