/**
 * The demo's mail: about 40 inquiries over the past three weeks in the staff's mailboxes — direct mail from
 * known and new buyers, platform notifications (Alibaba.com, Made-in-China.com, Global Sources, the website
 * form), our replies in some threads (fast, slow and late), and the usual noise: an out-of-office reply,
 * a bounce, a newsletter and a platform notice that is not an inquiry.
 */
import { AMY, ASSISTANT, DEMO_PRODUCTS, type DemoProduct, DOMAIN, KEVIN, TOM, userByEmail } from "./company";
import { composeEml, type EmlAddress } from "./eml";
import type { Person } from "./people";
import type { SeededRandom } from "./random";
import {
  alibabaNotice,
  globalSourcesNotice,
  type InquiryFacts,
  inquiryText,
  madeInChinaNotice,
  platformMessage,
  replyText,
  websiteForm,
} from "./texts";

export type DemoMailKind =
  | "inquiry"
  | "platform"
  | "buyer-follow-up"
  | "reply"
  | "auto-reply"
  | "bounce"
  | "newsletter"
  | "platform-notice";

export interface DemoMail {
  /** Whose mailbox folder the .eml goes into. */
  mailbox: string;
  kind: DemoMailKind;
  date: Date;
  subject: string;
  from: string;
  raw: string;
}

