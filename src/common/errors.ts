/** Errors of the pure layers. `toUserMessage` turns any of them into a sentence a user can act on. */

/** The server process exited, or never said it was listening. `outputTail` is its last output lines. */
export class ServerStartError extends Error {
  constructor(message: string, readonly outputTail: string, readonly exitCode: number | null = null) {
    super(message);
    this.name = "ServerStartError";
  }
}

/** A request answered with an unexpected HTTP status. `body` is kept short: it may echo user data. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly endpoint: string, readonly body = "") {
    super(`${endpoint} answered HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ""}`);
    this.name = "HttpError";
  }
}

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`);
    this.name = "TimeoutError";
  }
}
