/**
 * The SDK's end of one private port: calls with a deadline, and the shell's notices (session
 * changes, channel closed) that travel beside them on the same port. Calls are Comlink messages
 * (the shell answers them with Comlink behind its gate, docs/protocol.md §3), sent and matched
 * here directly: one message and one answer per call, no proxy built and registered per call.
 */
import { type Answer, PORT_METHODS, type SessionInfo, type ShellPortApi } from "../protocol/appChannel.ts";
import { CLOSED_NOTICE_TYPE, SESSION_NOTICE_TYPE } from "../protocol/appNotices.ts";
import { ShellUnavailableError } from "../protocol/errors.ts";
import { fromWireError } from "../protocol/wireError.ts";

type Call<T> = (api: ShellPortApi) => Promise<Answer<T>>;

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
  const answers: Answers = new Map();
  const pending = new Set<(error: Error) => void>();
  const sessionListeners = new Set<(session: SessionInfo | null) => void>();
  let closedBy: Error | undefined;

  const shutdown = (reason: Error) => {
    if (closedBy) return;
    closedBy = reason;
    for (const reject of pending) reject(reason);
    answers.clear();
    port.close();
  };

  const api = callsOver(port, answers);

  port.addEventListener("message", ({ data }) => {
    if (!data) return;
    // Answers carry the `id` of their call; notices have none.
    if (data.id) {
      answers.get(data.id)?.(data);
      answers.delete(data.id);
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

  const callDeadline = deadlines(timeoutMs);
  const pingDeadline = deadlines(timeoutMs / 2);

  return {
    call: (run) => guarded(run, callDeadline),
    // A ping every half deadline, each allowed half the deadline: a shell that went away is
    // noticed within `timeoutMs`, however long the user takes to sign in.
    callWhileAlive: (run) =>
      guarded(
        run,
        pinging(() => guarded((remote) => remote.ping(), pingDeadline), timeoutMs / 2),
      ),
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
function pinging(ping: () => Promise<unknown>, gapMs: number) {
  return (fail: (error: Error) => void) => {
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
/** Who waits for the answer with a given `id`. */
type Answers = Map<string, (data: { type?: unknown; value?: unknown }) => void>;

/**
 * The port methods as calls in Comlink's format (the method as the path, every argument a plain
 * RAW value); each call waits in `answers` under its own `id` for the message that answers it.
 */
function callsOver(port: MessagePort, answers: Answers): ShellPortApi {
  let lastId = 0;
  const call =
    (method: string) =>
    (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const id = `${++lastId}`;
        answers.set(id, (data) =>
          data.type === "RAW" ? resolve(data.value) : reject(new ShellUnavailableError()),
        );
        port.postMessage({
          id,
          type: "APPLY",
          path: [method],
          argumentList: args.map((value) => ({ type: "RAW", value })),
        });
      });
  return Object.fromEntries(PORT_METHODS.map((method) => [method, call(method)])) as unknown as ShellPortApi;
}
/**
 * Deadlines of one length `ms`: they fall due in the order they were set, so one timer, armed for
 * the oldest, serves them all (a timer set and cleared per call costs more than a short call).
 * Each `fail` is called with `ShellUnavailableError` at its deadline unless stopped before.
 */
function deadlines(ms: number) {
  const due = new Map<(error: Error) => void, number>();
  let armed = false;
  const arm = (delay: number) => {
    armed = true;
    setTimeout(sweep, delay);
  };
  function sweep() {
    armed = false;
    for (const [fail, at] of due) {
      if (at > Date.now()) return arm(at - Date.now());
      due.delete(fail);
      fail(new ShellUnavailableError());
    }
  }
  return (fail: (error: Error) => void) => {
    due.set(fail, Date.now() + ms);
    if (!armed) arm(ms);
    return () => due.delete(fail);
  };
}
