package io.timerbeam.cli.hub;

/**
 * A file of a hub repository as the tree API lists it.
 *
 * @param path path inside the repository
 * @param size bytes
 * @param gitOid the git blob id (hex SHA-1 of "blob SIZE\0" and the content; of the LFS pointer for an LFS file)
 * @param sha256 hex SHA-256 of an LFS-stored file's content, or null for a plain git file
 */
public record HubFile(String path, long size, String gitOid, String sha256) {
  /** The id the hub's ETag gives and the Hugging Face cache names the blob by: the SHA-256 for LFS files, else the git blob id. */
  public String etag() {
    return sha256 != null ? sha256 : gitOid;
  }
}
