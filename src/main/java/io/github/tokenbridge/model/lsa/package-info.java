/**
 * The local security authority of a model world, outside the kernel as on Windows: the accounts a
 * preset knows and the logons that make tokens for them.
 */
package io.github.tokenbridge.model.lsa;
