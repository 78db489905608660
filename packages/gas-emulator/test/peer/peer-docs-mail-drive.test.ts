import { peerDocsMailDrive } from "../../contract/suites/peer-docs-mail-drive";
import { runInVitest } from "./adapter";

runInVitest(peerDocsMailDrive);
