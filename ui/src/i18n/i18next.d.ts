import "i18next";
import type activity from "./en/activity.json";
import type audit from "./en/audit.json";
import type backups from "./en/backups.json";
import type maintenance from "./en/maintenance.json";
import type overview from "./en/overview.json";
import type roles from "./en/roles.json";
import type settings from "./en/settings.json";
import type shell from "./en/shell.json";
import type signedOut from "./en/signedOut.json";
import type uptime from "./en/uptime.json";

// Makes t() reject keys that no English part has. The parts' top-level keys are disjoint
// (scripts/i18n-check.mjs), so together they are the one catalog the screens read.
declare module "i18next" {
  interface CustomTypeOptions {
    resources: {
      translation: typeof shell &
        typeof signedOut &
        typeof overview &
        typeof roles &
        typeof activity &
        typeof audit &
        typeof backups &
        typeof maintenance &
        typeof uptime &
        typeof settings;
    };
  }
}
