import { type Command, option, requireOption } from "../command";

/** Parses a JSON string an entry point returned; entry points return JSON so google.script.run can carry it. */
export function fromJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export const setup: Command = {
  name: "setup",
  usage: "setup [--book FILE] [--as EMAIL] [--now ISO]",
  describe: "Set up (or upgrade) the workbook and start the schedule for the acting user",
  async run(session) {
    const result = fromJson(session.run("menuSetup")) as {
      created: string[];
      upgraded: string[];
      staffAdded: string | null;
    };
    const schedule = session.run("menuStartSchedule");
    return {
      json: { ...result, schedule },
      text: `Workbook ${session.bookPath}: created ${result.created.length} sheets (${result.created.join(", ") || "none"}), upgraded ${result.upgraded.length}; schedule ${schedule}.`,
    };
  },
};

export const tick: Command = {
  name: "tick",
  usage: "tick [--as EMAIL] [--now ISO]",
  describe: "Run one heartbeat as the acting user's time trigger would",
  async run(session) {
    const report = fromJson(session.tick()) as {
      ran: { job: string; slotKey: string; error?: string }[];
      stopped?: string;
    };
    const text = report.stopped
      ? `Heartbeat stopped: ${report.stopped}`
      : report.ran.length === 0
        ? "Heartbeat: nothing due."
        : `Heartbeat ran: ${report.ran.map((r) => `${r.slotKey}${r.error ? ` (failed: ${r.error})` : ""}`).join(", ")}`;
    return { json: report, text };
  },
};

export const runUntil: Command = {
  name: "run-until",
  usage: "run-until ISO [--book FILE]",
  describe: "Advance the emulator clock to ISO, firing every installed trigger when due",
  async run(session, args) {
    const until = args.positional[0] ?? requireOption(args, "until");
    const fires = session.env.scheduler.runUntil(until);
    const lines = fires.map(
      (f) => `${f.at.toISOString()} ${f.handler} as ${f.owner}${f.error ? ` FAILED: ${String(f.error)}` : ""}`,
    );
    return {
      json: {
        until,
        fires: fires.map((f) => ({
          at: f.at.toISOString(),
          handler: f.handler,
          owner: f.owner,
          error: f.error ? String(f.error) : undefined,
        })),
      },
      text: `Clock now ${session.env.ctx.clock.now().toISOString()}; ${fires.length} trigger runs.\n${lines.join("\n")}`,
    };
  },
};

export const pull: Command = {
  name: "pull",
  usage: "pull --mail DIR [--book FILE] [--now ISO] [--as EMAIL] [--json]",
  describe: "Import the acting user's mailbox from DIR/<address>/*.eml",
  async run(session, args) {
    if (!option(args, "mail"))
      throw new Error("pull needs --mail DIR (a folder with one sub-folder of .eml files per user)");
    const result = fromJson(session.run("menuPullNow")) as {
      newBuyers: number;
      newInquiries: number;
      repliesMatched: number;
      possibleDuplicates: number;
      unsubscribed?: number;
      skipped: Record<string, number>;
      problems: string[];
      partial: boolean;
      messages: number;
      mailbox: string;
    };
    const skipped =
      Object.entries(result.skipped)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "none";
    return {
      json: result,
      text: [
        `Pulled ${result.mailbox}: ${result.messages} messages read${result.partial ? " (stopped at the time budget; run again to continue)" : ""}.`,
        `  new buyers ${result.newBuyers} (possible duplicates ${result.possibleDuplicates}), new inquiries ${result.newInquiries}, replies matched ${result.repliesMatched}, unsubscribed ${result.unsubscribed ?? 0}`,
        `  skipped: ${skipped}`,
        ...(result.problems.length > 0
          ? [`  problems (${result.problems.length}):`, ...result.problems.slice(0, 20).map((p) => `    - ${p}`)]
          : []),
      ].join("\n"),
    };
  },
};

export const CORE_COMMANDS = [setup, tick, runUntil, pull];
