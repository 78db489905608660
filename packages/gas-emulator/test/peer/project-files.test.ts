import { projectFiles } from "../../contract/suites/project-files";
import { runInVitest } from "./adapter";

runInVitest(projectFiles);
