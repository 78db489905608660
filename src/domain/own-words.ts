/**
 * The buyer's own words in a reply: what is above the quoted part. Our own mail quoted below ("freight is
 * collect", "reply unsubscribe") must never be read as something the buyer said. Reply headers of the mail
 * clients buyers use are recognised in the languages they write in.
 */

const QUOTE_STARTS: readonly RegExp[] = [
  /^\s*>/,
  /^\s*On .+wrote:\s*$/i,
  /^\s*-{2,}\s*(Original|Forwarded|原始邮件|转发邮件|Mensaje original|Message d'origine|Mensagem original|Исходное сообщение|Пересылаемое сообщение)/i,
  /^\s*--\s*$/,
  /于.+写道[:：]\s*$/,
  /^\s*(From|发件人|De|Von|От|Від|من)\s*[:：]\s*\S/i,
  /^\s*El .+ escribió:\s*$/i,
  /^\s*Le .+ a écrit\s*:\s*$/i,
  /^\s*Em .+ escreveu:\s*$/i,
  /^\s*.+ (пишет|написал[а]?)\s*:\s*$/i,
  /^\s*في .+ كتب.*:\s*$/,
  /^_{10,}\s*$/,
];

/** The text above the first quoted or forwarded part, at most `maxChars` long. */
export function ownWords(body: string, maxChars = 2000): string {
  const lines: string[] = [];
  for (const line of String(body ?? "").split(/\r?\n/)) {
    if (QUOTE_STARTS.some((re) => re.test(line))) break;
    lines.push(line);
  }
  return lines.join("\n").slice(0, maxChars);
}
