import "i18next";
import type en from "./en.json";

// Makes t() reject keys that en.json lacks.
declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}
