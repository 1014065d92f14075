/**
 * Test doubles for `ShellHost` (unit tests only; never imported by the shell itself): a Web
 * Storage in memory, popups whose origin and closing the test controls, a window message
 * dispatcher with hand-built MessageEvent-like objects, an in-memory BroadcastChannel bus and a
 * scripted fetch.
 */
import type { HostChannel, ShellHost } from "../host.ts";

/** `Storage` over a Map. */
export class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, String(value));
  }
}

/** A popup handle: `navigated` makes it cross-origin (its `location.href` throws, as in a browser). */
export class FakePopup {
  closed = false;
  url = "about:blank";
  otherOrigin = false;
  focused = 0;
  /** Simulates Cross-Origin-Opener-Policy: navigating away severs the handle (it reads closed). */
  severOnNavigate = false;
  get location() {
    const popup = this;
    return {
      get href() {
        if (popup.otherOrigin) throw new Error("SecurityError: cross-origin");
        return popup.url;
      },
      replace(url: string) {
        popup.url = url;
        if (popup.severOnNavigate) popup.closed = true;
        else popup.otherOrigin = true;
      },
    };
  }
  close() {
    this.closed = true;
  }
  focus() {
    this.focused += 1;
  }
}

/** A shared in-memory BroadcastChannel world (one per test; several hosts may join it). */
export class ChannelBus {
  #members = new Map<string, Set<(event: MessageEvent) => void>>();
  join(name: string, origin: string, listener: (event: MessageEvent) => void): HostChannel {
    const members = this.#members.get(name) ?? new Set();
    this.#members.set(name, members);
    members.add(listener);
    return {
      post: (data) => {
        const copy = structuredClone(data);
        for (const other of members) {
          if (other !== listener) queueMicrotask(() => other({ data: copy, origin } as MessageEvent));
        }
      },
      close: () => members.delete(listener),
    };
  }
  /** Delivers `data` to every member of `name` as if another page of `origin` sent it. */
  inject(name: string, data: unknown, origin: string) {
    for (const member of this.#members.get(name) ?? []) member({ data, origin } as MessageEvent);
  }
}

/** Options of `createFakeHost`. */
export interface FakeHostInit {
  origin?: string;
  href?: string;
  bus?: ChannelBus;
  sessionStorage?: Storage;
  localStorage?: Storage;
  fetch?: (url: string, init: RequestInit) => Response | Promise<Response>;
  now?: () => number;
}

/** A host plus the handles a test needs to drive it. */
export interface FakeHost extends ShellHost {
  popups: FakePopup[];
  blockPopups: boolean;
  assigned: string[];
  bus: ChannelBus;
  requests: { url: string; body: URLSearchParams }[];
  /** Calls the window `message` listeners with a hand-built event. */
  dispatch(event: { origin: string; source: unknown; data: unknown }): void;
}

/** A browser stand-in for unit tests. */
export function createFakeHost(init: FakeHostInit = {}): FakeHost {
  const origin = init.origin ?? "http://localhost:5173";
  const listeners = new Set<(event: MessageEvent) => void>();
  const sessionArea = init.sessionStorage ?? new MemoryStorage();
  const localArea = init.localStorage ?? new MemoryStorage();
  const bus = init.bus ?? new ChannelBus();
  const host: FakeHost = {
    popups: [],
    blockPopups: false,
    assigned: [],
    bus,
    requests: [],
    location: {
      href: init.href ?? `${origin}/app/page?x=1#frag`,
      origin,
      assign: (url) => host.assigned.push(url),
    },
    open() {
      if (host.blockPopups) return null;
      const popup = new FakePopup();
      host.popups.push(popup);
      return popup as unknown as Window;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    channel: (name, listener) => bus.join(name, origin, listener),
    storage: (kind) => (kind === "session" ? sessionArea : localArea),
    crypto: globalThis.crypto,
    async fetch(input, requestInit = {}) {
      const url = String(input);
      host.requests.push({ url, body: new URLSearchParams(String(requestInit.body ?? "")) });
      if (!init.fetch) throw new Error("no fetch scripted");
      return init.fetch(url, requestInit);
    },
    locks: null,
    document: null,
    page: null,
    now: init.now ?? (() => Date.now()),
    dispatch(event) {
      for (const listener of listeners) listener(event as MessageEvent);
    },
  };
  return host;
}

/** A JSON response, as the portal sends them. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
