/**
 * The buyers side of a pull (R6, R21, R22, R23): who each sender is, what the mail adds to their row, who owns
 * them, and our personal contact with them. Planned in memory; the commit writes it.
 *
 * - A strong match joins the buyer (an address new to them is filed under Other e-mails); the mail fills only
 *   EMPTY fields, never a value a person typed, and says why in the Evidence column.
 * - Anything weaker enters a new buyer, flagged "possible duplicate of …" for a person to decide (R22).
 * - Ownership (R6): a known buyer stays their owner's (the deputy handles it while the owner is away); a new one
 *   goes to the salesperson whose mailbox it reached, else the Routing rules, else the lightest load. A possible
 *   duplicate of someone else's buyer goes to that owner, and both are told (a conflict line in the Log).
 */
import type { Config } from "../../app/config";
import { contactChanges } from "../../domain/contact";
import { appendEvidence, EVIDENCE_MAX } from "../../domain/enrich";
import {
  type BuyerIndex,
  buildBuyerIndex,
  type MatchResult,
  matchSender,
  possibleDuplicateText,
} from "../../domain/matching";
import { regionOf } from "../../domain/regions";
import {
  chooseOwner,
  isSalesperson,
  type RoutingDecision,
  type RoutingRule,
  type StaffFacts,
} from "../../domain/routing";
import type { IdCounter } from "../../store/ids";
import { type Buyer, Buyers, type Inquiry } from "../../store/schemas";
import { emptyRecord, type Table } from "../../store/table";
import { nextFollowUpDate } from "../desk";
import { RowChanges } from "./changes";
import type { OwnershipConflict } from "./conflicts";
import type { Sender, SenderField } from "./sender";

export interface BuyerContext {
  mailbox: string;
  now: Date;
  config: Config;
  team: StaffFacts[];
  routing: RoutingRule[];
}

export interface Resolution {
  /** "" when the mail says nothing to know the buyer by (a fax without a number or a name). */
  buyerId: string;
  buyer?: Buyer;
  created: boolean;
  /** True when the buyer was known on strong evidence (R22). */
  strong: boolean;
  /** The buyer's "Products asked" before this mail (what an earlier notice was about). */
  askedBefore: string;
  match: MatchResult;
}

export class BuyerBook {
  readonly writes = new RowChanges<Buyer>();
  readonly conflicts: OwnershipConflict[] = [];
  newBuyers = 0;
  possibleDuplicates = 0;
  private readonly byId = new Map<string, Buyer>();
  private readonly index: BuyerIndex;
  /** Open inquiries by who handles them. */
  private readonly openLoad = new Map<string, number>();

  constructor(
    table: Table<typeof Buyers>,
    private readonly ids: IdCounter,
    private readonly ctx: BuyerContext,
  ) {
    for (const { record } of table.rows) this.byId.set(record.id, record);
    // The records are filled in place as mail arrives (fill, addAddress): the index copies their fields now.
    this.index = buildBuyerIndex(
      table.rows.map(({ record }) => record),
      { rowsChange: true },
    );
  }

  /** Stores the ID counter when this run handed out IDs (call once the rows are written). */
  saveIds(): void {
    this.ids.save();
  }

  /** Open inquiries count against whoever handles them (the deputy covering for someone away carries them). */
  countOpen(inquiries: readonly Inquiry[]): void {
    for (const record of inquiries) {
      const handler = record.assignedTo || record.owner;
      if (record.status === "new" && handler) this.carry(handler);
    }
  }

  get(id: string): Buyer | undefined {
    return this.byId.get(id);
  }

