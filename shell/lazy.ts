/**
 * A part of the shell loaded on first use through a dynamic `import()`, once: what a host loads to
 * create the shell and restore a session stays small (shell/README.md "Size"). A failed load (the
 * network) is tried again on the next use.
 */

import { ShellUnavailableError } from "../protocol/errors.ts";

/** A value made on first use. */
export interface Lazy<T> {
  get(): Promise<T>;
  /** The value once made, else null. */
  readonly loaded: T | null;
}

export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let pending: Promise<T> | null = null;
  let loaded: T | null = null;
  return {
    get() {
      pending ??= load().then(
        (value) => (loaded = value),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
    get loaded() {
      return loaded;
    },
  };
}

/**
 * The parts loaded on first use (`later.ts`): one `import()` for every caller. A failed load (the
 * network, a deploy that removed the chunk) is a typed `ShellUnavailableError` for whoever waited.
 */
export const loadLater = () =>
  import("./later.ts").catch(() => {
    throw new ShellUnavailableError("The auth shell could not load.");
  });

/** A part made on first use from the later parts (`later.ts`). */
export const fromLater = <T>(make: (later: typeof import("./later.ts")) => T | Promise<T>): Lazy<T> =>
  lazy(async () => make(await loadLater()));
