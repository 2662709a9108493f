package dev.prefilter.engine.container.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A {@link ByteSource} over a node's seekable channel, so images are never read whole into memory. */
public final class ChannelSource implements ByteSource {

    private final SeekableByteChannel channel;
    private final long size;

    public ChannelSource(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length)
            throws IOException, ContainerFormatException {
        checkRange(position, length, "read");
        channel.position(position);
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw new ContainerFormatException(
                        "the image ended at offset " + (position + target.position() - offset) + " while " + length
                                + " bytes were expected at " + position);
            }
        }
    }
}
