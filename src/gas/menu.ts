import { type Lang, t, toLang } from "../i18n";

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

export function buildMenu(lang: Lang): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t(lang, "menu.openSidebar"), "menuOpenSidebar")
    .addItem(t(lang, "menu.pullNow"), "menuPullNow")
    .addItem(t(lang, "menu.refreshDue"), "menuRefreshDue")
    .addItem(t(lang, "menu.runDueNow"), "menuRunDueNow")
    .addSeparator()
    .addItem(t(lang, "menu.weeklyReport"), "menuWeeklyReport")
    .addItem(t(lang, "menu.midweekBrief"), "menuMidweekBrief")
    .addItem(t(lang, "menu.monthlyA"), "menuMonthlyA")
    .addItem(t(lang, "menu.refreshDashboard"), "menuRefreshDashboard")
    .addSeparator()
    .addItem(t(lang, "menu.sendCampaigns"), "menuSendCampaignsNow")
    .addItem(t(lang, "menu.importSheet"), "menuImportSheet")
    .addSeparator()
    .addItem(t(lang, "menu.setup"), "menuSetup")
    .addItem(t(lang, "menu.installHeartbeat"), "menuStartSchedule")
    .addItem(t(lang, "menu.installAudit"), "menuInstallAudit")
    .addToUi();
}
