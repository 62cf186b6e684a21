import { afterAll, beforeAll } from "vitest";

/**
 * jsdom lays nothing out: every element's offsetParent is null and the body measures 0×0, so
 * the library's focus finder (tabster) takes every button for hidden. A drawer or dialog then
 * focuses its own surface instead of its first control, never becomes the active modal, and
 * is soon marked aria-hidden itself. This gives elements the offsetParent a browser would
 * (none while they or an ancestor are hidden) and the body a window's size, for the test file
 * that calls it. Hidden means the attribute or an inline display:none: jsdom's
 * getComputedStyle, run over the library's hundreds of style rules for every element the
 * focus finder looks at, made each click take seconds.
 */
export function layOutForFocus() {
  const offsetParent = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetParent");
  const bodyRect = Object.getOwnPropertyDescriptor(HTMLBodyElement.prototype, "getBoundingClientRect");
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, "offsetParent", {
      configurable: true,
      get(this: HTMLElement) {
        const hidden = (element: HTMLElement): boolean =>
          element.hidden || element.style.display === "none" || (element.parentElement !== null && hidden(element.parentElement));
        return hidden(this) ? null : this.parentElement;
      },
    });
    Object.defineProperty(HTMLBodyElement.prototype, "getBoundingClientRect", {
      configurable: true,
      value: () => new DOMRect(0, 0, 1024, 700),
    });
  });
  afterAll(() => {
    if (offsetParent) Object.defineProperty(HTMLElement.prototype, "offsetParent", offsetParent);
    if (bodyRect) Object.defineProperty(HTMLBodyElement.prototype, "getBoundingClientRect", bodyRect);
    else delete (HTMLBodyElement.prototype as Partial<HTMLBodyElement>).getBoundingClientRect;
  });
}
