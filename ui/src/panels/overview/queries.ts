import { useQuery } from "@tanstack/react-query";
import { ipc } from "../../ipc";

// Under the feeds' key: a feed sync (the sidebar's, the background tick's) refreshes the
// unread and access-change counts here too.
export function useOverview() {
  return useQuery({ queryKey: ["feeds", "overview"], queryFn: ipc.overview, refetchInterval: 60_000 });
}

export function useTimeline() {
  return useQuery({ queryKey: ["feeds", "timeline"], queryFn: ipc.timeline, refetchInterval: 5 * 60_000 });
}
