/**
 * The SDK's end of one private port: calls with a deadline, and the shell's notices (session
 * changes, channel closed) that travel beside them on the same port. Calls are Comlink messages
 * (the shell answers them with Comlink behind its gate, docs/protocol.md §3), sent and matched
 * here directly: one message and one answer per call, no proxy built and registered per call.
 * Each waiting call is one record that its answer, its deadline or the link's end settles
 * directly: no promise and watch closure per layer, which cost about 3 µs of a cross-origin
 * round trip of 120–190 µs (e2e/bench/experiment/run.ts).
 */
import type { Answer, PortMethod, SessionInfo, ShellPortApi } from "../protocol/appChannel.ts";
import { CLOSED_NOTICE_TYPE, SESSION_NOTICE_TYPE } from "../protocol/appNotices.ts";
import { ShellUnavailableError } from "../protocol/errors.ts";
import { fromWireError } from "../protocol/wireError.ts";

/** The arguments of a port method. */
type Args<M extends PortMethod> = Parameters<ShellPortApi[M]>;
/** What a port method resolves to in the app: the value inside the shell's answer. */
type Value<M extends PortMethod> = Awaited<ReturnType<ShellPortApi[M]>> extends Answer<infer T> ? T : never;

/** A live connection to the shell. */
export interface ShellLink {
  /** Calls a port method; rejects with `ShellUnavailableError` when no answer comes within the deadline. */
  call<M extends PortMethod>(method: M, ...args: Args<M>): Promise<Value<M>>;
  /**
   * Calls a method that may wait for the user (a sign-in): no deadline on the answer itself, but
   * the shell must keep answering pings, else `ShellUnavailableError`.
   */
  callWhileAlive<M extends PortMethod>(method: M, ...args: Args<M>): Promise<Value<M>>;
  onSession(listener: (session: SessionInfo | null) => void): () => void;
  close(): void;
}

/** A call waiting for its answer: when it falls due (never, for a call kept by pings) and what stops its pings. */
interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
  due: number;
  stop?: () => void;
}

/** A watch on a waiting call: may `fail` it, and returns the function that stops watching. */
type Watch = (fail: (error: Error) => void) => () => void;

/** Opens the link over `port`; `timeoutMs` bounds every call and every liveness check. */
export function linkShell(port: MessagePort, timeoutMs: number): ShellLink {
  const waiting = new Map<string, Waiter>();
  const deadlines = deadlineSweeper(waiting);
  const sessionListeners = new Set<(session: SessionInfo | null) => void>();
  let closedBy: Error | undefined;
  let lastId = 0;

  /** Removes the call `id` from the waiting ones and stops its watch; undefined when it is not waiting. */
  const take = (id: string): Waiter | undefined => {
    const waiter = waiting.get(id);
    if (waiter === undefined) return undefined;
    waiting.delete(id);
    waiter.stop?.();
    return waiter;
  };

  const shutdown = (reason: Error) => {
    if (closedBy) return;
    closedBy = reason;
    for (const id of [...waiting.keys()]) take(id)?.reject(reason);
    deadlines.stop();
    port.close();
  };

  port.addEventListener("message", ({ data }) => {
    if (!data) return;
    // Answers carry the `id` of their call; notices have none.
    if (data.id) {
      const waiter = take(data.id);
      if (waiter === undefined) return;
      const answer = data.type === "RAW" ? (data.value as Answer<unknown>) : undefined;
      if (answer === undefined) waiter.reject(new ShellUnavailableError());
      else if (answer.ok) waiter.resolve(answer.value);
      else waiter.reject(fromWireError(answer.error));
      return;
    }
    if (data.type === CLOSED_NOTICE_TYPE)
      shutdown(new ShellUnavailableError("The auth shell closed the channel."));
    if (data.type === SESSION_NOTICE_TYPE && typeof data.session === "object") {
      for (const listener of [...sessionListeners]) listener(data.session);
    }
  });
  port.start();

  /**
   * Sends `method(...args)` in Comlink's format (the method as the path, every argument a plain
   * RAW value) and waits under a fresh `id` until the answer, `due` (epoch ms) or `watch` fails it.
   */
  const send = (method: PortMethod, args: unknown[], due: number, watch?: Watch) =>
    new Promise<never>((resolve, reject) => {
      if (closedBy) return reject(closedBy);
      const id = `${++lastId}`;
      const waiter: Waiter = { resolve, reject, due };
      waiting.set(id, waiter);
      if (watch) waiter.stop = watch((error) => take(id)?.reject(error));
      deadlines.watch(due);
      port.postMessage({
        id,
        type: "APPLY",
        path: [method],
        argumentList: args.map((value) => ({ type: "RAW", value })),
      });
    });

  const ping = () => send("ping", [], Date.now() + timeoutMs / 2);

  return {
    call: (method, ...args) => send(method, args, Date.now() + timeoutMs),
    // A ping every half deadline, each allowed half the deadline: a shell that went away is
    // noticed within `timeoutMs`, however long the user takes to sign in.
    callWhileAlive: (method, ...args) =>
      send(method, args, Number.POSITIVE_INFINITY, pinging(ping, timeoutMs / 2)),
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

/** A watch that calls `ping` every `gapMs` and fails the watched call when a ping fails. */
function pinging(ping: () => Promise<unknown>, gapMs: number): Watch {
  return (fail) => {
    let active = true;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      timer = setTimeout(() => {
        ping().then(
          () => active && check(),
          (error: Error) => active && fail(error),
        );
      }, gapMs);
    };
    check();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  };
}

/**
 * The deadlines of the waiting calls, served by one timer armed for the earliest (a timer set and
 * cleared per call costs more than a short call): `watch(due)` only moves the timer when `due` is
 * earlier than the one it is armed for, so a call that ends before its deadline costs nothing
 * here. At the timer every call past its `due` fails with `ShellUnavailableError`.
 */
function deadlineSweeper(waiting: Map<string, Waiter>) {
  let armedFor = Number.POSITIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = (due: number) => {
    if (due >= armedFor) return;
    clearTimeout(timer);
    armedFor = due;
    timer = setTimeout(sweep, due - Date.now());
  };
  function sweep() {
    armedFor = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [id, waiter] of waiting) {
      if (waiter.due > now) next = Math.min(next, waiter.due);
      else {
        waiting.delete(id);
        waiter.stop?.();
        waiter.reject(new ShellUnavailableError());
      }
    }
    watch(next);
  }
  return { watch, stop: () => clearTimeout(timer) };
}
