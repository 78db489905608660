/**
 * What the heartbeats did while the clock moved, in words a person reads: "11:00 pulled 3 mails for Tom Wang
 * (2 new inquiries)", "16:00 wrote the weekly report …". Ticks that found nothing due are counted, not listed
 * ("+1 day" fires 120 heartbeats; the Activity view should show the few that did something).
 */

export interface FireRecord {
  at: Date;
  handler: string;
  owner: string;
  result?: unknown;
  error?: unknown;
}

export interface ActivityLine {
  at: string;
  text: string;
  error?: boolean;
}

interface JobRun {
  job: string;
  slotKey: string;
  result?: Record<string, unknown>;
  error?: string;
}

const JOB_WORDS: Record<string, string> = {
  weekly: "wrote the weekly report",
  midweek: "wrote the midweek brief",
  "monthly-a": "wrote the monthly A-list",
};

/** One line per heartbeat that ran a job or failed, then one line counting the quiet ones. */
export function describeFires(fires: FireRecord[], nameOf: (email: string) => string): ActivityLine[] {
  const lines: ActivityLine[] = [];
  let quiet = 0;
  for (const f of fires) {
    const who = nameOf(f.owner);
    if (f.error) {
      lines.push({
        at: f.at.toISOString(),
        text: `${f.handler} for ${who} failed: ${errorText(f.error)}`,
        error: true,
      });
      continue;
    }
    const report = parse(f.result);
    const ran = Array.isArray(report?.ran) ? (report.ran as JobRun[]) : [];
    const did = ran.map((r) => describeJob(r, who)).filter((t) => t !== "");
    const failed = ran.some((r) => r.error);
    if (did.length === 0) quiet++;
    else lines.push({ at: f.at.toISOString(), text: did.join("; "), error: failed || undefined });
  }
  if (quiet > 0)
    lines.push({
      at: fires[fires.length - 1].at.toISOString(),
      text: `${quiet} hourly heartbeat${quiet === 1 ? "" : "s"} found nothing new`,
    });
  return lines;
}

function describeJob(run: JobRun, who: string): string {
  if (run.error) return `${run.job} for ${who} failed: ${run.error}`;
  const r = run.result ?? {};
  if (run.job === "pull") {
    const mails = Number(r.messages ?? 0);
    // A pull that found nothing new is a quiet tick.
    if (mails === 0 && Number(r.newInquiries ?? 0) === 0) return "";
    const parts = [`pulled ${mails} mail${mails === 1 ? "" : "s"} for ${who}`];
    const extra = [
      count(r.newInquiries, "new inquiry", "new inquiries"),
      count(r.repliesMatched, "reply matched", "replies matched"),
    ].filter(Boolean);
    if (extra.length > 0) parts.push(`(${extra.join(", ")})`);
    return parts.join(" ");
  }
  if (run.job === "campaigns") {
    const sent = Number(r.sent ?? 0);
    return sent > 0 ? `sent ${sent} campaign mail${sent === 1 ? "" : "s"} for ${who}` : "";
  }
  // The daily upkeep (due dates, returns from trips) runs every day; it is not news.
  if (run.job === "upkeep") return "";
  const words = JOB_WORDS[run.job] ?? `ran ${run.job}`;
  return typeof r.name === "string" && r.name !== "" ? `${words}: ${r.name}` : words;
}

function count(value: unknown, one: string, many: string): string {
  const n = Number(value ?? 0);
  return n > 0 ? `${n} ${n === 1 ? one : many}` : "";
}

function parse(result: unknown): Record<string, unknown> | undefined {
  if (typeof result !== "string") return typeof result === "object" ? (result as Record<string, unknown>) : undefined;
  try {
    return JSON.parse(result) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
