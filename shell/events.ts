/** The shell's event emitter (nanoevents), hardened so one throwing listener cannot break the shell. */
import { createNanoEvents, type Emitter } from "nanoevents";
import type { ShellEvents } from "./types.ts";

function reportListenerError(error: unknown) {
  if (typeof globalThis.reportError === "function") globalThis.reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

/**
 * An emitter of `ShellEvents`. A listener that throws does not stop the others or the shell; its
 * error goes to `reportError` (the window's error handlers) so it still shows up.
 */
export function createShellEvents(): Emitter<ShellEvents> {
  const emitter = createNanoEvents<ShellEvents>();
  emitter.emit = function emit(event, ...args) {
    for (const listener of [...(this.events[event] ?? [])]) {
      try {
        (listener as (...values: unknown[]) => void)(...args);
      } catch (error) {
        reportListenerError(error);
      }
    }
  };
  return emitter;
}
