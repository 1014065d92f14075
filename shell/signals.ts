/**
 * The shell's internal signals: how a service tells the ones built after it what happened without
 * knowing them. Created before any service, so no service refers to one declared after it (the
 * session announces a new token, the recovery listens).
 */
import { createNanoEvents, type Emitter } from "nanoevents";
import type { Session } from "./types.ts";

/** Internal events between the shell's services. */
export interface ShellSignals {
  /** A session was taken in, by any path (sign-in, refresh, another tab): its token. */
  adopted(token: string): void;
  /** A refreshable session's refresh time came; the token to replace. */
  refreshDue(token: string): void;
  /** An interactive sign-in started; its outcome. */
  signInStarted(signIn: Promise<Session>): void;
}

/** The signal bus of one shell. */
export type Signals = Emitter<ShellSignals>;

export const createSignals = (): Signals => createNanoEvents<ShellSignals>();
