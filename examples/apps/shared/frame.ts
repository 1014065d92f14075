/**
 * What the demo's cross-origin iframe apps share: learning the host's origin from the URL
 * (`?arcgis-auth-origin=`, docs/arcgis.md §4) checked against an allow-list, and the two demo messages
 * exchanged with that host, each accepted only from the parent window at that exact origin.
 */
import { LOG_MESSAGE_TYPE, MAX_LOG_TEXT, RELOAD_EVENT } from "./demo.ts";

/** The query parameter the host sets on an iframe app's URL. */
export const PARENT_ORIGIN_PARAM = "arcgis-auth-origin";

/**
 * The parent origin named by `search`, when it is exactly one of `allowed`; else null. A frame
 * must never take its credential from a page it does not know, so anything else is refused.
 */
export function parentOriginFrom(search: string, allowed: readonly string[]): string | null {
  const values = new URLSearchParams(search).getAll(PARENT_ORIGIN_PARAM);
  if (values.length !== 1) return null;
  const [value] = values;
  return value !== undefined && allowed.includes(value) ? value : null;
}

/** Calls `load` whenever the parent asks every app to reload; returns the unsubscribe function. */
export function onParentReload(parentOrigin: string, load: () => void, win: Window = window): () => void {
  const listener = (event: MessageEvent) => {
    if (event.source !== win.parent || event.origin !== parentOrigin) return;
    if ((event.data as { type?: unknown } | null)?.type === RELOAD_EVENT) load();
  };
  win.addEventListener("message", listener);
  return () => win.removeEventListener("message", listener);
}

/** Adds a line to the host's event log (sent to the parent's exact origin only). */
export function logToParent(parentOrigin: string, text: string, win: Window = window): void {
  if (win.parent === win) return;
  win.parent.postMessage({ type: LOG_MESSAGE_TYPE, text: text.slice(0, MAX_LOG_TEXT) }, parentOrigin);
}
