import { lazy, type ComponentType } from "react";
import type { SessionView } from "../bindings";
import { withStrings } from "../i18n";

// Each panel is its own chunk, loaded when first opened together with its strings: the
// start-up chunk holds the shell only, and ECharts and FullCalendar come with the panels that
// draw them (issue 18). The Overview sums up the other panels and reads their strings too.
const LOADERS = {
  overview: withStrings(["overview", "backups", "maintenance", "uptime", "activity"], () =>
    import("../panels/overview/OverviewPanel").then((module) => ({ default: module.OverviewPanel })),
  ),
  roles: withStrings(["roles"], () => import("../panels/roles/RolesPanel").then((module) => ({ default: module.RolesPanel }))),
  activity: withStrings(["activity"], () => import("../panels/activity/ActivityPanel").then((module) => ({ default: module.ActivityPanel }))),
  auditLog: withStrings(["audit"], () => import("../panels/audit-log/AuditLogPanel").then((module) => ({ default: module.AuditLogPanel }))),
  backups: withStrings(["backups"], () => import("../panels/backups/BackupsPanel").then((module) => ({ default: module.BackupsPanel }))),
  maintenance: withStrings(["maintenance"], () =>
    import("../panels/maintenance/MaintenancePanel").then((module) => ({ default: module.MaintenancePanel })),
  ),
  uptime: withStrings(["uptime"], () => import("../panels/uptime/UptimePanel").then((module) => ({ default: module.UptimePanel }))),
  settings: withStrings(["settings"], () => import("../panels/settings/SettingsPanel").then((module) => ({ default: module.SettingsPanel }))),
};

/** Loads every panel's chunk ahead of its first use (component tests, which switch at once). */
export function preloadPanels(): Promise<unknown> {
  return Promise.all(Object.values(LOADERS).map((load) => load()));
}

// In sidebar order; each id is also its key under "nav." in the translations.
export const PANELS = {
  overview: lazy(LOADERS.overview),
  roles: lazy(LOADERS.roles),
  activity: lazy(LOADERS.activity),
  auditLog: lazy(LOADERS.auditLog),
  backups: lazy(LOADERS.backups),
  maintenance: lazy(LOADERS.maintenance),
  uptime: lazy(LOADERS.uptime),
  settings: lazy(LOADERS.settings),
} satisfies Record<string, ComponentType<{ session: SessionView }>>;

export type PanelId = keyof typeof PANELS;

export const PANEL_IDS = Object.keys(PANELS) as PanelId[];
