/**
 * `isFrameOf` walks up from the source; a page's own frames are what a walk down through `frames`
 * finds. Over random pages (frame trees deeper than the limit, other top-level windows with frames
 * of their own, removed frames), both must agree on every window.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { type FakeWindow, fakeFrame, fakePage } from "../testing/fakeWindow.ts";
import { isFrameOf, MAX_FRAME_DEPTH } from "./pageAccess.ts";

/** The reference: every window found going down through `frames`, `MAX_FRAME_DEPTH` levels deep. */
function framesDown(win: FakeWindow, levels = MAX_FRAME_DEPTH): Set<FakeWindow> {
  const found = new Set<FakeWindow>();
  if (levels === 0) return found;
  for (const frame of win.frames) {
    found.add(frame);
    for (const below of framesDown(frame, levels - 1)) found.add(below);
  }
  return found;
}

type Shape = Shape[];
const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof({ depthSize: "small" }, fc.constant<Shape>([]), fc.array(tie("node"), { maxLength: 3 })),
})).node;
/** A chain of `n` nested frames: deeper than the limit when `n` > MAX_FRAME_DEPTH. */
const chain = (n: number): Shape => (n === 0 ? [] : [chain(n - 1)]);

const build = (s: Shape): FakeWindow => fakeFrame(s.map(build));
const everyWindow = (win: FakeWindow): FakeWindow[] => [win, ...win.frames.flatMap(everyWindow)];

it("a window is a frame of the page exactly when a walk down through its frames finds it", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(shape, fc.integer({ min: 1, max: MAX_FRAME_DEPTH + 3 }).map(chain)), {
        maxLength: 4,
      }),
      shape,
      fc.array(fc.nat(), { maxLength: 3 }),
      (pageShape, elsewhere, removals) => {
        const { win } = fakePage(pageShape.map(build));
        const page = win as unknown as FakeWindow;
        const other = build(elsewhere);
        // A frame taken out of the page keeps its own frames but has no parent any more.
        const inside = everyWindow(page).slice(1);
        for (const pick of removals) {
          const removed = inside[pick % Math.max(1, inside.length)];
          if (removed === undefined) continue;
          const holder = removed.parent;
          if (holder) holder.frames = holder.frames.filter((frame) => frame !== removed);
          removed.parent = null;
        }
        const own = framesDown(page);
        for (const candidate of [...inside, ...everyWindow(other), page]) {
          expect(isFrameOf(win, candidate as unknown as Window)).toBe(own.has(candidate));
        }
      },
    ),
    { numRuns: 500 },
  );
});

it("sources that are not windows are never frames", () => {
  const { win } = fakePage([fakeFrame()]);
  expect(isFrameOf(win, null)).toBe(false);
  expect(isFrameOf(win, new MessageChannel().port1)).toBe(false);
});
