/**
 * The parts of a mail body: what the sender wrote now, the quoted history of a reply, and forwarded messages,
 * each with the header that introduces it; and the signature block of a part. Reading buyer facts depends on
 * this: our own quoted reply (with OUR phone and address) must never be read as the buyer's.
 */
import { citiesIn, countriesIn } from "./countries";
import { hasLegalForm } from "./legal-forms";
import { MAX_SCAN_CHARS, type ParsedAddress, parseAddress } from "./text";

export interface MailPart {
  kind: "new" | "quoted" | "forwarded";
  /** The sender named in the part's header ("From: …", "On … Ann <a@b> wrote:"), when there is one. */
  from?: ParsedAddress;
  /** The part's lines, without the header and without ">" markers. */
  lines: string[];
}

const FORWARD_MARKER =
  /^[-_=\s]*(?:forwarded message|begin forwarded message|original message|转发邮件信息|轉寄郵件資訊|原始邮件|原始郵件|weitergeleitete nachricht|ursprüngliche nachricht|message transféré|message d'origine|mensaje reenviado|mensaje original|mensagem encaminhada|mensagem original|пересылаемое сообщение|исходное сообщение|пересланное сообщение|thư đã chuyển tiếp|thư chuyển tiếp|전달된 메시지|원본 메시지|الرسالة المُعاد توجيهها|الرسالة الأصلية)[-_=\s:]*$/i;
const FORWARD_WORDS =
  /forward|转发|轉寄|weitergeleitet|transféré|reenviado|encaminhad|пересыла|переслан|chuyển tiếp|전달|توجيه/i;
const REPLY_HEADER = [
  /^(?:On|Am|Le|El|Em|Il|Op|Vào)\s.{4,240}(?:wrote|schrieb|a écrit|escribió|escreveu|ha scritto|schreef|đã viết)\s*:\s*$/i,
  /^在.{2,160}(?:写道|寫道)[:：]?\s*$/,
  /^.{2,200}(?:написал|написала|написал\(а\))\s*:\s*$/i,
  /^.{2,200}님이 작성[:：]?\s*$/,
  /^(?:في|فى)\s.{4,200}(?:كتب|كتبت)\s*:?\s*$/,
];
const HEADER_FROM = /^\*?(?:From|De|Von|Van|Da|От|发件人|發件人|寄件者|Từ|보낸 사람|من)\s*\*?\s*[:：]\s*(.+)$/i;
const HEADER_OTHER =
  /^\*?(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Enviado|Fecha|Para|Asunto|Assunto|Отправлено|Дата|Кому|Тема|发送时间|發送時間|日期|时间|收件人|抄送|主题|主旨|Gửi|Đến|Chủ đề|Ngày|보낸 날짜|받는 사람|제목|التاريخ|إلى|الموضوع|تاريخ الإرسال)\s*\*?\s*[:：]/i;
const FORWARD_SUBJECT = /^\s*(?:fw|fwd|wg|tr|rv|enc|转发|轉寄|пересл|чт|vs)\s*[:：]/i;

/**
 * Splits a plain-text body into its parts. The first part is what the sender wrote now ("new", possibly empty);
 * then each quoted or forwarded message, in order. A header block after a forward marker, or any first header
 * block of a mail whose subject says forward, opens a "forwarded" part; every other one a "quoted" part.
 */
export function splitParts(body: string | undefined | null, subject = ""): MailPart[] {
  const lines = String(body ?? "")
    .slice(0, MAX_SCAN_CHARS)
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const forwardedMail = FORWARD_SUBJECT.test(subject);
  const parts: MailPart[] = [{ kind: "new", lines: [] }];
  let current = parts[0];
  let inlineQuote: MailPart | undefined;
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    const boundary = boundaryAt(lines, i);
    if (boundary) {
      const forward = boundary.marker
        ? FORWARD_WORDS.test(trimmed) || forwardedMail
        : forwardedMail && parts.length === 1;
      current = { kind: forward ? "forwarded" : "quoted", lines: [] };
      if (boundary.from) current.from = boundary.from;
      parts.push(current);
      i = boundary.next - 1;
      continue;
    }
    if (trimmed.startsWith(">")) {
      // ">"-quoted lines inside the new text are quoted history (inline replies go on in the new part).
      const unquoted = trimmed.replace(/^(?:>\s?)+/, "");
      if (current.kind === "new") {
        if (!inlineQuote) {
          inlineQuote = { kind: "quoted", lines: [] };
          parts.push(inlineQuote);
        }
        inlineQuote.lines.push(unquoted);
      } else current.lines.push(unquoted);
      continue;
    }
    current.lines.push(lines[i].replace(/\s+$/, ""));
  }
  return parts;
}

