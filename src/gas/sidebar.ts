import { type Lang, t } from "../i18n";

/** Shows the Buyerbook sidebar (the built Sidebar.html; Apps Script sidebars are 300 px wide). */
export function showSidebar(lang: Lang): void {
  const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle(t(lang, "menu.title"));
  SpreadsheetApp.getUi().showSidebar(html);
}