export interface OwnedPerson extends Person {
  owner: string;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SPAN_DAYS = 21;

/** Inquiries that start a conversation; two more arrive as buyers' answers in threads (40 in all). */
const FIRST_CONTACTS = 38;
/** The newest first contacts, four hours apart in the last day. */
const FRESH = 5;

export function demoMails(rnd: SeededRandom, now: Date, known: OwnedPerson[], newcomers: OwnedPerson[]): DemoMail[] {
  const mails: DemoMail[] = [];
  const plan = planInquiries(rnd, known, newcomers);
  let serial = 0;
  const messageId = (date: Date, domain: string) =>
    `<${date.getTime().toString(36)}.${(++serial).toString(36)}@${domain}>`;

  plan.forEach((item, i) => {
    // Spread over three weeks, oldest first; the newest few arrive in the last day (not yet pulled).
    const fromLast = FIRST_CONTACTS - 1 - i;
    const ago =
      fromLast < FRESH
        ? fromLast * 4 * HOUR + rnd.int(30, 200) * 60_000
        : (fromLast / (FIRST_CONTACTS - 1)) * SPAN_DAYS * DAY + rnd.int(30, 300) * 60_000;
    const date = new Date(now.getTime() - ago);
    const { person, product, channel } = item;
    const quantity = product.moq * rnd.int(1, 8);
    const qty = `${quantity.toLocaleString("en-US")} ${capitalize(product.unit)}`;
    const facts: InquiryFacts = {
      person,
      product,
      quantity,
      known: item.known,
      salesFirst: firstName(item.mailbox),
      variant: i,
    };
    const to = [{ name: userByEmail(item.mailbox)?.name, address: item.mailbox }];
    if (channel !== "email") {
      const notice = platformMail(channel, person, product, qty);
      const from = notice.from;
      mails.push({
        mailbox: item.mailbox,
        kind: "platform",
        date,
        subject: notice.subject,
        from: from.address,
        raw: composeEml({
          from,
          to,
          subject: notice.subject,
          date,
          messageId: messageId(date, domainOf(from.address)),
          text: notice.text,
        }),
      });
      return;
    }
    const inquiry = inquiryText(facts);
    const id = messageId(date, domainOf(person.email));
    const from = { name: person.name, address: person.email };
    mails.push({
      mailbox: item.mailbox,
      kind: "inquiry",
      date,
      subject: inquiry.subject,
      from: person.email,
      raw: composeEml({ from, to, subject: inquiry.subject, date, messageId: id, text: inquiry.text }),
    });
    const age = now.getTime() - date.getTime();
    if (!item.reply || age < 36 * HOUR) return;
    // Our answer: most within the 2 h target, some the same day, a few past the one-day limit (R8).
    const delayHours =
      item.reply === "fast" ? rnd.int(20, 110) / 60 : item.reply === "slow" ? rnd.int(3, 9) : rnd.int(27, 40);
    const replyDate = new Date(date.getTime() + delayHours * HOUR);
    const me = { name: userByEmail(item.mailbox)?.name, address: item.mailbox };
    const price = (Number(product.basePrice) * (quantity >= product.moq * 5 ? 0.94 : 1)).toFixed(2);
    const replyId = messageId(replyDate, DOMAIN);
    const reSubject = `Re: ${inquiry.subject}`;
    mails.push({
      mailbox: item.mailbox,
      kind: "reply",
      date: replyDate,
      subject: reSubject,
      from: item.mailbox,
      raw: composeEml({
        from: me,
        to: [from],
        subject: reSubject,
        date: replyDate,
        messageId: replyId,
        inReplyTo: id,
        references: [id],
        text: `${replyText(facts, me.name ?? "", price)}\n\n> ${inquiry.text.split("\n").join("\n> ")}`,
      }),
    });
    if (item.afterReply === "follow-up") {
      const followDate = new Date(replyDate.getTime() + rnd.int(5, 20) * HOUR);
      if (followDate.getTime() > now.getTime() - HOUR) return;
      mails.push({
        mailbox: item.mailbox,
        kind: "buyer-follow-up",
        date: followDate,
        subject: reSubject,
        from: person.email,
        raw: composeEml({
          from,
          to: [me],
          subject: reSubject,
          date: followDate,
          messageId: messageId(followDate, domainOf(person.email)),
          inReplyTo: replyId,
          references: [id, replyId],
          text: `Hi ${firstName(item.mailbox)},\n\nThanks for the quick offer. Can you do ${(Number(price) * 0.95).toFixed(2)} if we take ${(quantity * 2).toLocaleString("en-US")} ${product.unit}? We need the goods before Ramadan / year end.\n\n${person.name}`,
        }),
      });
    }
    if (item.afterReply === "auto-reply") {
      const autoDate = new Date(replyDate.getTime() + 2 * 60_000);
      const subject = `Automatic reply: ${reSubject}`;
      mails.push({
        mailbox: item.mailbox,
        kind: "auto-reply",
        date: autoDate,
        subject,
        from: person.email,
        raw: composeEml({
          from,
          to: [me],
          subject,
          date: autoDate,
          messageId: messageId(autoDate, domainOf(person.email)),
          inReplyTo: replyId,
          headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" },
          text: `I am out of the office until next Monday with limited access to e-mail. For urgent matters please call ${person.phone}.\n\n${person.name}`,
        }),
      });
    }
  });

  mails.push(...noise(rnd, now, messageId));
  return mails.sort((a, b) => a.date.getTime() - b.date.getTime());
}

type Channel = "email" | "alibaba" | "made-in-china" | "global-sources" | "website";

interface PlannedInquiry {
  person: OwnedPerson;
  product: DemoProduct;
  mailbox: string;
  channel: Channel;
  known: boolean;
  reply?: "fast" | "slow" | "late";
  afterReply?: "follow-up" | "auto-reply";
}

/** Who writes, to whom, through which channel: 12 platform notifications, 13 known buyers, 13 new ones. */
function planInquiries(rnd: SeededRandom, known: OwnedPerson[], newcomers: OwnedPerson[]): PlannedInquiry[] {
  const platforms: Channel[] = [
    "alibaba",
    "alibaba",
    "alibaba",
    "alibaba",
    "alibaba",
    "made-in-china",
    "made-in-china",
    "made-in-china",
    "global-sources",
    "global-sources",
    "website",
    "website",
  ];
  // Alibaba notifications go to the account Tom and Kevin share; Made-in-China to Amy; the rest to Lily.
  const platformBox: Record<Exclude<Channel, "email">, string[]> = {
    alibaba: [TOM, KEVIN],
    "made-in-china": [AMY],
    "global-sources": [ASSISTANT],
    website: [ASSISTANT],
  };
  const newPeople = [...newcomers];
  const knownPeople = rnd.shuffle(known.filter((p) => !p.email.endsWith("gmail.com")));
  const items: PlannedInquiry[] = [];
  for (const channel of platforms) {
    const person = newPeople.shift()!;
    items.push({
      person,
      product: productFor(rnd, person.owner),
      mailbox: rnd.pick(platformBox[channel as Exclude<Channel, "email">]),
      channel,
      known: false,
    });
  }
  // About half the direct threads have our answer in the mailbox: most fast, some slow, a few late (R8).
  const replies: PlannedInquiry["reply"][] = [
    "fast",
    undefined,
    "slow",
    "fast",
    undefined,
    "late",
    undefined,
    "fast",
    "fast",
    undefined,
    "slow",
    undefined,
    "late",
  ];
  for (let i = 0; i < 13; i++) {
    const person = knownPeople[i];
    items.push({
      person,
      product: productFor(rnd, person.owner),
      mailbox: person.owner,
      channel: "email",
      known: true,
    });
  }
  for (let i = 0; i < FIRST_CONTACTS - 25; i++) {
    const person = newPeople.shift()!;
    items.push({
      person,
      product: productFor(rnd, person.owner),
      mailbox: person.owner,
      channel: "email",
      known: false,
    });
  }
  const mixed = rnd.shuffle(items);
  // Replies only in direct e-mail threads (platform inquiries are answered on the platform).
  let r = 0;
  for (const item of mixed) {
    if (item.channel !== "email") continue;
    item.reply = replies[r % replies.length];
    r++;
  }
  const answered = mixed.filter((m) => m.reply && m.channel === "email");
  if (answered[1]) answered[1].afterReply = "follow-up";
  if (answered[4]) answered[4].afterReply = "follow-up";
  if (answered[2]) answered[2].afterReply = "auto-reply";
  return mixed;
}

function productFor(rnd: SeededRandom, owner: string): DemoProduct {
  const mine = DEMO_PRODUCTS.filter((p) => p.keyContact === owner);
  return rnd.chance(0.7) && mine.length > 0 ? rnd.pick(mine) : rnd.pick(DEMO_PRODUCTS);
}

function platformMail(
  channel: Exclude<Channel, "email">,
  person: Person,
  product: DemoProduct,
  qty: string,
): { from: EmlAddress; subject: string; text: string } {
  const message = platformMessage(product, qty);
  switch (channel) {
    case "alibaba":
      return {
        from: { name: "Alibaba.com", address: "notice@alibaba.com" },
        subject: `New inquiry from ${person.name}: ${product.name}`,
        text: alibabaNotice(person, product, qty, message),
      };
    case "made-in-china":
      return {
        from: { name: "Made-in-China.com", address: "inquiry@made-in-china.com" },
        subject: `New Inquiry Message: ${product.name} ${product.model}`,
        text: madeInChinaNotice(person, product, qty, message),
      };
    case "global-sources":
      return {
        from: { name: "Global Sources", address: "buyer-inquiry@globalsources.com" },
        subject: `New RFQ: ${product.name}`,
        text: globalSourcesNotice(person, product, qty, message),
      };
    default:
      return {
        from: { name: "Acme Tools website", address: `wordpress@${DOMAIN}` },
        subject: `New submission from Contact form: ${product.name}`,
        text: websiteForm(person, product, message),
      };
  }
}

function noise(rnd: SeededRandom, now: Date, messageId: (d: Date, domain: string) => string): DemoMail[] {
  const out: DemoMail[] = [];
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY - rnd.int(60, 600) * 60_000);
  const d1 = at(9);
  out.push({
    mailbox: AMY,
    kind: "bounce",
    date: d1,
    subject: "Undelivered Mail Returned to Sender",
    from: "MAILER-DAEMON@mx.acme-tools.cn",
    raw: composeEml({
      from: { name: "Mail Delivery System", address: "MAILER-DAEMON@mx.acme-tools.cn" },
      to: [{ name: "Amy Liu", address: AMY }],
      subject: "Undelivered Mail Returned to Sender",
      date: d1,
      messageId: messageId(d1, "mx.acme-tools.cn"),
      headers: { "Auto-Submitted": "auto-replied" },
      text: "This is the mail system at host mx.acme-tools.cn.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<purchasing@old-domain-tools.co.uk>: host mail.old-domain-tools.co.uk said:\n550 5.1.1 User unknown",
    }),
  });
  const d2 = at(4);
  out.push({
    mailbox: TOM,
    kind: "newsletter",
    date: d2,
    subject: "Hardware Trade Weekly: steel prices up 4% in November",
    from: "news@toolsnews-weekly.com",
    raw: composeEml({
      from: { name: "Hardware Trade Weekly", address: "news@toolsnews-weekly.com" },
      to: [{ name: "Tom Wang", address: TOM }],
      subject: "Hardware Trade Weekly: steel prices up 4% in November",
      date: d2,
      messageId: messageId(d2, "toolsnews-weekly.com"),
      headers: {
        "List-Unsubscribe": "<https://toolsnews-weekly.com/unsubscribe?u=8812>",
        "List-Id": "Hardware Trade Weekly <weekly.toolsnews-weekly.com>",
        Precedence: "bulk",
      },
      text: "This week: CrV wire rod prices rise 4%; Canton Fair phase 1 dates; EU anti-dumping review on hand tools.\n\nRead online: https://toolsnews-weekly.com/issues/2026-47\nUnsubscribe: https://toolsnews-weekly.com/unsubscribe?u=8812",
    }),
  });
  const d3 = at(2);
  out.push({
    mailbox: TOM,
    kind: "platform-notice",
    date: d3,
    subject: "Your weekly store performance on Alibaba.com",
    from: "notice@alibaba.com",
    raw: composeEml({
      from: { name: "Alibaba.com", address: "notice@alibaba.com" },
      to: [{ name: "Tom Wang", address: TOM }],
      subject: "Your weekly store performance on Alibaba.com",
      date: d3,
      messageId: messageId(d3, "alibaba.com"),
      text: "Dear Supplier,\n\nLast week your store had 1,284 product views and 37 visitors from 14 countries.\nView details: https://data.alibaba.com/\n\nAlibaba.com Team",
    }),
  });
  return out;
}

function domainOf(address: string): string {
  return address.split("@")[1] ?? "mail.example";
}

function firstName(email: string): string {
  return (userByEmail(email)?.name ?? email).split(" ")[0];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
