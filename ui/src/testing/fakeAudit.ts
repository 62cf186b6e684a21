// The cached audit log as the Rust side serves it, computed per sequence number so a million
// events cost no memory: filters, keyset and offset paging, counts, the drawer and export.
import { emit } from "@tauri-apps/api/event";
import type { AuditEvent, AuditEventDetail, AuditQuery, AuditStatus, ChainCheck, Kept } from "../bindings";
import type { Handlers } from "./fakeBackend";

export const AUDIT_ACTORS = ["maria.manager@example.com", "aino.virtanen@example.com", "eino.korhonen@example.com", "+358401234567"];
const ACTIONS = ["GET /api/v1/me", "POST /api/v1/sessions", "GET /api/v1/users", "PATCH /api/v1/users/{id}"];
const START = Date.parse("2026-08-25T00:00:00Z");

/** Event `seq` of the fake log: every 7th refused, actors and actions in turn, a minute apart. */
export function auditEvent(seq: number): AuditEvent {
  const action = ACTIONS[seq % ACTIONS.length] as string;
  const refused = seq % 7 === 0;
  return {
    seq,
    at: new Date(START + seq * 60_000).toISOString(),
    actor: AUDIT_ACTORS[seq % AUDIT_ACTORS.length] as string,
    action,
    target: action.split(" ")[1]?.replace("{id}", String(seq % 50)) ?? "/",
    // A change done to a user names them, as the service records it; reads name no one.
    subject: action.startsWith("PATCH") && !refused ? `user${seq % 50}@example.com` : null,
    outcome: refused ? "refused" : "allowed",
    status: refused ? 401 : 200,
    client_addr: `10.1.${seq % 256}.${seq % 7}`,
    account_id: 3,
    prev_hash: (seq - 1).toString(16).padStart(64, "0"),
    hash: seq.toString(16).padStart(64, "0"),
  };
}

export type FakeAuditOptions = {
  /** Events in the cache (default 1,000). */
  cached?: number;
  /** Events the next sync brings, in pages of 5,000 with progress. */
  incoming?: number;
  brokenSeq?: number | null;
  offline?: boolean;
  /** Where the save dialog "saves"; null acts as a cancelled dialog. */
  exportPath?: string | null;
};

export function installFakeAudit(options: FakeAuditOptions = {}) {
  let cached = options.cached ?? 1_000;
  let runFrom = 0;
  let syncedAt: string | null = cached > 0 ? "2026-11-23T08:00:00Z" : null;
  const brokenSeq = options.brokenSeq ?? null;
  const offline = options.offline ?? false;

  const matches = (q: AuditQuery) => {
    const words = (q.text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    return (e: AuditEvent) =>
      (!q.actor || e.actor === q.actor) &&
      (!q.action || e.action === q.action) &&
      (!q.outcome || e.outcome === q.outcome) &&
      (!q.from || e.at >= q.from) &&
      (!q.to || e.at < q.to) &&
      (!q.new_since_last_sync || e.seq > runFrom) &&
      words.every((w) =>
        [e.actor, e.action, e.target, e.client_addr].some((field) =>
          (field ?? "").toLowerCase().split(/[\s/]+/).some((token) => token.startsWith(w)),
        ),
      );
  };

  function* walk(q: AuditQuery): Generator<AuditEvent> {
    const keep = matches(q);
    const step = q.descending ? -1 : 1;
    let seq = q.descending ? Math.min(cached, (q.after ?? cached + 1) - 1) : (q.after ?? 0) + 1;
    for (; seq >= 1 && seq <= cached; seq += step) {
      const e = auditEvent(seq);
      if (keep(e)) yield e;
    }
  }

  const unfiltered = (q: AuditQuery) =>
    !q.text && !q.actor && !q.action && !q.outcome && !q.from && !q.to && !q.new_since_last_sync;

  const count = (q: AuditQuery) => {
    if (unfiltered(q)) return cached;
    let n = 0;
    for (const _ of walk({ ...q, after: null })) n++;
    return n;
  };

  const page = (q: AuditQuery) => {
    const out: AuditEvent[] = [];
    if (unfiltered(q) && q.after === null && q.offset > 0) {
      // A jump: straight to the row, as the cache's index does.
      return page({ ...q, offset: 0, after: q.descending ? cached + 1 - q.offset : q.offset });
    }
    let skip = q.offset;
    for (const e of walk(q)) {
      if (skip > 0) {
        skip--;
        continue;
      }
      out.push(e);
      if (out.length >= q.limit) break;
    }
    return out;
  };

  const status = (): Kept<AuditStatus> => ({
    fetched_at: syncedAt,
    from_cache: offline,
    value: {
    cached,
    new_in_last_sync: cached - runFrom,
    broken_seq: brokenSeq,
    broken_reason: brokenSeq === null ? null : "hash_mismatch",
    syncing: false,
    },
  });

  const handlers: Handlers = {
    audit_status: status,
    audit_count: (args) => count(args.query as AuditQuery),
    audit_page: (args) => page(args.query as AuditQuery),
    audit_event: (args): AuditEventDetail => {
      const seq = args.seq as number;
      return { event: auditEvent(seq), hash_valid: seq !== brokenSeq, linked: true, broken_seq: brokenSeq };
    },
    audit_verify: (): ChainCheck => ({
      checked: brokenSeq ?? cached,
      broken_seq: brokenSeq,
      broken_reason: brokenSeq === null ? null : "hash_mismatch",
    }),
    audit_sync_now: async () => {
      if (offline) throw { kind: "offline", message: "The server cannot be reached." };
      const incoming = options.incoming ?? 0;
      runFrom = cached;
      let synced = 0;
      while (synced < incoming) {
        synced = Math.min(incoming, synced + 5_000);
        await emit("audit-sync-progress", {
          synced,
          total: incoming,
          events_per_sec: 25_000,
          seconds_left: (incoming - synced) / 25_000,
          waiting_secs: null,
          done: false,
        });
      }
      cached += incoming;
      syncedAt = "2026-11-23T09:00:00Z";
      await emit("audit-sync-progress", { synced, total: incoming, events_per_sec: 25_000, seconds_left: null, waiting_secs: null, done: true });
      return status();
    },
    audit_export: async (args) => {
      const path = options.exportPath === undefined ? "/home/maria/audit-log.csv" : options.exportPath;
      if (path === null) return null;
      const total = count(args.query as AuditQuery);
      for (let written = Math.min(total, 5_000); ; written = Math.min(total, written + 5_000)) {
        await emit("audit-export-progress", { written, total });
        if (written >= total) break;
      }
      return path;
    },
  };
  return handlers;
}
