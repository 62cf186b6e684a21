import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DeferFor, FeatureChange, FeatureKey, Features, UpdateInfo, UpdateSettingsChange } from "../../bindings";
import { ipc } from "../../ipc";

export function useChangePassword() {
  return useMutation({ mutationFn: ipc.changePassword });
}

const FEATURES = ["features"] as const;
const RESIDENCY = ["data-residency"] as const;

/** The sub-processor register and the account's "keep data in Europe" (4S-SUBPROC). */
export function useDataResidency() {
  return useQuery({ queryKey: RESIDENCY, queryFn: ipc.dataResidency });
}

export function useSetKeepDataInEurope() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, keep }: { accountId: number; keep: boolean }) => ipc.setKeepDataInEurope(accountId, keep),
    onSettled: () => client.invalidateQueries({ queryKey: RESIDENCY }),
  });
}
const UPDATES = ["update-settings"] as const;

/** The user's feature toggles (4S-FEATURE-TOGGLES); the shell reads them too. */
export function useFeatures() {
  return useQuery({ queryKey: FEATURES, queryFn: ipc.features });
}

/** Whether a feature is on; its default until the service has answered. */
export function useFeature(key: FeatureKey, fallback: boolean): boolean {
  const { data } = useFeatures();
  return data?.items.find((f) => f.key === key)?.enabled ?? fallback;
}

export function useSetFeature() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ipc.setFeature,
    // Applied at once, before the service answers; put back if it refuses.
    onMutate: (change: FeatureChange) => {
      const before = client.getQueryData<Features>(FEATURES);
      if (before) {
        client.setQueryData<Features>(FEATURES, {
          items: before.items.map((f) => (f.key === change.key ? { ...f, enabled: change.enabled } : f)),
        });
      }
      return { before };
    },
    onError: (_error, _change, context) => client.setQueryData(FEATURES, context?.before),
    onSuccess: (features: Features) => client.setQueryData(FEATURES, features),
  });
}

export function useChangeNotices() {
  return useQuery({ queryKey: ["change-notices"], queryFn: ipc.changeNotices, refetchInterval: 60 * 60_000 });
}

/** The update the last check (in Settings or on the weekly schedule) found, if any. */
export const UPDATE_OFFER = ["update-offer"] as const;

export function useUpdateOffer() {
  return useQuery<UpdateInfo | null>({
    queryKey: UPDATE_OFFER,
    queryFn: async () => (await ipc.updateSettings()).available,
  });
}

export function useUpdateSettings() {
  return useQuery({ queryKey: UPDATES, queryFn: ipc.updateSettings });
}

function useRefreshingUpdates<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => client.invalidateQueries({ queryKey: UPDATES }),
  });
}

export const useSaveUpdateSettings = () =>
  useRefreshingUpdates((change: UpdateSettingsChange) => ipc.saveUpdateSettings(change));
export const useCheckForUpdates = () => useRefreshingUpdates((_: void) => ipc.checkForUpdates());
export const useInstallUpdate = () => useRefreshingUpdates((_: void) => ipc.installUpdate());
export const useDeferUpdate = () => useRefreshingUpdates((deferFor: DeferFor) => ipc.deferUpdate(deferFor));
