import { mapHeaders } from "../store/headers";
import { Staff } from "../store/schemas";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Who may run "Set up workbook": anyone on a book nobody has set up yet (they become its boss), afterwards
 * only an active boss or assistant (R1, R34). One small read of Staff.
 */
export function maySetUp(book: Book, user: string): boolean {
  const sheet = book.getSheetByName(Staff.name);
  if (!sheet) return true;
  const values = sheet.getDataRange().getValues();
  const map = mapHeaders(Staff, values[0] ?? []);
  const email = map.index.get("email");
  const role = map.index.get("role");
  const status = map.index.get("status");
  if (email === undefined || role === undefined) return true;
  const managers = values
    .slice(1)
    .filter(
      (r) =>
        ["boss", "assistant"].includes(String(r[role]).trim()) && String(r[status ?? -1] ?? "").trim() !== "frozen",
    );
  if (managers.length === 0) return true;
  return managers.some((r) => String(r[email]).trim().toLowerCase() === user.toLowerCase());
}
