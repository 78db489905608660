/**
 * The new owner's introduction to each handed-over buyer (R29: "remind those to follow up and explain the
 * change to the buyer"): one Gmail draft per buyer, in the buyer's language, signed by the new owner.
 *
 * A draft can only be made in the mailbox of the person the script runs as, and offboarding runs as the
 * assistant; so the introductions are drafted by the receiver's own run (their mail pull on the heartbeat, or
 * the sidebar), from the handover entries in Follow-ups. Each is drafted once: the handover entries done are
 * kept in document properties for the receiver.
 */

import { readConfig } from "../../app/config";
import { renderHandoverIntro } from "../../domain/handover-text";
import { readDocJson, writeDocJson } from "../../gas/properties";
import { type Lang, t } from "../../i18n";
import { loadOptionalTable, loadTable } from "../../store/load-table";
import { Buyers, FollowUps, Inquiries, Settings, Staff } from "../../store/schemas";
import {
  buyerFacts,
  buyerLanguage,
  companyOf,
  draftForBuyer,
  LetterError,
  loadMailTemplates,
  renderedOrRefuse,
  senderFacts,
} from "../quotes";

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Handover entries older than this are not introduced any more (the receiver has written since). */
const WINDOW_DAYS = 30;
/** Drafts per run: each is a Gmail call; the rest follow on the next run. */
const PER_RUN = 40;
// Books written before the journal lost its rule tag still carry "(R29: …)".
const JOURNAL = /^Handover (\S+) → (\S+) \((?:R29: )?buyer and open work\)/;

export interface IntroReport {
  drafted: { buyerId: string; draftId: string; language: string }[];
  /** Buyers whose introduction could not be written yet (a template problem, no address), in the reader's words. */
  problems: string[];
  /** Introductions still to draft on a later run. */
  remaining: number;
}

interface Done {
  ids: string[];
}

/**
 * Drafts the introductions owed by `user` (the receiver): one per buyer handed to them in the last 30 days and
 * still theirs. Call holding the document lock; it writes only drafts and a document property.
 */
export function draftHandoverIntros(book: Book, user: string, now: Date, readerLang?: Lang): IntroReport {
  const me = user.trim().toLowerCase();
  const config = readConfig(loadTable(book, Settings, "UTC"));
  const lang = readerLang ?? config.lang;
  const tz = config.timeZone;
  const followUps = loadTable(book, FollowUps, tz);
  const since = now.getTime() - WINDOW_DAYS * 86_400_000;
  const owed = followUps.rows
    .map((r) => r.record)
    .filter((f) => f.kind === "handover" && f.buyerId !== "" && (f.at?.getTime() ?? 0) >= since)
    .map((f) => ({ id: f.id, buyerId: f.buyerId, match: JOURNAL.exec(f.summary) }))
    .filter((f) => f.match && f.match[2].toLowerCase() === me);
  const report: IntroReport = { drafted: [], problems: [], remaining: 0 };
  const key = `handover.intros.${me}`;
  const done = new Set(readDocJson<Done>(key, { ids: [] }).ids);
  const pending = owed.filter((f) => !done.has(f.id));
  if (pending.length === 0) return report;

  const buyers = loadTable(book, Buyers, tz);
  const staff = loadTable(book, Staff, tz).rows.map((r) => r.record);
  const inquiries = loadOptionalTable(book, Inquiries, tz);
  const templates = loadMailTemplates(book, tz);
  const { company } = companyOf(config);
  const newOwner = senderFacts({ email: me, name: "" }, staff);
  const nameOf = (email: string) =>
    staff.find((s) => s.email.trim().toLowerCase() === email.toLowerCase())?.name || email;
  for (const f of pending) {
    if (report.drafted.length >= PER_RUN) {
      report.remaining += 1;
      continue;
    }
    const buyer = buyers.byId.get(f.buyerId)?.record;
    // Moved on since (to someone else, or removed): no introduction from me.
    if (!buyer || buyer.owner.trim().toLowerCase() !== me) {
      done.add(f.id);
      continue;
    }
    // No address (a fax or phone buyer): no mail to draft; said once, so the receiver calls or faxes instead.
    if (buyer.email.trim() === "") {
      report.problems.push(t(lang, "handover.introNoAddress", { buyer: buyer.company || buyer.name || buyer.id }));
      done.add(f.id);
      continue;
    }
    try {
      const language = buyerLanguage(buyer, undefined, inquiries, templates);
      const mail = renderedOrRefuse(
        renderHandoverIntro({
          templates,
          buyerLanguage: language,
          buyer: buyerFacts(buyer),
          newOwner,
          previousName: nameOf(f.match![1]),
          company,
        }),
        lang,
      );
      // The buyer's thread lives in the leaver's mailbox: the introduction is a new mail to them.
      const draft = draftForBuyer(buyer, undefined, mail, lang);
      report.drafted.push({ buyerId: buyer.id, draftId: draft.draftId, language });
      done.add(f.id);
    } catch (e) {
      if (!(e instanceof LetterError)) throw e;
      report.problems.push(
        t(lang, "handover.introNotDrafted", { buyer: buyer.company || buyer.name || buyer.id, why: e.message }),
      );
    }
  }
  // Only entries still inside the window are worth remembering.
  const live = new Set(owed.map((f) => f.id));
  writeDocJson(key, { ids: [...done].filter((id) => live.has(id)).sort() });
  return report;
}
