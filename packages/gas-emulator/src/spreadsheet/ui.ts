/**
 * SpreadsheetApp.getUi(): menus, sidebars, dialogs and alerts. Nothing is rendered; everything shown
 * is recorded in a UiLog so tests (and the local workbench) can see what the user would have seen.
 */
import type { GasContext } from "../core/context";

type GUi = GoogleAppsScript.Base.Ui;
type GMenu = GoogleAppsScript.Base.Menu;

export const Button = { CLOSE: "CLOSE", OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO" } as const;
export const ButtonSet = {
  OK: "OK",
  OK_CANCEL: "OK_CANCEL",
  YES_NO: "YES_NO",
  YES_NO_CANCEL: "YES_NO_CANCEL",
} as const;
export type ButtonName = keyof typeof Button;

export type MenuEntry =
  | { type: "item"; caption: string; functionName: string }
  | { type: "separator" }
  | { type: "submenu"; menu: MenuRecord };

export interface MenuRecord {
  name: string;
  addon: boolean;
  entries: MenuEntry[];
}

export interface ShownHtml {
  kind: "sidebar" | "modal" | "modeless";
  title: string;
  content: string;
  width?: number;
  height?: number;
  /** The HtmlOutput object as passed, for callers that want more than title and content. */
  output: unknown;
}

export interface AlertRecord {
  kind: "alert" | "prompt";
  title: string;
  prompt: string;
  buttons: string;
  answer: ButtonName;
  responseText?: string;
}

/** Everything the emulated UI showed, in order, per app. */
export class UiLog {
  menus: MenuRecord[] = [];
  html: ShownHtml[] = [];
  alerts: AlertRecord[] = [];
  /** Queued answers for alert/prompt (the user's clicks); defaults are OK / YES. */
  private answers: { button: ButtonName; text?: string }[] = [];

  respondWith(button: ButtonName, text?: string): void {
    this.answers.push({ button, text });
  }

  nextAnswer(buttons: string): { button: ButtonName; text?: string } {
    const queued = this.answers.shift();
    if (queued) return queued;
    return { button: buttons.startsWith("YES") ? "YES" : "OK", text: "" };
  }

  get sidebars(): ShownHtml[] {
    return this.html.filter((h) => h.kind === "sidebar");
  }

  menu(name: string): MenuRecord | undefined {
    return this.menus.find((m) => m.name === name);
  }

  clear(): void {
    this.menus = [];
    this.html = [];
    this.alerts = [];
    this.answers = [];
  }
}

class EmulatedMenu implements Pick<GMenu, "addItem" | "addSeparator" | "addSubMenu" | "addToUi"> {
  readonly record: MenuRecord;

  constructor(
    private readonly ui: EmulatedUi,
    name: string,
    addon: boolean,
  ) {
    this.record = { name, addon, entries: [] };
  }

  private self(): GMenu {
    return this as unknown as GMenu;
  }

  addItem(caption: string, functionName: string): GMenu {
    this.record.entries.push({ type: "item", caption, functionName });
    return this.self();
  }
  addSeparator(): GMenu {
    this.record.entries.push({ type: "separator" });
    return this.self();
  }
  addSubMenu(menu: GMenu): GMenu {
    this.record.entries.push({ type: "submenu", menu: (menu as unknown as EmulatedMenu).record });
    return this.self();
  }
  addToUi(): void {
    this.ui.call("Menu.addToUi");
    const log = this.ui.log;
    // Adding a menu with the same name again replaces it, as reopening the document does.
    log.menus = log.menus.filter((m) => m.name !== this.record.name);
    log.menus.push(this.record);
  }
}

function htmlParts(output: unknown): { title: string; content: string; width?: number; height?: number } {
  const o = output as {
    getTitle?: () => string;
    getContent?: () => string;
    peekContent?: () => string;
    getWidth?: () => number;
    getHeight?: () => number;
  };
  return {
    title: typeof o?.getTitle === "function" ? o.getTitle() : "",
    content:
      typeof o?.peekContent === "function"
        ? o.peekContent()
        : typeof o?.getContent === "function"
          ? o.getContent()
          : String(output),
    width: typeof o?.getWidth === "function" ? o.getWidth() : undefined,
    height: typeof o?.getHeight === "function" ? o.getHeight() : undefined,
  };
}

export class EmulatedUi
  implements
    Pick<
      GUi,
      "createMenu" | "createAddonMenu" | "showSidebar" | "showModalDialog" | "showModelessDialog" | "alert" | "prompt"
    >
{
  readonly Button = Button as unknown as GUi["Button"];
  readonly ButtonSet = ButtonSet as unknown as GUi["ButtonSet"];

  constructor(
    private readonly ctx: GasContext,
    readonly log: UiLog,
    /** The add-on's name, used as the title of createAddonMenu(). */
    private readonly addonName: string,
  ) {}

  call(method: string): void {
    this.ctx.call("Spreadsheet.ui", method, 0);
  }

  createMenu(caption: string): GMenu {
    this.call("Ui.createMenu");
    return new EmulatedMenu(this, caption, false) as unknown as GMenu;
  }
  createAddonMenu(): GMenu {
    this.call("Ui.createAddonMenu");
    return new EmulatedMenu(this, this.addonName, true) as unknown as GMenu;
  }
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.call("Ui.showSidebar");
    this.log.html.push({ kind: "sidebar", ...htmlParts(userInterface), output: userInterface });
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.call("Ui.showModalDialog");
    this.log.html.push({ kind: "modal", ...htmlParts(userInterface), title, output: userInterface });
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.call("Ui.showModelessDialog");
    this.log.html.push({ kind: "modeless", ...htmlParts(userInterface), title, output: userInterface });
  }

  /** alert(prompt) / alert(prompt, buttons) / alert(title, prompt, buttons). */
  alert(a: string, b?: unknown, c?: unknown): GoogleAppsScript.Base.Button {
    this.call("Ui.alert");
    const [title, prompt, buttons] =
      c !== undefined ? [a, String(b), String(c)] : b !== undefined ? ["", a, String(b)] : ["", a, "OK"];
    const answer = this.log.nextAnswer(buttons);
    this.log.alerts.push({ kind: "alert", title, prompt, buttons, answer: answer.button });
    return answer.button as unknown as GoogleAppsScript.Base.Button;
  }

  /** prompt(prompt) / prompt(prompt, buttons) / prompt(title, prompt, buttons). */
  prompt(a: string, b?: unknown, c?: unknown): GoogleAppsScript.Base.PromptResponse {
    this.call("Ui.prompt");
    const [title, prompt, buttons] =
      c !== undefined ? [a, String(b), String(c)] : b !== undefined ? ["", a, String(b)] : ["", a, "OK"];
    const answer = this.log.nextAnswer(buttons);
    this.log.alerts.push({ kind: "prompt", title, prompt, buttons, answer: answer.button, responseText: answer.text });
    const response = {
      getResponseText: () => answer.text ?? "",
      getSelectedButton: () => answer.button as unknown as GoogleAppsScript.Base.Button,
    };
    return response as GoogleAppsScript.Base.PromptResponse;
  }
}
