import { describe, expect, it, vi } from "vitest";
import { ChannelBus, createFakeHost } from "../testing/fakeHost.ts";
import type { SessionRecord } from "../types.ts";
import { createTabSync, type TabHandlers } from "./tabs.ts";

const portal = "http://localhost:4100/sharing/rest";
const record: SessionRecord = {
  session: { token: "AT", expires: 1_900_000_000_000, username: "jsmith", ssl: false, portal },
  refreshToken: "RT",
};

function tab(bus: ChannelBus, current: SessionRecord | null = null) {
  const handlers = {
    onSession: vi.fn<TabHandlers["onSession"]>(),
    onSignedOut: vi.fn<TabHandlers["onSignedOut"]>(),
    current: () => current,
  };
  return { sync: createTabSync(createFakeHost({ bus }), "tabs", portal, handlers), handlers };
}

describe("tab sync", () => {
  it("tells the other tabs about a sign-in, a refresh and a sign-out", async () => {
    const bus = new ChannelBus();
    const a = tab(bus);
    const b = tab(bus);
    a.sync.announce("signed-in", record);
    a.sync.announce("signed-out");
    await vi.waitFor(() => expect(b.handlers.onSignedOut).toHaveBeenCalledOnce());
    expect(b.handlers.onSession).toHaveBeenCalledWith("signed-in", record);
    expect(a.handlers.onSession).not.toHaveBeenCalled();
  });

  it("lets a new tab ask for the session; only the asker takes the answer", async () => {
    const bus = new ChannelBus();
    tab(bus, record);
    const bystander = tab(bus);
    const asker = tab(bus);
    await expect(asker.sync.ask()).resolves.toEqual(record);
    expect(bystander.handlers.onSession).not.toHaveBeenCalled();
  });

  it("answers null after the timeout when no tab has a session", async () => {
    vi.useFakeTimers();
    const asker = tab(new ChannelBus());
    const answer = asker.sync.ask();
    await vi.advanceTimersByTimeAsync(400);
    await expect(answer).resolves.toBeNull();
    vi.useRealTimers();
  });

  it("ignores malformed messages and records of another portal", () => {
    const bus = new ChannelBus();
    const b = tab(bus);
    bus.inject("tabs", { type: "session", kind: "signed-in", record: { session: {} } }, "x");
    const foreign = { ...record, session: { ...record.session, portal: "https://evil.test" } };
    bus.inject("tabs", { type: "session", kind: "signed-in", record: foreign }, "x");
    bus.inject("tabs", "signed-out", "x");
    expect(b.handlers.onSession).not.toHaveBeenCalled();
    expect(b.handlers.onSignedOut).not.toHaveBeenCalled();
  });
});
