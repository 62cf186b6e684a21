import { QueryClient } from "@tanstack/react-query";
import type { CommandError } from "../bindings";

declare module "@tanstack/react-query" {
  interface Register {
    // ipc.ts turns every rejection into a CommandError.
    defaultError: CommandError;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A local IPC call that failed fails the same way again; Rust pushes changes as events.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
      mutations: { retry: false },
    },
  });
}
