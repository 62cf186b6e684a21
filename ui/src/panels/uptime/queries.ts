import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BusinessCalendarSettings, MonitorPatch, PackFormat } from "../../bindings";
import { ipc } from "../../ipc";

export const LATENCY_DAYS = 7;

/** `null` is the service's own health monitor, which Rust picks. */
export function useUptime(monitorId: number | null) {
  return useQuery({
    queryKey: ["uptime", monitorId],
    queryFn: () => ipc.uptime(monitorId),
    // Switching monitors keeps the last one on screen instead of flashing a loading state.
    placeholderData: keepPreviousData,
  });
}

/** The week before the view's own time, so the chart and the figures describe the same moment. */
export function useLatency(monitorId: number, asOf: string) {
  return useQuery({
    queryKey: ["uptime-latency", monitorId, asOf],
    queryFn: () => {
      const to = new Date(asOf);
      const from = new Date(to.getTime() - LATENCY_DAYS * 86_400_000);
      return ipc.uptimeLatency(monitorId, from.toISOString(), to.toISOString());
    },
  });
}

/** Under "uptime", so saving a calendar refreshes the list of versions too. */
export function useBusinessCalendar(accountId: number) {
  return useQuery({
    queryKey: ["uptime", "business-calendar", accountId],
    queryFn: () => ipc.businessCalendar(accountId),
  });
}

function useRefreshingUptime<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ["uptime"] }),
  });
}

export const useCreateMonitor = () => useRefreshingUptime(ipc.createMonitor);
export const useUpdateMonitor = () =>
  useRefreshingUptime(({ id, patch }: { id: number; patch: MonitorPatch }) => ipc.updateMonitor(id, patch));
export const useDeleteMonitor = () => useRefreshingUptime(ipc.deleteMonitor);
export const useAnnotateIncident = () =>
  useRefreshingUptime(({ monitorId, startedAt, note }: { monitorId: number; startedAt: string; note: string }) =>
    ipc.annotateIncident(monitorId, startedAt, note),
  );
export const useSaveBusinessCalendar = () =>
  useRefreshingUptime(({ accountId, calendar }: { accountId: number; calendar: BusinessCalendarSettings }) =>
    ipc.saveBusinessCalendar(accountId, calendar),
  );

export const useSaveCompliancePack = () =>
  useMutation({ mutationFn: ({ month, format }: { month: string; format: PackFormat }) => ipc.saveCompliancePack(month, format) });
