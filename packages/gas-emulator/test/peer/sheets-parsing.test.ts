import { sheetsParsing } from "../../contract/suites/sheets-parsing";
import { runInVitest } from "./adapter";

runInVitest(sheetsParsing);
