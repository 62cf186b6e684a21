import { lazy, type ComponentType } from "react";
import type { SessionView } from "../bindings";
import { ActivityPanel } from "../panels/activity/ActivityPanel";
import { AuditLogPanel } from "../panels/audit-log/AuditLogPanel";
import { OverviewPanel } from "../panels/overview/OverviewPanel";
import { MaintenancePanel } from "../panels/maintenance/MaintenancePanel";
import { RolesPanel } from "../panels/roles/RolesPanel";
import { SettingsPanel } from "../panels/settings/SettingsPanel";

// ECharts is most of the bundle: it loads with the panels that draw charts, not at start-up.
const UptimePanel = lazy(() => import("../panels/uptime/UptimePanel").then((module) => ({ default: module.UptimePanel })));
const BackupsPanel = lazy(() => import("../panels/backups/BackupsPanel").then((module) => ({ default: module.BackupsPanel })));

// In sidebar order; each id is also its key under "nav." in the translations.
export const PANELS = {
  overview: OverviewPanel,
  roles: RolesPanel,
  activity: ActivityPanel,
  auditLog: AuditLogPanel,
  backups: BackupsPanel,
  maintenance: MaintenancePanel,
  uptime: UptimePanel,
  settings: SettingsPanel,
} satisfies Record<string, ComponentType<{ session: SessionView }>>;

export type PanelId = keyof typeof PANELS;

export const PANEL_IDS = Object.keys(PANELS) as PanelId[];
