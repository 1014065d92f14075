/**
 * The iframe side of the handshake (docs/protocol.md §2): ask the parent for a private `MessagePort`,
 * accept it only from the parent window at the expected origin, give up after a deadline.
 */
import { ShellUnavailableError } from "../protocol/errors.ts";
import { CONNECT_TYPE, CONNECTED_TYPE } from "../protocol/handshake.ts";
import { exactOrigin } from "../protocol/origin.ts";

/** Where the shell lives, seen from an iframe. */
export interface ParentSource {
  /** The exact origin of the page that runs the shell, e.g. "https://host.example". */
  parentOrigin: string;
  /** Deadline for the handshake and for every later call; default 10 s. */
  timeoutMs?: number;
}

/**
 * Performs the handshake and resolves the port, e.g. to hand it to a Web Worker that calls
 * `connectAuth(port)`. Rejects with `ShellUnavailableError` when the parent does not answer in time.
 */
export function connectPort({ parentOrigin, timeoutMs = 10_000 }: ParentSource, win: Window = window) {
  return new Promise<MessagePort>((resolve, reject) => {
    if (!exactOrigin(parentOrigin)) {
      throw new TypeError(`parentOrigin must be an origin such as "https://host.example".`);
    }
    const parent = win.parent;
    if (parent === win) throw new ShellUnavailableError("This page is not inside a frame.");
    let port: MessagePort | undefined;
    // Asked again with growing gaps, for a parent whose shell starts after this frame.
    let gap = 250;
    let resend: ReturnType<typeof setTimeout>;
    const ask = () => {
      parent.postMessage({ type: CONNECT_TYPE, version: 1 }, parentOrigin);
      resend = setTimeout(ask, gap);
      gap *= 2;
    };
    const onMessage = ({ source, origin, data, ports }: MessageEvent) => {
      if (source !== parent || origin !== parentOrigin || data?.type !== CONNECTED_TYPE || data.version !== 1)
        return;
      if (ports.length !== 1) return;
      if (port) {
        // The answer to a repeated request: hand the extra port straight back.
        ports[0]?.postMessage({ type: "RELEASE", id: "extra", path: [] });
        return;
      }
      port = ports[0];
      clearTimeout(resend);
      resolve(port as MessagePort);
    };
    // Listening on past the answer until the deadline lets late duplicates be released.
    setTimeout(() => {
      clearTimeout(resend);
      win.removeEventListener("message", onMessage);
      reject(new ShellUnavailableError("The parent page did not answer the auth handshake."));
    }, timeoutMs);
    win.addEventListener("message", onMessage);
    ask();
  });
}
