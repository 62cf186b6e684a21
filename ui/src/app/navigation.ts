import { createContext, useContext } from "react";
import type { PanelId } from "./panels";

/** Opens a panel from inside another (an Overview card, a timeline row). */
export type OpenPanel = (panel: PanelId) => void;

export const NavigationContext = createContext<OpenPanel>(() => undefined);

export function useOpenPanel(): OpenPanel {
  return useContext(NavigationContext);
}
