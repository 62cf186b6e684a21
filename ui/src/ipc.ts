// The one seam between the UI and the Rust side: every Tauri command and event goes through here,
// so tests mock exactly this boundary and the rest of the UI never sees untyped payloads.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  ChangePasswordRequest,
  CommandError,
  ConnectRequest,
  Connection,
  ConsoleState,
  LatencyPoint,
  SessionEnded,
  SessionView,
  UptimeView,
} from "./bindings";

const ERROR_KINDS: ReadonlySet<CommandError["kind"]> = new Set([
  "invalid_input",
  "unauthorized",
  "locked",
  "forbidden",
  "offline",
  "insecure_url",
  "keyring",
  "not_found",
  "conflict",
  "internal",
]);

export function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    ERROR_KINDS.has((value as { kind?: unknown }).kind as CommandError["kind"]) &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

// Tauri itself rejects with a bare string (unknown command, bad arguments), which the UI
// must still show as an error rather than crash on.
export function toCommandError(value: unknown): CommandError {
  if (isCommandError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return { kind: "internal", message };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toCommandError(error);
  }
}

export const ipc = {
  getState: () => call<ConsoleState>("get_state"),
  openDemo: () => call<SessionView>("open_demo"),
  connectServer: (request: ConnectRequest) => call<SessionView>("connect_server", { request }),
  signIn: (password: string) => call<SessionView>("sign_in", { password }),
  signOut: () => call<null>("sign_out"),
  leaveWorkspace: () => call<null>("leave_workspace"),
  changePassword: (request: ChangePasswordRequest) => call<null>("change_password", { request }),
  reportActivity: () => call<null>("report_activity"),
  checkConnection: () => call<Connection>("check_connection"),
  openExternal: (url: string) => call<null>("open_external", { url }),
  /** `null` asks for the service's own health monitor. */
  uptime: (monitorId: number | null) => call<UptimeView>("uptime", { monitorId }),
  /** `from` and `to` are RFC 3339 instants. */
  uptimeLatency: (monitorId: number, from: string, to: string) =>
    call<LatencyPoint[]>("uptime_latency", { monitorId, from, to }),
};

export const events = {
  onSessionEnded: (handler: (payload: SessionEnded) => void): Promise<UnlistenFn> =>
    listen<SessionEnded>("session-ended", (event) => handler(event.payload)),
  onConnectionChanged: (handler: (payload: Connection) => void): Promise<UnlistenFn> =>
    listen<Connection>("connection-changed", (event) => handler(event.payload)),
};
