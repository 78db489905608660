/** Mail intake: the Gmail pull that turns every inquiry into a row matched to its buyer. This file is the feature's public surface: other folders import only from here. */
export { pullMailbox } from "./pull";
