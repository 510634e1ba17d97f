/**
 * Audit event decoding: JSON lines, single events, EventLists, arrays, gzip, stdin; records that are
 * not audit events are reported with where they were found and why.
 */
package dev.peregrine.event;
