import { peerUtilities } from "../../contract/suites/peer-utilities";
import { runInVitest } from "./adapter";

runInVitest(peerUtilities);
