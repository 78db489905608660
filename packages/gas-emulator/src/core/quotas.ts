/**
 * Daily quotas per account kind, from developers.google.com/apps-script/guides/services/quotas ("Current
 * quotas"): "Quotas are set at different levels for users of consumer accounts (such as gmail.com) and
 * Google Workspace accounts. Quotas are per user and reset 24 hours after the first request."
 *
 * | Feature                            | Consumer      | Google Workspace |
 * | Triggers total runtime             | 90 min / day  | 6 hr / day       |
 * | Email recipients per day           | 100 / day     | 1,500 / day      |
 * | Email read/write (excluding send)  | 20,000 / day  | 50,000 / day     |
 * | URL Fetch calls                    | 20,000 / day  | 100,000 / day    |
 *
 * Exceeding one throws (same page, "Exception messages"): "Service using too much computer time for one
 * day." for trigger runtime. For Gmail the page's pattern ("Service invoked too many times: Calendar.") reads
 * "Service invoked too many times for one day: gmail." in practice: that exact text is what scripts hitting
 * the Gmail quota log and test for (quoted verbatim in many public Apps Script projects).
 */
export type AccountKind = "consumer" | "workspace";

export const DAY_MS = 86_400_000;
export const TOO_MUCH_COMPUTER_TIME = "Service using too much computer time for one day.";
export const GMAIL_DAILY_LIMIT = "Service invoked too many times for one day: gmail.";
/** The same pattern for UrlFetchApp (each request of a fetchAll counts as one call). */
export const URLFETCH_DAILY_LIMIT = "Service invoked too many times for one day: urlfetch.";

export interface AccountQuotas {
  /** Triggers total runtime per day, in ms. */
  triggerRuntimeMs: number;
  /** Email recipients per day (MailApp and GmailApp sends). */
  emailRecipients: number;
  /** Gmail read/write calls per day, sends excluded. */
  gmailReadWrite: number;
  /** UrlFetchApp requests per day (each request of a fetchAll counts). */
  urlFetch: number;
}

export const ACCOUNT_QUOTAS: Record<AccountKind, AccountQuotas> = {
  consumer: { triggerRuntimeMs: 90 * 60_000, emailRecipients: 100, gmailReadWrite: 20_000, urlFetch: 20_000 },
  workspace: { triggerRuntimeMs: 6 * 3_600_000, emailRecipients: 1_500, gmailReadWrite: 50_000, urlFetch: 100_000 },
};

interface Window {
  startedAt: number;
  used: number;
}

/** Per-user daily counters, each window starting at the user's first request and lasting 24 hours. */
export class DailyQuota {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {}

  used(user: string): number {
    return this.window(user)?.used ?? 0;
  }

  remaining(user: string): number {
    return Math.max(0, this.limit - this.used(user));
  }

  /** Whether `user` has spent the whole quota of the current window. */
  exhausted(user: string): boolean {
    return this.used(user) >= this.limit;
  }

  /** Adds `amount` to `user`'s window (opening one at the first request). */
  spend(user: string, amount: number): void {
    const key = user.toLowerCase();
    const w = this.window(user) ?? { startedAt: this.now(), used: 0 };
    w.used += amount;
    this.windows.set(key, w);
  }

  private window(user: string): Window | undefined {
    const w = this.windows.get(user.toLowerCase());
    if (w && this.now() >= w.startedAt + DAY_MS) {
      this.windows.delete(user.toLowerCase());
      return undefined;
    }
    return w;
  }
}
