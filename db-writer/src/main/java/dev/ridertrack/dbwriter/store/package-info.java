/**
 * The MongoDB side: the collections and indexes the history lives in, created at start,
 * and the client settings (timeouts, a counter of write commands).
 */
package dev.ridertrack.dbwriter.store;