  /** R22: who sent this mail; joins the buyer on strong evidence, else enters a new one. */
  resolve(sender: Sender, at: Date): Resolution {
    const match = matchSender(this.index, {
      address: sender.address,
      name: sender.name,
      company: sender.company,
      phone: sender.fax ? undefined : sender.phone,
      fax: sender.fax || undefined,
    });
    if (match.strong) {
      const buyer = this.byId.get(match.buyerId);
      if (buyer) {
        const askedBefore = buyer.products;
        if (match.kind !== "email" && match.addAddress) this.addAddress(buyer, match.addAddress);
        this.fill(buyer, sender);
        return { buyerId: buyer.id, buyer, created: false, strong: true, askedBefore, match };
      }
    }
    if (!sender.address && !sender.phone && !sender.name && !sender.company)
      return { buyerId: "", created: false, strong: false, askedBefore: "", match };
    const buyer = this.enter(sender, at, match);
    return { buyerId: buyer.id, buyer, created: true, strong: false, askedBefore: "", match };
  }

  /** Who owns the buyer and who handles this inquiry now (R6); the handler's open load grows by one. */
  route(buyer: Buyer | undefined, sender: Sender): RoutingDecision {
    const decision = buyer?.owner
      ? this.choose(buyer.owner, sender, buyer)
      : this.choose(this.mailboxSalesperson(), sender, buyer);
    if (buyer && !buyer.owner && decision.owner) this.writes.update(buyer.id, buyer, { owner: decision.owner });
    if (decision.assignedTo) this.carry(decision.assignedTo);
    return decision;
  }

  /** The same routing for a conversation that awaits again: its owner keeps it, a deputy covers an absence. */
  handlerFor(owner: string, country: string): RoutingDecision {
    return chooseOwner({
      buyerOwner: owner || undefined,
      country,
      region: regionOf(country) || undefined,
      staff: this.ctx.team,
      rules: this.ctx.routing,
      openLoad: this.openLoad,
      now: this.ctx.now,
    });
  }

  /** R20, R23: our mail in a conversation with the buyer is personal contact: last contact and the cadence. */
  touch(buyerId: string, at: Date): void {
    const buyer = this.byId.get(buyerId);
    if (!buyer) return;
    const changes = contactChanges(
      buyer,
      { kind: "our-mail", at, inConversation: true },
      { days: this.ctx.config.cadenceDays, timeZone: this.ctx.config.timeZone },
    );
    if (changes) this.writes.update(buyer.id, buyer, changes);
  }

  private choose(owner: string | undefined, sender: Sender, buyer: Buyer | undefined): RoutingDecision {
    const country = sender.country || buyer?.country || "";
    return chooseOwner({
      buyerOwner: owner || undefined,
      country,
      region: buyer?.region || regionOf(country) || undefined,
      product: sender.productText || undefined,
      staff: this.ctx.team,
      rules: this.ctx.routing,
      openLoad: this.openLoad,
      now: this.ctx.now,
    });
  }

  /** The mailbox's owner when they are a salesperson who can own buyers (R6: the mail reached them). */
  private mailboxSalesperson(): string | undefined {
    const me = this.ctx.team.find((s) => s.email === this.ctx.mailbox);
    return me && isSalesperson(me) && me.status !== "frozen" ? me.email : undefined;
  }

  private carry(handler: string): void {
    this.openLoad.set(handler, (this.openLoad.get(handler) ?? 0) + 1);
  }

  private enter(sender: Sender, at: Date, match: MatchResult): Buyer {
    const candidates = match.kind === "weak" ? match.candidates.map((c) => c.buyerId) : [];
    const ownerOf = this.ownerFor(sender, candidates, match.why);
    const buyer: Buyer = {
      ...emptyRecord(Buyers),
      id: this.ids.take(),
      company: sender.company,
      name: sender.name,
      email: sender.address,
      phone: sender.phone,
      website: sender.website,
      country: sender.country,
      region: regionOf(sender.country),
      city: sender.city,
      title: sender.title,
      source: sender.source,
      owner: ownerOf.owner,
      status: "active",
      products: sender.productText,
      created: at,
      nextFollowUp: nextFollowUpDate(at, "", this.ctx.config),
      duplicateOf: possibleDuplicateText(candidates),
      evidence: [
        evidenceOf(sender, ["name", "company", "country", "city", "phone", "website", "title"]),
        missingOf(sender),
      ]
        .filter((x) => x !== "")
        .join("; ")
        .slice(0, EVIDENCE_MAX),
    };
    this.writes.append(buyer);
    this.byId.set(buyer.id, buyer);
    this.index.add(buyer);
    this.newBuyers += 1;
    if (candidates.length > 0) this.possibleDuplicates += 1;
    if (ownerOf.conflict) this.conflicts.push({ ...ownerOf.conflict, buyerId: buyer.id });
    return buyer;
  }

