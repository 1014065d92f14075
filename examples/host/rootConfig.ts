/**
 * The demo's single-spa root config: the header, the event log, and six micro-apps around one
 * auth shell. Same-window apps get a private channel to the shell through `customProps`; iframe
 * apps connect on their own from the other origin.
 */
import { registerApplication, start, triggerAppChange } from "single-spa";
import type { AuthShell } from "../../shell/index.ts";
import { describeError } from "../apps/shared/sameWindow.ts";
import { createEventLog, logShellEvents } from "./eventLog.ts";
import { frameApp, relayFrameMessages } from "./frameApps.ts";
import { mountHeader } from "./header.ts";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Draws the host around `shell`, finishes a pending redirect sign-in, then starts single-spa.
 * `portal` is the shell's portal, which the unmodified Maps SDK iframe app is told about.
 */
export function startDemo(shell: AuthShell, portal: string): void {
  const log = createEventLog(byId<HTMLOListElement>("event-log"));
  logShellEvents(shell, log);
  mountHeader(
    shell,
    { user: byId("user"), timeLeft: byId("time-left"), signIn: byId("sign-in"), signOut: byId("sign-out") },
    log,
  );
  relayFrameMessages(log);

  // Each same-window app gets its own port: the shell tells the apps apart, and one app closing
  // its channel leaves the others alone.
  const sameWindowProps = (name: string) => ({
    auth: shell.connect(name),
    log: (text: string) => log(text, name),
  });

  registerApplication({
    name: "profile",
    app: () => import("../apps/profile/profile.ts"),
    activeWhen: "/",
    customProps: sameWindowProps,
  });
  registerApplication({
    name: "features",
    app: () => import("../apps/features/features.ts"),
    activeWhen: "/",
    customProps: sameWindowProps,
  });
  registerApplication({
    name: "embedded",
    app: async () =>
      frameApp({
        name: "embedded",
        title: "Embedded app",
        path: "/examples/apps/embedded/index.html",
        reload: "with-everyone",
      }),
    activeWhen: "/",
  });
  // rest-js's fromParent asks once at load and, signed out, would start a sign-in by itself: this
  // app is mounted only while there is a session, and created again on every sign-in.
  registerApplication({
    name: "restjs",
    app: async () =>
      frameApp({
        name: "restjs",
        title: "rest-js app",
        path: "/examples/apps/restjs/index.html",
        reload: "after-the-others",
        whenUnmounted: "Loads once you are signed in.",
      }),
    activeWhen: () => shell.session !== null,
  });
  // The Maps SDK apps. Same window: the adapter binds the page's IdentityManager to its port.
  registerApplication({
    name: "map",
    app: () => import("../apps/map/map.ts"),
    activeWhen: "/",
    customProps: sameWindowProps,
  });
  // Unmodified, in an iframe: the Maps SDK's embedded protocol asks the shell and, signed out,
  // waits for a sign-in: like the rest-js app, it is mounted only while there is a session.
  registerApplication({
    name: "mapsembedded",
    app: async () =>
      frameApp({
        name: "mapsembedded",
        title: "Embedded map",
        path: "/examples/apps/maps-embedded/index.html",
        reload: "never",
        mapsSdkPortal: portal,
        whenUnmounted: "Loads once you are signed in.",
      }),
    activeWhen: () => shell.session !== null,
  });
  for (const event of ["signed-in", "signed-out", "expired"] as const) {
    shell.on(event, () => void triggerAppChange());
  }

  shell
    .handleRedirect()
    .catch((error: unknown) => log(`redirect sign-in failed: ${describeError(error)}`))
    .finally(() => start());
}
