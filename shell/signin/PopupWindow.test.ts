import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakePopup } from "../testing/fakeHost.ts";
import { openBlankPopup, POPUP_FEATURES, reachOf, SEVER_WINDOW_MS, watchPopup } from "./PopupWindow.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("PopupWindow", () => {
  it("opens about:blank with rest-js's features", () => {
    const open = vi.fn(() => null);
    expect(openBlankPopup(open)).toBeNull();
    expect(open).toHaveBeenCalledWith("about:blank", "_blank", POPUP_FEATURES);
    expect(POPUP_FEATURES).toBe(
      "height=400,width=600,menubar=no,location=yes,resizable=yes,scrollbars=yes,status=yes",
    );
  });

  it("tells same-origin, other-origin and closed apart", () => {
    const popup = new FakePopup();
    expect(reachOf(popup as unknown as Window)).toBe("same-origin");
    popup.otherOrigin = true;
    expect(reachOf(popup as unknown as Window)).toBe("other-origin");
    popup.closed = true;
    expect(reachOf(popup as unknown as Window)).toBe("closed");
  });

  it("reports a close after the popup showed the portal as closed, within 1 s", async () => {
    const popup = new FakePopup();
    const gone = vi.fn();
    watchPopup(popup as unknown as Window, gone);
    popup.otherOrigin = true;
    await vi.advanceTimersByTimeAsync(SEVER_WINDOW_MS + 500);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(300);
    expect(gone).toHaveBeenCalledWith("closed");
  });

  it("reports a handle that reads closed right when the popup reached the portal as severed", async () => {
    const popup = new FakePopup();
    const gone = vi.fn();
    watchPopup(popup as unknown as Window, gone);
    await vi.advanceTimersByTimeAsync(100);
    popup.otherOrigin = true;
    await vi.advanceTimersByTimeAsync(30);
    popup.closed = true; // COOP: a few milliseconds after the cross-origin commit
    await vi.advanceTimersByTimeAsync(30);
    expect(gone).toHaveBeenCalledWith("severed");
    const never = new FakePopup();
    const gone2 = vi.fn();
    watchPopup(never as unknown as Window, gone2);
    never.closed = true;
    await vi.advanceTimersByTimeAsync(30);
    expect(gone2).toHaveBeenCalledWith("severed");
  });

  it("stops polling when stopped", async () => {
    const popup = new FakePopup();
    const gone = vi.fn();
    const stop = watchPopup(popup as unknown as Window, gone);
    stop();
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(gone).not.toHaveBeenCalled();
  });
});
