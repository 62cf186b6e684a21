import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import type { ConsoleState, ProviderWorkspace, SessionEndReason, SessionView } from "../bindings";
import { events, ipc } from "../ipc";
import { STARTUP_NOTICES } from "./StartupNotices";

const CONSOLE_STATE = ["console-state"] as const;

export function useConsoleState() {
  return useQuery({ queryKey: CONSOLE_STATE, queryFn: ipc.getState });
}

function useUpdateState() {
  const client = useQueryClient();
  return useCallback(
    (update: (state: ConsoleState) => ConsoleState) =>
      client.setQueryData<ConsoleState>(CONSOLE_STATE, (state) => state && update(state)),
    [client],
  );
}

function useStartSession<Variables>(start: (variables: Variables) => Promise<SessionView>) {
  const updateState = useUpdateState();
  const client = useQueryClient();
  return useMutation({
    mutationFn: start,
    onSuccess: (session) => {
      updateState((state) => ({ ...state, profile: session.profile, session }));
      // A keyring that refused to keep this sign-in's token shows its banner now.
      void client.invalidateQueries({ queryKey: STARTUP_NOTICES });
    },
  });
}

export const useOpenDemo = () => useStartSession(ipc.openDemo);
export const useConnectServer = () => useStartSession(ipc.connectServer);
export const useSignIn = () => useStartSession(ipc.signIn);
export const useSubmitTotp = () => useStartSession(ipc.submitTotp);
export const useSignInWithProvider = () => useStartSession(ipc.signInWithProvider);

/**
 * "Sign in with <provider>" for a workspace's user (the active one when url and username are
 * null); none for password-only accounts.
 */
export function useSignInOptions(workspace: ProviderWorkspace) {
  return useQuery({
    queryKey: ["sign-in-options", workspace],
    queryFn: () => ipc.signInOptions(workspace),
    retry: false,
  });
}

export function useSignOut() {
  const updateState = useUpdateState();
  return useMutation({
    mutationFn: ipc.signOut,
    onSuccess: () => updateState((state) => ({ ...state, session: null })),
  });
}

export function useLeaveWorkspace() {
  const updateState = useUpdateState();
  return useMutation({
    mutationFn: ipc.leaveWorkspace,
    onSuccess: () => updateState((state) => ({ ...state, profile: null, session: null })),
  });
}

export function useCheckConnection() {
  const updateState = useUpdateState();
  return useMutation({
    mutationFn: ipc.checkConnection,
    onSuccess: (connection) => updateState((state) => ({ ...state, connection })),
  });
}

/** Keeps the cached state in step with what Rust reports on its own. */
export function useBackendEvents(onSessionEnded: (reason: SessionEndReason) => void) {
  const updateState = useUpdateState();
  const client = useQueryClient();
  useEffect(() => {
    const subscriptions = [
      events.onSessionEnded(({ reason }) => {
        updateState((state) => ({ ...state, session: null }));
        onSessionEnded(reason);
      }),
      events.onConnectionChanged((connection) => {
        updateState((state) => ({ ...state, connection }));
        // What a panel shows was read before the change: read again, so offline it says it
        // is the kept copy and as of when, and back online it is fresh (issue 25).
        void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== CONSOLE_STATE[0] });
      }),
    ];
    return () => {
      for (const subscription of subscriptions) void subscription.then((unlisten) => unlisten());
    };
  }, [client, onSessionEnded, updateState]);
}
