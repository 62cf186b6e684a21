import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { ActivityFilter, ContactChange } from "../../bindings";
import { events, ipc } from "../../ipc";

// Everything read from the cached feeds lives under this key, so one invalidation after a
// sync or a mark-read refreshes the panel and the sidebar's count together.
const FEEDS = ["feeds"] as const;

export function useActivity(filter: ActivityFilter) {
  return useQuery({
    queryKey: [...FEEDS, "activity", filter],
    queryFn: () => ipc.activity(filter),
    placeholderData: keepPreviousData,
  });
}

export function useUnreadCount(enabled = true) {
  return useQuery({ queryKey: [...FEEDS, "unread"], queryFn: ipc.unreadNotifications, enabled });
}

export function useSyncFeeds() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ipc.syncFeeds,
    // Offline the sync fails, yet the console now knows it is offline: the cached view says so.
    onSettled: () => client.invalidateQueries({ queryKey: FEEDS }),
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ipc.markNotificationsRead,
    onSettled: () => client.invalidateQueries({ queryKey: FEEDS }),
  });
}

/** Refreshes what is shown from the feeds when the background tick synced them. */
export function useFeedsSyncedEvents() {
  const client = useQueryClient();
  useEffect(() => {
    const unlisten = events.onFeedsSynced(() => void client.invalidateQueries({ queryKey: FEEDS }));
    return () => {
      void unlisten.then((stop) => stop());
    };
  }, [client]);
}

export function useContactMessages(userId: number | null) {
  return useQuery({
    queryKey: ["contact-messages", userId],
    queryFn: () => ipc.contactMessages(userId as number),
    enabled: userId !== null,
  });
}

export const DELIVERY_LOOK_MS = 3_000;

export function useChangeContact(userId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: ContactChange) => ipc.changeContact(userId, change),
    onSuccess: () => {
      const key = ["contact-messages", userId];
      void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: FEEDS });
      // The service delivers right after answering: one more look shows how that went.
      // No polling beyond that: every read is an audit event on the service.
      setTimeout(() => void client.invalidateQueries({ queryKey: key }), DELIVERY_LOOK_MS);
    },
  });
}
