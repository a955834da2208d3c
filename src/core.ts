// The heavy half of the extension, bundled on its own as dist/core.js and required on first use
// (a server start, the chat view, an error to explain). It holds undici, zod and the protocol
// layer: about 2 MB that took ~130 ms to parse and run inside activation when it was one bundle.
// dist/extension.js keeps only the registrations. Everything whose identity matters across the
// split (error classes for instanceof, emitters with listeners) lives on this side only; a unit
// test checks which sources the two bundles share.
export { AttachedServer } from "./server/attached";
export { findOpencode, OpencodeNotFoundError, OpencodeUnusableError } from "./server/binary";
export { buildOpencodeConfig } from "./server/opencodeConfig";
export { ServerSupervisor } from "./server/supervisor";
export { FolderSession } from "./conversation/folderSession";
export { whenRunning } from "./server/whenRunning";
export { toUserMessage } from "./server/userMessage";
export { ChatHub } from "./chat/chatHub";
export { AskCenter } from "./approvals/askCenter";
export { EditReview } from "./review/editReview";
export { Runs } from "./runs/runs";
export { shownRunInput } from "./runs/runInput";
