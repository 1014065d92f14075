/**
 * How micro-apps reach the shell before the app services (Comlink, the iframe handshake, the
 * embedded-app host) are loaded: `connect()` hands out its port at once and the app's first
 * messages wait in it; frames of the child origins that speak before the services are there are
 * kept and handed to them when they start listening.
 */

import { CLOSED_NOTICE_TYPE } from "../protocol/appNotices.ts";
import type { AppServices } from "./appServices.ts";
import type { PageAccess } from "./channels/pageAccess.ts";
import { type Lazy, lazy } from "./lazy.ts";
import { destroyedError, type Lifetime } from "./lifetime.ts";

/** Frame messages kept until the services listen; beyond this a frame is flooding. */
const MAX_EARLY_MESSAGES = 64;

/** The page's messages from before the services listened, replayed to each listener. */
function bufferedPage(page: PageAccess) {
  const early: MessageEvent[] = [];
  // Only frames of this page can connect; anything else would just take the buffer's room.
  const stopBuffering = page.listen((event) => {
    if (early.length < MAX_EARLY_MESSAGES && page.isOwnFrame(event.source)) early.push(event);
  });
  const replaying: PageAccess = {
    isOwnFrame: (source) => page.isOwnFrame(source),
    listen(listener) {
      const stop = page.listen(listener);
      for (const event of early) listener(event);
      return stop;
    },
  };
  const stop = () => {
    stopBuffering();
    early.length = 0;
  };
  return { page: replaying, stop };
}

/** The apps' way in. */
export interface AppAccess {
  connect(appName: string): MessagePort;
  destroy(): void;
}

/**
 * `load(page)` makes the app services over `page` (the page, replaying what came early; null when
 * no frame may connect). With child origins they load at once: a frame may speak at any time.
 */
export function createAppAccess(
  life: Pick<Lifetime, "over">,
  page: PageAccess | null,
  load: (page: PageAccess | null) => Promise<AppServices>,
): AppAccess {
  const buffered = page && bufferedPage(page);
  const apps: Lazy<AppServices> = lazy(async () => {
    const services = await load(buffered?.page ?? null);
    buffered?.stop();
    if (life.over) services.destroy();
    return services;
  });
  // Frames keep waiting in the buffer when the load fails: the next connect() tries again.
  if (buffered) apps.get().catch(() => {});
  return {
    connect(appName) {
      if (life.over) throw destroyedError();
      if (typeof appName !== "string" || appName.length === 0) {
        throw new TypeError("connect(appName) needs the micro-app's name.");
      }
      const ports = new MessageChannel();
      // Parts that fail to load close the channel at once, as a destroyed shell would.
      apps.get().then(
        (services) => services.serve(appName, ports),
        () => ports.port2.postMessage({ type: CLOSED_NOTICE_TYPE }),
      );
      return ports.port1;
    },
    destroy() {
      buffered?.stop();
      apps.loaded?.destroy();
    },
  };
}
