import { describe, expect, it } from "vitest";
import { parentOriginFrom } from "./frame.ts";

const allowed = ["http://localhost:5173"];

describe("parentOriginFrom", () => {
  it("accepts exactly an allowed origin", () => {
    expect(parentOriginFrom("?arcgis-auth-origin=http%3A%2F%2Flocalhost%3A5173", allowed)).toBe(
      "http://localhost:5173",
    );
  });

  it.each([
    ["missing", ""],
    ["another origin", "?arcgis-auth-origin=http%3A%2F%2Fevil.example"],
    ["a look-alike with a path", "?arcgis-auth-origin=http%3A%2F%2Flocalhost%3A5173%2F"],
    ["a look-alike prefix", "?arcgis-auth-origin=http%3A%2F%2Flocalhost%3A51730"],
    ["a different case", "?arcgis-auth-origin=HTTP%3A%2F%2Flocalhost%3A5173"],
    [
      "given twice",
      "?arcgis-auth-origin=http%3A%2F%2Flocalhost%3A5173&arcgis-auth-origin=http%3A%2F%2Fevil.example",
    ],
    ["the wildcard", "?arcgis-auth-origin=*"],
  ])("refuses %s", (_label, search) => {
    expect(parentOriginFrom(search, allowed)).toBeNull();
  });
});
