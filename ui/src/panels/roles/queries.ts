import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AccessChange, SecuritySettings, UserFilter } from "../../bindings";
import { ipc } from "../../ipc";

export function useRolesOverview() {
  return useQuery({ queryKey: ["roles", "overview"], queryFn: ipc.rolesOverview });
}

export function useUsers(filter: UserFilter) {
  return useQuery({ queryKey: ["roles", "users", filter], queryFn: () => ipc.listUsers(filter) });
}

export function useUserDetail(userId: number | null) {
  return useQuery({
    queryKey: ["roles", "user", userId],
    queryFn: () => ipc.userDetail(userId as number),
    enabled: userId !== null,
  });
}

export function usePreview(userId: number, change: AccessChange | null) {
  return useQuery({
    queryKey: ["roles", "preview", userId, change],
    queryFn: () => ipc.previewAccess(userId, change as AccessChange),
    enabled: change !== null,
  });
}

/** After any change the user lists and the drawer read the service again. */
function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["roles"] });
}

export function useGrant() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ipc.grantRole, onSuccess: refresh });
}

export function useRevoke() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ipc.revokeRole, onSuccess: refresh });
}

export function useUnlock() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ipc.unlockUser, onSuccess: refresh });
}

export function useResetTwoFactor() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ipc.resetTwoFactor, onSuccess: refresh });
}

export function useSecuritySettings(accountId: number) {
  return useQuery({
    queryKey: ["roles", "security", accountId],
    queryFn: () => ipc.securitySettings(accountId),
  });
}

export function useSaveSecuritySettings(accountId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (settings: SecuritySettings) => ipc.saveSecuritySettings(accountId, settings),
    onSuccess: refresh,
  });
}

export function useBlock() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ipc.blockUser, onSuccess: refresh });
}

export function useUnblock() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ipc.unblockUser, onSuccess: refresh });
}
