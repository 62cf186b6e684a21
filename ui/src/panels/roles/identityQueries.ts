import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { IdentityProviderSettings, NewIdentityLink } from "../../bindings";
import { ipc } from "../../ipc";

// Under "roles": the providers are part of the account's security settings.
const PROVIDERS = ["roles", "identity-providers"] as const;

export function useIdentityProviders(accountId: number) {
  return useQuery({ queryKey: [...PROVIDERS, accountId], queryFn: () => ipc.identityProviders(accountId) });
}

export function useIdentityLinks(providerId: number) {
  return useQuery({ queryKey: [...PROVIDERS, "links", providerId], queryFn: () => ipc.identityLinks(providerId) });
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: PROVIDERS });
}

export function useSaveIdentityProvider(accountId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, settings }: { id: number | null; settings: IdentityProviderSettings }) =>
      id === null ? ipc.addIdentityProvider(accountId, settings) : ipc.updateIdentityProvider(id, settings),
    onSuccess: refresh,
  });
}

export function useDeleteIdentityProvider() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ipc.deleteIdentityProvider, onSuccess: refresh });
}

export function useLinkIdentity(providerId: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (link: NewIdentityLink) => ipc.linkIdentity(providerId, link), onSuccess: refresh });
}

export function useUnlinkIdentity(providerId: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (userId: number) => ipc.unlinkIdentity(providerId, userId), onSuccess: refresh });
}
