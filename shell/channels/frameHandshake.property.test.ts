/**
 * Property tests of the iframe handshake (docs/protocol.md §2): `connectMessageSchema` accepts exactly
 * `{type:"arcgis-auth-shell/connect",version:1}`, and the listener, fed sequences of arbitrary
 * messages from arbitrary origins and windows (hand-built events, see shell/testing/fakeWindow.ts, delivered straight to the listener),
 * never throws, opens a port only for an exact request from an allowed origin and a frame of the
 * page, and answers only that frame, at that origin, with exactly one port.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connectMessageSchema } from "../../protocol/handshake.schema.ts";
import { CONNECT_TYPE, CONNECTED_TYPE } from "../../protocol/handshake.ts";
import { fakeFrame, fakePage } from "../testing/fakeWindow.ts";
import { mutationsOf } from "../testing/mutations.ts";
import { listenForFrames } from "./frameHandshake.ts";
import { windowAccess } from "./pageAccess.ts";

const RUNS = 10_000;
/** 10,000 runs take a few seconds; room for a loaded machine. */
const TIMEOUT_MS = 60_000;
const ALLOWED = ["http://127.0.0.1:5174", "https://maps.example.com"];
/** The exact request, or one mutation of it (key dropped, value swapped, extra or prototype key). */
const request = mutationsOf(
  { type: CONNECT_TYPE, version: 1 },
  ["type", "version", "extra", "parentOrigin"],
  [CONNECT_TYPE, CONNECTED_TYPE, 1, "1", 2, 1.5],
  4,
);

const isExactRequest = (v: unknown) =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 2 &&
  (v as Record<string, unknown>).type === CONNECT_TYPE &&
  (v as Record<string, unknown>).version === 1 &&
  Object.hasOwn(v, "type") &&
  Object.hasOwn(v, "version");

describe("connectMessageSchema (property)", () => {
  it(
    "accepts exactly the handshake request and nothing else",
    () => {
      let accepted = 0;
      fc.assert(
        fc.property(request, (data) => {
          const ok = connectMessageSchema.safeParse(data).success;
          if (ok) accepted++;
          expect(ok).toBe(isExactRequest(data));
        }),
        { numRuns: RUNS },
      );
      expect(accepted).toBeGreaterThan(RUNS / 10);
    },
    TIMEOUT_MS,
  );
});

/** A page with a frame, a nested frame, and windows that are not its frames. */
function setup() {
  const grandchild = fakeFrame();
  const child = fakeFrame([grandchild]);
  const stranger = fakeFrame();
  const popup = fakeFrame([fakeFrame()]);
  const page = fakePage([child]);
  // The listener is called directly (not through dispatchEvent, which would swallow a throw).
  let deliver: (event: MessageEvent) => void = () => {};
  const access = windowAccess(page.win);
  const send = (data: unknown, origin: string, source: object | null) =>
    deliver({ data, origin, source, ports: [] } as unknown as MessageEvent);
  const opened: MessagePort[] = [];
  const refused: string[] = [];
  const stop = listenForFrames({
    childOrigins: ALLOWED,
    page: {
      listen(listener) {
        deliver = listener;
        return () => {
          deliver = () => {};
        };
      },
      isOwnFrame: access.isOwnFrame,
    },
    openChannel: () => {
      // The fake frames never transfer it: a stand-in object keeps 10,000 runs fast.
      const port = { name: `port ${opened.length}` } as unknown as MessagePort;
      opened.push(port);
      return port;
    },
    onRefused: (origin) => refused.push(origin),
  });
  const windows = { child, grandchild, stranger, popup };
  return { send, windows, opened, refused, stop };
}

const SOURCES = ["child", "grandchild", "stranger", "popup", "null"] as const;
const event = fc.record({
  data: request,
  origin: fc.oneof(
    { arbitrary: fc.constantFrom(...ALLOWED), weight: 4 },
    fc.constantFrom(
      "http://127.0.0.1:5174/",
      "http://127.0.0.1:5173",
      "null",
      "",
      "HTTPS://MAPS.EXAMPLE.COM",
    ),
    fc.webUrl().map((url) => new URL(url).origin),
  ),
  source: fc.constantFrom(...SOURCES),
});

describe("listenForFrames (property)", () => {
  it(
    "never throws, and answers only exact requests from allowed frames, to their origin, with one port",
    () => {
      let answered = 0;
      fc.assert(
        fc.property(fc.array(event, { minLength: 1, maxLength: 5 }), (events) => {
          const { windows, send, opened, refused, stop } = setup();
          let expectedAnswers = 0;
          const expectedRefusals: string[] = [];
          const expectedCalls = new Map<object, unknown[][]>();
          for (const e of events) {
            const source = e.source === "null" ? null : windows[e.source];
            send(e.data, e.origin, source);
            if (!isExactRequest(e.data)) continue;
            const ownFrame = e.source === "child" || e.source === "grandchild";
            if (ALLOWED.includes(e.origin) && ownFrame && source) {
              expectedAnswers++;
              const calls = expectedCalls.get(source) ?? [];
              calls.push([{ type: CONNECTED_TYPE, version: 1 }, e.origin]);
              expectedCalls.set(source, calls);
            } else expectedRefusals.push(e.origin);
          }
          expect(opened).toHaveLength(expectedAnswers);
          expect(refused).toEqual(expectedRefusals);
          for (const win of Object.values(windows)) {
            const calls = win.postMessage.mock.calls;
            const expected = expectedCalls.get(win) ?? [];
            expect(calls.map(([message, origin]) => [message, origin])).toEqual(expected);
            for (const call of calls) {
              expect(call[1]).not.toBe("*");
              expect(call[2].length).toBe(1);
              expect(opened.includes(call[2][0])).toBe(true);
            }
          }
          answered += expectedAnswers;
          stop();
        }),
        { numRuns: RUNS },
      );
      expect(answered).toBeGreaterThan(RUNS / 10);
    },
    TIMEOUT_MS,
  );
});
