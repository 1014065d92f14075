/**
 * The second host page (http://127.0.0.1:5174/examples/host/second.html): a shell on this origin
 * whose redirectUri is the callback page of the OTHER origin, to show one deployed callback
 * serving several hosts (its openers allow-list names this origin).
 */
import { createAuthShell } from "../../shell/index.ts";
import { HOST_ORIGIN } from "../apps/shared/demo.ts";
import { createEventLog, logShellEvents } from "./eventLog.ts";
import { mountHeader } from "./header.ts";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const shell = createAuthShell({
  clientId: import.meta.env.VITE_ARCGIS_CLIENT_ID ?? "arcgis-auth-shell-demo",
  portal: import.meta.env.VITE_ARCGIS_PORTAL ?? "http://localhost:4100/sharing/rest",
  redirectUri: `${HOST_ORIGIN}/callback.html`,
});

const log = createEventLog(byId<HTMLOListElement>("event-log"));
logShellEvents(shell, log);
mountHeader(
  shell,
  { user: byId("user"), timeLeft: byId("time-left"), signIn: byId("sign-in"), signOut: byId("sign-out") },
  log,
);
