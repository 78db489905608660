import { peerSheets } from "../../contract/suites/peer-sheets";
import { runInVitest } from "./adapter";

runInVitest(peerSheets);
