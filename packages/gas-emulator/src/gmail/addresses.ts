/**
 * RFC 5322 address lists, parsed leniently: real mail has unquoted commas in names, missing brackets
 * and bare addresses, and a mail emulator must never throw on them.
 */
export interface ParsedAddress {
  name: string;
  /** Lower-cased address ("" when the entry has no address at all). */
  address: string;
}

/** Splits on commas that are outside quotes and angle brackets. */
function splitList(list: string): string[] {
  const parts: string[] = [];
  let current = "";
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === "\\" && inQuote) {
      current += ch + (list[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    else if (ch === "<" && !inQuote) inAngle = true;
    else if (ch === ">" && !inQuote) inAngle = false;
    if ((ch === "," || ch === ";") && !inQuote && !inAngle) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const EMAIL_RE = /[^\s<>"',;:()]+@[^\s<>"',;:()]+/;

export function parseAddress(entry: string): ParsedAddress {
  const angle = /<([^>]*)>/.exec(entry);
  if (angle) {
    const name = entry
      .slice(0, angle.index)
      .trim()
      .replace(/^"(.*)"$/s, "$1")
      .replace(/\\(.)/g, "$1");
    return { name, address: angle[1].trim().toLowerCase() };
  }
  const bare = EMAIL_RE.exec(entry);
  if (bare) return { name: "", address: bare[0].toLowerCase() };
  return { name: entry.trim(), address: "" };
}

export function parseAddressList(list: string | undefined | null): ParsedAddress[] {
  if (!list) return [];
  return splitList(list).map(parseAddress);
}

/** The lower-cased addresses of a header value (entries without an address are dropped). */
export function addressesOf(list: string | undefined | null): string[] {
  return parseAddressList(list)
    .map((a) => a.address)
    .filter((a) => a.length > 0);
}

/** `Name <addr>` the way Gmail writes a From it composes; quotes names with specials. */
export function formatAddress(name: string | undefined, address: string): string {
  if (!name) return address;
  const needsQuotes = /[",;:<>@()[\]\\]/.test(name);
  const shown = needsQuotes ? `"${name.replace(/(["\\])/g, "\\$1")}"` : name;
  return `${shown} <${address}>`;
}
