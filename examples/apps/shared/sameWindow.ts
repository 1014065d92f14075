/**
 * What the demo's same-window micro-apps share: the props the root config passes them, where they
 * render, and the "reload all apps" request that makes the coordinated retry visible.
 */
import type { AppProps } from "single-spa";
import { RELOAD_EVENT } from "./demo.ts";

/** The lifecycle props of a same-window app: single-spa's plus the root config's `customProps`. */
export interface DemoAppProps extends AppProps {
  /** The app's private channel to the shell, from `shell.connect(name)`. */
  auth: MessagePort;
  /** Adds a line to the host's event log, tagged with this app's name. */
  log(text: string): void;
}

/** The `detail` of a reload request: every app that reloads adds the promise of its reload. */
export interface ReloadRequest {
  readonly pending: Promise<unknown>[];
}

/** The element the host reserved for app `name` (single-spa's usual `single-spa-application:<name>` id). */
export function appContainer(name: string): HTMLElement {
  const element = document.getElementById(`single-spa-application:${name}`);
  if (!element) throw new Error(`The host page has no container for the app "${name}".`);
  return element;
}

/** Calls `load` on every reload request while subscribed; returns the unsubscribe function. */
export function onReload(load: () => Promise<unknown>): () => void {
  const listener = (event: Event) => {
    (event as CustomEvent<ReloadRequest>).detail.pending.push(load());
  };
  window.addEventListener(RELOAD_EVENT, listener);
  return () => window.removeEventListener(RELOAD_EVENT, listener);
}

/**
 * Asks every app to load its data again, all in the same tick, so that their auth failures meet
 * in one coordinated retry. Resolves when the same-window apps are done.
 */
export async function reloadAll(): Promise<void> {
  const detail: ReloadRequest = { pending: [] };
  window.dispatchEvent(new CustomEvent(RELOAD_EVENT, { detail }));
  await Promise.allSettled(detail.pending);
}

/** A short, token-free description of a failure: the typed error's `code`, else its name. */
export function describeError(error: unknown): string {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === "string") return code;
  if (typeof name === "string" && typeof message === "string") return `${name}: ${message}`;
  return String(error);
}
