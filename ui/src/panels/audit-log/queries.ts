import { useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { AuditEvent, AuditQuery, ExportFormat } from "../../bindings";
import { ipc } from "../../ipc";

/** Rows per window asked of the cache. */
export const PAGE_SIZE = 100;

/** What the manager narrowed the log to; paging is added per window. */
export type AuditFilter = Omit<AuditQuery, "after" | "offset" | "limit">;

export const NO_FILTER: AuditFilter = {
  text: null,
  actor: null,
  action: null,
  outcome: null,
  from: null,
  to: null,
  new_since_last_sync: false,
  descending: true,
};

const pageKey = (filter: AuditFilter, index: number) => ["audit", "page", filter, index] as const;

/**
 * One window of rows. Scrolling on from the window before goes by keyset (the cache seeks to
 * the last row it had, fast at any depth); a jump with no neighbour loaded goes by offset.
 */
function fetchPage(client: QueryClient, filter: AuditFilter, index: number): Promise<AuditEvent[]> {
  const previous = index > 0 ? client.getQueryData<AuditEvent[]>(pageKey(filter, index - 1)) : undefined;
  const last = previous?.length === PAGE_SIZE ? previous.at(-1) : undefined;
  return ipc.auditPage({
    ...filter,
    after: last ? last.seq : null,
    offset: last || index === 0 ? 0 : index * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
}

export function useAuditStatus() {
  return useQuery({ queryKey: ["audit", "status"], queryFn: ipc.auditStatus });
}

/** The number of matching events; asked once per filter, which records the view or search. */
export function useAuditCount(filter: AuditFilter) {
  return useQuery({
    queryKey: ["audit", "count", filter],
    queryFn: () => ipc.auditCount({ ...filter, after: null, offset: 0, limit: PAGE_SIZE }),
    staleTime: Infinity,
  });
}

/** The windows covering the rows on screen; windows scrolled away are dropped soon. */
export function useAuditPages(filter: AuditFilter, indexes: number[]) {
  const client = useQueryClient();
  return useQueries({
    queries: indexes.map((index) => ({
      queryKey: pageKey(filter, index),
      queryFn: () => fetchPage(client, filter, index),
      staleTime: Infinity,
      gcTime: 30_000,
    })),
  });
}

export function useAuditEvent(seq: number | null) {
  return useQuery({
    queryKey: ["audit", "event", seq],
    queryFn: () => ipc.auditEvent(seq as number),
    enabled: seq !== null,
  });
}

/** After a sync every window, count and status reads the cache again. */
export function useRefreshAudit() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["audit"] });
}

export function useSyncNow() {
  const refresh = useRefreshAudit();
  return useMutation({ mutationFn: ipc.syncAuditNow, onSettled: refresh });
}

export function useVerify() {
  return useMutation({ mutationFn: ipc.verifyAudit });
}

export function useExport() {
  return useMutation({
    mutationFn: ({ filter, format }: { filter: AuditFilter; format: ExportFormat }) =>
      ipc.exportAudit({ ...filter, after: null, offset: 0, limit: PAGE_SIZE }, format),
  });
}
