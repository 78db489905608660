/**
 * One pull of one mailbox (C2, R6): search → read → classify, enrich and match → plan the writes → commit.
 * Every new buyer message becomes a conversation row matched to its buyer (R21, R22) or continues one; our
 * messages that this mailbox sent answer them (R7, R8, R26); everything else is counted and logged as skipped.
 * Rows are written first, the Gmail label after, so a failure anywhere leaves mail to be picked up again, never
 * imported twice.
 */
import type { Budget } from "../../app/budget";
import { productMatcher } from "../../domain/products";
import { IdCounter } from "../../store/ids";
import { Buyers, Inquiries } from "../../store/schemas";
import { BuyerBook } from "./buyers";
import { commitPlan } from "./commit";
import { InquiryBook } from "./conversations";
import { type IntakeBook, loadIntakeBook, widenInquiries } from "./load";
import { conversationMessages, emptyResult, type PullResult, planIntake } from "./plan";
import { readThreads } from "./read";
import { advanceWatermark, listThreads } from "./search";
import type { SenderContext } from "./sender";

export type { PullResult } from "./plan";

export interface PullOptions {
  book: GoogleAppsScript.Spreadsheet.Spreadsheet;
  mailbox: string;
  now: Date;
  budget: Budget;
  /** How far back unimported mail is looked for. */
  lookbackDays?: number;
  progress?: (done: number, total: number) => void;
}

export function pullMailbox(options: PullOptions): PullResult {
  const { now, budget } = options;
  const mailbox = options.mailbox.toLowerCase();
  const book = loadIntakeBook(options.book, now);
  const result = emptyResult(mailbox, book.problems);
  const buyers = new BuyerBook(book.buyers, IdCounter.open(Buyers, book.buyers.byId.keys()), {
    mailbox,
    now,
    config: book.config,
    team: book.team,
    routing: book.rules.routing,
  });
  const conversationContext = { mailbox, now, config: book.config };
  const inquiryBook = () =>
    new InquiryBook(book.inquiries, IdCounter.open(Inquiries, book.inquiries.byId.keys()), conversationContext);
  let inquiries = inquiryBook();
  buyers.countOpen(inquiries.all());

  const listing = listThreads(mailbox, now, options.lookbackDays ?? 30);
  result.partial = listing.full;
  const isOurs = ourAddresses(book, mailbox);
  const read = readThreads(listing, {
    mailbox,
    budget,
    isImported: (threadId) => inquiries.isImported(threadId),
    classify: {
      staffAddresses: isOurs.staff,
      ownDomains: book.config.ownDomains,
      ignoreList: book.config.ignoreList,
      platformRules: book.rules.platform,
      isFaxGateway: book.rules.isFaxGateway,
    },
    progress: options.progress,
  });
  if (read.partial) result.partial = true;
  const widen = inquiries.rowsToWiden(conversationMessages(read.threads));
  if (widenInquiries(book, widen).reread) inquiries = inquiryBook();
  else inquiries.widened(widen);
  const plan = planIntake(
    read.threads,
    { buyers, inquiries },
    { mailbox, now, sender: senderContext(book, isOurs.test) },
    result,
  );
  commitPlan(book, { buyers, inquiries }, plan, result, now);
  advanceWatermark(mailbox, listing, result.partial);
  result.threads = listing.threads.length;
  return result;
}

/** Our staff's addresses and domains: mail from them is ours, a Reply-To to them never names a buyer. */
function ourAddresses(book: IntakeBook, mailbox: string): { staff: Set<string>; test: (a: string) => boolean } {
  const staff = new Set([...book.team.map((s) => s.email), mailbox]);
  const domains = book.config.ownDomains;
  return {
    staff,
    test: (address) => {
      const a = address.toLowerCase();
      return staff.has(a) || domains.some((d) => a.endsWith(`@${d}`) || a.endsWith(`.${d}`));
    },
  };
}

function senderContext(book: IntakeBook, isOurs: (address: string) => boolean): SenderContext {
  return {
    ownDomains: book.config.ownDomains,
    isOurs,
    catalogue: productMatcher(book.catalogue),
    productNames: new Map(book.catalogue.map((p) => [p.code, p.name || p.model || ""])),
    faxRules: book.rules.fax,
  };
}
