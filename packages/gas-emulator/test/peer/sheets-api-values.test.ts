import { sheetsApiValues } from "../../contract/suites/sheets-api-values";
import { runInVitest } from "./adapter";

runInVitest(sheetsApiValues);
