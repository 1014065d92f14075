/**
 * The host's single-spa apps for the cross-origin iframe micro-apps: mounting one is adding an
 * <iframe> whose URL names the host's origin (`?arcgis-auth-origin=`, docs/arcgis.md §4). The host also
 * relays the demo's reload request to the frames and takes their log lines, each message checked
 * for the frame's exact origin and window.
 */
import type { LifeCycles } from "single-spa";
import { embeddedAppUrl } from "../../shell/index.ts";
import { FRAME_ORIGIN, LOG_MESSAGE_TYPE, MAX_LOG_TEXT, RELOAD_EVENT } from "../apps/shared/demo.ts";
import { PARENT_ORIGIN_PARAM } from "../apps/shared/frame.ts";
import type { ReloadRequest } from "../apps/shared/sameWindow.ts";
import type { LogLine } from "./eventLog.ts";

/** One iframe app. */
export interface FrameAppOptions {
  /** single-spa name, also the container id suffix and the log's app name. */
  name: string;
  /** Accessible name of the frame. */
  title: string;
  /** Path of the app's page on the frame origin. */
  path: string;
  /**
   * When the app loads its data again on the demo's reload request. "with-everyone" for SDK apps:
   * they report auth failures and join the coordinated retry. "after-the-others" for rest-js
   * `fromParent` apps, which cannot report a failed token: they reload when the shell holds the
   * new token. "never" for apps that do not listen (the unmodified Maps SDK app).
   */
  reload: "with-everyone" | "after-the-others" | "never";
  /**
   * For an unmodified Maps SDK app: the shell's portal. Its URL then also names the portal
   * (`embeddedAppUrl`), which the Maps SDK's embedded protocol needs before it asks the host.
   */
  mapsSdkPortal?: string;
  /** What the app's place says while it is not mounted. */
  whenUnmounted?: string;
}

/**
 * The mounted frames. `ready` turns true with a frame's first log line (sent after its first load):
 * until then nothing is sent to it, because a rest-js child still waiting in `fromParent` takes
 * any message from its parent as the answer (docs/arcgis.md §4).
 */
const mounted = new Map<string, { frame: HTMLIFrameElement; options: FrameAppOptions; ready: boolean }>();

/** The single-spa lifecycles of one iframe app. */
export function frameApp(options: FrameAppOptions): LifeCycles {
  return {
    bootstrap: async () => {},
    mount: async () => {
      const url = new URL(options.path, FRAME_ORIGIN);
      url.searchParams.set(PARENT_ORIGIN_PARAM, location.origin);
      const frame = document.createElement("iframe");
      frame.title = options.title;
      frame.src = options.mapsSdkPortal
        ? embeddedAppUrl(url.href, { parentOrigin: location.origin, portal: options.mapsSdkPortal })
        : url.href;
      container(options.name).replaceChildren(frame);
      mounted.set(options.name, { frame, options, ready: false });
    },
    unmount: async () => {
      mounted.delete(options.name);
      const note = document.createElement("p");
      note.className = "placeholder";
      note.textContent = options.whenUnmounted ?? "";
      container(options.name).replaceChildren(...(options.whenUnmounted ? [note] : []));
    },
  };
}

/** Relays reload requests to the frames (to their exact origin) and logs what the frames report. */
export function relayFrameMessages(log: LogLine): void {
  const post = (when: FrameAppOptions["reload"]) => {
    for (const { frame, options, ready } of mounted.values()) {
      if (ready && options.reload === when) {
        frame.contentWindow?.postMessage({ type: RELOAD_EVENT }, FRAME_ORIGIN);
      }
    }
  };
  window.addEventListener(RELOAD_EVENT, (event) => {
    const { pending } = (event as CustomEvent<ReloadRequest>).detail;
    post("with-everyone");
    // A microtask runs after the dispatch, when every same-window app has added its reload.
    queueMicrotask(() => void Promise.allSettled(pending).then(() => post("after-the-others")));
  });
  window.addEventListener("message", (event: MessageEvent) => {
    if (event.origin !== FRAME_ORIGIN) return;
    const data = event.data as { type?: unknown; text?: unknown } | null;
    if (data?.type !== LOG_MESSAGE_TYPE || typeof data.text !== "string") return;
    for (const entry of mounted.values()) {
      if (entry.frame.contentWindow !== event.source) continue;
      entry.ready = true;
      log(data.text.slice(0, MAX_LOG_TEXT), entry.options.name);
    }
  });
}

function container(name: string): HTMLElement {
  const element = document.getElementById(`single-spa-application:${name}`);
  if (!element) throw new Error(`The host page has no container for the app "${name}".`);
  return element;
}
