import type { Command } from "./command";
import { CAMPAIGN_COMMANDS } from "./commands/campaign";
import { CORE_COMMANDS } from "./commands/core";
import { DUE_COMMANDS } from "./commands/due";
import { IMPORT_COMMANDS } from "./commands/import";
import { QUOTE_COMMANDS } from "./commands/quote";
import { REPORT_COMMANDS } from "./commands/report";
import { STAFF_COMMANDS } from "./commands/staff";

/** Every CLI command; each feature adds its file under commands/ and one entry here. */
export const COMMANDS: Command[] = [
  ...CORE_COMMANDS,
  ...STAFF_COMMANDS,
  ...REPORT_COMMANDS,
  ...DUE_COMMANDS,
  ...QUOTE_COMMANDS,
  ...CAMPAIGN_COMMANDS,
  ...IMPORT_COMMANDS,
];
