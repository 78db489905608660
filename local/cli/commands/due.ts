import type { Command } from "../command";
import { fromJson } from "./core";

/** `npm run local -- refresh-due`: Buyers' "Next follow-up" and "Days overdue" brought up to the clock (R20, R23). */
export const refreshDue: Command = {
  name: "refresh-due",
  usage: "refresh-due [--book FILE] [--now ISO] [--as EMAIL]",
  describe: "Recompute every buyer's next follow-up and days overdue (the menu's Refresh due dates)",
  async run(session) {
    const result = fromJson(session.run("menuRefreshDue")) as {
      buyers: number;
      changed: number;
      overdue: number;
      dueToday: number;
      problems: string[];
    };
    const problems = result.problems.length > 0 ? `\n${result.problems.join("\n")}` : "";
    return {
      json: result,
      text: `${result.buyers} buyers: ${result.changed} updated, ${result.overdue} overdue, ${result.dueToday} due today.${problems}`,
    };
  },
};

export const DUE_COMMANDS: Command[] = [refreshDue];
