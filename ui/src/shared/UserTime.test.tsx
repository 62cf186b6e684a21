import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "../i18n";
import { userTimeText } from "./time";
import { UserTime } from "./UserTime";

// vite.config.ts pins the tests' zone to UTC: two hours behind Helsinki in November,
// three in July, so both times show; Helsinki's reading alone shows once where they agree.
describe("one rule for times", () => {
  it("shows the user's own time with Helsinki time beside it where they differ", () => {
    render(<UserTime iso="2026-11-20T08:05:00Z" />);
    const time = screen.getByText("Nov 20, 2026, 8:05 AM").closest("time");
    expect(time).toHaveAttribute("dateTime", "2026-11-20T08:05:00Z");
    expect(time?.textContent).toBe("Nov 20, 2026, 8:05 AM (Helsinki Nov 20, 2026, 10:05 AM)");
    expect(userTimeText("2026-07-01T09:00:00Z", "en")).toBe("Jul 1, 2026, 9:00 AM (Helsinki Jul 1, 2026, 12:00 PM)");
  });

  it("names no second time when the clock reads the same in Helsinki", () => {
    expect(userTimeText("2026-11-20T12:00:00Z", "en", { dateStyle: "medium" })).toBe("Nov 20, 2026");
  });
});