interface Boundary {
  marker: boolean;
  from?: ParsedAddress;
  /** The first line after the header. */
  next: number;
}

function boundaryAt(lines: string[], i: number): Boundary | undefined {
  const trimmed = lines[i].trim();
  if (FORWARD_MARKER.test(trimmed) || /^_{8,}\s*$/.test(trimmed)) {
    const header = headerBlock(lines, i + 1);
    return { marker: true, from: header.from, next: header.next };
  }
  for (const re of REPLY_HEADER) {
    if (re.test(trimmed)) return { marker: false, from: addressIn(trimmed), next: i + 1 };
  }
  // A reply header wrapped over two lines: "On Mon, 3 Jun 2024 at 10:00, Ann <a@b.com>" / "wrote:".
  const joined = `${trimmed} ${String(lines[i + 1] ?? "").trim()}`;
  if (/^(?:On|Am|Le|El|Em|Vào)\s/.test(trimmed) && REPLY_HEADER[0].test(joined))
    return { marker: false, from: addressIn(joined), next: i + 2 };
  if (HEADER_FROM.test(trimmed)) {
    const header = headerBlock(lines, i);
    if (header.others >= 1) return { marker: false, from: header.from, next: header.next };
  }
  return undefined;
}

function headerBlock(lines: string[], start: number): { from?: ParsedAddress; others: number; next: number } {
  let i = start;
  while (i < lines.length && !lines[i].trim() && i < start + 2) i++;
  let from: ParsedAddress | undefined;
  let others = 0;
  for (; i < lines.length && i < start + 10; i++) {
    const t = lines[i].trim();
    const f = HEADER_FROM.exec(t);
    if (f) from = parseAddress(f[1].replace(/\[mailto:[^\]]*\]/i, "").trim()) ?? { name: f[1].trim(), address: "" };
    else if (HEADER_OTHER.test(t)) others++;
    else break;
  }
  return { from, others, next: i };
}

function addressIn(line: string): ParsedAddress | undefined {
  const m = /([^\s<>,"]+@[^\s<>,"]+\.[a-z]{2,})/i.exec(line);
  return m ? { name: "", address: m[1].toLowerCase() } : undefined;
}

// ---------------------------------------------------------------- signatures

export interface Signature {
  /** The block's lines, blank lines and the sign-off phrase dropped. */
  lines: string[];
  /** What started the block. */
  start: "delimiter" | "sign-off" | "contact block";
  /** A name written on the sign-off line itself ("Best regards, Ahmed"). */
  signedAs?: string;
}

