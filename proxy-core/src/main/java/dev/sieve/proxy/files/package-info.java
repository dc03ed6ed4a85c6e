/**
 * Files Sieve persists and watches: atomic state files ({@link dev.sieve.proxy.files.StateFiles}), files polled by
 * content ({@link dev.sieve.proxy.files.WatchedFile}), and the two-source admin state behind the kill switch and the
 * revocation list ({@link dev.sieve.proxy.files.FileBackedState}, shared with a fleet through
 * {@link dev.sieve.proxy.files.Sharing}).
 */
package dev.sieve.proxy.files;
