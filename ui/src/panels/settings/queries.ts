import { useMutation } from "@tanstack/react-query";
import { ipc } from "../../ipc";

export function useChangePassword() {
  return useMutation({ mutationFn: ipc.changePassword });
}