// Sign-offs in our ten languages. A line that is only (or starts with) one of these starts the signature.
const SIGN_OFF = new RegExp(
  "^(?:(?:best|kind|warm|warmest|many|with best)?\\s*regards|best wishes|best|thanks(?: and regards| & regards| a lot)?|thank you|many thanks|sincerely|yours (?:sincerely|faithfully|truly)|cheers|brgds|b\\.?rgds|" +
    "saludos(?: cordiales)?|un saludo|atentamente|cordialmente|muchas gracias|gracias|" +
    "atenciosamente|abraços|cumprimentos|obrigad[oa]|" +
    "cordialement|bien (?:à vous|cordialement)|salutations(?: distinguées)?|merci(?: beaucoup)?|" +
    "mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße|beste grüße|liebe grüße|mfg|vielen dank|danke|" +
    "с уважением|с наилучшими пожеланиями|спасибо|всего доброго|" +
    "مع (?:خالص )?(?:تحياتي|التحية|التحيات)|تحياتي|مع الشكر|شكرا(?: لكم)?|وتفضلوا بقبول فائق الاحترام|" +
    "trân trọng|thân ái|cảm ơn|xin cảm ơn|trân trọng cảm ơn|" +
    "감사합니다|고맙습니다|수고하세요|드림|올림|" +
    "此致|敬礼|此致敬礼|祝好|谢谢|謝謝|顺祝商祺|順祝商祺|顺颂商祺|祝商祺|多谢|期待您的回复|期待回复)" +
    "[\\s,，.!！、。:]*(.*)$",
  "iu",
);
const SENT_FROM =
  /^(?:sent from my|get outlook for|发自我的|enviado desde mi|envoyé de mon|von meinem|отправлено с|gửi từ)/i;
const CONTACT_LINE =
  /(?:\+\d|\b(?:tel|phone|mob|mobile|fax|whatsapp|email|e-mail|web|www)\b|www\.|https?:\/\/|@[a-z0-9-]+\.|电话|手机|傳真|传真|Тел|هاتف|Điện thoại|전화)/i;

/**
 * The signature of a part: after a "-- " line, or after the last sign-off ("Best regards,", "С уважением",
 * "此致"), or else a last block of lines with contact details. Undefined when the part has none.
 */
export function findSignature(lines: readonly string[]): Signature | undefined {
  const text = lines.map((l) => l.trim());
  let end = text.length;
  for (let i = 0; i < text.length; i++) {
    if (SENT_FROM.test(text[i])) {
      end = i;
      break;
    }
  }
  const delimiter = text.slice(0, end).findIndex((l) => /^--\s*$/.test(l) || /^-- $/.test(l));
  if (delimiter >= 0) return block(text.slice(delimiter + 1, end), "delimiter");
  // The LAST sign-off within the closing lines: "Thanks" in the middle of a message is not one.
  const from = Math.max(0, end - 25);
  for (let i = end - 1; i >= from; i--) {
    const m = SIGN_OFF.exec(text[i]);
    if (!m || text[i].length > 80) continue;
    const rest = m[1].trim();
    // "Thank you for your quick reply, …" is a sentence, not a sign-off.
    if (rest.split(/\s+/).length > 4) continue;
    const sig = block(text.slice(i + 1, end), "sign-off");
    if (rest && !/^[\s,.!]*$/.test(rest)) sig.signedAs = rest.replace(/[,.!]+$/, "");
    return sig;
  }
  // No sign-off: the last paragraph, when it reads as contact details.
  let start = end;
  while (start > 0 && text[start - 1] === "") start--;
  const last = start;
  while (start > 0 && text[start - 1] !== "") start--;
  const paragraph = text.slice(start, last);
  const signsLike = (l: string) => CONTACT_LINE.test(l) || hasLegalForm(l);
  if (paragraph.length >= 2 && paragraph.length <= 12 && paragraph.some(signsLike))
    return block(paragraph, "contact block");
  // "Сергей, Новосибирск, Россия": a last short line naming a place.
  const lastLine = text[last - 1] ?? "";
  if (last > 1 && lastLine.length <= 60 && countriesIn(lastLine).length + citiesIn(lastLine).length > 0)
    return block([lastLine], "contact block");
  return undefined;
}

function block(lines: string[], start: Signature["start"]): Signature {
  return { lines: lines.filter((l) => l !== "").slice(0, 15), start };
}
