/**
 * The shell's life: over once `destroy()` ran. Every public wait runs under `guard`, so nothing
 * still waiting (for `ready`, a sign-in, a server) outlives the shell.
 */
import { ShellUnavailableError } from "../protocol/errors.ts";

/** The life of one shell. */
export interface Lifetime {
  readonly over: boolean;
  /** Runs `work`; rejects with `ShellUnavailableError` when the shell is (or gets) destroyed. */
  guard<T>(work: () => Promise<T>): Promise<T>;
  /** Ends the life; returns the error every pending wait rejects with. */
  end(): ShellUnavailableError;
}

/** The error of every call and wait after `destroy()`. */
export const destroyedError = () => new ShellUnavailableError("The auth shell was destroyed.");

/** Creates the lifetime of one shell. */
export function createLifetime(): Lifetime {
  let over = false;
  let markEnded: (error: Error) => void = () => {};
  const ended = new Promise<never>((_, reject) => {
    markEnded = reject;
  });
  ended.catch(() => {});
  return {
    get over() {
      return over;
    },
    guard: (work) => (over ? Promise.reject(destroyedError()) : Promise.race([work(), ended])),
    end() {
      over = true;
      const error = destroyedError();
      markEnded(error);
      return error;
    },
  };
}
