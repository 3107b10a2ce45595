/**
 * The model's named-pipe file system ({@code \Device\NamedPipe}): pipes with one shared security
 * descriptor (P8), instances, message and byte mode, listening, connected, closing and
 * disconnected states with Windows' errors (P10-P12), and the client's security captured through
 * the security reference monitor's client-security routines (P13-P25; docs/rules.md part P).
 */
package io.github.tokenbridge.model.kernel.io.npfs;
