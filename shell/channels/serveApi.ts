/**
 * The shell's side of Comlink's wire protocol on an app port (docs/protocol.md §3), for the only
 * calls the port guard lets through (`portGuard.ts`): APPLY of a contract method with plain
 * arguments, and RELEASE. Each call is answered the way Comlink's `expose` answers it — a `RAW`
 * reply with the call's id — so the app's side stays Comlink's `wrap`, while Comlink's proxy and
 * transfer machinery, which the shell never uses, stays out of the shell's bundle.
 */
import type { Endpoint } from "comlink";

/** A call as the guard passes it on. */
interface GuardedCall {
  id: string;
  type: "APPLY" | "RELEASE";
  path: string[];
  argumentList?: { value: unknown }[];
}

/** A method of the served API. */
type Method = (...args: unknown[]) => unknown;

/** Comlink's reply for a value it cannot send (or a method that failed), as `expose` builds it. */
const thrown = (error: unknown) => ({
  type: "HANDLER",
  name: "throw",
  value:
    error instanceof Error
      ? { isError: true, value: { message: error.message, name: error.name, stack: error.stack } }
      : { isError: false, value: error },
});

/** Answers the guarded calls on `endpoint` with `api`'s methods, until the app releases it. */
export function serveApi(api: object, endpoint: Endpoint): void {
  const methods = api as Readonly<Record<string, Method | undefined>>;
  const onCall = (event: { data: GuardedCall }) => {
    const { id, type, path, argumentList = [] } = event.data;
    const reply = (message: object) => endpoint.postMessage({ ...message, id }, []);
    const result =
      type === "APPLY" ? methods[path[0] as string]?.(...argumentList.map((arg) => arg.value)) : undefined;
    Promise.resolve(result)
      .then(
        (value) => ({ type: "RAW", value }),
        (error: unknown) => thrown(error),
      )
      .then((message) => {
        try {
          reply(message);
        } catch {
          reply(thrown(new TypeError("Unserializable return value")));
        }
        if (type === "RELEASE") endpoint.removeEventListener("message", onCall as unknown as EventListener);
      });
  };
  endpoint.addEventListener("message", onCall as unknown as EventListener);
  endpoint.start?.();
}
