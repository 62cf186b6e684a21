// A stand-in for the Rust side, shared by the component tests and the browser tests, that
// behaves like the real commands closely enough to drive the UI through its screens.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  ChangePasswordRequest,
  CommandError,
  ConnectRequest,
  Connection,
  ConsoleState,
  Profile,
  SessionEnded,
  SessionView,
} from "../bindings";

export const DEMO_PASSWORD = "demo-password";
export const LOCKED_UNTIL = "2030-01-02T03:04:00Z";

export const demoProfile: Profile = {
  id: "demo",
  name: "Demo workspace",
  url: "http://127.0.0.1:48080",
  username: "maria.manager",
  demo: true,
};

export function sessionFor(profile: Profile): SessionView {
  return {
    profile,
    user: {
      id: 7,
      username: profile.username,
      display_name: "Maria Manager",
      email: "maria@example.com",
      phone: null,
      account_id: 3,
      status: "active",
      locked_until: null,
    },
    account: { id: 3, name: "Northwind Media" },
    assignments: [{ id: 1, role: "account_manager", scope: { level: "account", id: 3 } }],
    idle_expires_at: "2030-01-01T00:30:00Z",
    region: "eu-north",
  };
}

export const online: Connection = { state: "online", since: "2030-01-01T00:00:00Z" };

type Args = Record<string, unknown>;
type Handler = (args: Args) => unknown;

export type FakeBackendOptions = {
  state?: Partial<ConsoleState>;
  /** Replaces the built-in behaviour of single commands. */
  commands?: Record<string, Handler>;
  /** Delays every answer, as the real service does, so busy states show. */
  latencyMs?: number;
};

function isLocal(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function reject(error: CommandError): never {
  throw error;
}

export function installFakeBackend(options: FakeBackendOptions = {}) {
  let state: ConsoleState = { profile: null, session: null, connection: online, ...options.state };
  const calls: { command: string; args: Args }[] = [];

  const startSession = (profile: Profile): SessionView => {
    const session = sessionFor(profile);
    state = { ...state, profile, session };
    return session;
  };

  const builtIn: Record<string, Handler> = {
    get_state: () => state,
    open_demo: () => startSession(demoProfile),
    connect_server: (args) => {
      const { url, username, password } = args.request as ConnectRequest;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return reject({ kind: "invalid_input", message: "Enter the address of the service.", field: "url" });
      }
      if (parsed.protocol !== "https:" && !isLocal(parsed)) {
        return reject({ kind: "insecure_url", message: `${url} is not https` });
      }
      if (!username) return reject({ kind: "invalid_input", message: "Enter your username.", field: "username" });
      if (username === "locked") {
        return reject({ kind: "locked", message: "Too many failed sign-ins.", locked_until: LOCKED_UNTIL });
      }
      if (password !== DEMO_PASSWORD) return reject({ kind: "unauthorized", message: "Wrong username or password." });
      return startSession({ id: "server", name: parsed.host, url, username, demo: false });
    },
    sign_in: (args) => {
      if (!state.profile) return reject({ kind: "not_found", message: "No workspace is selected." });
      if (args.password !== DEMO_PASSWORD) return reject({ kind: "unauthorized", message: "Wrong password." });
      return startSession(state.profile);
    },
    sign_out: () => {
      state = { ...state, session: null };
      return null;
    },
    leave_workspace: () => {
      state = { ...state, profile: null, session: null };
      return null;
    },
    change_password: (args) => {
      const request = args.request as ChangePasswordRequest;
      if (request.current_password !== DEMO_PASSWORD) {
        return reject({ kind: "invalid_input", message: "The current password is wrong.", field: "current_password" });
      }
      return null;
    },
    report_activity: () => null,
    check_connection: () => state.connection,
    open_external: () => null,
    get_announcements: () => [],
  };

  mockIPC(
    async (command, args) => {
      const payload = (args ?? {}) as Args;
      calls.push({ command, args: payload });
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const handler = options.commands?.[command] ?? builtIn[command];
      if (!handler) return reject({ kind: "internal", message: `unknown command ${command}` });
      return handler(payload);
    },
    { shouldMockEvents: true },
  );

  return {
    calls,
    callsOf: (command: string) => calls.filter((call) => call.command === command),
    /** Emits what Rust emits when a session ends on its own. */
    endSession: (payload: SessionEnded) => {
      state = { ...state, session: null };
      return emit("session-ended", payload);
    },
    changeConnection: (connection: Connection) => {
      state = { ...state, connection };
      return emit("connection-changed", connection);
    },
  };
}

export type FakeBackend = ReturnType<typeof installFakeBackend>;
