/**
 * The advapi32 / kernel32 functions of the model: thin wrappers over the Nt services that map
 * NTSTATUS to Win32 errors ({@code RtlNtStatusToDosError}).
 */
package io.github.tokenbridge.model.win32;
