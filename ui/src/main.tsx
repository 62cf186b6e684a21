import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { languageReady } from "./i18n";
import "./styles.css";
import "./shared/widgets.css";
import { App } from "./app/App";
import { createQueryClient } from "./app/queryClient";
import { ThemeRoot } from "./shared/theme";

const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks #root");

// A stored Finnish or Swedish choice loads its strings first: no flash of English.
void languageReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <ThemeRoot>
        <App client={createQueryClient()} />
      </ThemeRoot>
    </StrictMode>,
  ),
);
