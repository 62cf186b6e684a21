import { render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }));
const init = vi.hoisted(() => vi.fn());
vi.mock("echarts/core", async (original) => ({ ...(await original<typeof import("echarts/core")>()), init }));

const { EChart } = await import("./EChart");

let resized: (() => void) | null = null;
const disconnect = vi.fn();

beforeEach(() => {
  init.mockReturnValue(chart);
  vi.stubGlobal(
    "ResizeObserver",
    class {
      constructor(callback: () => void) {
        resized = callback;
      }
      observe() {}
      disconnect = disconnect;
    },
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  resized = null;
});

describe("EChart", () => {
  it("draws with SVG into its box, replaces the option when it changes, follows resizes and disposes on unmount", () => {
    const first = { series: [{ type: "bar" as const, data: [1] }] };
    const second = { series: [{ type: "line" as const, data: [2] }] };
    const { getByRole, rerender, unmount } = render(<EChart option={first} label="Daily status" height={56} />);
    const box = getByRole("img", { name: "Daily status" });
    expect(box).toHaveStyle({ height: "56px" });
    expect(init).toHaveBeenCalledWith(box, null, { renderer: "svg" });
    expect(chart.setOption).toHaveBeenLastCalledWith(first, { notMerge: true });

    rerender(<EChart option={second} label="Daily status" height={56} />);
    expect(chart.setOption).toHaveBeenLastCalledWith(second, { notMerge: true });
    expect(init).toHaveBeenCalledTimes(1);

    resized?.();
    expect(chart.resize).toHaveBeenCalledTimes(1);

    unmount();
    expect(disconnect).toHaveBeenCalled();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
  });
});
