/**
 * The SDK's end of one private port: Comlink calls with a deadline, and the shell's notices
 * (session changes, channel closed) that travel beside Comlink on the same port.
 */
import { type Remote, wrap } from "comlink";
import {
  type Answer,
  CLOSED_NOTICE_TYPE,
  SESSION_NOTICE_TYPE,
  type SessionInfo,
  type ShellPortApi,
} from "../protocol/appChannel.ts";
import { fromWireError, ShellUnavailableError } from "../protocol/errors.ts";

type Call<T> = (api: Remote<ShellPortApi>) => Promise<Answer<T>>;

/** A live connection to the shell. */
export interface ShellLink {
  /** Calls a port method; rejects with `ShellUnavailableError` when no answer comes within the deadline. */
  call<T>(run: Call<T>): Promise<T>;
  /**
   * Calls a method that may wait for the user (a sign-in): no deadline on the answer itself, but
   * the shell must keep answering pings, else `ShellUnavailableError`.
   */
  callWhileAlive<T>(run: Call<T>): Promise<T>;
  onSession(listener: (session: SessionInfo | null) => void): () => void;
  close(): void;
}

/** Opens the link over `port`; `timeoutMs` bounds every call and every liveness check. */
export function linkShell(port: MessagePort, timeoutMs: number): ShellLink {
  // Kept referenced for the link's life: a collected Comlink proxy sends RELEASE.
  const api = wrap<ShellPortApi>(port);
  const pending = new Set<(error: Error) => void>();
  const sessionListeners = new Set<(session: SessionInfo | null) => void>();
  let closedBy: Error | undefined;

  const shutdown = (reason: Error) => {
    if (closedBy) return;
    closedBy = reason;
    for (const reject of pending) reject(reason);
    port.close();
  };

  port.addEventListener("message", ({ data }) => {
    // Comlink's own answers carry an `id`; notices do not.
    if (!data || data.id) return;
    if (data.type === CLOSED_NOTICE_TYPE)
      shutdown(new ShellUnavailableError("The auth shell closed the channel."));
    if (data.type === SESSION_NOTICE_TYPE && typeof data.session === "object") {
      for (const listener of [...sessionListeners]) listener(data.session);
    }
  });
  port.start();

  /**
   * Settles with `run`'s answer unless the link closes first or `watch` calls its `fail`;
   * `watch` returns the function that stops watching.
   */
  const guarded = <T>(run: Call<T>, watch: (fail: (error: Error) => void) => () => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closedBy) return reject(closedBy);
      const fail = (error: Error) => {
        stop();
        pending.delete(fail);
        reject(error);
      };
      const stop = watch(fail);
      pending.add(fail);
      run(api).then((answer) => {
        if (!pending.delete(fail)) return;
        stop();
        answer.ok ? resolve(answer.value) : reject(fromWireError(answer.error));
      }, fail);
    });

  const deadline = (ms: number) => (fail: (error: Error) => void) => {
    const timer = setTimeout(() => fail(new ShellUnavailableError()), ms);
    return () => clearTimeout(timer);
  };

  return {
    call: (run) => guarded(run, deadline(timeoutMs)),
    callWhileAlive: (run) =>
      guarded(run, (fail) => {
        // A ping every half deadline, each allowed half the deadline: a shell that went away is
        // noticed within `timeoutMs`, however long the user takes to sign in.
        let active = true;
        let timer: ReturnType<typeof setTimeout>;
        const check = () => {
          timer = setTimeout(() => {
            guarded((remote) => remote.ping(), deadline(timeoutMs / 2)).then(
              () => active && check(),
              (error) => active && fail(error),
            );
          }, timeoutMs / 2);
        };
        check();
        return () => {
          active = false;
          clearTimeout(timer);
        };
      }),
    onSession(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    close() {
      // A raw RELEASE (what Comlink sends for a released proxy) lets the shell close its end too.
      if (!closedBy) port.postMessage({ type: "RELEASE", id: "close", path: [] });
      shutdown(new ShellUnavailableError("The auth client was closed."));
    },
  };
}
