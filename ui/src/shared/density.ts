import { useFeature } from "../panels/settings/queries";

/**
 * The one density rule for every table: the library's row size, from the compact-tables
 * toggle in Settings (4S-FEATURE-TOGGLES).
 */
export function useTableSize(): "extra-small" | "medium" {
  return useFeature("compact_tables", false) ? "extra-small" : "medium";
}
