import { describe, expect, it, vi } from "vitest";
import { createShellEvents } from "./events.ts";

describe("shell events", () => {
  it("delivers to every listener even when one throws, reports the error, and unsubscribes", () => {
    const events = createShellEvents();
    const reported = vi.fn();
    vi.stubGlobal("reportError", reported);
    const later = vi.fn();
    events.on("expired", () => {
      throw new Error("listener bug");
    });
    const off = events.on("expired", later);
    events.emit("expired");
    expect(later).toHaveBeenCalledOnce();
    off();
    events.emit("expired");
    expect(later).toHaveBeenCalledOnce();
    expect(reported).toHaveBeenCalledWith(expect.objectContaining({ message: "listener bug" }));
    vi.unstubAllGlobals();
  });
});
