/**
 * The browser as the shell sees it: everything with a side effect goes through this seam, so the
 * parts can be tested in Node with fakes and the wiring stays in one place.
 */

import { type PageAccess, windowAccess } from "./channels/pageAccess.ts";

/** A BroadcastChannel opened through the host. */
export interface HostChannel {
  post(data: unknown): void;
  close(): void;
}

/** What the shell needs from `window`. */
export interface ShellHost {
  location: { readonly href: string; readonly origin: string; assign(url: string): void };
  open(url: string, target: string, features: string): Window | null;
  /** Adds a `message` listener on the window; returns its removal. */
  listen(listener: (event: MessageEvent) => void): () => void;
  /** Opens a BroadcastChannel; null where BroadcastChannel does not exist. */
  channel(name: string, listener: (event: MessageEvent) => void): HostChannel | null;
  /** The Web Storage area, or null when it is missing or throws (privacy modes). */
  storage(kind: "session" | "local"): Storage | null;
  crypto: Crypto;
  fetch: typeof fetch;
  /** Web Locks, or null where they do not exist (then single-flight holds per tab only). */
  locks: LockManager | null;
  document: Document | null;
  /** The page's window for the frame protocols (handshake, embedded apps), or null outside a page. */
  page: PageAccess | null;
  now(): number;
}

function storageOf(kind: "session" | "local"): Storage | null {
  try {
    return kind === "session" ? globalThis.sessionStorage : globalThis.localStorage;
  } catch {
    return null;
  }
}

/** The real browser window. */
export function browserHost(): ShellHost {
  const page = typeof window === "undefined" ? null : windowAccess(window);
  // Without a window (a worker): the global scope's own messages; no frames to check.
  const { listen } = page ?? windowAccess(globalThis as unknown as Window);
  return {
    location: globalThis.location,
    open: (url, target, features) => globalThis.open(url, target, features),
    listen,
    channel(name, listener) {
      if (typeof BroadcastChannel === "undefined") return null;
      const channel = new BroadcastChannel(name);
      channel.addEventListener("message", listener);
      return { post: (data) => channel.postMessage(data), close: () => channel.close() };
    },
    storage: storageOf,
    crypto: globalThis.crypto,
    fetch: (input, init) => globalThis.fetch(input, init),
    locks: globalThis.navigator?.locks ?? null,
    document: globalThis.document ?? null,
    page,
    now: () => Date.now(),
  };
}
