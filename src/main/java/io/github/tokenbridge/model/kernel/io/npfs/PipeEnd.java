package io.github.tokenbridge.model.kernel.io.npfs;

/**
 * One end of a pipe instance as a file object holds it (npfs's CCB with its end): the server end
 * or the client end, and whether it reads in message mode.
 *
 * @param instance        the instance
 * @param server          true for the server end
 * @param readModeMessage reads return one message at a time
 * @param generation      for a client end, the connection it belongs to (PipeInstance.generation)
 */
record PipeEnd(PipeInstance instance, boolean server, boolean readModeMessage, int generation) {
}
