/**
 * The host's live event log: the shell's events, plus lines the apps add themselves (the shell's
 * events do not say which app caused them; the apps do).
 */
import type { AuthShell } from "../../shell/index.ts";
import { formatClock, formatDuration } from "./format.ts";

/** Adds a line; `app` names the micro-app it came from, if any. */
export type LogLine = (text: string, app?: string) => void;

/** Lines kept on screen; older ones are dropped so a long session stays light. */
const MAX_LINES = 200;

/** A log drawn into `list`, newest line first. */
export function createEventLog(list: HTMLOListElement, now: () => number = Date.now): LogLine {
  return (text, app) => {
    const item = document.createElement("li");
    const time = document.createElement("time");
    time.dateTime = new Date(now()).toISOString();
    time.textContent = formatClock(now());
    item.append(time);
    const source = document.createElement("strong");
    source.textContent = app ?? "shell";
    item.append(" ", source, " ", text);
    list.prepend(item);
    while (list.children.length > MAX_LINES) list.lastElementChild?.remove();
  };
}

/** Writes every shell event to `log`, without tokens (only usernames, reasons, codes). */
export function logShellEvents(shell: AuthShell, log: LogLine): void {
  shell.on("signed-in", (session) => log(`signed-in as ${session.username}`));
  shell.on("signed-out", (reason) => log(`signed-out (${reason})`));
  shell.on("refreshed", (session) =>
    log(`refreshed: token valid for ${formatDuration(session.expires - Date.now())}`),
  );
  shell.on("expiring", (msLeft) => log(`expiring in ${formatDuration(msLeft)}`));
  shell.on("expired", () => log("expired"));
  shell.on("auth-required", (reason) => log(`auth-required (${reason})`));
  shell.on("error", (error) =>
    log(`error ${(error as { code?: string }).code ?? error.name}: ${error.message}`),
  );
}
