/**
 * The model's I/O manager: file objects as kernel objects (type FILE, the FILE_GENERIC_* mapping),
 * a name space that sends {@code \??\X} and {@code \Device\X} names to file-system drivers, and the
 * open-time access check, which every driver makes through the object manager's one check
 * ({@code ObjectManager.checkAccess}, i.e. {@code AccessCheck.checkObjectOpen}). Drivers: the
 * named-pipe file system ({@code npfs}); the disk file system implements {@link
 * io.github.tokenbridge.model.kernel.io.FileSystemDriver} the same way.
 */
package io.github.tokenbridge.model.kernel.io;
