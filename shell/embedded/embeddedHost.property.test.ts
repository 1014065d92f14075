/**
 * Property tests of the ArcGIS embedded-app host (docs/protocol.md §5): fed sequences of arbitrary messages
 * from arbitrary origins and windows (hand-built, delivered straight to the listener so a throw
 * would surface), it never throws, asks for a credential only for a `requestCredential` from an
 * allowed origin and a frame of the page, and answers it exactly once, to that frame at that
 * origin (never "*"), with a credential or an `arcgis:auth:error` — except a repeat from a frame
 * whose answer is still on its way at the same origin, which that answer serves; after `stop`
 * nothing more is accepted and every waiting request got its one error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { windowAccess } from "../channels/pageAccess.ts";
import { fakeFrame, fakePage } from "../testing/fakeWindow.ts";
import { mutationsOf } from "../testing/mutations.ts";
import type { ArcGISCredential } from "../types.ts";
import { listenForEmbeddedApps } from "./embeddedHost.ts";

const RUNS = 10_000;
/** 10,000 runs take a few seconds; room for a loaded machine. */
const TIMEOUT_MS = 60_000;
const ALLOWED = ["http://127.0.0.1:5174", "https://maps.example.com"];
const REQUEST_TYPE = "arcgis:auth:requestCredential";
const credential: ArcGISCredential = {
  token: "tk",
  userId: "jsmith",
  server: "http://localhost:4100",
  ssl: false,
  expires: 1_900_000_000_000,
};

/** rest-js's request `{type, parentOrigin}`, mutated now and then, or anything at all. */
const request = mutationsOf(
  { type: REQUEST_TYPE, parentOrigin: "http://localhost:5173" },
  ["type", "parentOrigin", "credential"],
  [REQUEST_TYPE, "arcgis:auth:credential", "arcgis:auth:error"],
  3,
);

/** What the schema allows: an object (not an array) whose own `type` is the request type. */
const isRequest = (v: unknown) =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.hasOwn(v, "type") &&
  (v as { type: unknown }).type === REQUEST_TYPE;

const SOURCES = ["child", "grandchild", "stranger", "null"] as const;
const event = fc.record({
  data: request,
  origin: fc.oneof(
    { arbitrary: fc.constantFrom(...ALLOWED), weight: 4 },
    fc.constantFrom("http://127.0.0.1:5174/", "http://localhost:5173", "null", "", "*"),
  ),
  source: fc.constantFrom(...SOURCES),
  /** How the sign-in behind this request ends: a credential, a failure, or still running at stop(). */
  outcome: fc.constantFrom("credential", "failure", "pending"),
});

function setup() {
  const grandchild = fakeFrame();
  const child = fakeFrame([grandchild]);
  const stranger = fakeFrame();
  const windows = { child, grandchild, stranger };
  const page = fakePage([child]);
  const access = windowAccess(page.win);
  let deliver: (event: MessageEvent) => void = () => {};
  let nextOutcome = "pending";
  const refused: string[] = [];
  let asked = 0;
  const stop = listenForEmbeddedApps({
    childOrigins: ALLOWED,
    credential: () => {
      asked++;
      const outcome = nextOutcome; // credential() is called synchronously by the listener
      if (outcome === "credential") return Promise.resolve(credential);
      if (outcome === "failure") return Promise.reject(new Error("The user cancelled sign-in."));
      return new Promise<never>(() => {}); // a sign-in that is still running when the shell stops
    },
    reportFailed: () => Promise.reject(new Error("no report: every ask here comes before any answer")),
    currentToken: () => credential.token,
    onRefused: (origin) => refused.push(origin),
    page: {
      listen(listener) {
        deliver = listener;
        return () => {
          deliver = () => {};
        };
      },
      isOwnFrame: access.isOwnFrame,
    },
  });
  const send = (data: unknown, origin: string, source: object | null, outcome: string) => {
    nextOutcome = outcome;
    deliver({ data, origin, source, ports: [] } as unknown as MessageEvent);
  };
  return { windows, send, refused, stop, asked: () => asked };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("listenForEmbeddedApps (property)", () => {
  it(
    "never throws, and answers each pending request the schema allows from an allowed frame once",
    async () => {
      const tally = { credential: 0, error: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 4 }), async (events) => {
          const { windows, send, refused, stop, asked } = setup();
          const expected = new Map<object, { origin: string; outcome: string }[]>();
          const expectedRefusals: string[] = [];
          /** The origin each frame's pending answer goes to: a repeat there joins it. */
          const pendingAt = new Map<object, string>();
          let accepted = 0;
          for (const e of events) {
            const source = e.source === "null" ? null : windows[e.source];
            const before = asked();
            send(e.data, e.origin, source, e.outcome);
            const allowed =
              isRequest(e.data) && ALLOWED.includes(e.origin) && source !== null && e.source !== "stranger";
            const joins = allowed && source !== null && pendingAt.get(source) === e.origin;
            expect(asked() - before).toBe(allowed && !joins ? 1 : 0);
            if (!allowed) {
              if (isRequest(e.data)) expectedRefusals.push(e.origin);
              continue;
            }
            if (joins) continue;
            pendingAt.set(source, e.origin);
            accepted++;
            const list = expected.get(source) ?? [];
            list.push({ origin: e.origin, outcome: e.outcome });
            expected.set(source, list);
          }
          expect(refused).toEqual(expectedRefusals);
          await settle();
          stop();
          stop();
          await settle();
          let answers = 0;
          for (const win of Object.values(windows)) {
            const calls = win.postMessage.mock.calls;
            const want = expected.get(win) ?? [];
            expect(calls.length).toBe(want.length);
            answers += calls.length;
            // Answers may come in any order; compare them as sorted descriptions.
            const got = calls.map(([message, origin]) => {
              const m = message as { type: string; credential?: unknown; error?: { name: string } };
              if (m.type === "arcgis:auth:credential") {
                expect(m.credential).toEqual(credential);
                tally.credential++;
              } else {
                expect(m.type).toBe("arcgis:auth:error");
                expect(m.error?.name).toBe("tokenExpiredError");
                tally.error++;
              }
              expect(origin).not.toBe("*");
              return `${origin} ${m.type}`;
            });
            const wanted = want.map(
              (w) =>
                `${w.origin} ${w.outcome === "credential" ? "arcgis:auth:credential" : "arcgis:auth:error"}`,
            );
            expect(got.sort()).toEqual(wanted.sort());
          }
          expect(answers).toBe(accepted);
        }),
        { numRuns: RUNS },
      );
      expect(tally.credential).toBeGreaterThan(RUNS / 20);
      expect(tally.error).toBeGreaterThan(RUNS / 20);
    },
    TIMEOUT_MS,
  );
});
