import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "../i18n";
import { OfflineNote } from "./OfflineNote";

const AS_OF = "2026-11-20T08:05:00Z";
const HOUR = 3_600_000;
const at = (hoursAfter: number) => Date.parse(AS_OF) + hoursAfter * HOUR;

// Issue 25: a panel showing its kept copy says as of when, and how old in words past a day.
describe("the offline note", () => {
  it("says nothing while the data is fresh", () => {
    const { container } = render(<OfflineNote kept={{ fetched_at: AS_OF, from_cache: false }} now={at(100)} />);
    expect(container).toBeEmptyDOMElement();
  });

  it("gives the time of a copy less than a day old, and no age", () => {
    render(<OfflineNote kept={{ fetched_at: AS_OF, from_cache: true }} now={at(23.9)} />);
    expect(screen.getByRole("status")).toHaveTextContent(
      /^Offline, showing data as of Nov 20, 2026, 8:05 AM \(Helsinki Nov 20, 2026, 10:05 AM\)\.$/,
    );
  });

  it("says the age of an old copy in words", () => {
    const { rerender } = render(<OfflineNote kept={{ fetched_at: AS_OF, from_cache: true }} now={at(24)} />);
    expect(screen.getByRole("status")).toHaveTextContent("Offline, showing data as of Nov 20, 2026, 8:05 AM");
    expect(screen.getByRole("status")).toHaveTextContent(/The copy is 1 day old\.$/);
    rerender(<OfflineNote kept={{ fetched_at: AS_OF, from_cache: true }} now={at(3 * 24 + 5)} />);
    expect(screen.getByRole("status")).toHaveTextContent(/The copy is 3 days old\.$/);
  });

  it("with no copy at all, says the panel has not been synced for offline use yet", () => {
    render(<OfflineNote kept={{ fetched_at: null, from_cache: true }} />);
    expect(screen.getByRole("status")).toHaveTextContent("Offline, and this panel has not been synced for offline use yet.");
  });
});
