import { type Action, type Actor, decide } from "../domain/access";
import { type Lang, type MessageKey, t, toLang } from "../i18n";

const LANG_PROPERTY = "buyerbook.lang";

/**
 * The menu's language. In AuthMode.NONE (the add-on not yet used in this document) nothing but the user's
 * locale may be touched; afterwards the document's language setting, cached in document properties.
 */
export function menuLanguage(authMode: GoogleAppsScript.Script.AuthMode | undefined): Lang {
  if (authMode !== ScriptApp.AuthMode.NONE) {
    try {
      const saved = PropertiesService.getDocumentProperties().getProperty(LANG_PROPERTY);
      if (saved) return toLang(saved);
    } catch {
      // Properties are unavailable in some auth modes; the locale below is the fallback.
    }
  }
  try {
    return toLang(Session.getActiveUserLocale());
  } catch {
    return "en";
  }
}

/** The language last chosen in this document, if any. */
export function savedLanguage(): Lang | undefined {
  const saved = PropertiesService.getDocumentProperties().getProperty(LANG_PROPERTY);
  return saved ? toLang(saved) : undefined;
}

export function rememberLanguage(lang: Lang): void {
  PropertiesService.getDocumentProperties().setProperty(LANG_PROPERTY, lang);
}

export interface MenuItem {
  key: MessageKey;
  fn: string;
  /** The action the server checks when the item runs (src/domain/access.ts); none: anyone may open it. */
  action?: Action;
  /** A line above this item. */
  group?: boolean;
}

/** Every item of the Buyerbook menu, in order, with the action the server checks for it. */
export const MENU: readonly MenuItem[] = [
  { key: "menu.openSidebar", fn: "menuOpenSidebar" },
  { key: "menu.pullNow", fn: "menuPullNow", action: "mail.pull" },
  { key: "menu.refreshDue", fn: "menuRefreshDue", action: "due.refresh" },
  { key: "menu.runDueNow", fn: "menuRunDueNow", action: "mail.pull" },
  { key: "menu.weeklyReport", fn: "menuWeeklyReport", action: "report.write", group: true },
  { key: "menu.midweekBrief", fn: "menuMidweekBrief", action: "report.write" },
  { key: "menu.monthlyA", fn: "menuMonthlyA", action: "report.write" },
  { key: "menu.refreshDashboard", fn: "menuRefreshDashboard", action: "report.write" },
  { key: "menu.sendCampaigns", fn: "menuSendCampaignsNow", action: "campaign.send", group: true },
  { key: "menu.importSheet", fn: "menuImportSheet", action: "import.run" },
  { key: "menu.reexamineBuyers", fn: "menuReexamineBuyers", action: "import.run" },
  { key: "menu.setup", fn: "menuSetup", action: "settings.edit", group: true },
  { key: "menu.installHeartbeat", fn: "menuStartSchedule", action: "mail.pull" },
  { key: "menu.installAudit", fn: "menuInstallAudit", action: "audit.install" },
];

/**
 * Who the menu is for: a Staff member (their role decides, with the same access table the server checks), a
 * book nobody has set up yet (anyone may set it up and becomes its boss), or someone we cannot tell — then only
 * what anyone may try: open Buyerbook, and set up (the server still checks who may).
 */
export type MenuAudience = { kind: "staff"; actor: Actor } | { kind: "fresh" } | { kind: "unknown" };

export function menuItems(audience: MenuAudience): MenuItem[] {
  if (audience.kind === "staff") return MENU.filter((i) => !i.action || decide(audience.actor, i.action).ok);
  return MENU.filter((i) => i.fn === "menuOpenSidebar" || i.fn === "menuSetup");
}

export function buildMenu(lang: Lang, items: readonly MenuItem[] = menuItems({ kind: "unknown" })): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  items.forEach((item, i) => {
    if (item.group && i > 0) menu.addSeparator();
    menu.addItem(t(lang, item.key), item.fn);
  });
  menu.addToUi();
}

/** AuthMode.NONE (or no event): an add-on not yet used in this document may touch nothing but the UI. */
export function withoutAuthorization(authMode: GoogleAppsScript.Script.AuthMode | undefined): boolean {
  return authMode === undefined || authMode === ScriptApp.AuthMode.NONE;
}
