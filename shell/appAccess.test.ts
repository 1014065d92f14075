import { describe, expect, it, vi } from "vitest";
import { ShellUnavailableError } from "../protocol/errors.ts";
import { createAppAccess } from "./appAccess.ts";
import type { AppServices } from "./appServices.ts";
import type { PageAccess } from "./channels/pageAccess.ts";

/** A page whose `message` events the test sends; `frame` is its one own frame. */
function fakePage() {
  const listeners = new Set<(event: MessageEvent) => void>();
  const frame = {} as MessageEventSource;
  const page: PageAccess = {
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isOwnFrame: (source) => source === frame,
  };
  const send = (data: unknown, source: MessageEventSource | null = frame) => {
    const event = { data, source, origin: "http://127.0.0.1:5174" } as MessageEvent;
    for (const listener of [...listeners]) listener(event);
  };
  return { page, frame, send, listenerCount: () => listeners.size };
}

/** App services that record what reached them; `load` resolves when the test says so. */
function deferredServices() {
  const seen: unknown[] = [];
  const services: AppServices = { serve: vi.fn(), destroy: vi.fn() };
  let release!: () => void;
  const loaded = new Promise<void>((resolve) => {
    release = resolve;
  });
  const load = async (page: PageAccess | null) => {
    await loaded;
    page?.listen((event) => seen.push(event.data));
    return services;
  };
  return { services, seen, release, load };
}

const alive = { over: false };

describe("createAppAccess", () => {
  it("hands out a port at once and serves it once the services are loaded", async () => {
    const { services, release, load } = deferredServices();
    const access = createAppAccess(alive, null, load);
    const port = access.connect("features");
    expect(port).toBeInstanceOf(MessagePort);
    expect(services.serve).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(services.serve).toHaveBeenCalledWith("features", expect.anything()));
    port.close();
  });

  it("keeps what the page's frames said before the services listened, and nothing from elsewhere", async () => {
    const { page, send } = fakePage();
    const { seen, release, load } = deferredServices();
    createAppAccess(alive, page, load);
    send("from the frame");
    send("from a popup", {} as MessageEventSource);
    send("from nowhere", null);
    release();
    await vi.waitFor(() => expect(seen).toEqual(["from the frame"]));
    send("later");
    expect(seen).toEqual(["from the frame", "later"]);
  });

  it("keeps at most 64 early messages from a flooding frame", async () => {
    const { page, send } = fakePage();
    const { seen, release, load } = deferredServices();
    createAppAccess(alive, page, load);
    for (let i = 0; i < 100; i++) send(i);
    release();
    await vi.waitFor(() => expect(seen).toHaveLength(64));
    expect(seen.at(-1)).toBe(63);
  });

  it("destroys the services on destroy, and services that load after the shell ended", async () => {
    const first = deferredServices();
    const access = createAppAccess(alive, null, first.load);
    access.connect("features").close();
    first.release();
    await vi.waitFor(() => expect(first.services.serve).toHaveBeenCalled());
    access.destroy();
    expect(first.services.destroy).toHaveBeenCalled();

    const late = deferredServices();
    const life = { over: false };
    const lateAccess = createAppAccess(life, null, late.load);
    lateAccess.connect("features").close();
    lateAccess.destroy();
    life.over = true;
    late.release();
    await vi.waitFor(() => expect(late.services.destroy).toHaveBeenCalled());
  });

  it("closes an app's channel at once when the services cannot load", async () => {
    const access = createAppAccess(alive, null, () => Promise.reject(new Error("chunk gone")));
    const port = access.connect("features");
    const notice = new Promise((resolve) => {
      port.onmessage = (event) => resolve(event.data);
    });
    await expect(notice).resolves.toEqual({ type: "arcgis-auth-shell/closed" });
    port.close();
  });

  it("refuses connect() once the shell is over, and a nameless app", () => {
    const { load } = deferredServices();
    expect(() => createAppAccess({ over: false }, null, load).connect("")).toThrow(TypeError);
    expect(() => createAppAccess({ over: true }, null, load).connect("features")).toThrow(
      ShellUnavailableError,
    );
  });
});
