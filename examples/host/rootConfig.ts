/**
 * The demo's single-spa root config: the header, the event log, and four micro-apps around one
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

/** Draws the host around `shell`, finishes a pending redirect sign-in, then starts single-spa. */
export function startDemo(shell: AuthShell): void {
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
        joinsRetry: true,
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
        joinsRetry: false,
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
