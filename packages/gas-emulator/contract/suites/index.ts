/** Every portable suite, in the order runContracts() runs them. */
import type { ContractSuite } from "../harness";
import { peerDocsMailDrive } from "./peer-docs-mail-drive";
import { peerSheets } from "./peer-sheets";
import { peerUtilities } from "./peer-utilities";
import { projectFiles } from "./project-files";
import { sheetsApiValues } from "./sheets-api-values";
import { sheetsParsing } from "./sheets-parsing";

export const SUITES: ContractSuite[] = [
  sheetsParsing,
  peerSheets,
  peerUtilities,
  peerDocsMailDrive,
  sheetsApiValues,
  projectFiles,
];
