// A minimal W3C WebDriver client: the handful of calls the real-app tests need,
// spoken to tauri-driver, which hands them to WebKitWebDriver.

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, env = {}) {
    const body = {
      capabilities: {
        alwaysMatch: { "tauri:options": { application, env } },
      },
    };
    const value = await call(base, "POST", "/session", body);
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(xpath) {
    const found = await this.cmd("POST", "/elements", { using: "xpath", value: xpath });
    // The W3C key is "element-6066-…"; WebKitWebDriver may use another, so take the one value,
    // and keep the key for handing an element back to a script.
    if (found[0]) this.elementKey = Object.keys(found[0])[0];
    return found.map((e) => Object.values(e)[0]);
  }

  /**
   * Whether the element is drawn: it has a box, and neither it nor an ancestor is hidden or fully
   * transparent. WebKitWebDriver's own `displayed` answers false for an element that clips its
   * content (`overflow: hidden`), which every button of the component library does.
   */
  isDrawn(id) {
    return this.execute(
      // An option has no box of its own: it is drawn when its list is. The library draws a
      // checkbox, radio or switch beside a transparent native input: it is drawn when its control is.
      `const target = arguments[0];
       const element =
         target.tagName === "OPTION" ? target.closest("select")
         : target.tagName === "INPUT" && ["checkbox", "radio"].includes(target.type) ? target.parentElement
         : target;
       const box = element.getBoundingClientRect();
       if (box.width === 0 || box.height === 0) return false;
       if (getComputedStyle(element).visibility === "hidden") return false;
       for (let node = element; node; node = node.parentElement) {
         const style = getComputedStyle(node);
         if (style.display === "none" || style.opacity === "0") return false;
       }
       return true;`,
      [{ [this.elementKey]: id }],
    );
  }

  /** Waits until the XPath matches a drawn element, and returns it. */
  async waitFor(xpath, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        for (const id of await this.find(xpath)) {
          if (await this.isDrawn(id)) return id;
        }
      } catch (e) {
        last = e;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // What a person would read on the screen: the page source is mostly styles and scripts,
    // and cut short it hid the message that said why.
    // The demo shell prints the demo password; the secret scan reads this log, and a failure
    // here must not add a second one.
    const text = String(await this.execute("return document.body.innerText;").catch(() => ""))
      .replaceAll("demo-password", "[the demo password]");
    throw new Error(`timed out waiting for ${xpath}${last ? ` (${last.message})` : ""}\non screen:\n${text.slice(0, 2000)}`);
  }

  async waitGone(xpath, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.find(xpath)).length === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`still present after ${timeoutMs} ms: ${xpath}`);
  }

  click(id) {
    return this.cmd("POST", `/element/${id}/click`, {});
  }

  /** Types into an input as a keyboard does. */
  type(id, text) {
    return this.cmd("POST", `/element/${id}/value`, { text });
  }

  text(id) {
    return this.cmd("GET", `/element/${id}/text`);
  }

  /** Runs a script in the page; `args` arrive as `arguments`. */
  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Chooses an option of a <select> the way a person does, so React sees the change. */
  selectByText(selectXpath, optionText) {
    return this.execute(
      `const select = document.evaluate(arguments[0], document, null, 9, null).singleNodeValue;
       const option = [...select.options].find((o) => o.textContent.trim() === arguments[1]);
       if (!option) throw new Error("no option " + arguments[1]);
       Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(select, option.value);
       select.dispatchEvent(new Event("change", { bubbles: true }));`,
      [selectXpath, optionText],
    );
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  quit() {
    return call(this.base, "DELETE", `/session/${this.id}`);
  }
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}
