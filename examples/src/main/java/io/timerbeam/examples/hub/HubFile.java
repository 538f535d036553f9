package io.timerbeam.examples.hub;

/**
 * A file of a hub repository as the tree API lists it.
 *
 * @param path path inside the repository
 * @param size bytes
 * @param sha256 hex SHA-256 of an LFS-stored file, or null for a plain git file (then only the size is checked)
 */
public record HubFile(String path, long size, String sha256) {}
