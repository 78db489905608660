import { type Lang, toLang } from "../i18n";
import { mapHeaders } from "../store/headers";
import { Settings } from "../store/schemas";

/** The document's language from Settings (zh-CN by default, the company's), read with one small range read. */
export function readLanguageSetting(book: GoogleAppsScript.Spreadsheet.Spreadsheet): Lang {
  const sheet = book.getSheetByName(Settings.name);
  if (!sheet || sheet.getLastRow() < 2) return "zh-CN";
  const values = sheet.getRange(1, 1, sheet.getLastRow(), Math.max(1, sheet.getLastColumn())).getValues();
  const map = mapHeaders(Settings, values[0]);
  const k = map.index.get("key");
  const v = map.index.get("value");
  if (k === undefined || v === undefined) return "zh-CN";
  const row = values.find((r) => String(r[k]).trim() === "language");
  return row ? toLang(row[v]) : "zh-CN";
}
