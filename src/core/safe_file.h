/*
 * Files that appear whole or not at all, and survive a power cut once
 * written: the data goes to a temporary file beside the target (created
 * with O_EXCL and the final mode, so a secret is never readable by others
 * even for a moment), is flushed to disk, then renamed over the target, and
 * the folder is flushed so the rename itself is durable.
 */
#ifndef ALLWEDD_SAFE_FILE_H
#define ALLWEDD_SAFE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Write len bytes of data to path (replacing it) with mode. false with
 * "PATH: reason" in err; path is then as it was and no temporary remains. */
bool safe_file_write(const char *path, const void *data, size_t len, mode_t mode, char *err,
                     size_t errlen);

/* Flush a folder's entries (after creating or renaming in it). false with
 * "PATH: reason" in err. */
bool safe_file_sync_dir(const char *path, char *err, size_t errlen);

/* The folder part of path ("." when it has none) into out. */
void safe_file_dirname(const char *path, char *out, size_t outlen);

#endif
