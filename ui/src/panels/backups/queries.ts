import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NewRestoreRequest, RestoreRequestPatch } from "../../bindings";
import { ipc } from "../../ipc";

const OVERVIEW = ["backups"] as const;

export function useBackups() {
  // The nightly job and the drills run on the service's clock; a minute is fresh enough.
  return useQuery({ queryKey: OVERVIEW, queryFn: ipc.backupsOverview, refetchInterval: 60_000 });
}

function useRefreshing<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: OVERVIEW }),
  });
}

export const useRequestRestore = () => useRefreshing((request: NewRestoreRequest) => ipc.requestRestore(request));
export const useStepRestore = () =>
  useRefreshing(({ id, patch }: { id: number; patch: RestoreRequestPatch }) => ipc.stepRestoreRequest(id, patch));
