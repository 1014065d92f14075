/** Unit tests of LruMap: bounded size, least recently used (read or written) out. */
import { describe, expect, it } from "vitest";
import { LruMap } from "./lruMap.ts";

describe("LruMap", () => {
  it("drops the least recently used entry beyond its bound", () => {
    const map = new LruMap<string, number>(3);
    map.set("a", 1).set("b", 2).set("c", 3);
    expect(map.get("a")).toBe(1); // a is now the most recently used
    map.set("d", 4);
    expect([...map.keys()]).toEqual(["c", "a", "d"]);
    map.set("c", 30); // writing counts as a use
    map.set("e", 5);
    expect([...map]).toEqual([
      ["d", 4],
      ["c", 30],
      ["e", 5],
    ]);
    expect(map.get("a")).toBeUndefined();
    expect(map.size).toBe(3);
  });

  it("keeps falsy values apart from missing keys", () => {
    const map = new LruMap<string, boolean>(2);
    map.set("untrusted", false);
    expect(map.get("untrusted")).toBe(false);
    expect(map.get("unknown")).toBeUndefined();
    expect(map.has("unknown")).toBe(false);
  });
});
