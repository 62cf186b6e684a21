import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MaintenanceDraft, MaintenanceWindowPatch, SeriesPatch, SeriesScope } from "../../bindings";
import { ipc } from "../../ipc";

const OVERVIEW = ["maintenance"] as const;

export function useMaintenance() {
  return useQuery({ queryKey: OVERVIEW, queryFn: ipc.maintenanceOverview, refetchInterval: 60_000 });
}

/** The same rules the service enforces, run in Rust on the draft as it is typed. */
export function useMaintenanceCheck(draft: MaintenanceDraft | null) {
  return useQuery({
    queryKey: ["maintenance-check", draft],
    queryFn: () => ipc.checkMaintenance(draft as MaintenanceDraft),
    enabled: draft !== null,
    retry: false,
  });
}

function useRefreshing<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: OVERVIEW }),
  });
}

export const useCreateMaintenance = () => useRefreshing(ipc.createMaintenance);
export const useUpdateMaintenance = () =>
  useRefreshing(({ id, patch }: { id: number; patch: MaintenanceWindowPatch }) => ipc.updateMaintenance(id, patch));
export const useCancelMaintenance = () => useRefreshing(ipc.cancelMaintenance);
export const useExportMaintenance = () => useMutation({ mutationFn: ipc.exportMaintenance });

export function useAnnouncements() {
  return useQuery({ queryKey: ["announcements"], queryFn: ipc.announcements, refetchInterval: 5 * 60_000 });
}
export const useUpdateMaintenanceSeries = () =>
  useRefreshing(({ id, patch }: { id: number; patch: SeriesPatch }) => ipc.updateMaintenanceSeries(id, patch));
export const useCancelMaintenanceSeries = () =>
  useRefreshing(({ id, scope }: { id: number; scope: SeriesScope }) => ipc.cancelMaintenanceSeries(id, scope));
