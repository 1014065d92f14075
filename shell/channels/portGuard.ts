/**
 * The gate in front of Comlink on every app port (docs/protocol.md §3): only calls of the contract's
 * methods with schema-valid arguments, and RELEASE, get through, rebuilt as fresh objects; SET,
 * GET, CONSTRUCT, ENDPOINT, prototype paths, proxies and anything malformed are dropped before
 * Comlink sees them (Comlink walks `path` with plain property access).
 */
import type { Endpoint } from "comlink";
import { portArgumentSchemas } from "../../protocol/appChannel.schema.ts";
import { PORT_METHODS, type PortMethod } from "../../protocol/appChannel.ts";
import { InvalidRequestError } from "../../protocol/errors.ts";
import { toWireError } from "../../protocol/wireError.ts";

type Listener = (event: { data: unknown }) => void;

/** Longest Comlink message id accepted (Comlink's own are ~60 characters). */
const MAX_ID_LENGTH = 128;

/** Hooks for the owner of the port. */
export interface PortGuardHooks {
  /** The app released its end: the port is closed and must be forgotten. */
  onRelease(): void;
  /** A message passed the gate: the app on the other end is using this port (called for each). */
  onActive(): void;
}

/** A Comlink endpoint over `port` that lets only contract calls through. */
export function guardPort(port: MessagePort, hooks: PortGuardHooks): Endpoint & { close(): void } {
  // Comlink's `expose` listens once per endpoint.
  let listener: Listener | null = null;
  let releaseId: string | null = null;
  let closed = false;

  function onMessage(event: MessageEvent) {
    const verdict = inspect(event.data);
    if (verdict.kind === "drop") return;
    if (verdict.kind === "invalid") {
      const error = toWireError(new InvalidRequestError());
      port.postMessage({ id: verdict.id, type: "RAW", value: { ok: false, error } });
      return;
    }
    hooks.onActive();
    if (verdict.message.type === "RELEASE") releaseId = verdict.message.id;
    listener?.({ data: verdict.message });
  }
  const close = () => {
    if (closed) return;
    closed = true;
    port.removeEventListener("message", onMessage);
    port.close();
    hooks.onRelease();
  };

  port.addEventListener("message", onMessage);
  port.start();

  return {
    postMessage(message: unknown, transfer?: Transferable[]) {
      if (closed) return;
      port.postMessage(message, transfer ?? []);
      // Comlink answers a RELEASE before it lets go: close once that answer is out.
      if (releaseId !== null && (message as { id?: unknown }).id === releaseId) close();
    },
    addEventListener(_type: string, added: EventListenerOrEventListenerObject) {
      listener = added as unknown as Listener;
    },
    removeEventListener(_type: string, removed: EventListenerOrEventListenerObject) {
      if (removed === (listener as unknown)) listener = null;
    },
    close,
  };
}

type CleanMessage =
  | { id: string; type: "RELEASE"; path: [] }
  | { id: string; type: "APPLY"; path: [PortMethod]; argumentList: { type: "RAW"; value: unknown }[] };

type Verdict = { kind: "pass"; message: CleanMessage } | { kind: "invalid"; id: string } | { kind: "drop" };

/** Decides what happens to one inbound message; pure, so it is tested without a port. */
export function inspect(data: unknown): Verdict {
  if (!data || typeof data !== "object" || Array.isArray(data)) return { kind: "drop" };
  const own = (key: string): unknown =>
    Object.hasOwn(data, key) ? (data as Record<string, unknown>)[key] : undefined;
  const id = own("id");
  const type = own("type");
  const path = own("path");
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH || !Array.isArray(path)) {
    return { kind: "drop" };
  }
  if (type === "RELEASE")
    return path.length === 0 ? { kind: "pass", message: { id, type, path: [] } } : { kind: "drop" };
  if (type !== "APPLY" || path.length !== 1) return { kind: "drop" };
  const method = path[0];
  if (typeof method !== "string" || !(PORT_METHODS as readonly string[]).includes(method))
    return { kind: "drop" };
  const wireArgs = own("argumentList");
  if (!Array.isArray(wireArgs)) return { kind: "drop" };
  const values: unknown[] = [];
  for (const wire of wireArgs) {
    // Only plain values: a HANDLER value would make Comlink build a proxy to the caller.
    if (!wire || typeof wire !== "object" || wire.type !== "RAW" || !Object.hasOwn(wire, "value")) {
      return { kind: "drop" };
    }
    values.push(wire.value);
  }
  const schemas = portArgumentSchemas[method as PortMethod];
  if (values.length !== schemas.length) return { kind: "invalid", id };
  const argumentList: { type: "RAW"; value: unknown }[] = [];
  for (const [index, schema] of schemas.entries()) {
    const parsed = schema.safeParse(values[index]);
    if (!parsed.success) return { kind: "invalid", id };
    argumentList.push({ type: "RAW", value: parsed.data });
  }
  return { kind: "pass", message: { id, type: "APPLY", path: [method as PortMethod], argumentList } };
}