  /**
   * A new buyer's owner: the mailbox's salesperson, else the rules, else the lightest load; but a possible
   * duplicate of a buyer someone else owns goes to that owner (who knows the buyer), and both are told.
   */
  private ownerFor(
    sender: Sender,
    candidates: string[],
    why: string,
  ): { owner: string; conflict?: Omit<OwnershipConflict, "buyerId"> } {
    const usual = this.choose(this.mailboxSalesperson(), sender, undefined);
    for (const id of candidates) {
      const theirs = this.byId.get(id)?.owner.toLowerCase() ?? "";
      if (!theirs || theirs === usual.owner) continue;
      const decision = this.choose(theirs, sender, undefined);
      if (decision.owner !== theirs) continue; // frozen or gone: the usual routing stands
      return {
        owner: decision.owner,
        conflict: {
          duplicateOf: id,
          owners: [theirs, usual.owner || this.ctx.mailbox],
          routedTo: decision.assignedTo || theirs,
          why,
        },
      };
    }
    return { owner: usual.owner };
  }

  private addAddress(buyer: Buyer, address: string): void {
    if (!this.index.addAddress(buyer.id, address)) return;
    if (!buyer.email) {
      this.writes.update(buyer.id, buyer, { email: address });
      return;
    }
    const others = buyer.otherEmails.split(/[,;\s]+/).filter((x) => x !== "");
    this.writes.update(buyer.id, buyer, { otherEmails: [...others, address].join(", ") });
  }

  /** Everything the mail tells that the row lacks; never a value already there (R21, R22). */
  private fill(buyer: Buyer, sender: Sender): void {
    const changes: Partial<Buyer> = {};
    const filled: SenderField[] = [];
    for (const field of ["company", "name", "city", "phone", "website", "title"] as const) {
      if (!buyer[field] && sender[field]) {
        changes[field] = sender[field];
        filled.push(field);
      }
    }
    if (!buyer.country && sender.country) {
      changes.country = sender.country;
      if (!buyer.region) changes.region = regionOf(sender.country);
      filled.push("country");
    }
    const products = moreProducts(buyer.products, sender.productText);
    if (products !== buyer.products) changes.products = products;
    if (filled.length > 0) {
      const notes = evidenceOf(sender, filled);
      changes.evidence = appendEvidence(buyer.evidence, [notes]);
    }
    if (Object.keys(changes).length === 0) return;
    this.writes.update(buyer.id, buyer, changes);
    // The index learns the new company or phone, so a later mail (a fax from this number) finds the buyer.
    if (filled.some((f) => f === "company" || f === "phone" || f === "name" || f === "website")) this.index.add(buyer);
  }
}

/** "country: phone +971 4 555 0199; company: signature line '…'" for the fields filled. */
function evidenceOf(sender: Sender, fields: SenderField[]): string {
  return fields
    .filter((f) => sender[f] && sender.evidence[f])
    .map((f) => `${f}: ${sender.evidence[f]}`)
    .join("; ")
    .slice(0, EVIDENCE_MAX);
}

/** "company empty: no signature; phone empty: phone has no country code: '0171 1234567'" for a new buyer. */
function missingOf(sender: Sender): string {
  return (["company", "country", "phone"] as const)
    .filter((f) => !sender[f] && sender.missing[f])
    .map((f) => `${f} empty: ${sender.missing[f]}`)
    .join("; ");
}

/** The buyer's "Products asked" with this inquiry's products added (each once). */
function moreProducts(current: string, asked: string): string {
  let out = current;
  for (const item of asked.split(";").map((s) => s.trim())) {
    if (item && !out.toLowerCase().includes(item.toLowerCase())) out = out ? `${out}; ${item}` : item;
  }
  return out;
}
