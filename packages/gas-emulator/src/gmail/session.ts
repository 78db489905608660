import type { GasContext } from "../core/context";
import type { StructuredMail } from "./content";
import type { StoredMessage } from "./model";
import { checkRecipientLimits, recipientsOf } from "./outgoing";
import type { SearchContext } from "./search";
import type { Mailbox, MailWorld } from "./world";

/** Apps Script's batch limit for label and move operations: "up to 100 threads per batch". */
export const MAX_THREADS_PER_BATCH = 100;
/** GmailApp.search and the paged thread lists take at most 500 threads per call. */
export const MAX_PAGE = 500;

/** What every Gmail object of one mailbox shares: the context (metering, clock), the world and the mailbox. */
export class GmailSession {
  constructor(
    readonly ctx: GasContext,
    readonly world: MailWorld,
    readonly box: Mailbox,
  ) {}

  /**
   * The session of the execution's effective user for `service.method` (GmailApp and MailApp only ever see
   * that user's mailbox); throws like Apps Script in AuthMode.NONE.
   */
  static forEffectiveUser(ctx: GasContext, world: MailWorld, service: string, method: string): GmailSession {
    ctx.requireAuth(`${service}.${method}`);
    const user = ctx.effectiveUser;
    if (!user) throw new Error(`${service}.${method}: no effective user in this execution (set ctx.effectiveUser)`);
    return new GmailSession(ctx, world, world.mailbox(user));
  }

  call(type: string, method: string, units = 0): void {
    this.ctx.call(type, method, units);
  }

  now(): Date {
    return this.ctx.clock.now();
  }

  searchContext(): SearchContext {
    return {
      now: this.now(),
      timeZone: this.world.searchTimeZone,
      isOwn: (a) => this.box.isOwn(a),
      ownAddress: this.box.address,
    };
  }

  /** Sends structured mail from this mailbox: quota, then delivery. Returns the sender's stored copy. */
  send(mail: StructuredMail, options: { senderThreadId?: string } = {}): StoredMessage {
    const now = this.now();
    checkRecipientLimits(this.world, this.box.address, recipientsOf(mail), now);
    const result = this.world.deliverStructured({ ...mail, date: now }, { senderThreadId: options.senderThreadId });
    const own = result.copies.find((c) => c.owner === this.box.address);
    if (!own) throw new Error("GmailApp: the sent copy was not stored in the sender's mailbox");
    return own;
  }

  /** The stored user-label name for a label name (Gmail label names are case-insensitive). */
  labelName(name: string): string | undefined {
    return this.box.userLabels.get(name.toLowerCase());
  }

  ensureLabel(name: string): string {
    const existing = this.labelName(name);
    if (existing) return existing;
    this.box.userLabels.set(name.toLowerCase(), name);
    return name;
  }
}

export function checkPage(max: number | undefined): void {
  if (max !== undefined && max > MAX_PAGE) throw new Error(`Argument max cannot exceed ${MAX_PAGE}.`);
}

/**
 * The label/move batch limit. The reference pages say "up to 100 threads per batch"; the exact error
 * text is not published, so this follows Apps Script's "Argument too large: <parameter>" pattern.
 */
export function checkBatch(threads: unknown[]): void {
  if (threads.length > MAX_THREADS_PER_BATCH) throw new Error("Argument too large: threads");
}
