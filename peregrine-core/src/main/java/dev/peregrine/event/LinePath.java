package dev.peregrine.event;

/** How a decoder reads complete lines held in memory (the results are the same). */
enum LinePath {
  /** Every byte through the streaming (non-blocking) parser. */
  STREAMING,
  /** Whole lines through Jackson's blocking parser ({@link LineDecoder}). */
  JACKSON,
  /** Whole lines through {@link LineScanner} first, Jackson's blocking parser where it declines. */
  SCANNER
}
